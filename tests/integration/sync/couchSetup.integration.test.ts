import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../../src/shared/sync/collections';
import {
  DESIGN_DOC_ID,
  designDocument,
  securityObject,
  setupClinicDatabases,
} from '../../../src/main/sync/couchSetup';
import { createSyncTransport, type SyncConfig } from '../../../src/main/sync/transport';
import { JaneDoeCopay } from '../../fixtures/clinic';
import { asPushed, type PushedDoc } from '../../support/appRecords';
import { CouchRequestError, startCouchServer, uniqueDbPrefix, type CouchServer } from '../../support/couchServer';

const usingCouchDb = Boolean(process.env.COUCHDB_URL);
const serverName = usingCouchDb ? 'Apache CouchDB' : 'express-pouchdb';
const ROLE = 'clinicdesk';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let server: CouchServer;
let prefix: string;

function adminUrl(): string {
  const url = new URL(server.url);
  url.username = encodeURIComponent(server.username);
  url.password = encodeURIComponent(server.password);
  return url.href;
}

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/couchdb-setup.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A complete payment as a workstation's replication pushes it, under the given id. */
const ledgerEntry = (id: string): PushedDoc => ({ ...asPushed(JaneDoeCopay), _id: id });

beforeAll(async () => {
  // express-pouchdb needs its `validation` and `routes/security` parts for this; CouchDB has both.
  server = await startCouchServer({ validation: true });
  prefix = uniqueDbPrefix();
});

afterAll(async () => {
  for (const collection of SYNCED_COLLECTIONS) await server?.deleteDb(remoteDbName(prefix, collection));
  await server?.stop();
});

