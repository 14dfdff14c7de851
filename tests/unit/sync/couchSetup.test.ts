import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  DESIGN_DOC_ID,
  DESIGN_DOC_VERSION,
  checkRole,
  clinicDatabaseNames,
  designDocument,
  securityObject,
  setupClinicDatabases,
  type CouchRequester,
} from '../../../src/main/sync/couchSetup';
import { rulesFor, validateDocUpdateSource } from '../../../src/main/sync/validateDocUpdate';

type Doc = Record<string, unknown>;
type UserCtx = { name: string | null; roles: string[] };

const MEMBER: UserCtx = { name: 'desk1', roles: ['clinicdesk'] };

describe('couch setup pieces', () => {
  it("names one database per synced collection with the clinic's prefix", () => {
    expect(clinicDatabaseNames('clinic')).toEqual(['clinic_patients', 'clinic_appointments', 'clinic_ledger', 'clinic_staff', 'clinic_audit', 'clinic_catalog', 'clinic_coverages', 'clinic_documents', 'clinic_conflicts', 'clinic_visits', 'clinic_drawers']);
  });

  it('limits access to members with the role', () => {
    expect(securityObject('clinicdesk')).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['clinicdesk'] },
    });
    expect(() => checkRole('_admin')).toThrow(/not a usable role name/);
    expect(() => checkRole('front desk')).toThrow();
  });

  it('embeds the rules safely: no text in them can break out of its place', () => {
    const message = 'quote " and \' and </script> and \\ and $& and \u2028';
    const source = validateDocUpdateSource({ ...rulesFor('ledger'), appendOnlyMessage: message });
    // ES5 string literals may not hold a line separator, so it is escaped.
    expect(source).not.toContain('\u2028');
    const fn = runInNewContext(`(${source})`) as (n: Doc, o: Doc | null, u: UserCtx) => void;
    expect(() => fn({ _id: 'a', siteId: 's' }, { _id: 'a' }, MEMBER)).toThrow(expect.objectContaining({ forbidden: message }));
  });

  it('installs one design document per collection, naming its version and collection', () => {
    expect(designDocument('staff')).toMatchObject({ _id: DESIGN_DOC_ID, language: 'javascript', clinicdesk: { version: DESIGN_DOC_VERSION, collection: 'staff' } });
    expect(rulesFor('appointments')).toMatchObject({ collection: 'appointments', nonEmpty: ['siteId'], instants: ['updatedAt'], appendOnlyMessage: null });
    expect(rulesFor('audit')).toMatchObject({ instants: ['at'], appendOnlyMessage: 'The audit log is append-only' });
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
