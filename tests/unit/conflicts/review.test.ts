import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { conflictsForReview, reviewedHandler } from '../../../src/renderer/data/conflicts';
import { conflictConflictHandler } from '../../../src/renderer/features/conflicts/conflictsCollection';
import { describeValues } from '../../../src/renderer/features/conflicts/describeConflict';
import { PATIENT_REVIEW, patientConflictHandler } from '../../../src/renderer/features/patients/data/patientsCollection';
import { APPOINTMENT_REVIEW } from '../../../src/renderer/features/schedule/appointmentsCollection';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { ConflictSchema, type Conflict } from '../../../src/shared/conflicts/conflict';
import type { Patient } from '../../../src/shared/patients/patient';
import { JaneDoe, JaneDoeNineAm, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

const d = <T>(doc: T) => ({ ...doc, _deleted: false });
const NOW = new Date('2026-11-23T16:00:00.000Z');
const base = d({ ...JaneDoe, updatedAt: '2026-11-23T14:00:00.000Z', siteId: 'main' });
const north = (over: Partial<Patient>) => d({ ...base, ...over, updatedAt: '2026-11-23T15:00:00.000Z', updatedBy: 'dana', siteId: 'north' });
const south = (over: Partial<Patient>) => d({ ...base, ...over, updatedAt: '2026-11-23T15:05:00.000Z', updatedBy: 'lee', siteId: 'south' });

describe('conflicts for review', () => {
  it('keeps both versions of a meaningful field both sides changed, oldest first, and nothing for other fields', async () => {
    const input = { assumedMasterState: base, newDocumentState: north({ familyName: 'Dough', email: 'a@example.org' }), realMasterState: south({ familyName: 'Doe-Smith', email: 'b@example.org' }) };
    const conflicts = await conflictsForReview('patients', input, PATIENT_REVIEW, NOW);
    expect(conflicts).toHaveLength(1);
    const [c] = conflicts as [Conflict];
    expect(ConflictSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({ recordCollection: 'patients', recordId: JaneDoe.id, patientId: JaneDoe.id, group: 'name', label: 'Name', status: 'open', kept: -1, siteId: 'north' });
    expect(c.versions.map((v) => [JSON.parse(v.values).familyName, v.siteId, v.updatedBy])).toEqual([
      ['Dough', 'north', 'dana'],
      ['Doe-Smith', 'south', 'lee'],
    ]);
    // The record itself keeps the later name and both emails' latest, so the desk goes on.
    expect(await patientConflictHandler.resolve(input, 'test')).toMatchObject({ familyName: 'Doe-Smith', email: 'b@example.org' });
  });

  it('finds nothing when only one side changed a meaningful field, or both changed it the same way', async () => {
    expect(await conflictsForReview('patients', { assumedMasterState: base, newDocumentState: north({ familyName: 'Dough' }), realMasterState: south({ email: 'b@example.org' }) }, PATIENT_REVIEW, NOW)).toEqual([]);
    expect(await conflictsForReview('patients', { assumedMasterState: base, newDocumentState: north({ birthDate: '1980-01-02' }), realMasterState: south({ birthDate: '1980-01-02' }) }, PATIENT_REVIEW, NOW)).toEqual([]);
  });

  it('names the same conflict the same wherever and however often it is found, and two conflicts apart', async () => {
    const a = north({ givenName: 'Janet', birthDate: '1980-02-01' });
    const b = south({ givenName: 'Janine', birthDate: '1980-01-02' });
    const here = await conflictsForReview('patients', { assumedMasterState: base, newDocumentState: a, realMasterState: b }, PATIENT_REVIEW, NOW);
    const there = await conflictsForReview('patients', { assumedMasterState: base, newDocumentState: b, realMasterState: a }, PATIENT_REVIEW, new Date('2026-11-24T09:00:00Z'));
    expect(here.map((c) => c.group)).toEqual(['name', 'birthDate']);
    expect(there.map((c) => c.id)).toEqual(here.map((c) => c.id));
    expect(there.map((c) => c.versions)).toEqual(here.map((c) => c.versions));
    expect(new Set(here.map((c) => c.id)).size).toBe(2);
  });

  it('keeps the other version before the merged record goes back to sync, and a failure to keep it stops the merge', async () => {
    const kept: Conflict[][] = [];
    const handler = reviewedHandler('patients', patientConflictHandler, PATIENT_REVIEW, async (c) => void kept.push([...c]), () => NOW);
    const input = { assumedMasterState: base, newDocumentState: north({ familyName: 'Dough' }), realMasterState: south({ familyName: 'Doe-Smith' }) };
    expect(await handler.resolve(input, 'test')).toMatchObject({ familyName: 'Doe-Smith' });
    expect(kept.flat().map((c) => c.group)).toEqual(['name']);

    const failing = reviewedHandler('patients', patientConflictHandler, PATIENT_REVIEW, () => Promise.reject(new Error('disk full')), () => NOW);
    await expect(failing.resolve(input, 'test')).rejects.toThrow('disk full');
    // No clash, nothing to keep: the sink is not asked.
    const sink = vi.fn(async () => {});
    const quiet = reviewedHandler('patients', patientConflictHandler, PATIENT_REVIEW, sink, () => NOW);
    await quiet.resolve({ assumedMasterState: base, newDocumentState: north({ email: 'x@example.org' }), realMasterState: south({ familyName: 'Doe-Smith' }) }, 'test');
    expect(sink).not.toHaveBeenCalled();
  });

  it('reviews a visit moved to two different times as one conflict of its time', async () => {
    const visit = d({ ...JaneDoeNineAm, updatedAt: '2026-11-23T14:00:00.000Z' });
    const here = d({ ...visit, start: '2026-11-24T16:00:00.000Z', end: '2026-11-24T16:20:00.000Z', updatedAt: '2026-11-23T15:00:00.000Z', siteId: 'north' });
    const there = d({ ...visit, start: '2026-11-25T15:00:00.000Z', end: '2026-11-25T15:20:00.000Z', updatedAt: '2026-11-23T15:01:00.000Z', siteId: 'south' });
    const [c] = await conflictsForReview('appointments', { assumedMasterState: visit, newDocumentState: here, realMasterState: there }, APPOINTMENT_REVIEW, NOW);
    expect(c).toMatchObject({ group: 'time', label: 'Time', patientId: visit.patientId });
    expect(c!.versions.map((v) => describeValues('time', JSON.parse(v.values), 'America/Chicago'))).toEqual(['Tue, Nov 24, 2026, 10:00 AM – 10:20 AM', 'Wed, Nov 25, 2026, 9:00 AM – 9:20 AM']);
  });
});

describe('the conflicts collection never undoes a decision', () => {
  const open = async () => (await conflictsForReview('patients', { assumedMasterState: base, newDocumentState: north({ familyName: 'Dough' }), realMasterState: south({ familyName: 'Doe-Smith' }) }, PATIENT_REVIEW, NOW))[0]!;
  const decide = (c: Conflict, kept: 0 | 1, by: string, at: string) => d({ ...c, status: 'resolved' as const, kept, resolvedAt: at, resolvedBy: by, resolvedByName: by, updatedAt: at, updatedBy: by });

  it('keeps a decision made elsewhere over a copy still open, from either side', async () => {
    const c = d(await open());
    const decided = decide(c, 0, 'dana', '2026-11-23T17:00:00.000Z');
    const stillOpen = d({ ...c, updatedAt: '2026-11-23T18:00:00.000Z' });
    expect(await conflictConflictHandler.resolve({ assumedMasterState: c, newDocumentState: stillOpen, realMasterState: decided }, 'test')).toMatchObject({ status: 'resolved', kept: 0, resolvedBy: 'dana' });
    expect(await conflictConflictHandler.resolve({ assumedMasterState: c, newDocumentState: decided, realMasterState: stillOpen }, 'test')).toMatchObject({ status: 'resolved', kept: 0, resolvedBy: 'dana' });
  });

  it('keeps the later of two decisions, whole', async () => {
    const c = d(await open());
    const first = decide(c, 0, 'dana', '2026-11-23T17:00:00.000Z');
    const second = decide(c, 1, 'lee', '2026-11-23T17:05:00.000Z');
    const merged = await conflictConflictHandler.resolve({ assumedMasterState: c, newDocumentState: first, realMasterState: second }, 'test');
    expect(merged).toMatchObject({ status: 'resolved', kept: 1, resolvedBy: 'lee', resolvedAt: '2026-11-23T17:05:00.000Z' });
    expect(ConflictSchema.safeParse(merged).success).toBe(true);
  });
});

describe('deciding a conflict at the desk', () => {
  let db: ClinicDatabase;
  let roles: Role[];
  let n = 0;
  beforeEach(async () => {
    db = await openClinicDatabase({ name: `cf${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    roles = ['front-desk'];
  });
  afterEach(async () => {
    await db.close();
  });

  async function withConflict() {
    const desk = openTestDesk(db, { roles: () => roles, now: () => NOW });
    await desk.patients.finderReady();
    const patient = await desk.patients.register({ givenName: 'Jane', familyName: 'Doe', birthDate: '1980-03-04', phones: [{ number: '5550101234', type: 'mobile', texts: false }] });
    const stored = d((await db.patients.findOne(patient.id).exec())!.toJSON() as Patient);
    const local = d({ ...stored, familyName: 'Dough', updatedAt: '2026-11-23T16:10:00.000Z', siteId: 'north', updatedBy: 'dana' });
    const server = d({ ...stored, familyName: 'Doe-Smith', updatedAt: '2026-11-23T16:20:00.000Z', siteId: 'south', updatedBy: 'lee' });
    // What sync does: the record takes the merge, the other version is kept for review.
    const handler = reviewedHandler('patients', patientConflictHandler, PATIENT_REVIEW, async (c) => void (await db.conflicts.bulkInsert([...c])), () => NOW);
    const merged = await handler.resolve({ assumedMasterState: stored, newDocumentState: local, realMasterState: server }, 'test');
    await (await db.patients.findOne(patient.id).exec())!.incrementalPatch(merged);
    const [conflict] = (await db.conflicts.find().exec()).map((c) => c.toJSON() as Conflict);
    return { desk, patient, conflict: conflict! };
  }

  it('writes the chosen version into the record, audited in its history, and marks the conflict decided by whom', async () => {
    const { desk, patient, conflict } = await withConflict();
    expect(await firstValueFrom(desk.conflicts.observeCurrent(conflict))).toMatchObject({ holds: 1, values: { familyName: 'Doe-Smith' } });
    const decided = await desk.conflicts.resolve(conflict.id, 0);
    expect(decided).toMatchObject({ status: 'resolved', kept: 0, resolvedBy: 'staff-1', resolvedByName: 'Morgan Lee', resolvedAt: NOW.toISOString() });
    expect(await desk.patients.get(patient.id)).toMatchObject({ familyName: 'Dough', updatedBy: 'staff-1' });
    await desk.log.flush();
    const entry = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.detail.startsWith('Conflict review'));
    expect(entry).toMatchObject({ action: 'change', subject: `patients/${patient.id}`, patientId: patient.id, actor: 'staff-1', changes: [{ field: 'familyName', before: 'Doe-Smith', after: 'Dough' }] });
    expect(entry!.detail).toContain('kept the version written at site north');
    await expect(desk.conflicts.resolve(conflict.id, 1)).rejects.toThrow('already decided by Morgan Lee');
  });

  it('keeping the version the record holds changes nothing in it but is still recorded as a decision', async () => {
    const { desk, patient, conflict } = await withConflict();
    const before = await desk.patients.get(patient.id);
    await desk.conflicts.resolve(conflict.id, 1);
    expect(await desk.patients.get(patient.id)).toEqual(before);
    await desk.log.flush();
    const entry = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.detail.startsWith('Conflict review'));
    expect(entry).toMatchObject({ changes: [] });
    expect(entry!.detail).toContain('which the record already held');
  });

  it('asks for the permission to edit the record, and changes nothing without it', async () => {
    const { desk, patient, conflict } = await withConflict();
    roles = [];
    await expect(desk.conflicts.resolve(conflict.id, 0)).rejects.toBeInstanceOf(PermissionDenied);
    expect((await db.conflicts.findOne(conflict.id).exec())!.status).toBe('open');
    expect((await db.patients.findOne(patient.id).exec())!.familyName).toBe('Doe-Smith');
  });
});
