import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { SyncedCollection } from '../../../src/shared/sync/collections';
import {
  DESIGN_DOC_ID,
  checkRole,
  clinicDatabaseNames,
  designDocument,
  rulesFor,
  securityObject,
  setupClinicDatabases,
  validateDocUpdateSource,
  type CouchRequester,
} from '../../../src/main/sync/couchSetup';

type Doc = Record<string, unknown>;
type UserCtx = { name: string | null; roles: string[] };
type Outcome = { ok: true } | { ok: false; thrown: unknown };

const MEMBER: UserCtx = { name: 'desk1', roles: ['clinicdesk'] };
const ADMIN: UserCtx = { name: 'admin', roles: ['_admin'] };
const LEDGER_MESSAGE = 'Ledger entries are append-only: record a void or refund instead';

/** Compiles the function the way CouchDB would: from its source text, in a context of its own. */
function compile(collection: SyncedCollection) {
  const source = designDocument(collection).validate_doc_update;
  const fn = runInNewContext(`(${source})`) as (newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx, secObj: unknown) => void;
  return (newDoc: Doc, oldDoc: Doc | null = null, userCtx: UserCtx = MEMBER): Outcome => {
    try {
      fn(newDoc, oldDoc, userCtx, securityObject('clinicdesk'));
      return { ok: true };
    } catch (thrown) {
      return { ok: false, thrown };
    }
  };
}

const payment: Doc = {
  _id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind: 'payment',
  amountCents: 2500,
  createdAt: '2026-03-02T14:30:00.000Z',
  createdBy: 'desk1',
  siteId: 'main',
};
const patient: Doc = {
  _id: '0190a1b2-0000-7e5f-8a9b-0c1d2e3f4a5b',
  givenName: 'Ana',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  updatedBy: 'desk1',
  siteId: 'main',
};

describe('validate_doc_update for the ledger', () => {
  const validate = compile('ledger');

  it('accepts a new, complete entry', () => {
    expect(validate(payment)).toEqual({ ok: true });
  });

  it('forbids changing an existing entry, even for an admin', () => {
    const changed = { ...payment, _rev: '1-abc', amountCents: 1 };
    const old = { ...payment, _rev: '1-abc' };
    expect(validate(changed, old)).toEqual({ ok: false, thrown: { forbidden: LEDGER_MESSAGE } });
    expect(validate(changed, old, ADMIN)).toEqual({ ok: false, thrown: { forbidden: LEDGER_MESSAGE } });
  });

  it('forbids deleting an entry', () => {
    const tombstone = { _id: payment._id, _rev: '2-def', _deleted: true };
    expect(validate(tombstone, { ...payment, _rev: '1-abc' })).toEqual({ ok: false, thrown: { forbidden: LEDGER_MESSAGE } });
    expect(validate(tombstone)).toEqual({ ok: false, thrown: { forbidden: LEDGER_MESSAGE } });
  });

  it('requires siteId and createdAt as a UTC instant', () => {
    const { siteId: _siteId, ...noSite } = payment;
    expect(validate(noSite)).toEqual({ ok: false, thrown: { forbidden: `Every record needs siteId (document ${String(payment._id)})` } });
    expect(validate({ ...payment, siteId: '' })).toMatchObject({ ok: false });
    expect(validate({ ...payment, siteId: 7 })).toMatchObject({ ok: false });
    const { createdAt: _createdAt, ...noCreated } = payment;
    expect(validate(noCreated)).toMatchObject({ ok: false, thrown: { forbidden: expect.stringContaining('createdAt') } });
    expect(validate({ ...payment, createdAt: '2026-03-02 14:30' })).toMatchObject({
      ok: false,
      thrown: { forbidden: expect.stringContaining('createdAt must be a UTC date and time') },
    });
  });

  it('lets admins write design documents, and only admins', () => {
    const design = { _id: DESIGN_DOC_ID, validate_doc_update: 'function () {}' };
    expect(validate(design, { ...design, _rev: '1-x' }, ADMIN)).toEqual({ ok: true });
    expect(validate(design, null, MEMBER)).toMatchObject({ ok: false, thrown: { forbidden: expect.any(String) } });
  });
});

describe('validate_doc_update for mutable collections', () => {
  const validate = compile('patients');

  it('accepts new records and updates', () => {
    expect(validate(patient)).toEqual({ ok: true });
    expect(validate({ ...patient, _rev: '1-a', givenName: 'Anna' }, { ...patient, _rev: '1-a' })).toEqual({ ok: true });
  });

  it('requires siteId and updatedAt', () => {
    const { updatedAt: _updatedAt, ...noUpdated } = patient;
    expect(validate(noUpdated)).toMatchObject({ ok: false, thrown: { forbidden: expect.stringContaining('updatedAt') } });
    const { siteId: _siteId, ...noSite } = patient;
    expect(validate(noSite)).toMatchObject({ ok: false, thrown: { forbidden: expect.stringContaining('siteId') } });
  });

  it('accepts a bare tombstone (a delete carries no fields)', () => {
    expect(validate({ _id: patient._id, _rev: '2-b', _deleted: true }, { ...patient, _rev: '1-a' })).toEqual({ ok: true });
  });
});

