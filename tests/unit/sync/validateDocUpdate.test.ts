import { runInNewContext } from 'node:vm';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { collectionsOf } from '../../../src/renderer/app/feature';
import { FEATURES } from '../../../src/renderer/app/features';
import { designDocument, DESIGN_DOC_ID } from '../../../src/main/sync/couchSetup';
import { APPEND_ONLY_MESSAGES, KEPT_ITEMS, rulesFor, validateDocUpdateSource, type FieldRules } from '../../../src/main/sync/validateDocUpdate';
import type { CollectionJsonSchema } from '../../../src/shared/domain/jsonSchema';
import { SYNCED_SCHEMAS } from '../../../src/shared/sync/collectionSchemas';
import { APPEND_ONLY_COLLECTIONS, SYNCED_COLLECTIONS, type SyncedCollection } from '../../../src/shared/sync/collections';
import { MAX_DOCUMENT_BYTES } from '../../../src/shared/patients/document';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { pushedDocuments, writeOneOfEach, type PushedDoc } from '../../support/appRecords';

type Doc = Record<string, unknown>;
type UserCtx = { name: string | null; roles: string[] };
type Outcome = { ok: true } | { ok: false; reason: unknown };

const MEMBER: UserCtx = { name: 'desk1', roles: ['clinicdesk'] };
const ADMIN: UserCtx = { name: 'admin', roles: ['_admin'] };

/** Compiles a validator from its source text in a JavaScript context of its own, as CouchDB does. */
function compileSource(source: string) {
  const fn = runInNewContext(`(${source})`) as (newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx, secObj: unknown) => void;
  return (newDoc: Doc, oldDoc: Doc | null = null, userCtx: UserCtx = MEMBER): Outcome => {
    try {
      // A document reaches CouchDB as JSON: nothing but JSON values.
      fn(JSON.parse(JSON.stringify(newDoc)) as Doc, oldDoc && (JSON.parse(JSON.stringify(oldDoc)) as Doc), userCtx, {});
      return { ok: true };
    } catch (thrown) {
      return { ok: false, reason: (thrown as { forbidden?: unknown }).forbidden ?? thrown };
    }
  };
}
const compile = (collection: SyncedCollection) => compileSource(designDocument(collection).validate_doc_update);

let db: ClinicDatabase;
let written: Record<SyncedCollection, PushedDoc[]>;

beforeAll(async () => {
  db = await openClinicDatabase({ name: `vdu${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  await writeOneOfEach(db, { now: () => new Date('2026-11-23T15:00:00.000Z') });
  written = await pushedDocuments(db);
});
afterAll(async () => {
  await db?.close();
});

const first = (collection: SyncedCollection): PushedDoc => written[collection][0]!;
const without = (doc: Doc, field: string): Doc => Object.fromEntries(Object.entries(doc).filter(([key]) => key !== field));

describe('the server rules come from the schemas RxDB uses', () => {
  it('each feature opens its synced collection with the very schema the rules are made from', () => {
    const specs = collectionsOf(FEATURES) as Record<string, { schema: unknown }>;
    for (const collection of SYNCED_COLLECTIONS) expect(specs[collection]?.schema, collection).toBe(SYNCED_SCHEMAS[collection]);
  });

  it('every validator is plain ES5 with its rules embedded as JSON', () => {
    for (const collection of SYNCED_COLLECTIONS) {
      const source = designDocument(collection).validate_doc_update;
      expect(source, collection).not.toMatch(/=>|`|\blet\b|\bconst\b|\bclass\b|\.\.\.|\$\{/);
      expect(source).toContain(`"collection":"${collection}"`);
    }
  });

  it('stops setup on a schema keyword the validator cannot check, rather than letting it through', () => {
    const schema = { ...SYNCED_SCHEMAS.patients, properties: { ...SYNCED_SCHEMAS.patients.properties, email: { type: 'string', format: 'email' } } };
    expect(() => rulesFor('patients', schema as unknown as CollectionJsonSchema)).toThrow(/cannot check "format" \(patients\.email\)/);
    expect(() => rulesFor('patients', { ...SYNCED_SCHEMAS.patients, attachments: {} } as unknown as CollectionJsonSchema)).toThrow(/cannot check "attachments"/);
  });
});

