import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WebHostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `src/main/host/web.ts` (main's real services) on a free port with its own data folder;
 * with `printersDir`, every folder in it is a printer the host prints to as PDF files.
 */
export async function startHostProcess(options: { rendererDir?: string; printersDir?: string } = {}): Promise<WebHostProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/host/web.ts', '--port', '0', '--data-dir', dataDir, '--check-every', '1', ...(options.rendererDir ? ['--renderer-dir', options.rendererDir] : []), ...(options.printersDir ? ['--printers', options.printersDir] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // DEBUG_HOST=1 shows the host's own log, for looking into a failing test.
      if (process.env['DEBUG_HOST']) process.stdout.write(chunk);
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The web host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
