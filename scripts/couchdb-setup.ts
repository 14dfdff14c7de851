/**
 * Prepares a clinic's CouchDB server: one database per synced collection, access limited to the
 * clinic's role, the write rules that keep records well-formed and the ledger append-only, one
 * user per workstation and, for an office server, replication with headquarters.
 *
 *   npm run couchdb:setup -- <url-with-admin-credentials> [--prefix clinic] [--role clinicdesk]
 *     [--workstation <name>]... [--reset-password]
 *     [--replicate-with <url-with-credentials> [--remote-prefix <p>] [--local-url <url>] | --stop-replicating]
 *     [--restored]
 */
import nano from 'nano';
import { parseArgs } from 'node:util';
import { DbPrefixSchema } from '../src/shared/settings/channels';
import { SetupError, type CouchRequester } from '../src/main/sync/couchRequester';
import { DEFAULT_ROLE, checkRole, setupClinicDatabases } from '../src/main/sync/couchSetup';
import { loginFromUrl, setupReplication, stopReplication, type ServerLogin } from '../src/main/sync/officeReplication';
import { removeEpochMarks } from '../src/main/sync/restoredDatabases';
import { checkWorkstationName, setupWorkstationUsers } from '../src/main/sync/workstationUsers';

const HELP = `Usage: npm run couchdb:setup -- <url> [options]

  <url>                  the CouchDB server with a server admin's credentials,
                         e.g. https://admin:secret@couch.example.org
  --prefix <p>           database name prefix of this clinic (default clinic)
  --role <r>             role that workstation users must have (default ${DEFAULT_ROLE})
  --workstation <name>   make sure this workstation has its own CouchDB user with
                         the role (repeat for each workstation); a new user's
                         password is printed once
  --reset-password       give the named existing workstation users new passwords
  --replicate-with <url> replicate every clinic database both ways, continuously,
                         with the same databases on another server (headquarters),
                         signing in there as the user in this URL,
                         e.g. https://office-north:secret@hq.example.org
  --remote-prefix <p>    the clinic's prefix on that server (default: --prefix)
  --local-url <url>      how this server's replicator reaches this server itself
                         (default: <url>); credentials in it replace the admin's
  --stop-replicating     remove this clinic's replications with the other server
  --restored             after restoring the databases from a copy of the server's
                         files: remove each database's mark, so every workstation
                         pulls it in full and sends all its records again
  --help                 show this text

Creates the missing <prefix>_<collection> databases, lets only members with
the role (and server admins) read and write them, and installs the
_design/clinicdesk validation rules. Safe to run again: what is already right
is left as it is, and existing users keep their passwords.`;

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
        workstation: { type: 'string', multiple: true, default: [] },
        'reset-password': { type: 'boolean', default: false },
        'replicate-with': { type: 'string' },
        'remote-prefix': { type: 'string' },
        'local-url': { type: 'string' },
        'stop-replicating': { type: 'boolean', default: false },
        restored: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
  }
}

/** Turns failures into what the person running setup needs to do. */
function explain(err: unknown, shownUrl: string): string {
  if (err instanceof SetupError) return err.message;
  const e = err as { statusCode?: unknown; reason?: unknown; message?: unknown };
  const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
  if (e.statusCode === 401) return `the server refused the admin user name or password (401: ${reason}).`;
  if (e.statusCode === 403) return `the user in the URL is not allowed to do this; use a server admin (403: ${reason}).`;
  if (typeof e.statusCode === 'number') return `the server answered ${e.statusCode}: ${reason}`;
  // nano wraps connection failures as "error happened in your connection. Reason: Error: …".
  const cause = /Reason: (?:\w*Error: )?(.*)$/s.exec(reason)?.[1] ?? reason;
  return `cannot reach ${shownUrl}: ${cause}. Is CouchDB running, and is the address right?`;
}

function login(raw: string, option: string): ServerLogin {
  try {
    return loginFromUrl(raw);
  } catch (err) {
    return fail(`${option}: ${err instanceof Error ? err.message : String(err)}`);
  }
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
  fail(`"${rawUrl.replace(/\/\/[^@/]*@/, '//…@')}" is not a URL; expected e.g. http://admin:secret@127.0.0.1:5984`);
}
if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('the server URL must start with http:// or https://');
const shownUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
if (!url.username || !url.password) {
  console.warn(`couchdb:setup: no credentials in the URL; Apache CouchDB will refuse this (only the development sync-server accepts it).`);
}

const prefix = DbPrefixSchema.safeParse(values.prefix);
if (!prefix.success) fail(`--prefix "${values.prefix}": ${prefix.error.issues[0]?.message ?? 'not valid'}`);
const clinicPrefix = prefix.data;
try {
  checkRole(values.role);
} catch (err) {
  fail(`--role: ${err instanceof Error ? err.message : String(err)}`);
}

