import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_DOC_ID, setupClinicDatabases } from '../../../src/main/sync/couchSetup';
import { REPLICATOR_DB, replicationDocuments, setupReplication, stopReplication, type ReplicationOptions } from '../../../src/main/sync/officeReplication';
import { USERS_DB, setupWorkstationUsers, userDocId } from '../../../src/main/sync/workstationUsers';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../../src/shared/sync/collections';
import { EPOCH_DOC } from '../../../src/shared/sync/epochMark';
import { JaneDoe, JaneDoeCopay, JoseMartinez } from '../../fixtures/clinic';
import { asPushed } from '../../support/appRecords';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../../support/couchServer';

/*
 * An office server replicating both ways with headquarters through the replication documents
 * setup writes. With COUCHDB_URL, CouchDB's own replicator runs them, office and headquarters
 * being two prefixes on that one server (its replicator must reach the server at the COUCHDB_URL
 * address). Without it, two express-pouchdb servers run them with pouchdb-replicator, which hands
 * each document to PouchDB's replication.
 */

const usingCouchDb = Boolean(process.env.COUCHDB_URL);
const ROLE = 'clinicdesk';

let office: CouchServer;
let hq: CouchServer;
let officePrefix: string;
let hqPrefix: string;
let officeUser: string;
let replication: ReplicationOptions;

const adminUrl = (server: CouchServer) => {
  const url = new URL(server.url);
  url.username = encodeURIComponent(server.username);
  url.password = encodeURIComponent(server.password);
  return url.href;
};
const admin = (server: CouchServer) => nano({ url: adminUrl(server) });

beforeAll(async () => {
  office = await startCouchServer({ users: true, instance: 'office' });
  hq = await startCouchServer({ users: true, instance: 'hq' });
  officePrefix = uniqueDbPrefix();
  hqPrefix = uniqueDbPrefix();
  await setupClinicDatabases(admin(office), { prefix: officePrefix, role: ROLE });
  await setupClinicDatabases(admin(hq), { prefix: hqPrefix, role: ROLE });
  // Headquarters gives the office server a user of its own, as it does a workstation.
  officeUser = `${hqPrefix}-office`;
  const [user] = await setupWorkstationUsers(admin(hq), { names: [officeUser], role: ROLE });
  replication = {
    prefix: officePrefix,
    remotePrefix: hqPrefix,
    local: { url: office.url, username: office.username, password: office.password },
    remote: { url: hq.url, username: officeUser, password: user?.password ?? '' },
  };
  await setupReplication(admin(office), replication);
});

afterAll(async () => {
  if (office) await stopReplication(admin(office), { prefix: officePrefix });
  for (const [server, prefix] of [[office, officePrefix], [hq, hqPrefix]] as const) {
    if (!server) continue;
    for (const collection of SYNCED_COLLECTIONS) await server.deleteDb(remoteDbName(prefix, collection));
  }
  if (hq && officeUser) {
    const path = `/${USERS_DB}/${encodeURIComponent(userDocId(officeUser))}`;
    const rev = ((await hq.request('GET', path)).body as { _rev?: string } | null)?._rev;
    if (rev) await hq.request('DELETE', `${path}?rev=${rev}`);
  }
  await office?.stop();
  await hq?.stop();
});

/** Waits until a document is on a server (replication is continuous, not instant). */
async function arrives(server: CouchServer, db: string, id: string, rev?: string) {
  await expect.poll(async () => (await server.getDoc(db, id))?._rev, { timeout: 20_000, interval: 200 }).toEqual(rev ?? expect.any(String));
  return server.getDoc(db, id);
}

describe(`an office replicating with headquarters (${usingCouchDb ? "CouchDB's replicator" : 'pouchdb-replicator in express-pouchdb'})`, () => {
  it('holds exactly the documents setup wrote', async () => {
    for (const doc of replicationDocuments(replication)) {
      expect(await office.getDoc(REPLICATOR_DB, doc._id)).toMatchObject(doc);
    }
  });

  it('carries a record written at the office to headquarters and one written there back, changes included', async () => {
    const patients = (prefix: string) => remoteDbName(prefix, 'patients');
    const written = await office.putDoc(patients(officePrefix), asPushed(JaneDoe));
    expect(await arrives(hq, patients(hqPrefix), JaneDoe.id, written.rev)).toMatchObject({ givenName: 'Jane', familyName: 'Doe' });

    const payment = await hq.putDoc(remoteDbName(hqPrefix, 'ledger'), asPushed(JaneDoeCopay));
    expect(await arrives(office, remoteDbName(officePrefix, 'ledger'), JaneDoeCopay.id, payment.rev)).toMatchObject({ amountCents: 2500 });

    const current = await hq.getDoc(patients(hqPrefix), JaneDoe.id);
    const edited = await hq.putDoc(patients(hqPrefix), { ...current, phones: [{ number: '5550107777', type: 'home', texts: false }], updatedAt: '2026-11-24T09:00:00.000Z' });
    expect(await arrives(office, patients(officePrefix), JaneDoe.id, edited.rev)).toMatchObject({ phones: [{ number: '5550107777' }] });
  });

  it("keeps each server's design documents and _local marks on that server", async () => {
    const staff = (prefix: string) => remoteDbName(prefix, 'staff');
    const officeRules = await office.getDoc(staff(officePrefix), DESIGN_DOC_ID);
    await hq.putDoc(staff(hqPrefix), { _id: '_design/hq-only', language: 'javascript', views: {} });
    expect((await office.request('PUT', `/${staff(officePrefix)}/${EPOCH_DOC}`, { epoch: 'office-mark' })).status).toBe(201);
    // Written after them, a record that arrives shows that the replication has gone past them.
    const record = await hq.putDoc(remoteDbName(hqPrefix, 'patients'), asPushed(JoseMartinez));
    await arrives(office, remoteDbName(officePrefix, 'patients'), JoseMartinez.id, record.rev);
    await office.putDoc(remoteDbName(officePrefix, 'ledger'), { ...asPushed(JaneDoeCopay), _id: 'office-payment-2' });
    await arrives(hq, remoteDbName(hqPrefix, 'ledger'), 'office-payment-2');

    expect(await office.getDoc(staff(officePrefix), '_design/hq-only')).toBeNull();
    expect(await office.getDoc(staff(officePrefix), DESIGN_DOC_ID)).toEqual(officeRules);
    expect((await hq.request('GET', `/${staff(hqPrefix)}/${EPOCH_DOC}`)).status).toBe(404);
  });

  it('changes nothing when set up again, and stops when the documents are removed', async () => {
    const again = await setupReplication(admin(office), replication);
    expect(again.every((r) => r.change === 'unchanged')).toBe(true);

    const stopped = await stopReplication(admin(office), { prefix: officePrefix });
    expect(stopped.every((s) => s.removed)).toBe(true);
    await office.putDoc(remoteDbName(officePrefix, 'ledger'), { ...asPushed(JaneDoeCopay), _id: 'after-the-stop' });
    // A record written after the stop stays at the office (a short wait: replication took well under it above).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await hq.getDoc(remoteDbName(hqPrefix, 'ledger'), 'after-the-stop')).toBeNull();
  });
});
