/**
 * Run before `npm start`, `npm run dev` and `npm run dist`: checks that this Node can run the
 * desktop app and downloads Electron's binary if it is not there yet. Exit code 0: ready; 1: not
 * (one sentence on standard error says why and what to do).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureElectron } from './electron/ensureElectron';

const projectDir = path.resolve(import.meta.dirname, '..');

function electronDir(): string | null {
  try {
    return path.dirname(createRequire(path.join(projectDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const code = ensureElectron({
  nodeVersion: process.versions.node,
  env: process.env,
  electronDir: electronDir(),
  execPath: process.execPath,
  exists: existsSync,
  readFile(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
  spawn(command, args) {
    // Electron's installer prints a bare stack trace when it fails; the reason goes into one sentence.
    const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    return { status: result.status, error: result.error, stderr: result.stderr ?? '' };
  },
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exit(code);
