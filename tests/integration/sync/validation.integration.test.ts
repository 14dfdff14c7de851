import nano from 'nano';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupClinicDatabases } from '../../../src/main/sync/couchSetup';
import { APPEND_ONLY_MESSAGES, KEPT_ITEMS } from '../../../src/main/sync/validateDocUpdate';
import type { PatientId } from '../../../src/shared/domain/ids';
import { SYNCED_SCHEMAS } from '../../../src/shared/sync/collectionSchemas';
import { APPEND_ONLY_COLLECTIONS, remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../../../src/shared/sync/collections';
import { writeOneOfEach } from '../../support/appRecords';
import { startCouchServer, uniqueDbPrefix, type CouchDoc, type CouchServer } from '../../support/couchServer';
import { eventually } from '../../support/eventually';
import { openWorkstation } from '../../support/workstation';

const usingCouchDb = Boolean(process.env['COUCHDB_URL']);

let server: CouchServer;
let prefix: string;
/** What the workstation's replication put on the server, by collection. */
const pushed = {} as Record<SyncedCollection, CouchDoc[]>;

const dbOf = (collection: SyncedCollection) => remoteDbName(prefix, collection);
const docPath = (collection: SyncedCollection, id: string) => `/${dbOf(collection)}/${encodeURIComponent(id)}`;

beforeAll(async () => {
  // express-pouchdb needs its `validation` part to run the rules; CouchDB always runs them.
  server = await startCouchServer({ validation: true });
  prefix = uniqueDbPrefix();
  const url = new URL(server.url);
  url.username = encodeURIComponent(server.username);
  url.password = encodeURIComponent(server.password);
  await setupClinicDatabases(nano({ url: url.href }), { prefix, role: 'clinicdesk' });
});

afterAll(async () => {
  for (const collection of SYNCED_COLLECTIONS) await server?.deleteDb(dbOf(collection));
  await server?.stop();
});

describe(`the server's validation rules (${usingCouchDb ? "run by CouchDB's own JavaScript engine" : 'run by express-pouchdb in Node'})`, () => {
  it('let a workstation push every kind of record the app writes, new and changed', async () => {
    const workstation = await openWorkstation({ couch: server, serverUrl: server.url, dbPrefix: prefix, siteId: 'north', actor: 'workstation:north', roles: ['administrator'] });
    const errors: string[] = [];
    workstation.replication.error$.subscribe((message) => errors.push(message));
    try {
      await writeOneOfEach(workstation.db);
      const visit = await workstation.appointments.book({ patientId: (await workstation.db.patients.findOne().exec())!.id as PatientId, start: '2026-11-24T15:00:00.000Z', end: '2026-11-24T15:20:00.000Z', timeZone: 'America/Chicago' });
      await eventually(async () => expect((await server.getDoc(dbOf('appointments'), visit.id))?.['status']).toBe('booked'));
      await workstation.appointments.checkIn(visit.id);

      await eventually(async () => {
        expect((await server.getDoc(dbOf('appointments'), visit.id))?.['status']).toBe('arrived');
        for (const collection of SYNCED_COLLECTIONS) {
          const local = (await workstation.db[collection].find().exec()).map((doc) => doc.primary).sort();
          const remote = (await server.allDocs(dbOf(collection))).map((doc) => doc._id).sort();
          expect(remote, collection).toEqual(local);
        }
      }, 20_000);
      expect(errors).toEqual([]);
      // The design document holding the rules comes down the changes feed too, and is no record.
      expect(await workstation.db.patients.findOne('_design/clinicdesk').exec()).toBeNull();
      for (const collection of SYNCED_COLLECTIONS) pushed[collection] = await server.allDocs(dbOf(collection));
    } finally {
      await workstation.close();
    }
  });

  it.each(SYNCED_COLLECTIONS)('refuse forged or malformed %s records written straight to the server', async (collection) => {
    const [original] = pushed[collection] ?? [];
    expect(original, 'the workstation pushed one first').toBeDefined();
    const { _rev: _ignored, ...valid } = original!;
    const schema = SYNCED_SCHEMAS[collection];
    const fields = Object.entries(schema.properties).filter(([name]) => name !== 'id');
    const [missing] = schema.required.filter((name) => name !== 'id');
    const [text, textRule] = fields.find(([, rule]) => rule.type === 'string' && rule.maxLength !== undefined && !rule.enum)!;
    const listed = fields.find(([, rule]) => rule.enum)?.[0];

    const forgeries: [string, Record<string, unknown>, string][] = [
      ['a required field left out', Object.fromEntries(Object.entries(valid).filter(([name]) => name !== missing)), `${missing} is missing`],
      ['a field of the wrong type', { ...valid, siteId: 42 }, 'siteId must be text'],
      ['text longer than allowed', { ...valid, [text]: 'x'.repeat(textRule.maxLength! + 1) }, `${text} must be at most ${textRule.maxLength} characters long`],
      ['a field the record does not have', { ...valid, isAdmin: true }, `isAdmin is not a field of ${collection} records`],
      ['an id other than its _id', { ...valid, id: uuidv7() }, 'id must be the same as _id'],
      ...(listed ? [['a value outside its list', { ...valid, [listed]: 'forged' }, `${listed} must be "`] as [string, Record<string, unknown>, string]] : []),
    ];
    for (const [what, body, message] of forgeries) {
      const id = uuidv7();
      const res = await server.request('PUT', docPath(collection, id), { ...body, _id: id });
      expect(res, what).toMatchObject({ status: 403, body: { error: 'forbidden', reason: expect.stringContaining(`${collection} record ${id}: ${message}`) } });
      expect(await server.getDoc(dbOf(collection), id), what).toBeNull();
    }

    // CouchDB refuses RxDB's `_meta` itself (400); express-pouchdb leaves it to the rules (403).
    const metaId = uuidv7();
    const meta = await server.request('PUT', docPath(collection, metaId), { ...valid, _id: metaId, _meta: { lwt: 1 } });
    expect([400, 403], JSON.stringify(meta.body)).toContain(meta.status);
    expect(await server.getDoc(dbOf(collection), metaId)).toBeNull();

    // In one _bulk_docs request, as a replication sends them, the forged record alone is refused.
    const [goodId, badId] = [uuidv7(), uuidv7()];
    const bulk = await server.request('POST', `/${dbOf(collection)}/_bulk_docs`, { docs: [{ ...valid, _id: goodId }, { ...valid, _id: badId, siteId: null }] });
    expect(bulk.status).toBe(201);
    // (CouchDB answers in the order of the request; express-pouchdb lists refusals first.)
    expect(bulk.body).toHaveLength(2);
    expect(bulk.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: goodId, ok: true }),
        expect.objectContaining({ id: badId, error: 'forbidden', reason: `${collection} record ${badId}: siteId must be text` }),
      ]),
    );

    if (APPEND_ONLY_COLLECTIONS.includes(collection)) {
      const change = await server.request('PUT', docPath(collection, original!._id), { ...original, siteId: 'elsewhere' });
      expect(change).toMatchObject({ status: 403, body: { reason: APPEND_ONLY_MESSAGES[collection] } });
    } else {
      const rev = (await server.getDoc(dbOf(collection), goodId))?._rev;
      const change = await server.request('PUT', docPath(collection, goodId), { ...valid, _id: goodId, _rev: rev, siteId: 'south' });
      expect(change.status).toBe(201);
      const forged = await server.request('PUT', docPath(collection, goodId), { ...valid, _id: goodId, _rev: (change.body as { rev: string }).rev, updatedAt: 'yesterday' });
      expect(forged).toMatchObject({ status: 403, body: { reason: expect.stringContaining('updatedAt must be') } });
      const kept = KEPT_ITEMS[collection];
      if (kept) {
        // A version made on the stored one may not drop what it kept; one made on an older version is a conflict.
        const dropped = Object.fromEntries(kept.fields.map((field) => [field, (valid[field] as unknown[]).slice(1)]));
        const current = (change.body as { rev: string }).rev;
        const refused = await server.request('PUT', docPath(collection, goodId), { ...valid, ...dropped, _id: goodId, _rev: current });
        expect(refused).toMatchObject({ status: 403, body: { reason: expect.stringContaining(`lost an item it had (${kept.message})`) } });
        expect((await server.request('PUT', docPath(collection, goodId), { ...valid, ...dropped, _id: goodId, _rev: rev })).status).toBe(409);
      }
      const deletion = await server.request('DELETE', `${docPath(collection, goodId)}?rev=${(change.body as { rev: string }).rev}`);
      // Deletions stay possible (a bare tombstone carries no fields to check), except of records whose items are kept.
      if (kept) expect(deletion).toMatchObject({ status: 403, body: { reason: `${collection} record ${goodId}: ${kept.message}` } });
      else expect(deletion.status).toBeLessThan(300);
    }
  });
});
