/**
 * Prepares a clinic's CouchDB server: one database per synced collection, access limited to the
 * clinic's role, and the write rules that keep records well-formed and the ledger append-only.
 *
 *   npm run couchdb:setup -- <url-with-admin-credentials> [--prefix clinic] [--role clinicdesk]
 */
import nano from 'nano';
import { parseArgs } from 'node:util';
import { DbPrefixSchema } from '../src/shared/settings/channels';
import { DEFAULT_ROLE, checkRole, setupClinicDatabases } from '../src/main/sync/couchSetup';

const HELP = `Usage: npm run couchdb:setup -- <url> [--prefix clinic] [--role ${DEFAULT_ROLE}]

  <url>           the CouchDB server with a server admin's credentials,
                  e.g. https://admin:secret@couch.example.org:6984
  --prefix <p>    database name prefix of this clinic (default clinic)
  --role <r>      role that workstation users must have (default ${DEFAULT_ROLE})
  --help          show this text

Creates the missing <prefix>_<collection> databases, lets only members with
the role (and server admins) read and write them, and installs the
_design/clinicdesk validation rules. Safe to run again.`;

function fail(message: string): never {
  console.error(`couchdb:setup: ${message}`);
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      options: {
        prefix: { type: 'string', default: 'clinic' },
        role: { type: 'string', default: DEFAULT_ROLE },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
  }
}

/** Turns nano's failures into what the person running setup needs to do. */
function explain(err: unknown, shownUrl: string): string {
  const e = err as { statusCode?: unknown; reason?: unknown; message?: unknown };
  const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
  if (e.statusCode === 401) return `the server refused the admin user name or password (401: ${reason}).`;
  if (e.statusCode === 403) return `the user in the URL is not allowed to do this; use a server admin (403: ${reason}).`;
  if (typeof e.statusCode === 'number') return `the server answered ${e.statusCode}: ${reason}`;
  // nano wraps connection failures as "error happened in your connection. Reason: Error: …".
  const cause = /Reason: (?:\w*Error: )?(.*)$/s.exec(reason)?.[1] ?? reason;
  return `cannot reach ${shownUrl}: ${cause}. Is CouchDB running, and is the address right?`;
}

const { values, positionals } = parse();
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (positionals.length !== 1) fail(`give exactly one server URL.\n\n${HELP}`);

const rawUrl = positionals[0] ?? '';
let url: URL;
try {
  url = new URL(rawUrl);
} catch {
  fail(`"${rawUrl}" is not a URL; expected e.g. http://admin:secret@127.0.0.1:5984`);
}
if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('the server URL must start with http:// or https://');
const shownUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
if (!url.username || !url.password) {
  console.warn(`couchdb:setup: no credentials in the URL; Apache CouchDB will refuse this (only the development sync-server accepts it).`);
}

const prefix = DbPrefixSchema.safeParse(values.prefix);
if (!prefix.success) fail(`--prefix "${values.prefix}": ${prefix.error.issues[0]?.message ?? 'not valid'}`);
try {
  checkRole(values.role);
} catch (err) {
  fail(`--role: ${err instanceof Error ? err.message : String(err)}`);
}

try {
  const server = nano({ url: url.href });
  const results = await setupClinicDatabases(server, { prefix: prefix.data, role: values.role });
  console.log(`Server: ${shownUrl}`);
  for (const r of results) {
    const changes = [
      r.created ? 'created' : 'already existed',
      r.securityChanged ? `access limited to role "${values.role}"` : 'access already limited',
      r.designChanged ? 'validation rules installed' : 'validation rules up to date',
    ];
    console.log(`  ${r.db}: ${changes.join(', ')}`);
  }
  console.log(
    `Done. Give each workstation's CouchDB user the role "${values.role}" (never the server admin), ` +
      `and enter "${prefix.data}" as the database prefix in its Settings.`,
  );
} catch (err) {
  fail(explain(err, shownUrl));
}
