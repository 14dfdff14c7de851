import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/audit/auditEntry';
import { nextLink, sealEntry } from '../../../src/shared/audit/chain';
import {
  AuditReadError,
  couchDocToAuditEntry,
  readAuditLog,
  type FetchLike,
} from '../../../src/main/audit/readAuditLog';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../../support/couchServer';
import { sha256Hex } from '../../support/sha256';

const usingCouchDb = Boolean(process.env.COUCHDB_URL);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WS_A = 'ws-front-desk-1';
const WS_B = 'ws-front-desk-2';
const WRITERS = [WS_A, WS_B, WS_A, WS_A, WS_B, WS_A, WS_B, WS_B, WS_A, WS_A, WS_B, WS_A];

let server: CouchServer;
let prefix: string;
let db: string;
let entries: AuditEntry[];
let tmp: string;

/** The server URL with the test user's credentials, as a person would type it. */
function serverUrl(password = server.password): string {
  const url = new URL(server.url);
  url.username = encodeURIComponent(server.username);
  url.password = encodeURIComponent(password);
  return url.href;
}

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/audit-verify.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function buildEntries(): Promise<AuditEntry[]> {
  const last = new Map<string, AuditEntry>();
  const out: AuditEntry[] = [];
  for (const [i, workstationId] of WRITERS.entries()) {
    const link = nextLink(last.get(workstationId) ?? null);
    const entry = await sealEntry(
      {
        id: `${workstationId}-${link.seq}`,
        workstationId,
        seq: link.seq,
        at: new Date(Date.UTC(2026, 2, 2, 14, i)).toISOString(),
        siteId: 'main',
        actor: 'desk1',
        actorName: 'Dana Díaz',
        action: i % 4 === 0 ? 'payment' : 'view',
        patientId: `p-${i % 3}`,
        subject: `patients/p-${i % 3}`,
        changes: [],
        detail: i % 4 === 0 ? 'Copay $25.00, card' : '',
        approvedBy: null,
        prevHash: link.prevHash,
      },
      sha256Hex,
    );
    last.set(workstationId, entry);
    out.push(entry);
  }
  return out;
}

/** An entry as RxDB's CouchDB replication stores it: the primary key `id` travels as `_id`. */
function asCouchDoc(entry: AuditEntry): Record<string, unknown> {
  const { id, ...rest } = entry;
  return { _id: id, ...rest };
}

beforeAll(async () => {
  server = await startCouchServer();
  prefix = uniqueDbPrefix();
  db = `${prefix}_audit`;
  tmp = await mkdtemp(join(tmpdir(), 'audit-verify-'));
  entries = await buildEntries();
  await server.createDb(db);
  for (const entry of entries) await server.putDoc(db, asCouchDoc(entry));
  // Setup installs validation rules in every clinic database; they are not entries.
  await server.putDoc(db, { _id: '_design/clinicdesk', validate_doc_update: 'function () {}' });
});

