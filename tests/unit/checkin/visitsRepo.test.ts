import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { visitConflictHandler } from '../../../src/renderer/features/checkin/visitsCollection';
import { emptyCheckin } from '../../../src/shared/checkin/checkin';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

const ROOM_1 = '0193a000-0000-7000-8000-0000000000c1';
const DR_A = '0193a000-0000-7000-8000-00000000000a';
let db: ClinicDatabase;
let roles: Role[];
let now: Date;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `visits${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['front-desk'];
  now = new Date('2026-12-09T15:00:00.000Z');
});
afterEach(async () => {
  await db.close();
});

async function deskWithPatient() {
  const d = openTestDesk(db, { roles: () => roles, now: () => now });
  await d.patients.finderReady();
  const ana = await d.patients.register({ givenName: 'Ana', familyName: 'Ruiz', birthDate: '1980-05-17', phones: [{ number: '5550101111', type: 'mobile', texts: true }] });
  return { d, ana: ana.id };
}

describe('visits at the desk', () => {
  it('start at check-in on the clinic’s date, move forward step by step with who and when, each step audited', async () => {
    const { d, ana } = await deskWithPatient();
    const appointment = await d.appointments.book({ patientId: ana, start: '2026-12-09T15:00:00.000Z', end: '2026-12-09T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up', providerId: DR_A });
    const visit = await d.visits.start({ patientId: ana, appointmentId: appointment.id, providerId: DR_A, typeId: '' });
    expect(visit).toMatchObject({ step: 'checked-in', date: '2026-12-09', appointmentId: appointment.id, timeline: [{ step: 'checked-in', by: 'Morgan Lee', at: '2026-12-09T15:00:00.000Z' }] });
    // Checked in again for the same appointment: the same visit.
    expect((await d.visits.start({ patientId: ana, appointmentId: appointment.id, providerId: DR_A, typeId: '' })).id).toBe(visit.id);

    now = new Date('2026-12-09T15:12:00.000Z');
    await d.visits.advance(visit.id, { step: 'roomed', roomId: ROOM_1 });
    await expect(d.visits.advance(visit.id, { step: 'waiting' })).rejects.toThrow('A visit that is roomed does not go back to waiting.');
    now = new Date('2026-12-09T15:40:00.000Z');
    const done = await d.visits.advance(visit.id, { step: 'done' });
    expect(done.timeline.map((e) => [e.step, e.at])).toEqual([
      ['checked-in', '2026-12-09T15:00:00.000Z'],
      ['roomed', '2026-12-09T15:12:00.000Z'],
      ['done', '2026-12-09T15:40:00.000Z'],
    ]);
    // The appointment is done too once the visit is (an arrived one only; twice is once).
    await expect(d.appointments.fulfil(appointment.id)).rejects.toThrow('An appointment that is booked cannot be marked done.');
    await d.appointments.checkIn(appointment.id);
    expect((await d.appointments.fulfil(appointment.id)).status).toBe('fulfilled');
    expect((await d.appointments.fulfil(appointment.id)).status).toBe('fulfilled');
    const walkIn = await d.visits.start({ patientId: ana, appointmentId: '', providerId: '', typeId: '' });
    await d.visits.advance(walkIn.id, { step: 'left', reason: 'Waited too long' });

    const day = await firstValueFrom(d.visits.observeDay('2026-12-09'));
    expect(day.map((v) => v.step)).toEqual(['done', 'left']);
    await d.log.flush();
    const entries = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject.startsWith('visits/'));
    expect(entries.map((e) => e.detail)).toEqual(['Checked in for an appointment', 'Roomed', 'Done', 'Checked in as a walk-in', 'Left without being seen: Waited too long']);
  });

  it('are moved only by staff allowed to check patients in, and a step added to a copy another workstation changed keeps its steps', async () => {
    const { d, ana } = await deskWithPatient();
    const visit = await d.visits.start({ patientId: ana, appointmentId: '', providerId: DR_A, typeId: '' });
    // Another workstation's step arrives by sync before this one's write.
    const doc = await db.visits.findOne(visit.id).exec();
    await doc!.incrementalPatch({
      step: 'waiting',
      timeline: [...visit.timeline, { step: 'waiting', at: '2026-12-09T15:02:00.000Z', by: 'Sam Lee', roomId: '', reason: '' }],
      updatedAt: '2026-12-09T15:02:00.000Z',
    });
    now = new Date('2026-12-09T15:05:00.000Z');
    const roomed = await d.visits.advance(visit.id, { step: 'roomed', roomId: ROOM_1 });
    expect(roomed.timeline.map((e) => `${e.step} ${e.by}`)).toEqual(['checked-in Morgan Lee', 'waiting Sam Lee', 'roomed Morgan Lee']);

    roles = [];
    await expect(d.visits.advance(visit.id, { step: 'with-provider' })).rejects.toBeInstanceOf(PermissionDenied);
  });

  it('resolve a sync conflict by keeping both copies’ steps', async () => {
    const { d, ana } = await deskWithPatient();
    const visit = await d.visits.start({ patientId: ana, appointmentId: '', providerId: DR_A, typeId: '' });
    const north = { ...visit, step: 'roomed' as const, timeline: [...visit.timeline, { step: 'roomed' as const, at: '2026-12-09T15:10:00.000Z', by: 'North', roomId: ROOM_1, reason: '' }], updatedAt: '2026-12-09T15:10:00.000Z', _deleted: false };
    const south = { ...visit, step: 'waiting' as const, timeline: [...visit.timeline, { step: 'waiting' as const, at: '2026-12-09T15:20:00.000Z', by: 'South', roomId: '', reason: '' }], updatedAt: '2026-12-09T15:20:00.000Z', _deleted: false };
    const resolved = await visitConflictHandler.resolve({ newDocumentState: south, realMasterState: north, assumedMasterState: { ...visit, _deleted: false } }, 'test');
    expect(resolved.step).toBe('roomed');
    expect(resolved.timeline.map((e) => e.by)).toEqual(['Morgan Lee', 'North', 'South']);
    // A copy deleted on the server does not take the visit's steps with it.
    expect(await visitConflictHandler.resolve({ newDocumentState: south, realMasterState: { ...north, _deleted: true } }, 'test')).toEqual(south);
  });

  it('check a patient in through the desk’s steps: refused while a step is missing (nothing written), then saved with what was checked, audited', async () => {
    const { d, ana } = await deskWithPatient();
    const appointment = await d.appointments.book({ patientId: ana, start: '2026-12-09T15:00:00.000Z', end: '2026-12-09T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up', providerId: DR_A });
    const by = 'Morgan Lee';
    const done = { at: '2026-12-09T14:58:00.000Z', by };
    const partial = { ...emptyCheckin(), identity: done, demographics: { ...done, changed: false } };
    const input = { patientId: ana, appointmentId: appointment.id, providerId: DR_A, typeId: '', arrivedAt: '2026-12-09T14:55:00.000Z', formsDue: ['consent-to-treat'] };
    await expect(d.visits.checkIn({ ...input, checkin: partial })).rejects.toThrow(
      'Not checked in yet: confirm the insurance (or self-pay); Consent to treat to be signed; collect the co-pay or say why not.',
    );
    // A co-pay asked for and neither taken nor deferred is still missing.
    const unpaid = { ...partial, insurance: { ...done, coverageId: '' }, forms: [{ form: 'consent-to-treat' as const, how: 'paper' as const, documentId: '', ...done }], money: { ...done, copayCents: 2500, paymentId: '', deferredReason: '' } };
    await expect(d.visits.checkIn({ ...input, checkin: unpaid })).rejects.toThrow('Not checked in yet: collect the co-pay or say why not.');
    // Bad data (a form the clinic does not have) is refused with a clear message.
    await expect(d.visits.checkIn({ ...input, checkin: { ...unpaid, forms: [{ ...unpaid.forms[0]!, form: 'tattoo-waiver' as 'intake' }] } })).rejects.toThrow(/^The check-in could not be saved/);
    expect(await db.visits.count().exec()).toBe(0);

    const complete = { ...unpaid, money: { ...unpaid.money, deferredReason: 'Cannot pay today' } };
    const visit = await d.visits.checkIn({ ...input, checkin: complete });
    // The wait starts at the arrival, not when the last step was done.
    expect(visit).toMatchObject({ step: 'checked-in', appointmentId: appointment.id, timeline: [{ step: 'checked-in', at: '2026-12-09T14:55:00.000Z', by }], checkin: complete });
    // An arrival "in the future" (a wrong clock elsewhere) is taken as now.
    const walkIn = await d.visits.checkIn({ ...input, appointmentId: '', arrivedAt: '2026-12-09T18:00:00.000Z', checkin: complete });
    expect(walkIn.timeline[0]!.at).toBe('2026-12-09T15:00:00.000Z');

    // A visit started with one action (or elsewhere) gains the check-in: still one visit.
    const other = await d.appointments.book({ patientId: ana, start: '2026-12-09T16:00:00.000Z', end: '2026-12-09T16:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up', providerId: DR_A });
    const started = await d.visits.start({ patientId: ana, appointmentId: other.id, providerId: DR_A, typeId: '' });
    const again = await d.visits.checkIn({ ...input, appointmentId: other.id, checkin: complete });
    expect(again.id).toBe(started.id);
    expect(again.checkin.money.deferredReason).toBe('Cannot pay today');
    expect(await db.visits.count().exec()).toBe(3);

    const history = await firstValueFrom(d.visits.observeForPatients([ana]));
    expect(history).toHaveLength(3);
    await d.log.flush();
    const entries = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject === `visits/${visit.id}`);
    expect(entries.map((e) => e.detail)).toEqual(['Checked in: demographics confirmed unchanged; self-pay; signed: Consent to treat; co-pay $25.00 deferred: Cannot pay today']);

    roles = [];
    await expect(d.visits.checkIn({ ...input, appointmentId: '', checkin: complete })).rejects.toBeInstanceOf(PermissionDenied);
  });

  it('check a patient out: the follow-up booked or why none, kept on the visit, which is done; refused before the patient is ready or without either', async () => {
    const { d, ana } = await deskWithPatient();
    const visit = await d.visits.start({ patientId: ana, appointmentId: '', providerId: DR_A, typeId: '' });
    await expect(d.visits.checkOut(visit.id, { followUpAppointmentId: '', noFollowUpReason: '', paymentId: '' })).rejects.toThrow('Not checked out yet: book the follow-up or say why not.');
    now = new Date('2026-12-09T15:30:00.000Z');
    const done = await d.visits.checkOut(visit.id, { followUpAppointmentId: '', noFollowUpReason: 'None needed', paymentId: '' });
    expect(done).toMatchObject({ step: 'done', checkout: { noFollowUpReason: 'None needed', at: '2026-12-09T15:30:00.000Z', by: 'Morgan Lee' } });
    expect(done.timeline.map((e) => e.step)).toEqual(['checked-in', 'done']);
    // Once done, not again; a patient who left unseen is not checked out either.
    await expect(d.visits.checkOut(visit.id, { followUpAppointmentId: '', noFollowUpReason: 'None needed', paymentId: '' })).rejects.toThrow('This visit is already done.');
    const gone = await d.visits.start({ patientId: ana, appointmentId: '', providerId: DR_A, typeId: '' });
    await d.visits.advance(gone.id, { step: 'left', reason: 'Waited too long' });
    await expect(d.visits.checkOut(gone.id, { followUpAppointmentId: '', noFollowUpReason: 'None needed', paymentId: '' })).rejects.toThrow('This visit is already left without being seen.');

    const booked = await d.visits.start({ patientId: ana, appointmentId: '', providerId: DR_A, typeId: '' });
    const followUp = await d.appointments.book({ patientId: ana, start: '2027-03-03T16:00:00.000Z', end: '2027-03-03T16:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up', providerId: DR_A });
    expect((await d.visits.checkOut(booked.id, { followUpAppointmentId: followUp.id, noFollowUpReason: '', paymentId: '' })).checkout.followUpAppointmentId).toBe(followUp.id);
    await d.log.flush();
    const entries = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.detail?.startsWith('Checked out'));
    expect(entries.map((e) => e.detail)).toEqual(['Checked out: no follow-up (None needed)', `Checked out: follow-up booked (appointments/${followUp.id})`]);
  });
});
