/**
 * Verifies the hash chains of a clinic's audit log, as held on its CouchDB server or in an export.
 *
 *   npm run audit:verify -- <url-with-credentials> [--prefix clinic]
 *   npm run audit:verify -- --file export.json
 *
 * Exit code 0: every chain intact; 1: a chain is broken; 2: the log could not be read.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatChainReport, verifyChains } from '../src/shared/audit/chain';
import { DbPrefixSchema } from '../src/shared/settings/channels';
import { AuditReadError, auditDbName, entriesFromExport, readAuditLog } from '../src/main/audit/readAuditLog';

const HELP = `Usage: npm run audit:verify -- <url> [--prefix clinic]
       npm run audit:verify -- --file <export.json>

  <url>           the CouchDB server with the credentials of a user who may
                  read the audit database, e.g. https://auditor:secret@couch.example.org:6984
  --prefix <p>    database name prefix of this clinic (default clinic);
                  the entries are read from <prefix>_audit
  --file <f>      verify an exported log instead: a JSON array of entries,
                  or { "entries": [...] }
  --help          show this text

Checks that no audit entry was changed, removed, added or re-ordered.
Exit code 0 when every workstation's chain is intact, 1 when one is broken,
2 when the log could not be read.`;

const EXIT_INTACT = 0;
const EXIT_BROKEN = 1;
const EXIT_UNREADABLE = 2;

function fail(message: string): never {
  console.error(`audit:verify: ${message}`);
  process.exit(EXIT_UNREADABLE);
}

async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parse() {
  try {
    return parseArgs({
      options: {
        prefix: { type: 'string', default: 'clinic' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
  }
}

async function entriesFromFile(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return fail(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return entriesFromExport(JSON.parse(text));
  } catch (err) {
    return fail(`${path}: ${err instanceof SyntaxError ? `not valid JSON (${err.message})` : (err as Error).message}`);
  }
}

async function entriesFromServer(server: string, prefixArg: string): Promise<unknown[]> {
  const prefix = DbPrefixSchema.safeParse(prefixArg);
  if (!prefix.success) fail(`--prefix "${prefixArg}": ${prefix.error.issues[0]?.message ?? 'not valid'}`);
  try {
    const log = await readAuditLog({ server, prefix: prefix.data, fetch });
    console.log(`Server: ${log.server}, database ${log.database}`);
    return log.entries;
  } catch (err) {
    if (err instanceof AuditReadError) fail(err.message);
    return fail(`reading ${auditDbName(prefix.data)} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const { values, positionals } = parse();
if (values.help) {
  console.log(HELP);
  process.exit(EXIT_INTACT);
}
if (values.file !== undefined && positionals.length > 0) fail(`give either a server URL or --file, not both.\n\n${HELP}`);
if (values.file === undefined && positionals.length !== 1) fail(`give exactly one server URL, or --file.\n\n${HELP}`);

const entries =
  values.file !== undefined
    ? await entriesFromFile(values.file)
    : await entriesFromServer(positionals[0] ?? '', values.prefix);

const report = await verifyChains(entries, sha256Hex);
console.log(formatChainReport(report));
if (report.ok && report.chains.length > 0) {
  console.log(
    "Note: the chains cannot show whether a workstation's most recent entries were removed; " +
      "compare each workstation's last entry with the log on the workstation itself.",
  );
}
process.exit(report.ok ? EXIT_INTACT : EXIT_BROKEN);