const workstations = values.workstation;
for (const name of workstations) {
  try {
    checkWorkstationName(name);
  } catch (err) {
    fail(`--workstation: ${err instanceof Error ? err.message : String(err)}`);
  }
}
if (values['reset-password'] && workstations.length === 0) fail('--reset-password needs the --workstation whose password to replace.');

const replicateWith = values['replicate-with'];
if (replicateWith !== undefined && values['stop-replicating']) fail('give either --replicate-with or --stop-replicating, not both.');
if (replicateWith === undefined && (values['remote-prefix'] !== undefined || values['local-url'] !== undefined)) {
  fail('--remote-prefix and --local-url go with --replicate-with.');
}
let replication: { remote: ServerLogin; local: ServerLogin; remotePrefix: string } | null = null;
if (replicateWith !== undefined) {
  const remote = login(replicateWith, '--replicate-with');
  if (!remote.username || !remote.password) {
    fail('--replicate-with: put the user name and password the replicator signs in with into the URL, e.g. https://office-north:secret@hq.example.org');
  }
  const admin = login(rawUrl, 'the server URL');
  const localUrl = values['local-url'] === undefined ? admin : login(values['local-url'], '--local-url');
  const local = localUrl.username ? localUrl : { ...localUrl, username: admin.username, password: admin.password };
  const remotePrefix = DbPrefixSchema.safeParse(values['remote-prefix'] ?? clinicPrefix);
  if (!remotePrefix.success) fail(`--remote-prefix "${values['remote-prefix']}": ${remotePrefix.error.issues[0]?.message ?? 'not valid'}`);
  replication = { remote, local, remotePrefix: remotePrefix.data };
}

async function run(server: CouchRequester): Promise<void> {
  const results = await setupClinicDatabases(server, { prefix: clinicPrefix, role: values.role });
  console.log(`Server: ${shownUrl}`);
  for (const r of results) {
    const changes = [
      r.created ? 'created' : 'already existed',
      r.securityChanged ? `access limited to role "${values.role}"` : 'access already limited',
      r.designChanged ? 'validation rules installed' : 'validation rules up to date',
    ];
    console.log(`  ${r.db}: ${changes.join(', ')}`);
  }

  if (workstations.length > 0) {
    const users = await setupWorkstationUsers(server, {
      names: workstations,
      role: values.role,
      resetPassword: values['reset-password'],
    });
    console.log(`Workstation users (role "${values.role}"):`);
    for (const u of users) {
      const what = u.created
        ? 'created'
        : [
            'already existed',
            u.roleAdded ? `role "${values.role}" added` : null,
            u.password ? 'password replaced' : 'password unchanged',
          ]
            .filter(Boolean)
            .join(', ');
      console.log(`  ${u.name}: ${what}${u.password ? `; password: ${u.password}` : ''}`);
    }
    if (users.some((u) => u.password)) {
      console.log(
        '  Each password is shown only this once and kept nowhere else: type it, with the user name, into that ' +
          "workstation's Settings now.",
      );
    }
  }

  if (replication) {
    const replicated = await setupReplication(server, {
      prefix: clinicPrefix,
      remotePrefix: replication.remotePrefix,
      local: replication.local,
      remote: replication.remote,
    });
    console.log(`Replication with ${replication.remote.url} (signed in there as "${replication.remote.username}"):`);
    for (let i = 0; i < replicated.length; i += 2) {
      const push = replicated[i];
      const pull = replicated[i + 1];
      if (!push || !pull) continue;
      console.log(`  ${push.db} <-> ${push.remoteDb}: sending ${push.change}, receiving ${pull.change}`);
    }
  }
  if (values['stop-replicating']) {
    const stopped = await stopReplication(server, { prefix: clinicPrefix });
    const removed = stopped.filter((s) => s.removed).length;
    console.log(removed > 0 ? `Replication stopped: ${removed} replication documents removed.` : 'No replication of this clinic was set up on this server.');
  }

  if (values.restored) {
    const marks = await removeEpochMarks(server, { prefix: clinicPrefix });
    for (const m of marks) console.log(`  ${m.db}: ${m.removed ? 'mark removed' : 'no mark (nothing to do)'}`);
    console.log('Each workstation now pulls these databases in full at its next sync and sends all of its records again.');
  }

  console.log(
    `Done. Each workstation signs in with its own CouchDB user (never the server admin) and uses "${clinicPrefix}" ` +
      'as the database prefix in its Settings.',
  );
}

try {
  await run(nano({ url: url.href }));
} catch (err) {
  fail(explain(err, shownUrl));
}