describe.each(SYNCED_COLLECTIONS)('validate_doc_update for %s', (collection) => {
  const validate = compile(collection);
  const schema = SYNCED_SCHEMAS[collection];
  const appendOnly = APPEND_ONLY_COLLECTIONS.includes(collection);

  it('accepts every record the app wrote, as RxDB pushes it, with any of CouchDB’s own fields', () => {
    expect(written[collection].length).toBeGreaterThan(0);
    expect(APPEND_ONLY_MESSAGES[collection] === undefined).toBe(!appendOnly);
    for (const doc of written[collection]) {
      expect(validate(doc), doc._id).toEqual({ ok: true });
      expect(validate({ ...doc, _rev: '1-a', _revisions: { start: 1, ids: ['a'] }, _conflicts: [], _attachments: {} })).toEqual({ ok: true });
    }
  });

  const kept = KEPT_ITEMS[collection];
  it.runIf(!appendOnly)(kept ? 'accepts an update of each record and refuses its deletion' : 'accepts an update of each record and any deletion', () => {
    const deleted = kept ? { ok: false, reason: `${collection} record ${first(collection)._id}: ${kept.message}` } : { ok: true };
    for (const doc of written[collection]) {
      expect(validate({ ...doc, _rev: '2-b', updatedAt: '2026-11-24T09:00:00.000Z' }, { ...doc, _rev: '1-a' })).toEqual({ ok: true });
      if (doc._id !== first(collection)._id) continue;
      expect(validate({ ...doc, _rev: '3-c', _deleted: true }, { ...doc, _rev: '2-b' })).toEqual(deleted);
      expect(validate({ _id: doc._id, _rev: '3-c', _deleted: true }, { ...doc, _rev: '2-b' })).toEqual(deleted);
    }
  });

  it.runIf(appendOnly)('refuses any change or deletion of a written entry, even by an administrator', () => {
    const doc = first(collection);
    const refused = { ok: false, reason: APPEND_ONLY_MESSAGES[collection] };
    for (const user of [MEMBER, ADMIN]) {
      expect(validate({ ...doc, _rev: '2-b' }, { ...doc, _rev: '1-a' }, user)).toEqual(refused);
      expect(validate({ ...doc, _rev: '2-b', siteId: 'elsewhere' }, { ...doc, _rev: '1-a' }, user)).toEqual(refused);
      expect(validate({ _id: doc._id, _rev: '2-b', _deleted: true }, { ...doc, _rev: '1-a' }, user)).toEqual(refused);
      expect(validate({ _id: doc._id, _deleted: true }, null, user)).toEqual(refused);
    }
  });

  it('refuses a record without any one of its required fields', () => {
    const doc = first(collection);
    for (const field of schema.required.filter((f) => f !== 'id')) {
      expect(validate(without(doc, field)), field).toEqual({ ok: false, reason: `${collection} record ${doc._id}: ${field} is missing` });
    }
  });

  it('refuses a value of a type, or outside the bounds, its schema does not allow', () => {
    const doc = first(collection);
    for (const [field, rule] of Object.entries(rulesFor(collection).record.properties ?? {})) {
      if (field === 'id') continue;
      for (const [value, message] of forgedValues(rule)) {
        expect(validate({ ...doc, [field]: value }), `${field} = ${JSON.stringify(value).slice(0, 40)}`).toEqual({
          ok: false,
          reason: `${collection} record ${doc._id}: ${field}${message}`,
        });
      }
    }
  });

  it('refuses unknown fields, RxDB’s _meta and an id that is not the record’s _id', () => {
    const doc = first(collection);
    const refused = (reason: string) => ({ ok: false, reason: `${collection} record ${doc._id}: ${reason}` });
    expect(validate({ ...doc, isAdmin: true })).toEqual(refused(`isAdmin is not a field of ${collection} records`));
    expect(validate({ ...doc, _meta: { lwt: 1 } })).toEqual(refused(`_meta is not a field of ${collection} records`));
    expect(validate({ ...doc, id: 'someone-else' })).toEqual(refused('id must be the same as _id'));
    expect(validate({ ...doc, id: doc._id })).toEqual({ ok: true });
    expect(validate({ ...doc, _id: 'x'.repeat(37) })).toMatchObject({ ok: false, reason: expect.stringContaining(': _id must be at most 36 characters long') });
  });

  it('still requires a site and a UTC time of writing', () => {
    const doc = first(collection);
    const stamp = collection === 'audit' ? 'at' : appendOnly ? 'createdAt' : 'updatedAt';
    expect(validate({ ...doc, siteId: '' })).toEqual({ ok: false, reason: `${collection} record ${doc._id}: siteId must not be empty` });
    expect(validate({ ...doc, [stamp]: '2026-11-23 15:00' })).toEqual({
      ok: false,
      reason: `${collection} record ${doc._id}: ${stamp} must be a UTC date and time such as 2026-01-31T14:30:00.000Z`,
    });
  });

  it('lets only administrators write its design document', () => {
    const design = { _id: DESIGN_DOC_ID, validate_doc_update: 'function () {}' };
    expect(validate(design, { ...design, _rev: '1-x' }, ADMIN)).toEqual({ ok: true });
    expect(validate(design, null, MEMBER)).toEqual({ ok: false, reason: 'Only administrators may change design documents' });
  });
});

