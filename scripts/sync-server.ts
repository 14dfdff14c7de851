/**
 * A CouchDB-compatible sync server for demos and development: express-pouchdb over PouchDB's
 * LevelDB storage in a folder, reachable from this computer only.
 *
 *   npm run sync-server -- [--port 5984] [--dir .sync-data]
 */
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `Usage: npm run sync-server -- [--port 5984] [--dir .sync-data]

Starts a CouchDB-compatible server for demos and development on 127.0.0.1.
Data is kept on disk (LevelDB) in the folder given by --dir.

  --port <n>   TCP port (default 5984; 0 picks a free one)
  --dir <dir>  data folder (default .sync-data)
  --help       show this text

It accepts any user name and password, and it stores a database's _security
without enforcing it; it does run validate_doc_update rules, so
npm run couchdb:setup -- http://127.0.0.1:5984 works against it.
Production clinics use Apache CouchDB 3.x, set up with npm run couchdb:setup.`;

type PouchStatic = { defaults(options: Record<string, unknown>): PouchStatic };
type ExpressPouchDb = (
  pouch: PouchStatic,
  options: { mode: 'minimumForPouchDB'; overrideMode: { include: string[] } },
) => RequestListener;

function fail(message: string): never {
  console.error(`sync-server: ${message}\n\n${HELP}`);
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '5984' },
        dir: { type: 'string', default: '.sync-data' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

const args = parse();
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.port}"`);
const dir = resolve(args.dir);
mkdirSync(dir, { recursive: true });

// PouchDB and express-pouchdb ship no type definitions; only the calls below are used.
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchStatic;
const expressPouchDb = require('express-pouchdb') as ExpressPouchDb;

// In Node, PouchDB's default adapter is LevelDB; `prefix` puts each database's folder in `dir`.
const DiskPouch = PouchDB.defaults({ prefix: `${dir}/` });
// The minimum mode answers everything replication needs; `validation` and `routes/security` let
// the setup command install the clinic's rules here as it does on CouchDB.
const app = expressPouchDb(DiskPouch, {
  mode: 'minimumForPouchDB',
  overrideMode: { include: ['validation', 'routes/security'] },
});
const server = createServer(app);

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') fail(`port ${port} is already in use (is CouchDB or another sync-server running?)`);
  fail(err.message);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Sync server listening on http://127.0.0.1:${actualPort}`);
  console.log(`Data folder: ${dir}`);
  console.log(
    'For demos and development only: it accepts any password and does not enforce database security.\n' +
      'Production clinics use Apache CouchDB 3.x (set it up with npm run couchdb:setup).',
  );
});

const shutdown = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