afterAll(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe(`audit:verify against ${usingCouchDb ? 'Apache CouchDB' : 'express-pouchdb'}`, () => {
  it('reads every entry a page at a time, as the entries RxDB replicated', async () => {
    const pages: number[] = [];
    const log = await readAuditLog({
      server: serverUrl(),
      prefix,
      fetch,
      pageSize: 5,
      onProgress: (read) => pages.push(read),
    });
    expect(log).toMatchObject({ server: server.url, database: db });
    expect(pages).toEqual([5, 10, 13]);
    const byId = (x: { id?: unknown }, y: { id?: unknown }) => String(x.id).localeCompare(String(y.id));
    expect([...log.entries].sort(byId)).toEqual([...entries].sort(byId));
  });

  it('exits 0 and says the chains are intact', async () => {
    const result = await runScript([serverUrl(), '--prefix', prefix]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Server: ${server.url}, database ${db}`);
    expect(result.stdout).toContain(`Workstation ${WS_A}: 7 entries, chain intact`);
    expect(result.stdout).toContain(`Workstation ${WS_B}: 5 entries, chain intact`);
    expect(result.stdout).toContain('All 2 workstation chains are intact.');
    expect(result.stdout).not.toContain(server.password);
  });

  it('verifies an export file the same way', async () => {
    const file = join(tmp, 'export.json');
    await writeFile(file, JSON.stringify({ entries }), 'utf8');
    const result = await runScript(['--file', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('All 2 workstation chains are intact.');
  });

  it('exits 1 and names the entry after a document was changed on the server', async () => {
    const target = entries.find((e) => e.workstationId === WS_A && e.seq === 4) as AuditEntry;
    const doc = await server.getDoc(db, target.id);
    expect(doc?._rev).toBeTruthy();
    await server.putDoc(db, { ...doc, detail: 'Viewed by mistake' });

    const result = await runScript([serverUrl(), '--prefix', prefix]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `Workstation ${WS_A}: 7 entries, BROKEN at entry 4 (id ${target.id}): the entry was changed after it was written`,
    );
    expect(result.stdout).toContain(`Workstation ${WS_B}: 5 entries, chain intact`);
    expect(result.stdout).toContain('1 of 2 workstation chains are BROKEN.');
  });

  it('exits 2 with a clear message when the database does not exist', async () => {
    const wrong = uniqueDbPrefix();
    const result = await runScript([serverUrl(), '--prefix', wrong]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`audit:verify: there is no database ${wrong}_audit on ${server.url} (404`);
    expect(result.stderr).toContain('Check --prefix');
  });

  it.runIf(usingCouchDb)('exits 2 when CouchDB refuses the password', async () => {
    const result = await runScript([serverUrl('not-the-password'), '--prefix', prefix]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the server refused the user name or password in the URL (401');
  });

  it.each([
    [[], /give exactly one server URL, or --file\.\n\nUsage:/],
    [['not a url'], /"not a url" is not a URL/],
    [['ftp://couch.example.org'], /must start with http:\/\/ or https:\/\//],
    [['http://127.0.0.1:5984', '--prefix', 'Bad-Prefix'], /--prefix "Bad-Prefix": Use lower-case letters/],
    [['http://127.0.0.1:5984', '--file', 'x.json'], /either a server URL or --file, not both/],
    [['--file', '/nonexistent/export.json'], /cannot read \/nonexistent\/export\.json/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const result = await runScript(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 when the server cannot be reached', async () => {
    // A port that was just free: nothing listens there.
    const { createServer } = await import('node:net');
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const result = await runScript([`http://u:p@127.0.0.1:${port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED .*Is CouchDB running/);
  });
});

describe('readAuditLog', () => {
  type Call = { url: string; headers: Record<string, string> };

  /** A fetch that answers each request with the next of `answers` and records what was asked. */
  function fakeFetch(answers: Array<{ status: number; body: unknown }>): { fetch: FetchLike; calls: Call[] } {
    const calls: Call[] = [];
    return {
      calls,
      fetch: async (url, init) => {
        calls.push({ url, headers: init.headers });
        const answer = answers.shift() ?? { status: 500, body: { error: 'unexpected request' } };
        return { status: answer.status, text: async () => (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)) };
      },
    };
  }

  const row = (id: string) => ({ id, key: id, value: { rev: '1-x' }, doc: { _id: id, _rev: '1-x', seq: 1 } });

  it('sends the credentials as a Basic header, never in the URL, and pages by startkey', async () => {
    const { fetch: fake, calls } = fakeFetch([
      { status: 200, body: { doc_count: 3 } },
      { status: 200, body: { rows: [row('a'), row('b'), row('c')] } },
      { status: 200, body: { rows: [row('c'), row('_design/x')] } },
    ]);
    const log = await readAuditLog({ server: 'https://aud%40itor:p%C3%A4ss@couch.example.org:6984/', prefix: 'clinic', fetch: fake, pageSize: 2 });
    expect(log.entries).toEqual([{ id: 'a', seq: 1 }, { id: 'b', seq: 1 }, { id: 'c', seq: 1 }]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://couch.example.org:6984/clinic_audit',
      'https://couch.example.org:6984/clinic_audit/_all_docs?include_docs=true&limit=3',
      'https://couch.example.org:6984/clinic_audit/_all_docs?include_docs=true&limit=3&startkey=%22c%22',
    ]);
    expect(calls[0]?.headers.Authorization).toBe(`Basic ${Buffer.from('aud@itor:päss', 'utf8').toString('base64')}`);
  });

  it.each([
    [401, 'https://user:wrong@couch.example.org', 'unauthorized', /refused the user name or password in the URL \(401: Name or password is incorrect\.\)/],
    [401, 'https://couch.example.org', 'unauthorized', /wants a user name and password; put them in the URL/],
    [403, 'https://desk1:pw@couch.example.org', 'forbidden', /the user "desk1" may not read clinic_audit \(403: .*\); use a user with the clinic's role/],
    [404, 'https://user:pw@couch.example.org', 'missing-database', /there is no database clinic_audit on https:\/\/couch\.example\.org \(404: .*\)\. Check --prefix/],
    [500, 'https://user:pw@couch.example.org', 'bad-response', /answered 500: .* when reading clinic_audit/],
  ])('explains a %i answer (%s)', async (status, url, kind, message) => {
    const reason = status === 401 ? 'Name or password is incorrect.' : 'nope';
    const { fetch: fake } = fakeFetch([{ status, body: { error: 'x', reason } }]);
    const failure = await readAuditLog({ server: url, prefix: 'clinic', fetch: fake }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AuditReadError);
    expect(failure).toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it('explains an answer that is not from CouchDB', async () => {
    const { fetch: fake } = fakeFetch([{ status: 200, body: '<html>Welcome</html>' }]);
    await expect(readAuditLog({ server: 'https://example.org', prefix: 'clinic', fetch: fake })).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringMatching(/something other than JSON: is this the address of the CouchDB server\?/),
    });
  });

  it('maps documents the way RxDB replication does', () => {
    expect(couchDocToAuditEntry({ _id: 'e-1', _rev: '2-a', _deleted: false, seq: 1 })).toEqual({ id: 'e-1', seq: 1 });
    // A document that carries its own primary key keeps it, as couchSwapIdToPrimary does.
    expect(couchDocToAuditEntry({ _id: 'e-1', id: 'e-1', seq: 1 })).toEqual({ id: 'e-1', seq: 1 });
  });
});
