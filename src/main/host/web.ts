import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMain } from '../composition';
import { createChromiumPdfRenderer } from '../print/chromiumPdf';
import { createFolderPrinter } from '../print/folderPrinter';
import { keyFileSecretBox } from '../settings/secretBox';
import { defaultWebDataDir } from './webDataDir';
import { PortInUseError, startWebHost } from './webHost';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['CLINICDESK_PORT'] ?? '5174' },
    'data-dir': { type: 'string', default: defaultWebDataDir(process.env, homedir()) },
    'renderer-dir': { type: 'string', default: path.resolve('out/renderer') },
    'check-every': { type: 'string', default: '15' },
    printers: { type: 'string', default: process.env['CLINICDESK_PRINTERS_DIR'] ?? '' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run web -- [--port 5174] [--data-dir DIR] [--renderer-dir out/renderer] [--check-every SECONDS] [--printers DIR]');
  console.log('  --printers DIR  every folder in DIR is a printer; what is printed to it is written there as a PDF');
  process.exit(0);
}

const dataDir = path.resolve(values['data-dir']);
const host = await startWebHost({ rendererDir: values['renderer-dir'], port: Number(values.port) }).catch((error: unknown) => {
  if (!(error instanceof PortInUseError)) throw error;
  console.error(error.message);
  return process.exit(1);
});
const pdf = createChromiumPdfRenderer({});
const main = await createMain({
  host: 'web',
  version: process.env['npm_package_version'] ?? '0.0.0',
  dataDir,
  secrets: keyFileSecretBox(path.join(dataDir, 'secret.key')),
  pdf,
  printer: values.printers ? createFolderPrinter({ dir: path.resolve(values.printers), pdf, now: () => new Date() }) : null,
  fetch: globalThis.fetch,
  broadcast: (name, payload) => host.broadcast(name, payload),
  connectivityIntervalMs: Math.max(1, Number(values['check-every'])) * 1000,
});
host.setDispatch(main.dispatch);

console.log(`ClinicDesk is running at ${host.url}`);
console.log(`Data folder: ${dataDir}`);

const shutdown = async () => {
  await main.stop();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
