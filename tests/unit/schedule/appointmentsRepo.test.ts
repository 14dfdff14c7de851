import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import { ATTENTION_SETTLE_MS, OverlapError, SeriesOverlapError, overlapWindow } from '../../../src/renderer/features/schedule/appointmentsRepo';
import { waitlistFits } from '../../../src/shared/schedule/waitlist';
import type { Role } from '../../../src/shared/auth/permissions';
import type { PatientId } from '../../../src/shared/domain/ids';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let now: Date;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `ap${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['front-desk'];
  now = new Date('2026-12-07T14:00:00Z');
});
afterEach(async () => {
  await db.close();
});

async function desk() {
  const d = openTestDesk(db, { roles: () => roles, now: () => now });
  await d.patients.finderReady();
  return d;
}

const DR_A = '0193a000-0000-7000-8000-00000000000a';
const DR_B = '0193a000-0000-7000-8000-00000000000b';
const ROOM_1 = '0193a000-0000-7000-8000-0000000000c1';
const visit = (patientId: PatientId, start: string, end: string, more: Record<string, string> = {}) => ({ patientId, start, end, timeZone: 'America/Chicago', reason: 'Follow-up', ...more });

async function twoPatients(d: Awaited<ReturnType<typeof desk>>) {
  const ana = await d.patients.register({ givenName: 'Ana', familyName: 'Ruiz', birthDate: '1980-05-17', phones: [{ number: '5550101111', type: 'mobile', texts: true }] });
  const ben = await d.patients.register({ givenName: 'Ben', familyName: 'Okafor', birthDate: '1975-01-02', phones: [{ number: '5550102222', type: 'mobile', texts: false }] });
  return { ana: ana.id, ben: ben.id };
}

describe('booking checks for overlaps', () => {
  it('refuses a time the provider, the room or the patient already has, and names what it overlaps', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z', { providerId: DR_A, roomId: ROOM_1 }));
    // The provider's: 9:15 with Dr A.
    await expect(d.appointments.book(visit(ben, '2026-12-07T15:15:00.000Z', '2026-12-07T15:45:00.000Z', { providerId: DR_A }))).rejects.toThrow(/overlaps the provider's visit at 9:00 AM/);
    // The room's, with another provider.
    await expect(d.appointments.book(visit(ben, '2026-12-07T15:00:00.000Z', '2026-12-07T15:20:00.000Z', { providerId: DR_B, roomId: ROOM_1 }))).rejects.toThrow(/the room's visit/);
    // The patient's own, with another provider and room.
    const own = d.appointments.book(visit(ana, '2026-12-07T15:20:00.000Z', '2026-12-07T15:40:00.000Z', { providerId: DR_B }));
    await expect(own).rejects.toBeInstanceOf(OverlapError);
    await expect(own).rejects.toThrow(/the patient's own visit/);
    // Touching ends, another provider's time, and a cancelled visit's time are free.
    await d.appointments.book(visit(ben, '2026-12-07T15:30:00.000Z', '2026-12-07T16:00:00.000Z', { providerId: DR_A, roomId: ROOM_1 }));
    const early = await d.appointments.book(visit(ben, '2026-12-07T14:00:00.000Z', '2026-12-07T14:30:00.000Z', { providerId: DR_B }));
    await d.appointments.cancel(early.id, 'patient');
    await d.appointments.book(visit(ana, '2026-12-07T14:00:00.000Z', '2026-12-07T14:30:00.000Z', { providerId: DR_B }));
    expect(await db.appointments.count().exec()).toBe(4);
  });

  it('books over another visit only with a reason and a manager’s permission, both kept', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z', { providerId: DR_A }));
    const over = visit(ben, '2026-12-07T15:00:00.000Z', '2026-12-07T15:15:00.000Z', { providerId: DR_A });
    await expect(d.appointments.book(over, { overbookReason: 'Urgent: fever' })).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['manager'];
    const booked = await d.appointments.book(over, { overbookReason: '  Urgent: fever ' });
    expect(booked.overbookReason).toBe('Urgent: fever');
    const entry = (await db.audit.find().exec()).map((e) => e.toJSON()).find((e) => e.subject === `appointments/${booked.id}`);
    expect(entry?.detail).toBe('Booked over another visit: Urgent: fever');
  });
});

describe('rescheduling, cancelling and no-shows', () => {
  it('moves a visit with the same checks and keeps the earlier time in its history', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const first = await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z', { providerId: DR_A }));
    await d.appointments.book(visit(ben, '2026-12-07T16:00:00.000Z', '2026-12-07T16:30:00.000Z', { providerId: DR_A }));
    await expect(d.appointments.reschedule(first.id, { start: '2026-12-07T16:15:00.000Z', end: '2026-12-07T16:45:00.000Z' })).rejects.toBeInstanceOf(OverlapError);
    // Its own time does not count against it: a longer visit at the same start.
    const longer = await d.appointments.reschedule(first.id, { start: '2026-12-07T15:00:00.000Z', end: '2026-12-07T15:45:00.000Z' });
    expect(longer.end).toBe('2026-12-07T15:45:00.000Z');
    const moved = await d.appointments.reschedule(first.id, { start: '2026-12-08T15:00:00.000Z', end: '2026-12-08T15:30:00.000Z', providerId: DR_B });
    expect(moved).toMatchObject({ start: '2026-12-08T15:00:00.000Z', providerId: DR_B, status: 'booked' });
    const history = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject === `appointments/${first.id}` && e.detail === 'Rescheduled');
    expect(history.map((e) => e.changes.map((c) => [c.field, c.before, c.after]))).toEqual([
      [['end', '2026-12-07T15:30:00.000Z', '2026-12-07T15:45:00.000Z']],
      [
        ['start', '2026-12-07T15:00:00.000Z', '2026-12-08T15:00:00.000Z'],
        ['end', '2026-12-07T15:45:00.000Z', '2026-12-08T15:30:00.000Z'],
        ['providerId', DR_A, DR_B],
      ],
    ]);
    await expect(d.appointments.reschedule(first.id, { start: '2026-12-08T15:00:00.000Z', end: '2026-12-08T14:00:00.000Z' })).rejects.toThrow('end after it starts');
  });

  it('cancels with a reason (a note for "other"), marks a no-show only once the visit has started, and refuses what is already under way', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const a = await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z'));
    const b = await d.appointments.book(visit(ben, '2026-12-07T13:00:00.000Z', '2026-12-07T13:30:00.000Z'));
    await expect(d.appointments.cancel(a.id, 'other')).rejects.toThrow('Say why');
    await expect(d.appointments.cancel(a.id, 'bored' as never)).rejects.toThrow('Choose why');
    const cancelled = await d.appointments.cancel(a.id, 'weather', 'Ice storm');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'weather', cancelNote: 'Ice storm' });
    await expect(d.appointments.cancel(a.id, 'patient')).rejects.toThrow('cancelled cannot be cancelled');
    const c = await d.appointments.book(visit(ana, '2026-12-07T18:00:00.000Z', '2026-12-07T18:30:00.000Z'));
    await expect(d.appointments.markNoShow(c.id)).rejects.toThrow('has not started yet');
    expect(await d.appointments.markNoShow(b.id)).toMatchObject({ status: 'noshow' });
    await d.appointments.checkIn(c.id);
    await expect(d.appointments.cancel(c.id, 'patient')).rejects.toThrow('arrived cannot be cancelled');
    await expect(d.appointments.markNoShow(c.id)).rejects.toThrow('arrived cannot be marked as a no-show');
    await expect(d.appointments.reschedule(c.id, { start: '2026-12-07T19:00:00.000Z', end: '2026-12-07T19:30:00.000Z' })).rejects.toThrow('arrived cannot be moved');
    const trail = (await db.audit.find().exec()).map((e) => e.toJSON());
    expect(trail.find((e) => e.subject === `appointments/${a.id}` && e.detail?.startsWith('Cancelled'))?.detail).toBe('Cancelled: Weather (Ice storm)');
    expect(trail.find((e) => e.subject === `appointments/${b.id}` && e.detail === 'No-show')).toBeDefined();
  });
});

describe('the overlap check of a move readied while the visit is dragged', () => {
  it('asks for the visits starting from 12 hours before the visit’s clinic day to 12 hours after it, the same for every time of the day, DST days too', () => {
    const window = (start: string, end: string) => overlapWindow({ start, end, timeZone: 'America/Chicago' });
    // Dec 7 in Chicago is 06:00Z to 06:00Z the next day.
    expect(window('2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z')).toEqual({ $gt: '2026-12-06T18:00:00.000Z', $lt: '2026-12-08T18:00:00.000Z' });
    expect(window('2026-12-08T03:00:00.000Z', '2026-12-08T03:30:00.000Z')).toEqual(window('2026-12-07T06:00:00.000Z', '2026-12-07T06:15:00.000Z'));
    // Spring forward: Mar 8 2026 is 23 hours (06:00Z to 05:00Z); fall back: Nov 1 is 25 (05:00Z to 06:00Z).
    expect(window('2026-03-08T15:00:00.000Z', '2026-03-08T15:30:00.000Z')).toEqual({ $gt: '2026-03-07T18:00:00.000Z', $lt: '2026-03-09T17:00:00.000Z' });
    expect(window('2026-11-01T15:00:00.000Z', '2026-11-01T15:30:00.000Z')).toEqual({ $gt: '2026-10-31T17:00:00.000Z', $lt: '2026-11-02T18:00:00.000Z' });
    // A visit running past the window's end widens it.
    expect(window('2026-12-08T04:00:00.000Z', '2026-12-09T04:00:00.000Z').$lt).toBe('2026-12-09T04:00:00.000Z');
  });

  it('still refuses a time taken after the move was readied, and still moves into a time freed meanwhile', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const moving = await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z', { providerId: DR_A }));
    const blocking = await d.appointments.book(visit(ben, '2026-12-07T17:00:00.000Z', '2026-12-07T17:30:00.000Z', { providerId: DR_A }));
    await d.appointments.prepareMove(moving.id);
    // Another workstation's visit arrives at 10:00 (as by sync), and the 11:00 one is cancelled.
    await db.appointments.insert({ ...blocking, id: '0193a000-0000-7000-8000-0000000000a3' as typeof blocking.id, start: '2026-12-07T16:00:00.000Z', end: '2026-12-07T16:30:00.000Z', siteId: 'south' });
    await d.appointments.cancel(blocking.id, 'patient');
    await expect(d.appointments.reschedule(moving.id, { start: '2026-12-07T16:15:00.000Z', end: '2026-12-07T16:45:00.000Z' })).rejects.toThrow(/overlaps the provider's visit at 10:00 AM/);
    const moved = await d.appointments.reschedule(moving.id, { start: '2026-12-07T17:00:00.000Z', end: '2026-12-07T17:30:00.000Z' });
    expect(moved.start).toBe('2026-12-07T17:00:00.000Z');
    // Readying a visit that cannot be moved, or one that is gone, does nothing.
    await d.appointments.checkIn(moved.id);
    await expect(d.appointments.prepareMove(moved.id)).resolves.toBeUndefined();
    await expect(d.appointments.prepareMove('0193a000-0000-7000-8000-0000000000ff' as typeof moved.id)).resolves.toBeUndefined();
  });
});

describe('needs attention', () => {
  it('lists visits two workstations booked at the same time offline until one is moved, but not a deliberate overbooking', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const mine = await d.appointments.book(visit(ana, '2026-12-07T15:00:00.000Z', '2026-12-07T15:30:00.000Z', { providerId: DR_A }));
    // The other workstation's booking, as it arrives by sync: written without this one's checks.
    const theirs = { ...mine, id: '0193a000-0000-7000-8000-0000000000a2' as typeof mine.id, patientId: ben, start: '2026-12-07T15:15:00.000Z', end: '2026-12-07T15:45:00.000Z', siteId: 'south' };
    await db.appointments.insert(theirs);
    const seen: string[][] = [];
    const subscription = d.appointments.observeNeedsAttention(new Date('2026-12-07T00:00:00Z'), new Date('2026-12-21T00:00:00Z')).subscribe((list) => seen.push(list.map((p) => `${p.first.id}|${p.second.id}|${p.kinds.join(',')}`)));
    await expect.poll(() => seen.at(-1)).toEqual([`${mine.id}|${theirs.id}|provider`]);
    roles = ['manager'];
    await d.appointments.reschedule(theirs.id, { start: '2026-12-07T16:00:00.000Z', end: '2026-12-07T16:30:00.000Z' });
    await expect.poll(() => seen.at(-1)).toEqual([]);
    // Booked over on purpose, with a reason: not a problem to solve. (The list is read again once
    // the visits settle: waited for, so that it is the list after the booking.)
    const readBefore = seen.length;
    await d.appointments.book(visit(ben, '2026-12-07T15:00:00.000Z', '2026-12-07T15:10:00.000Z', { providerId: DR_A }), { overbookReason: 'Urgent' });
    await expect.poll(() => seen.length).toBeGreaterThan(readBefore);
    expect(seen.at(-1)).toEqual([]);
    // A visit outside the range does not make it read the list again.
    const readNow = seen.length;
    await d.appointments.book(visit(ana, '2027-01-05T15:00:00.000Z', '2027-01-05T15:30:00.000Z', { providerId: DR_A }));
    await new Promise((r) => setTimeout(r, ATTENTION_SETTLE_MS * 2));
    expect(seen.length).toBe(readNow);
    subscription.unsubscribe();
  });
});

describe('repeating visits', () => {
  it('books every week at the same wall-clock time across the fall-back change, in one series, each audited', async () => {
    const d = await desk();
    const { ana } = await twoPatients(d);
    // Mondays at 9:00 Chicago from Oct 19 2026: CDT (14:00Z) for two weeks, then CST (15:00Z).
    const { booked, skipped } = await d.appointments.bookSeries(visit(ana, '2026-10-19T14:00:00.000Z', '2026-10-19T14:30:00.000Z', { providerId: DR_A }), { every: 1, unit: 'week', count: 4 });
    expect(skipped).toEqual([]);
    expect(booked.map((a) => a.start)).toEqual(['2026-10-19T14:00:00.000Z', '2026-10-26T14:00:00.000Z', '2026-11-02T15:00:00.000Z', '2026-11-09T15:00:00.000Z']);
    expect(new Set(booked.map((a) => a.seriesId)).size).toBe(1);
    expect(booked[0]!.seriesId).not.toBe('');
    const details = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.detail?.startsWith('Repeating visit'));
    expect(details.map((e) => e.detail).sort()).toEqual(['Repeating visit, 1 of 4', 'Repeating visit, 2 of 4', 'Repeating visit, 3 of 4', 'Repeating visit, 4 of 4']);
    await expect(d.appointments.bookSeries(visit(ana, '2026-12-01T14:00:00.000Z', '2026-12-01T14:30:00.000Z'), { every: 1, unit: 'week', until: '2026-12-03' })).rejects.toThrow('at least two dates');
    await expect(d.appointments.bookSeries(visit(ana, '2026-12-01T14:00:00.000Z', '2026-12-01T14:30:00.000Z'), { every: 0, unit: 'week', count: 3 })).rejects.toThrow('Repeat every 1 or more');
  });

  it('refuses a series with taken dates, names them, and books only the free ones when asked', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    await d.appointments.book(visit(ben, '2026-12-15T15:00:00.000Z', '2026-12-15T15:30:00.000Z', { providerId: DR_A }));
    const series = visit(ana, '2026-12-08T15:00:00.000Z', '2026-12-08T15:30:00.000Z', { providerId: DR_A });
    const refused = await d.appointments.bookSeries(series, { every: 1, unit: 'week', count: 3 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SeriesOverlapError);
    expect((refused as Error).message).toContain('1 of the 3 visits overlap other visits (Dec 15)');
    expect(await db.appointments.count().exec()).toBe(1);
    const { booked, skipped } = await d.appointments.bookSeries(series, { every: 1, unit: 'week', count: 3 }, { skipTaken: true });
    expect(booked.map((a) => a.start)).toEqual(['2026-12-08T15:00:00.000Z', '2026-12-22T15:00:00.000Z']);
    expect(skipped).toEqual(['2026-12-15T15:00:00.000Z']);
  });

  it('moves one visit alone, or it and the later ones by the same days and to the same new time', async () => {
    const d = await desk();
    const { ana } = await twoPatients(d);
    const { booked } = await d.appointments.bookSeries(visit(ana, '2026-12-08T15:00:00.000Z', '2026-12-08T15:30:00.000Z', { providerId: DR_A }), { every: 1, unit: 'week', count: 4 });
    const [first, second, third, fourth] = booked as [typeof booked[0], typeof booked[0], typeof booked[0], typeof booked[0]];
    await d.appointments.reschedule(second.id, { start: '2026-12-15T17:00:00.000Z', end: '2026-12-15T17:30:00.000Z' });
    // The third and after: a day later, at 10:00 Chicago (16:00Z), 45 minutes, with Dr. B.
    const moved = await d.appointments.rescheduleFollowing(third.id, { start: '2026-12-23T16:00:00.000Z', end: '2026-12-23T16:45:00.000Z', providerId: DR_B });
    expect(moved.map((a) => [a.id, a.start, a.end, a.providerId])).toEqual([
      [third.id, '2026-12-23T16:00:00.000Z', '2026-12-23T16:45:00.000Z', DR_B],
      [fourth.id, '2026-12-30T16:00:00.000Z', '2026-12-30T16:45:00.000Z', DR_B],
    ]);
    expect((await d.appointments.get(first.id))?.start).toBe('2026-12-08T15:00:00.000Z');
    expect((await d.appointments.get(second.id))?.start).toBe('2026-12-15T17:00:00.000Z');
  });

  it('moves a daily series a day later onto its own dates without calling them overlaps, but refuses one onto another visit', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const { booked } = await d.appointments.bookSeries(visit(ana, '2026-12-08T15:00:00.000Z', '2026-12-08T15:30:00.000Z', { providerId: DR_A }), { every: 1, unit: 'day', count: 3 });
    const moved = await d.appointments.rescheduleFollowing(booked[0]!.id, { start: '2026-12-09T15:00:00.000Z', end: '2026-12-09T15:30:00.000Z' });
    expect(moved.map((a) => a.start)).toEqual(['2026-12-09T15:00:00.000Z', '2026-12-10T15:00:00.000Z', '2026-12-11T15:00:00.000Z']);
    await d.appointments.book(visit(ben, '2026-12-12T15:00:00.000Z', '2026-12-12T15:30:00.000Z', { providerId: DR_A }));
    await expect(d.appointments.rescheduleFollowing(booked[0]!.id, { start: '2026-12-10T15:00:00.000Z', end: '2026-12-10T15:30:00.000Z' })).rejects.toBeInstanceOf(OverlapError);
    expect((await d.appointments.get(booked[0]!.id))?.start).toBe('2026-12-09T15:00:00.000Z');
  });

  it('cancels one visit, or it and every later one still to come, leaving the earlier ones', async () => {
    const d = await desk();
    const { ana } = await twoPatients(d);
    const { booked } = await d.appointments.bookSeries(visit(ana, '2026-12-08T15:00:00.000Z', '2026-12-08T15:30:00.000Z'), { every: 2, unit: 'week', count: 4 });
    await d.appointments.cancel(booked[1]!.id, 'patient', '', 'following');
    const statuses = await Promise.all(booked.map(async (a) => (await d.appointments.get(a.id))?.status));
    expect(statuses).toEqual(['booked', 'cancelled', 'cancelled', 'cancelled']);
    const trail = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.detail === 'Cancelled with the rest of its series: Patient cancelled');
    expect(trail).toHaveLength(3);
  });
});

describe('the waitlist', () => {
  const FOLLOW_UP = '0193a000-0000-7000-8000-0000000000f2';
  const types = new Map([[FOLLOW_UP, { durationMinutes: 20, providerIds: [] as string[] }]]);

  it('keeps patients waiting without holding time, finds who fits a freed time best first, and books them into it', async () => {
    const d = await desk();
    const { ana, ben } = await twoPatients(d);
    const anyone = await d.appointments.addToWaitlist({ patientId: ben, typeId: FOLLOW_UP, providerId: '', minutes: 20, reason: 'Sooner please', timeZone: 'America/Chicago', wants: { partOfDay: 'any', weekdays: [] } });
    now = new Date('2026-12-07T14:05:00Z');
    const withA = await d.appointments.addToWaitlist({ patientId: ana, typeId: FOLLOW_UP, providerId: DR_A, minutes: 20, reason: '', timeZone: 'America/Chicago', wants: { partOfDay: 'morning', weekdays: [1, 2] } });
    await expect(d.appointments.addToWaitlist({ patientId: ana, typeId: '', providerId: '', minutes: 20, reason: '', timeZone: 'America/Chicago', wants: { partOfDay: 'any', weekdays: [] } })).rejects.toThrow('type of visit');
    const waiting = await firstValueFrom(d.appointments.observeWaitlist());
    expect(waiting.map((a) => a.id)).toEqual([anyone.id, withA.id]);
    // A waitlist entry holds no time: a visit at its "start" is not an overlap.
    await d.appointments.book(visit(ana, anyone.start, anyone.end, { providerId: DR_A }));

    // Monday Dec 14, 9:00 Chicago (15:00Z), 30 free minutes with Dr. A: Ana asked for Dr. A, so she comes first.
    const monday9 = { providerId: DR_A, start: Date.parse('2026-12-14T15:00:00Z'), end: Date.parse('2026-12-14T15:30:00Z') };
    expect(waitlistFits(waiting, monday9, types, 'America/Chicago').map((f) => f.entry.id)).toEqual([withA.id, anyone.id]);
    // An afternoon, a Wednesday, another provider, or too short a time leave Ana out.
    expect(waitlistFits(waiting, { ...monday9, start: Date.parse('2026-12-14T20:00:00Z'), end: Date.parse('2026-12-14T20:30:00Z') }, types, 'America/Chicago').map((f) => f.entry.id)).toEqual([anyone.id]);
    expect(waitlistFits(waiting, { ...monday9, start: Date.parse('2026-12-16T15:00:00Z'), end: Date.parse('2026-12-16T15:30:00Z') }, types, 'America/Chicago').map((f) => f.entry.id)).toEqual([anyone.id]);
    expect(waitlistFits(waiting, { ...monday9, providerId: DR_B }, types, 'America/Chicago').map((f) => f.entry.id)).toEqual([anyone.id]);
    expect(waitlistFits(waiting, { ...monday9, end: Date.parse('2026-12-14T15:15:00Z') }, types, 'America/Chicago')).toEqual([]);

    const [best] = waitlistFits(waiting, monday9, types, 'America/Chicago');
    const booked = await d.appointments.bookFromWaitlist(best!.entry.id, { start: new Date(best!.start).toISOString(), end: new Date(best!.end).toISOString(), providerId: DR_A });
    expect(booked).toMatchObject({ status: 'booked', start: '2026-12-14T15:00:00.000Z', end: '2026-12-14T15:20:00.000Z', providerId: DR_A });
    await expect(d.appointments.bookFromWaitlist(withA.id, { start: booked.start, end: booked.end, providerId: DR_A })).rejects.toThrow('no longer on the waitlist');
    // The next one now overlaps the time just given away.
    await expect(d.appointments.bookFromWaitlist(anyone.id, { start: booked.start, end: booked.end, providerId: DR_A })).rejects.toBeInstanceOf(OverlapError);
    expect((await firstValueFrom(d.appointments.observeWaitlist())).map((a) => a.id)).toEqual([anyone.id]);
    const trail = (await db.audit.find().exec()).map((e) => e.toJSON());
    expect(trail.filter((e) => e.detail === 'Added to the waitlist')).toHaveLength(2);
    expect(trail.find((e) => e.subject === `appointments/${withA.id}` && e.detail === 'Booked from the waitlist')).toBeDefined();
  });
});

describe('reminder calls', () => {
  it('keeps the result of a call on the visit with who called and when, audited', async () => {
    const d = await desk();
    const { ana } = await twoPatients(d);
    const a = await d.appointments.book(visit(ana, '2026-12-08T15:00:00.000Z', '2026-12-08T15:30:00.000Z'));
    const called = await d.appointments.recordReminder(a.id, 'left-message');
    expect(called.reminder).toEqual({ result: 'left-message', at: now.toISOString(), by: 'Morgan Lee' });
    await expect(d.appointments.recordReminder(a.id, 'maybe' as never)).rejects.toThrow('Choose what the call found');
    const trail = (await db.audit.find().exec()).map((e) => e.toJSON());
    expect(trail.find((e) => e.subject === `appointments/${a.id}` && e.detail === 'Reminder call: Left a message')).toBeDefined();
  });
});
