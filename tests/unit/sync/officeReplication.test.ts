import { describe, expect, it } from 'vitest';
import { clinicDatabaseNames } from '../../../src/main/sync/couchSetup';
import {
  REPLICATOR_DB,
  loginFromUrl,
  replicationDocId,
  replicationDocuments,
  setupReplication,
  stopReplication,
  type ReplicationOptions,
} from '../../../src/main/sync/officeReplication';
import { fakeCouchRequester } from '../../support/fakeCouchRequester';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const OFFICE: ReplicationOptions = {
  prefix: 'clinic',
  local: { url: 'http://127.0.0.1:5984', username: 'admin', password: 'office-secret' },
  remote: { url: 'https://hq.example.org/couch', username: 'office-north', password: 'p@ss:word' },
};

describe('replication documents', () => {
  it('sends and receives every clinic database, continuously, without design documents, signed in by Basic auth', () => {
    const docs = replicationDocuments(OFFICE);
    expect(docs.map((d) => d._id)).toEqual(clinicDatabaseNames('clinic').flatMap((db) => [`clinicdesk-${db}-push`, `clinicdesk-${db}-pull`]));
    const office = { url: 'http://127.0.0.1:5984/clinic_patients', headers: { Authorization: basic('admin', 'office-secret') } };
    const hq = { url: 'https://hq.example.org/couch/clinic_patients', headers: { Authorization: basic('office-north', 'p@ss:word') } };
    const selector = { _id: { $regex: '^(?!_design/)' } };
    expect(docs.slice(0, 2)).toEqual([
      { _id: 'clinicdesk-clinic_patients-push', source: office, target: hq, continuous: true, selector },
      { _id: 'clinicdesk-clinic_patients-pull', source: hq, target: office, continuous: true, selector },
    ]);
  });

  it("uses the clinic's prefix on the other server when it differs", () => {
    const [push] = replicationDocuments({ ...OFFICE, remotePrefix: 'north' });
    expect(push?.source.url).toBe('http://127.0.0.1:5984/clinic_patients');
    expect(push?.target.url).toBe('https://hq.example.org/couch/north_patients');
  });

  it('keeps design documents out by a selector that CouchDB (Erlang PCRE) and PouchDB (JavaScript) read alike', () => {
    const [push] = replicationDocuments(OFFICE);
    const pattern = new RegExp(push?.selector._id.$regex ?? '');
    expect(['0193a1b2-patient', 'N2-000145', 'design-notes', '_designer'].every((id) => pattern.test(id))).toBe(true);
    expect(pattern.test('_design/clinicdesk')).toBe(false);
  });

  it('refuses a side without credentials, and a database replicating with itself', () => {
    expect(() => replicationDocuments({ ...OFFICE, remote: { ...OFFICE.remote, password: '' } })).toThrow(/the other server needs a user name and password/);
    expect(() => replicationDocuments({ ...OFFICE, remote: { ...OFFICE.local } })).toThrow(/cannot replicate with itself/);
    expect(() => replicationDocuments({ ...OFFICE, remotePrefix: 'Bad-Prefix' })).toThrow();
  });
});

describe('loginFromUrl', () => {
  it('splits the base URL from percent-encoded credentials', () => {
    expect(loginFromUrl('https://office-north:p%40ss%3Aword@hq.example.org/couch/')).toEqual({
      url: 'https://hq.example.org/couch',
      username: 'office-north',
      password: 'p@ss:word',
    });
    expect(loginFromUrl('http://127.0.0.1:5984')).toEqual({ url: 'http://127.0.0.1:5984', username: '', password: '' });
  });

  it('explains a URL it cannot use, without repeating the credentials', () => {
    expect(() => loginFromUrl('hq.example.org')).toThrow(/is not a URL/);
    expect(() => loginFromUrl('ftp://u:p@hq.example.org')).toThrow(/must start with http/);
    expect(() => loginFromUrl('https://u:secret@hq.example.org/?x=1')).toThrow(/no query/);
    expect(() => loginFromUrl('https://u:secret@hq example.org')).toThrow('"https://…@hq example.org" is not a URL');
  });
});

describe('setupReplication and stopReplication', () => {
  it('creates the documents once; a second run leaves them, and the fields CouchDB adds, alone', async () => {
    const couch = fakeCouchRequester();
    const first = await setupReplication(couch.requester, OFFICE);
    expect(first).toHaveLength(clinicDatabaseNames('clinic').length * 2);
    expect(first.every((r) => r.change === 'created')).toBe(true);
    expect(first[0]).toEqual({
      id: 'clinicdesk-clinic_patients-push',
      db: 'clinic_patients',
      collection: 'patients',
      direction: 'push',
      change: 'created',
      remoteDb: 'https://hq.example.org/couch/clinic_patients',
    });
    const wanted = replicationDocuments(OFFICE);
    for (const doc of wanted) expect(couch.doc(REPLICATOR_DB, doc._id)).toEqual({ ...doc, _rev: '1-x' });

    // CouchDB 3 adds the owner; the replicator's state fields come and go.
    const id = replicationDocId('clinic_ledger', 'pull');
    couch.put(REPLICATOR_DB, id, { ...couch.doc(REPLICATOR_DB, id), owner: 'admin', _replication_state: 'failed', _replication_id: 'abc' });
    const writes = couch.writes().length;
    const second = await setupReplication(couch.requester, OFFICE);
    expect(second.every((r) => r.change === 'unchanged')).toBe(true);
    expect(couch.writes().slice(writes)).toEqual([`PUT /${REPLICATOR_DB}`]);
  });

  it('updates a document in place when a password or address changed', async () => {
    const couch = fakeCouchRequester();
    await setupReplication(couch.requester, OFFICE);
    const changed = { ...OFFICE, remote: { ...OFFICE.remote, password: 'new-secret' } };
    const results = await setupReplication(couch.requester, changed);
    expect(results.every((r) => r.change === 'updated')).toBe(true);
    const [push] = replicationDocuments(changed);
    expect(couch.doc(REPLICATOR_DB, push?._id ?? '')).toEqual({ ...push, _rev: '2-x' });
  });

  it('removes exactly this clinic’s documents, and says when there were none', async () => {
    const couch = fakeCouchRequester();
    await setupReplication(couch.requester, OFFICE);
    await setupReplication(couch.requester, { ...OFFICE, prefix: 'other' });
    const stopped = await stopReplication(couch.requester, { prefix: 'clinic' });
    expect(stopped.every((s) => s.removed)).toBe(true);
    for (const doc of replicationDocuments(OFFICE)) expect(couch.doc(REPLICATOR_DB, doc._id)).toBeUndefined();
    for (const doc of replicationDocuments({ ...OFFICE, prefix: 'other' })) expect(couch.doc(REPLICATOR_DB, doc._id)).toBeDefined();
    expect((await stopReplication(couch.requester, { prefix: 'clinic' })).some((s) => s.removed)).toBe(false);
    // A server that never replicated has no _replicator database: nothing to remove, no error.
    expect((await stopReplication(fakeCouchRequester().requester, { prefix: 'clinic' })).some((s) => s.removed)).toBe(false);
  });
});
