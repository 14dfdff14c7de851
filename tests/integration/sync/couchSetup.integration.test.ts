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
import { REPLICATOR_DB, replicationDocId, stopReplication } from '../../../src/main/sync/officeReplication';
import { USERS_DB, setupWorkstationUsers, userDocId } from '../../../src/main/sync/workstationUsers';
import { EPOCH_DOC } from '../../../src/shared/sync/epochMark';
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

/** What the server answers a workstation user reading a database. */
async function statusAs(name: string, password: string, db: string): Promise<number> {
  const response = await fetch(`${server.url}/${db}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`, Accept: 'application/json' },
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * CouchDB refuses a signed-in user outside a database's members with 403; express-pouchdb's
 * security plug-in answers 401 "You are not authorized to access this db." instead.
 */
const NOT_A_MEMBER = usingCouchDb ? 403 : 401;

/** Users made by these tests, removed at the end (they live on a shared CouchDB). */
const madeUsers = new Set<string>();
/** Prefixes of clinics made by these tests besides `prefix`. */
const madePrefixes = new Set<string>();

async function deleteUser(name: string): Promise<void> {
  const path = `/${USERS_DB}/${encodeURIComponent(userDocId(name))}`;
  const existing = await server.request('GET', path);
  const rev = (existing.body as { _rev?: string } | null)?._rev;
  if (rev) await server.request('DELETE', `${path}?rev=${rev}`);
}

beforeAll(async () => {
  // express-pouchdb needs its `validation` and `routes/security` parts for this and its
  // authentication parts for users; CouchDB has all of them.
  server = await startCouchServer({ validation: true, users: true });
  prefix = uniqueDbPrefix();
});

afterAll(async () => {
  for (const p of [prefix, ...madePrefixes]) {
    if (!server) break;
    await stopReplication(nano({ url: adminUrl() }), { prefix: p });
    for (const collection of SYNCED_COLLECTIONS) await server.deleteDb(remoteDbName(p, collection));
  }
  for (const name of madeUsers) await deleteUser(name);
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

  it("gives each workstation its own user, who reads the clinic's databases and is refused another clinic's", async () => {
    const couch = nano({ url: adminUrl() });
    const name = `${prefix}-front-1`;
    madeUsers.add(name);
    const [made] = await setupWorkstationUsers(couch, { names: [name], role: ROLE });
    expect(made).toMatchObject({ name, created: true });
    const password = made?.password ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);

    const other = uniqueDbPrefix();
    madePrefixes.add(other);
    await setupClinicDatabases(couch, { prefix: other, role: 'otherclinic' });
    expect(await statusAs(name, password, remoteDbName(prefix, 'patients'))).toBe(200);
    expect(await statusAs(name, password, remoteDbName(other, 'patients'))).toBe(NOT_A_MEMBER);
    expect(await statusAs(name, 'not-the-password', remoteDbName(prefix, 'patients'))).toBe(401);

    // Running it again keeps the password; resetting gives a new one and the old one stops working.
    expect(await setupWorkstationUsers(couch, { names: [name], role: ROLE })).toEqual([{ name, created: false, roleAdded: false, password: null }]);
    expect(await statusAs(name, password, remoteDbName(prefix, 'patients'))).toBe(200);
    const [reset] = await setupWorkstationUsers(couch, { names: [name], role: ROLE, resetPassword: true });
    await expect.poll(() => statusAs(name, reset?.password ?? '', remoteDbName(prefix, 'patients'))).toBe(200);
    expect(await statusAs(name, password, remoteDbName(prefix, 'patients'))).toBe(401);
  });

  it('never makes a workstation user of a server admin', async () => {
    const path = `/${USERS_DB}/${encodeURIComponent(userDocId(server.username))}`;
    const before = await server.request('GET', path);
    await expect(setupWorkstationUsers(nano({ url: adminUrl() }), { names: [server.username], role: ROLE })).rejects.toThrow(
      `"${server.username}" is a server admin of this server`,
    );
    expect(await server.request('GET', path)).toEqual(before);
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

  it('makes workstation users, printing a new password once and never the admin password', async () => {
    const name = `${prefix}-cli-1`;
    madeUsers.add(name);
    const first = await runScript([adminUrl(), '--prefix', prefix, '--workstation', name]);
    expect(first.code).toBe(0);
    const password = new RegExp(`  ${name}: created; password: (\\S+)`).exec(first.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    expect(first.stdout.split(password)).toHaveLength(2);
    expect(first.stdout).not.toContain(server.password);
    expect(await statusAs(name, password, remoteDbName(prefix, 'ledger'))).toBe(200);

    const second = await runScript([adminUrl(), '--prefix', prefix, '--workstation', name]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`  ${name}: already existed, password unchanged\n`);
    expect(second.stdout).not.toContain('password:');

    const admin = await runScript([adminUrl(), '--prefix', prefix, '--workstation', server.username]);
    expect(admin.code).toBe(1);
    expect(admin.stderr).toContain(`couchdb:setup: "${server.username}" is a server admin of this server`);
    const badName = await runScript([adminUrl(), '--prefix', prefix, '--workstation', 'front 1']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain('--workstation: "front 1" cannot name a workstation user');
    const resetAlone = await runScript([adminUrl(), '--prefix', prefix, '--reset-password']);
    expect(resetAlone.code).toBe(1);
    expect(resetAlone.stderr).toContain('--reset-password needs the --workstation');
  });

  it('sets up replication with another server without printing a password, and stops it', async () => {
    const hqPrefix = uniqueDbPrefix();
    madePrefixes.add(hqPrefix);
    const officeUser = `${hqPrefix}-office`;
    madeUsers.add(officeUser);
    // Headquarters is the same server under another prefix; the office signs in there as its own user.
    const hq = await runScript([adminUrl(), '--prefix', hqPrefix, '--workstation', officeUser]);
    expect(hq.code).toBe(0);
    const hqPassword = new RegExp(`  ${officeUser}: created; password: (\\S+)`).exec(hq.stdout)?.[1] ?? '';
    const hqUrl = new URL(server.url);
    hqUrl.username = officeUser;
    hqUrl.password = hqPassword;

    const args = [adminUrl(), '--prefix', prefix, '--replicate-with', hqUrl.href, '--remote-prefix', hqPrefix];
    const started = await runScript(args);
    expect(started.code).toBe(0);
    const patients = remoteDbName(prefix, 'patients');
    expect(started.stdout).toContain(`Replication with ${server.url} (signed in there as "${officeUser}"):`);
    expect(started.stdout).toContain(`  ${patients} <-> ${server.url}/${remoteDbName(hqPrefix, 'patients')}: sending created, receiving created\n`);
    expect(`${started.stdout}${started.stderr}`).not.toContain(hqPassword);
    expect(`${started.stdout}${started.stderr}`).not.toContain(server.password);
    expect(await server.getDoc(REPLICATOR_DB, replicationDocId(patients, 'push'))).toMatchObject({ continuous: true });

    const again = await runScript(args);
    expect(again.stdout).toContain(`  ${patients} <-> ${server.url}/${remoteDbName(hqPrefix, 'patients')}: sending unchanged, receiving unchanged\n`);

    const both = await runScript([...args, '--stop-replicating']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('give either --replicate-with or --stop-replicating');
    const stopped = await runScript([adminUrl(), '--prefix', prefix, '--stop-replicating']);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(`Replication stopped: ${SYNCED_COLLECTIONS.length * 2} replication documents removed.`);
    expect(await server.getDoc(REPLICATOR_DB, replicationDocId(patients, 'push'))).toBeNull();
  });

  it("removes the databases' marks after a restore, so that workstations send their records again", async () => {
    const staff = remoteDbName(prefix, 'staff');
    expect((await server.request('PUT', `/${staff}/${EPOCH_DOC}`, { epoch: 'before-the-restore' })).status).toBe(201);
    const restored = await runScript([adminUrl(), '--prefix', prefix, '--restored']);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`  ${staff}: mark removed\n`);
    expect(restored.stdout).toContain(`  ${remoteDbName(prefix, 'ledger')}: no mark (nothing to do)\n`);
    expect((await server.request('GET', `/${staff}/${EPOCH_DOC}`)).status).toBe(404);
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