/** Values a field's rules refuse, each with the end of the refusal. */
function forgedValues(rule: FieldRules): [unknown, string][] {
  const types = rule.type ?? [];
  const words = types.map((t) => ({ string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' })[t]);
  const forged: [unknown, string][] = [];
  const wrongType = [{ nested: true }, 'text', 7, 7.5, true, null, ['x']].find((value) =>
    types.every((t) => (t === 'object' ? !(typeof value === 'object' && value !== null && !Array.isArray(value)) : t === 'array' ? !Array.isArray(value) : t === 'null' ? value !== null : t === 'integer' ? !Number.isInteger(value) : t === 'number' ? typeof value !== 'number' : typeof value !== t)),
  );
  forged.push([wrongType, ` must be ${words.join(' or ')}`]);
  if (types.includes('integer')) forged.push([1.5, ' must be a whole number']);
  if (rule.enum) forged.push(['not-one-of-them', ` must be ${rule.enum.map((v) => `"${String(v)}"`).join(' or ')}`]);
  // An enum refuses a value before its length is looked at.
  if (rule.maxLength !== undefined && !rule.enum) forged.push(['x'.repeat(rule.maxLength + 1), ` must be at most ${rule.maxLength} characters long`]);
  if (rule.minimum !== undefined) forged.push([rule.minimum - 1, ` must be at least ${rule.minimum}`]);
  if (rule.maximum !== undefined) forged.push([rule.maximum + 1, ` must be at most ${rule.maximum}`]);
  if (rule.maxItems !== undefined) forged.push([Array.from({ length: rule.maxItems + 1 }, () => (rule.items?.type?.[0] === 'object' ? {} : 'x')), ` must have at most ${rule.maxItems} items`]);
  if (rule.minItems !== undefined && rule.minItems > 0) forged.push([[], ` must have at least ${rule.minItems} items`]);
  if (rule.items?.type) forged.push([Array.from({ length: Math.max(1, rule.minItems ?? 0) }, () => 7.5), `[0] must be ${rule.items.type.map((t) => (t === 'object' ? 'an object' : t === 'integer' ? 'a whole number' : t === 'number' ? 'a number' : 'text')).join(' or ')}`]);
  return forged;
}

describe('refusals a person can read', () => {
  const cases: [SyncedCollection, (doc: Doc) => Doc, string][] = [
    ['patients', (d) => ({ ...d, givenName: 42 }), 'givenName must be text'],
    ['patients', (d) => ({ ...d, sex: 'f' }), 'sex must be "female" or "male" or "other" or "unknown"'],
    ['patients', (d) => ({ ...d, phones: ['5550101234'] }), 'phones[0] must be an object'],
    ['patients', (d) => ({ ...d, phones: Array.from({ length: 6 }, () => ({ number: '5550101234' })) }), 'phones must have at most 5 items'],
    ['patients', (d) => ({ ...d, alerts: ['Needs a wheelchair', 3] }), 'alerts[1] must be text'],
    ['patients', (d) => ({ ...d, interpreterNeeded: 'no' }), 'interpreterNeeded must be true or false'],
    ['patients', (d) => ({ ...d, address: null }), 'address must be an object'],
    ['patients', (d) => ({ ...d, familyName: 'D'.repeat(101) }), 'familyName must be at most 100 characters long'],
    ['patients', (d) => without(d, 'birthDate'), 'birthDate is missing'],
    ['patients', (d) => ({ ...d, nickname: 'Jo' }), 'nickname is not a field of patients records'],
    ['appointments', (d) => ({ ...d, arrivedAt: 5 }), 'arrivedAt must be text or null'],
    ['appointments', (d) => ({ ...d, status: 'done' }), 'status must be "proposed" or "pending" or "booked" or "arrived"'],
    ['ledger', (d) => ({ ...d, amountCents: 0 }), 'amountCents must be at least 1'],
    ['ledger', (d) => ({ ...d, amountCents: 25.5 }), 'amountCents must be a whole number'],
    ['ledger', (d) => ({ ...d, amountCents: '2500' }), 'amountCents must be a whole number'],
    ['ledger', (d) => ({ ...d, amountCents: 10_000_001 }), 'amountCents must be at most 10000000'],
    ['ledger', (d) => ({ ...d, method: 'bitcoin' }), 'method must be "cash" or "card" or "check"'],
    ['ledger', (d) => ({ ...d, kind: 'plan', instalments: [{ dueDate: '2027-01-15', amountCents: 0 }] }), 'instalments[0].amountCents must be at least 1'],
    ['ledger', (d) => ({ ...d, kind: 'plan', instalments: Array.from({ length: 61 }, () => ({ dueDate: '2027-01-15', amountCents: 100 })) }), 'instalments must have at most 60 items'],
    ['staff', (d) => ({ ...d, roles: ['front-desk', 'root'] }), 'roles[1] must be "front-desk" or "billing" or "manager" or "administrator"'],
    ['staff', (d) => ({ ...d, pinHash: 1234 }), 'pinHash must be text or null'],
    ['staff', (d) => ({ ...d, siteIds: 'north' }), 'siteIds must be a list'],
    ['audit', (d) => ({ ...d, seq: 0 }), 'seq must be at least 1'],
    ['audit', (d) => ({ ...d, changes: 'none' }), 'changes must be a list'],
    ['catalog', (d) => ({ ...d, kind: 'fee-schedule' }), 'kind must be "clinic-profile" or "payer" or "provider" or "appointment-type" or "room" or "availability" or "schedule-exception"'],
    ['coverages', (d) => ({ ...d, rank: 'fourth' }), 'rank must be "primary" or "secondary" or "tertiary"'],
    ['documents', (d) => ({ ...d, bytes: MAX_DOCUMENT_BYTES + 1 }), `bytes must be at most ${MAX_DOCUMENT_BYTES}`],
    ['documents', (d) => ({ ...d, width: -1 }), 'width must be at least 0'],
    ['documents', (d) => ({ ...d, contentType: 'text/html' }), 'contentType must be "image/jpeg" or "image/webp" or "application/pdf"'],
    ['visits', (d) => ({ ...d, step: 'gone' }), 'step must be "checked-in" or "waiting" or "roomed"'],
    ['visits', (d) => ({ ...d, timeline: [{ step: 'checked-in', at: '2026-11-23T15:00:00.000Z', by: 'Dana' }] }), 'timeline[0].roomId is missing'],
    [
      'visits',
      (d) => ({ ...d, checkin: { ...(d['checkin'] as object), forms: [{ form: 'tattoo-waiver', how: 'paper', documentId: '', at: '2026-11-23T15:00:00.000Z', by: 'Dana' }] } }),
      'checkin.forms[0].form must be "intake" or "consent-to-treat"',
    ],
    ['visits', (d) => ({ ...d, checkin: { ...(d['checkin'] as object), money: { copayCents: -5, paymentId: '', deferredReason: '', at: '', by: '' } } }), 'checkin.money.copayCents must be at least 0'],
    ['visits', (d) => ({ ...d, checkin: { ...(d['checkin'] as object), identity: { at: '', by: '', extra: 1 } } }), 'checkin.identity.extra is not a field of checkin.identity'],
  ];

  it.each(cases)('%s: %s', (collection, forge, message) => {
    const doc = first(collection);
    expect(compile(collection)(forge(doc))).toEqual({ ok: false, reason: expect.stringContaining(`${collection} record ${doc._id}: ${message}`) });
  });

  it('takes the forms’ logo only as a PNG the size the catalog keeps (or none)', () => {
    const logo = written.catalog.find((d) => d['kind'] === 'form-logo')!;
    const validate = compile('catalog');
    expect(validate(logo)).toEqual({ ok: true });
    expect(validate({ ...logo, png: '' })).toEqual({ ok: true });
    expect(validate({ ...logo, png: 'PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' })).toEqual({ ok: false, reason: expect.stringContaining(`catalog record ${logo._id}: png must match`) });
    expect(validate({ ...logo, png: `${String(logo['png'])}"><script>` })).toMatchObject({ ok: false });
    expect(validate({ ...logo, png: `iVBORw0KGgo${'A'.repeat(200_000)}` })).toEqual({ ok: false, reason: expect.stringContaining('png must be at most 200000 characters long') });
    expect(validate({ ...logo, logoVersion: 0 })).toEqual({ ok: false, reason: expect.stringContaining('logoVersion must be at least 1') });
  });

  it('counts characters as JSON Schema does: a letter outside the basic plane is one', () => {
    const doc = first('patients');
    expect(compile('patients')({ ...doc, familyName: '𝔇'.repeat(100) })).toEqual({ ok: true });
    expect(compile('patients')({ ...doc, familyName: '𝔇'.repeat(101) })).toMatchObject({ ok: false });
  });
});

describe('a visit’s check-in', () => {
  it('is not required: a visit from a workstation still on visits v0 (no check-in recorded) is accepted', () => {
    const doc = first('visits');
    expect(doc['checkin']).toBeDefined();
    expect(compile('visits')(without(doc, 'checkin'))).toEqual({ ok: true });
  });
});

describe('a visit’s steps', () => {
  type Entry = { step: string; at: string; by: string; roomId: string; reason: string };
  const visit = () => first('visits') as PushedDoc & { timeline: Entry[] };

  it('keeps every step it had: a later version may add steps, in any order of their fields, but not drop or change one', () => {
    const validate = compile('visits');
    const doc = visit();
    expect(doc.timeline.map((e) => e.step)).toEqual(['checked-in', 'roomed']);
    // A new version names the revision it was made on (the stored one).
    const stored = { ...doc, _rev: '2-b' };
    const on = (fields: Partial<typeof doc>) => ({ ...doc, ...fields, _rev: '2-b' });
    const withProvider = { step: 'with-provider', at: '2026-11-23T15:30:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' };
    expect(validate(on({ step: 'with-provider', timeline: [...doc.timeline, withProvider] }), stored)).toEqual({ ok: true });
    const reordered = doc.timeline.map((e) => Object.fromEntries(Object.entries(e).reverse()) as Entry);
    expect(validate(on({ timeline: reordered }), stored)).toEqual({ ok: true });
    const lost = { ok: false, reason: `visits record ${doc._id}: timeline lost an item it had (${KEPT_ITEMS.visits!.message})` };
    expect(validate(on({ step: 'checked-in', timeline: doc.timeline.slice(0, 1) }), stored)).toEqual(lost);
    expect(validate(on({ timeline: doc.timeline.map((e) => ({ ...e, by: 'Someone else' })) }), stored)).toEqual(lost);
    // An administrator is held to it too; a deleted version before it had nothing to keep.
    expect(validate(on({ timeline: doc.timeline.slice(1) }), stored, ADMIN)).toEqual(lost);
    expect(validate(on({ timeline: doc.timeline.slice(1) }), { _id: doc._id, _rev: '2-b', _deleted: true })).toEqual({ ok: true });
    // Named by its new revision, with the stored one as its parent in _revisions: held to it just the same.
    expect(validate({ ...doc, _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] }, timeline: doc.timeline.slice(1) }, stored)).toEqual(lost);
    expect(validate({ ...doc, _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] }, step: 'with-provider', timeline: [...doc.timeline, withProvider] }, stored)).toEqual({ ok: true });
    // A version made on an older revision is a conflict for the storage to refuse (then merged), not a refusal here.
    expect(validate({ ...doc, _rev: '1-a', timeline: doc.timeline.slice(0, 1), step: 'checked-in' }, stored)).toEqual({ ok: true });
  });
});

describe('a composed primary key', () => {
  // No collection composes its id today; RxDB's composite keys are checked all the same.
  const schema = {
    title: 'rooms',
    version: 0,
    primaryKey: { key: 'id', fields: ['siteId', 'code'], separator: '|' },
    type: 'object',
    properties: { id: { type: 'string', maxLength: 80 }, siteId: { type: 'string', maxLength: 40 }, code: { type: 'string', maxLength: 20 }, updatedAt: { type: 'string', maxLength: 30 } },
    required: ['id', 'siteId', 'code', 'updatedAt'],
    additionalProperties: false,
  } as const satisfies CollectionJsonSchema;
  const validate = compileSource(validateDocUpdateSource(rulesFor('catalog', schema)));
  const room = { _id: 'north|A1', siteId: 'north', code: 'A1', updatedAt: '2026-11-23T15:00:00.000Z' };

  it('accepts an _id made of its fields and refuses any other', () => {
    expect(validate(room)).toEqual({ ok: true });
    expect(validate({ ...room, _id: 'south|A1' })).toEqual({ ok: false, reason: 'catalog record south|A1: _id must be siteId + "|" + code, here "north|A1"' });
  });
});
