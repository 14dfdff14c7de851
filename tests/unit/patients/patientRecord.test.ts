import { patientLookup } from '../../support/desk';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patientConflictHandler } from '../../../src/renderer/features/patients/data/patientsCollection';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { createAuditLog } from '../../../src/renderer/features/audit/auditLog';
import { createAuditTrail } from '../../../src/renderer/features/audit/auditTrail';
import { createPatientsRepo } from '../../../src/renderer/features/patients/data/patientsRepo';
import { createWorkContext, PermissionDenied } from '../../../src/renderer/data/workContext';
import { startPatientFinder } from '../../../src/renderer/features/patients/finder/patientFinderIndex';
import { identitiesOf } from '../../../src/renderer/features/patients/data/patientsRepo';
import type { Role } from '../../../src/shared/auth/permissions';
import type { PatientId } from '../../../src/shared/domain/ids';
import { MAX_DOCUMENT_BYTES } from '../../../src/shared/patients/document';
import type { PatientInput } from '../../../src/shared/patients/patient';
import { AcmePayer, JaneDoe, JaneDoeCopay, JaneDoeNineAm, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';
import { numberSequence } from '../../support/numbers';

let db: ClinicDatabase;
let roles: Role[];
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `pr${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['manager'];
  await db.catalog.insert(AcmePayer);
});
afterEach(async () => {
  await db.close();
});

async function desk(prefix = 'N1') {
  const d = openTestDesk(db, { roles: () => roles, now: () => new Date('2026-11-23T15:00:00Z'), settings: { workstationPrefix: prefix } });
  await d.patients.finderReady();
  return d;
}

const person = (over: Partial<PatientInput> = {}): PatientInput => ({
  givenName: 'Ana',
  familyName: 'Ruiz',
  birthDate: '1980-05-17',
  phones: [{ number: '5550101111', type: 'mobile', texts: true }],
  ...over,
});
const coverage = { rank: 'primary' as const, payerId: AcmePayer.id, plan: 'PPO', memberId: 'xac 123 456', groupNumber: '', relationship: 'self' as const, subscriberName: '', subscriberBirthDate: '', effectiveFrom: '01/01/2026', effectiveTo: '' };

describe('registration', () => {
  it('saves the full record with its defaults and only the filled-in fields in the audit', async () => {
    const d = await desk();
    const ana = await d.patients.register(person({ email: 'ana@example.com', address: { line1: '1 Main St', line2: '', city: 'Springfield', state: 'il', postalCode: '62701' } }));
    expect(ana).toMatchObject({ sex: 'unknown', language: 'en', status: 'active', mergedInto: '', address: { state: 'IL' } });
    const created = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.action === 'create')!;
    expect(created.changes!.map((c) => c.field)).toEqual(expect.arrayContaining(['givenName', 'email', 'address.city', 'address.state']));
    expect(created.changes!.map((c) => c.field)).not.toContain('middleName');
  });

  it('refuses an incomplete address and a bad email, saving nothing', async () => {
    const d = await desk();
    await expect(d.patients.register(person({ address: { line1: '1 Main St', line2: '', city: '', state: 'ZZ', postalCode: '123' } }))).rejects.toThrow(/City is required[\s\S]*Choose a state[\s\S]*ZIP code/);
    await expect(d.patients.register(person({ email: 'ana@' }))).rejects.toThrow('Enter an email address like name@example.com');
    expect(await db.patients.count().exec()).toBe(0);
  });

  it('gives every patient registered on two offline workstations a different MRN', async () => {
    const north = await desk('N1');
    const south = await desk('S1');
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await north.patients.register(person({ givenName: `North${i}` })));
      made.push(await south.patients.register(person({ givenName: `South${i}` })));
    }
    const mrns = made.map((p) => p.mrn);
    expect(new Set(mrns).size).toBe(10);
    expect(mrns.filter((m) => m.startsWith('N1-'))).toHaveLength(5);
  });
});

describe('a saved registration whose audit entry cannot be written yet', () => {
  it('is reported as saved (a retry would register the patient twice) and its entry is written later', async () => {
    const d = await desk();
    const insert = db.audit.insert.bind(db.audit);
    db.audit.insert = async () => {
      throw new Error('The disk is full');
    };
    const ana = await d.patients.register(person());
    expect(await db.patients.count().exec()).toBe(1);
    expect(await d.log.pending()).toBe(1);
    db.audit.insert = insert;
    expect(await d.log.flush()).toBe(1);
    const created = (await db.audit.find().exec()).map((e) => e.toJSON());
    expect(created.map((e) => [e.action, e.subject, e.at])).toEqual([['create', `patients/${ana.id}`, '2026-11-23T15:00:00.000Z']]);
    d.log.stop();
  });
});

describe('while the finder is still loading', () => {
  it('search finds nobody and says so through the desk, and a duplicate check waits for it', async () => {
    const d = await desk();
    await d.patients.register(person());
    const now = () => new Date('2026-11-23T15:00:00Z');
    const log = createAuditLog(db, { workstationId: () => 'ws-2', siteId: () => 'north', now });
    const ctx = createWorkContext({ actor: () => ({ id: 'staff-2', name: 'Dana', roles }), siteId: () => 'north', timeZone: () => 'America/Chicago', now, log, patients: patientLookup(db) });
    let loaded = false;
    let finish!: () => void;
    const whenReady = new Promise<void>((resolve) => (finish = resolve));
    const { finder } = await startPatientFinder(db);
    const loading = createPatientsRepo(db, ctx, finder, numberSequence('N9'), createAuditTrail(db), { isReady: () => loaded, whenReady });
    expect(await loading.search('ruiz')).toEqual([]);
    let checked = false;
    const check = loading.possibleDuplicates(person()).then((found) => {
      checked = true;
      return found;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(checked).toBe(false);
    loaded = true;
    finish();
    expect((await check).map((x) => x.reasons)).toEqual([['same-dob-similar-name', 'same-phone']]);
    expect(await loading.search('ruiz')).toHaveLength(1);
  });
});

describe('patients who are not active', () => {
  it('are still found and flagged when registered again; a merged record is not', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    await d.patients.setStatus(ana.id, 'inactive');
    expect((await d.patients.search('ruiz ana')).map((p) => p.id)).toEqual([ana.id]);
    const again = await d.patients.possibleDuplicates(person({ phones: [{ number: '5550109999', type: 'mobile', texts: false }] }));
    expect(again.map((x) => [x.record.id, x.reasons])).toEqual([[ana.id, ['same-dob-similar-name']]]);
    const other = await d.patients.register(person({ givenName: 'Anna', phones: [{ number: '5550108888', type: 'mobile', texts: false }] }));
    await d.patients.merge(ana.id, other.id, {});
    expect((await d.patients.search('ruiz anna')).map((p) => p.id)).toEqual([]);
  });
});

describe('possible duplicates by member id', () => {
  it('finds the patient whose coverage has the same member id, however it is typed', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    await d.coverages.add(ana.id, coverage);
    const found = await d.patients.possibleDuplicates(person({ givenName: 'Anne', familyName: 'Smith', birthDate: '1975-01-01', phones: [{ number: '5550102222', type: 'home', texts: false }] }), 'XAC123456');
    expect(found.map((f) => [f.record.id, f.reasons])).toEqual([[ana.id, ['same-member-id']]]);
    expect(await d.patients.possibleDuplicates(person({ givenName: 'Anne', familyName: 'Smith', birthDate: '1975-01-01', phones: [{ number: '5550102222', type: 'home', texts: false }] }), 'OTHER1')).toEqual([]);
  });
});

describe('coverages', () => {
  it('keeps one active coverage per rank, ends coverages instead of deleting them', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    const first = await d.coverages.add(ana.id, coverage);
    expect(first).toMatchObject({ memberId: 'XAC123456', payerName: 'Acme Health Plan', effectiveFrom: '2026-01-01' });
    await expect(d.coverages.add(ana.id, { ...coverage, memberId: 'B2' })).rejects.toThrow('already has an active primary coverage');
    await d.coverages.end(first.id, '2026-11-30');
    const second = await d.coverages.add(ana.id, { ...coverage, memberId: 'B2' });
    const all = (await db.coverages.find().exec()).map((c) => c.toJSON());
    expect(all.map((c) => [c.id, c.status])).toEqual(expect.arrayContaining([[first.id, 'inactive'], [second.id, 'active']]));
  });

  it('refuses a payer that is not on the list, a dependent with no subscriber and an end before the start', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    await expect(d.coverages.add(ana.id, { ...coverage, payerId: 'nope' })).rejects.toThrow('payer list');
    await expect(d.coverages.add(ana.id, { ...coverage, relationship: 'child' })).rejects.toThrow(/subscriber’s name[\s\S]*subscriber’s date of birth/);
    await expect(d.coverages.add(ana.id, { ...coverage, effectiveTo: '12/31/2025' })).rejects.toThrow('The end date is before the effective date');
    expect(await db.coverages.count().exec()).toBe(0);
  });
});

describe('documents', () => {
  it('stores an image with its size and hash, and refuses one over the limit', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i % 251);
    const doc = await d.documents.add(ana.id, { kind: 'insurance-card-front', contentType: 'image/jpeg', bytes, width: 10, height: 6 });
    const opened = await d.documents.open(doc.id);
    expect(opened.bytes).toEqual(bytes);
    await expect(d.documents.add(ana.id, { kind: 'other', contentType: 'image/jpeg', bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 1), width: 1, height: 1 })).rejects.toThrow('the most a document may be is');
    expect(await db.documents.count().exec()).toBe(1);
  });

  it('refuses to show a document whose content no longer matches its hash', async () => {
    const d = await desk();
    const ana = await d.patients.register(person());
    const doc = await d.documents.add(ana.id, { kind: 'other', contentType: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]), width: 1, height: 1 });
    await (await db.documents.findOne(doc.id).exec())!.incrementalPatch({ data: 'AQID', bytes: 3, sha256: 'f'.repeat(64) });
    await expect(d.documents.open(doc.id)).rejects.toThrow('damaged');
  });
});

describe('merge', () => {
  it('keeps the chosen values, marks the other record merged, moves its appointments, coverages and documents, and audits it', async () => {
    const d = await desk();
    const keep = await d.patients.register(person({ email: '' }));
    const other = await d.patients.register(person({ givenName: 'Anna', email: 'anna@example.com', phones: [{ number: '5550103333', type: 'home', texts: false }] }));
    const cov = await d.coverages.add(other.id, coverage);
    const doc = await d.documents.add(other.id, { kind: 'photo-id', contentType: 'image/jpeg', bytes: new Uint8Array([9, 9, 9]), width: 1, height: 1 });
    await db.appointments.insert({ ...JaneDoeNineAm, patientId: other.id });
    await db.ledger.insert({ ...JaneDoeCopay, patientId: other.id });

    const survivor = await d.patients.merge(keep.id, other.id, { email: 'other', phones: 'other' });
    expect(survivor).toMatchObject({ givenName: 'Ana', email: 'anna@example.com', phones: [{ number: '5550103333' }], status: 'active' });
    expect(await d.patients.get(other.id)).toMatchObject({ status: 'merged-into', mergedInto: keep.id });
    expect((await db.coverages.findOne(cov.id).exec())!.patientId).toBe(keep.id);
    expect((await db.documents.findOne(doc.id).exec())!.patientId).toBe(keep.id);
    expect((await db.appointments.findOne(JaneDoeNineAm.id).exec())!.patientId).toBe(keep.id);
    // Money is append-only: the entry keeps its patient and counts through the merge.
    expect((await db.ledger.findOne(JaneDoeCopay.id).exec())!.patientId).toBe(other.id);
    expect(await d.patients.identities(keep.id)).toEqual([keep.id, other.id]);
    expect((await d.patients.resolve(other.id))?.id).toBe(keep.id);

    const merges = (await db.audit.find({ selector: { action: 'merge' } }).exec()).map((e) => e.toJSON());
    expect(merges.map((m) => m.patientId).sort()).toEqual([keep.id, other.id].sort());
    expect(merges[0]!.detail).toContain('Merged Ruiz, Anna');
    // The finder no longer offers the merged record.
    expect((await d.patients.search('anna ruiz')).map((p) => p.id)).toEqual([]);
  });

  it('ends the moved copy of a card both records had, and keeps a different card active', async () => {
    const d = await desk();
    const keep = await d.patients.register(person());
    const other = await d.patients.register(person({ givenName: 'Anna' }));
    const kept = await d.coverages.add(keep.id, coverage);
    const same = await d.coverages.add(other.id, { ...coverage, memberId: 'XAC-123-456' });
    const second = await d.coverages.add(other.id, { ...coverage, rank: 'secondary', memberId: 'ZZ9' });
    await d.patients.merge(keep.id, other.id, {});
    const status = async (id: string) => (await db.coverages.findOne(id).exec())!.toJSON();
    expect(await status(kept.id)).toMatchObject({ patientId: keep.id, status: 'active' });
    expect(await status(same.id)).toMatchObject({ patientId: keep.id, status: 'inactive' });
    expect(await status(second.id)).toMatchObject({ patientId: keep.id, status: 'active' });
  });

  it('puts a booking, coverage or document made later for the merged record on the record kept', async () => {
    const d = await desk();
    const keep = await d.patients.register(person());
    const other = await d.patients.register(person({ givenName: 'Anna', phones: [{ number: '5550108888', type: 'mobile', texts: false }] }));
    await d.patients.merge(keep.id, other.id, {});
    const visit = await d.appointments.book({ patientId: other.id, start: '2026-11-24T15:00:00.000Z', end: '2026-11-24T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up' });
    expect(visit.patientId).toBe(keep.id);
    expect((await d.coverages.add(other.id, coverage)).patientId).toBe(keep.id);
    await expect(d.appointments.book({ patientId: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9dff' as PatientId, start: '2026-11-24T15:00:00.000Z', end: '2026-11-24T15:20:00.000Z', timeZone: 'America/Chicago', reason: '' })).rejects.toThrow(
      'That patient could not be found.',
    );
  });

  it('refuses merging a record into itself or an already merged record, and needs the merge permission', async () => {
    const d = await desk();
    const a = await d.patients.register(person());
    const b = await d.patients.register(person({ givenName: 'Anna' }));
    const c = await d.patients.register(person({ givenName: 'Annie' }));
    await expect(d.patients.merge(a.id, a.id, {})).rejects.toThrow('two different patients');
    await d.patients.merge(a.id, b.id, {});
    await expect(d.patients.merge(c.id, b.id, {})).rejects.toThrow('already merged');
    await expect(d.patients.update(b.id, person())).rejects.toThrow('merged into another one');
    roles = ['front-desk'];
    await expect(d.patients.merge(a.id, c.id, {})).rejects.toBeInstanceOf(PermissionDenied);
    expect((await d.patients.get(c.id))?.status).toBe('active');
  });

  it('follows chains of merges to find every identity of a patient', () => {
    expect(identitiesOf('a', [{ id: 'b', mergedInto: 'a' }, { id: 'c', mergedInto: 'b' }, { id: 'x', mergedInto: 'y' }])).toEqual(['a', 'b', 'c']);
  });
});

describe('a merge survives sync', () => {
  const merged = { ...JaneDoe, status: 'merged-into' as const, mergedInto: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9d02' as PatientId, updatedAt: '2026-11-23T15:00:00.000Z', _deleted: false };
  const edited = { ...JaneDoe, email: 'late@example.com', updatedAt: '2026-11-23T16:00:00.000Z', _deleted: false };

  it.each([
    ['merged on the server, edited later offline', edited, merged],
    ['merged here, edited later elsewhere', merged, edited],
  ])('%s: stays merged and keeps the later edit', async (_name, local, server) => {
    const result = await patientConflictHandler.resolve({ newDocumentState: local, realMasterState: server, assumedMasterState: undefined }, 'test');
    expect(result).toMatchObject({ status: 'merged-into', mergedInto: merged.mergedInto, email: 'late@example.com' });
  });

  it('keeps the earlier of two merges of the same record into different survivors', async () => {
    const later = { ...merged, mergedInto: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9d09' as PatientId, updatedAt: '2026-11-23T17:00:00.000Z' };
    const result = await patientConflictHandler.resolve({ newDocumentState: later, realMasterState: merged, assumedMasterState: undefined }, 'test');
    expect(result.mergedInto).toBe(merged.mergedInto);
  });
});