describe('couch setup pieces', () => {
  it("names one database per synced collection with the clinic's prefix", () => {
    expect(clinicDatabaseNames('clinic')).toEqual(['clinic_patients', 'clinic_appointments', 'clinic_ledger', 'clinic_staff', 'clinic_audit', 'clinic_catalog', 'clinic_coverages', 'clinic_documents']);
  });

  it('limits access to members with the role', () => {
    expect(securityObject('clinicdesk')).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['clinicdesk'] },
    });
    expect(() => checkRole('_admin')).toThrow(/not a usable role name/);
    expect(() => checkRole('front desk')).toThrow();
  });

  it('writes the rule as plain ES5 with its values embedded safely', () => {
    const source = validateDocUpdateSource({
      requiredFields: ['siteId'],
      instantFields: [],
      appendOnlyMessage: 'quote " and \' and </script> and \\',
    });
    expect(source).not.toMatch(/=>|`|\blet\b|\bconst\b|\bclass\b|\.\.\./);
    const fn = runInNewContext(`(${source})`) as (n: Doc, o: Doc | null, u: UserCtx) => void;
    expect(() => fn({ _id: 'a', siteId: 's' }, { _id: 'a' }, MEMBER)).toThrow(
      expect.objectContaining({ forbidden: 'quote " and \' and </script> and \\' }),
    );
    expect(rulesFor('appointments')).toEqual({ requiredFields: ['siteId', 'updatedAt'], instantFields: ['updatedAt'], appendOnlyMessage: null });
  });
});

/** A stand-in for nano's server scope that keeps databases in memory and answers like CouchDB. */
function fakeCouch() {
  const dbs = new Map<string, { security: unknown; docs: Map<string, Doc> }>();
  const calls: string[] = [];
  const error = (statusCode: number) => Object.assign(new Error(`status ${statusCode}`), { statusCode });
  const requester: CouchRequester = {
    async request({ db = '', path, doc, method = 'GET', body }) {
      calls.push(`${method} ${db}${path ? `/${path}` : ''}${doc ? `/${doc}` : ''}`);
      if (!path && !doc) {
        if (dbs.has(db)) throw error(412);
        dbs.set(db, { security: {}, docs: new Map() });
        return { ok: true };
      }
      const store = dbs.get(db);
      if (!store) throw error(404);
      if (path === '_security') {
        if (method === 'PUT') store.security = body;
        return method === 'PUT' ? { ok: true } : store.security;
      }
      const id = doc ?? '';
      const existing = store.docs.get(id);
      if (method === 'GET') {
        if (!existing) throw error(404);
        return existing;
      }
      const next = body as Doc;
      if (existing && next._rev !== existing._rev) throw error(409);
      const generation = existing ? Number(String(existing._rev).split('-')[0]) + 1 : 1;
      store.docs.set(id, { ...next, _rev: `${generation}-x` });
      return { ok: true };
    },
  };
  return { requester, dbs, calls };
}

describe('setupClinicDatabases', () => {
  it('creates, restricts and installs rules once, then changes nothing', async () => {
    const couch = fakeCouch();
    const first = await setupClinicDatabases(couch.requester, { prefix: 'clinic', role: 'clinicdesk' });
    expect(first).toEqual(
      clinicDatabaseNames('clinic').map((db) => ({ db, created: true, securityChanged: true, designChanged: true })),
    );
    expect(couch.dbs.get('clinic_ledger')?.security).toEqual(securityObject('clinicdesk'));
    expect(couch.dbs.get('clinic_ledger')?.docs.get(DESIGN_DOC_ID)).toMatchObject({
      validate_doc_update: designDocument('ledger').validate_doc_update,
    });

    const second = await setupClinicDatabases(couch.requester, { prefix: 'clinic', role: 'clinicdesk' });
    expect(second.every((r) => !r.created && !r.securityChanged && !r.designChanged)).toBe(true);
    // Each database: create, _security and the design document the first time; on the second run
    // only the create attempt (answered 412) is a PUT.
    const databases = clinicDatabaseNames('clinic').length;
    expect(couch.calls.filter((c) => c.startsWith('PUT')).length).toBe(databases * 3 + databases);
  });

  it('updates outdated rules in place, keeping the revision chain', async () => {
    const couch = fakeCouch();
    await setupClinicDatabases(couch.requester, { prefix: 'clinic', role: 'clinicdesk' });
    const ledger = couch.dbs.get('clinic_ledger');
    ledger?.docs.set(DESIGN_DOC_ID, { _id: DESIGN_DOC_ID, _rev: '1-x', validate_doc_update: 'function () {}' });
    const result = await setupClinicDatabases(couch.requester, { prefix: 'clinic', role: 'clinicdesk' });
    expect(result.find((r) => r.db === 'clinic_ledger')).toMatchObject({ designChanged: true, securityChanged: false });
    expect(ledger?.docs.get(DESIGN_DOC_ID)).toMatchObject({ _rev: '2-x' });
  });

  it('refuses a prefix that cannot name a CouchDB database', async () => {
    await expect(setupClinicDatabases(fakeCouch().requester, { prefix: 'Clinic-1', role: 'clinicdesk' })).rejects.toThrow();
  });
});