describe(`couchdb setup against ${serverName}`, () => {
  it('creates the databases, stores _security and installs the rules; a second run changes nothing', async () => {
    const couch = nano({ url: adminUrl() });
    const first = await setupClinicDatabases(couch, { prefix, role: ROLE });
    expect(first.map((r) => r.db)).toEqual(SYNCED_COLLECTIONS.map((c) => remoteDbName(prefix, c)));
    expect(first.every((r) => r.created && r.securityChanged && r.designChanged)).toBe(true);

    for (const collection of SYNCED_COLLECTIONS) {
      const dbName = remoteDbName(prefix, collection);
      const security = await server.request('GET', `/${dbName}/_security`);
      expect(security.body).toEqual(securityObject(ROLE));
      expect(await server.getDoc(dbName, DESIGN_DOC_ID)).toMatchObject({
        validate_doc_update: designDocument(collection).validate_doc_update,
      });
    }

    const second = await setupClinicDatabases(couch, { prefix, role: ROLE });
    expect(second.every((r) => !r.created && !r.securityChanged && !r.designChanged)).toBe(true);
  });

  it(`enforces the rules on writes (run by ${usingCouchDb ? "CouchDB's own JavaScript engine" : 'pouchdb-validation in Node, not by CouchDB'})`, async () => {
    const ledger = remoteDbName(prefix, 'ledger');
    const written = await server.putDoc(ledger, ledgerEntry('pay-1'));

    const change = server.putDoc(ledger, { ...ledgerEntry('pay-1'), _rev: written.rev, amountCents: 1 });
    await expect(change).rejects.toBeInstanceOf(CouchRequestError);
    await expect(change).rejects.toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'Ledger entries are append-only: record a void or refund instead' },
    });

    const { siteId: _siteId, ...withoutSite } = ledgerEntry('pay-2');
    await expect(server.putDoc(ledger, withoutSite)).rejects.toMatchObject({ status: 403, body: { reason: 'ledger record pay-2: siteId is missing' } });
    await expect(
      server.putDoc(remoteDbName(prefix, 'patients'), { _id: 'p-1', siteId: 'main', createdAt: '2026-03-02T14:30:00.000Z' }),
    ).rejects.toMatchObject({ status: 403, body: { reason: 'patients record p-1: givenName is missing' } });
    expect((await server.getDoc(ledger, 'pay-1'))?.amountCents).toBe(2500);
  });

  it('lets the transport hand a refused write back to RxDB without pausing sync', async () => {
    const ledger = remoteDbName(prefix, 'ledger');
    const config: SyncConfig = { url: server.url, username: server.username, password: server.password, dbPrefix: prefix };
    const transport = createSyncTransport({ getConfig: async () => config, fetch: globalThis.fetch });
    const current = await server.getDoc(ledger, 'pay-1');

    const single = await transport.perform({
      requestId: 'put-1',
      url: `${server.url}/${ledger}/pay-1`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...current, amountCents: 1 }),
    });
    expect(single.status).toBe(403);
    expect(transport.authPaused()).toBe(false);

    const bulk = await transport.perform({
      requestId: 'bulk-1',
      url: `${server.url}/${ledger}/_bulk_docs?`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [{ ...current, amountCents: 1 }, ledgerEntry('pay-3')] }),
    });
    expect(bulk.status).toBe(201);
    const results = JSON.parse(bulk.body) as { id: string; ok?: boolean; error?: string }[];
    expect(results).toEqual([
      expect.objectContaining({ id: 'pay-1', error: 'forbidden' }),
      expect.objectContaining({ id: 'pay-3', ok: true }),
    ]);
  });

  it.runIf(usingCouchDb)('limits access to members with the role (only provable on CouchDB: express-pouchdb never enforces _security)', async () => {
    const users = [`${prefix}_member`, `${prefix}_outsider`];
    const putUser = (name: string, roles: string[]) =>
      server.request('PUT', `/_users/org.couchdb.user:${encodeURIComponent(name)}`, { name, password: 'pw-123456', roles, type: 'user' });
    try {
      expect((await putUser(users[0] ?? '', [ROLE])).status).toBe(201);
      expect((await putUser(users[1] ?? '', [])).status).toBe(201);
      const as = (name: string) => ({ Authorization: `Basic ${Buffer.from(`${name}:pw-123456`).toString('base64')}` });
      const url = `${server.url}/${remoteDbName(prefix, 'patients')}`;
      expect((await fetch(url, { headers: as(users[0] ?? '') })).status).toBe(200);
      expect((await fetch(url, { headers: as(users[1] ?? '') })).status).toBe(403);
    } finally {
      for (const name of users) {
        const path = `/_users/org.couchdb.user:${encodeURIComponent(name)}`;
        const existing = await server.request('GET', path);
        const rev = (existing.body as { _rev?: string } | null)?._rev;
        if (rev) await server.request('DELETE', `${path}?rev=${rev}`);
      }
    }
  });
});

describe('npm run couchdb:setup', () => {
  it(`sets up a clinic from the command line against ${serverName}, idempotently`, async () => {
    const cliPrefix = uniqueDbPrefix();
    try {
      const first = await runScript([adminUrl(), '--prefix', cliPrefix, '--role', ROLE]);
      expect(first.stderr).not.toMatch(/couchdb:setup: (?!no credentials)/);
      expect(first.code).toBe(0);
      for (const collection of SYNCED_COLLECTIONS) {
        expect(first.stdout).toContain(`${remoteDbName(cliPrefix, collection)}: created`);
      }
      expect(first.stdout).not.toContain(server.password === 'test-password' ? 'test-password' : server.password);

      const second = await runScript([adminUrl(), '--prefix', cliPrefix]);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('already existed, access already limited, validation rules up to date');
    } finally {
      for (const collection of SYNCED_COLLECTIONS) await server.deleteDb(remoteDbName(cliPrefix, collection));
    }
  });

  it('explains a bad URL, a bad prefix and an unreachable server, and exits 1', async () => {
    const notUrl = await runScript(['not a url']);
    expect(notUrl.code).toBe(1);
    expect(notUrl.stderr).toContain('is not a URL');

    const badPrefix = await runScript([adminUrl(), '--prefix', 'Bad-Prefix']);
    expect(badPrefix.code).toBe(1);
    expect(badPrefix.stderr).toContain('--prefix "Bad-Prefix"');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await runScript([`http://admin:pw@127.0.0.1:${port}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
    expect(unreachable.stderr).not.toContain('admin:pw');
  });
});
