import { describe, expect, it } from 'vitest';
import { openBlocks, subtractSpans } from '../../../src/shared/schedule/availability';
import { AvailabilityTemplateSchema, ScheduleExceptionSchema, type AvailabilityTemplate, type ScheduleException } from '../../../src/shared/schedule/scheduling';
import { findSlots, occurrences, overlapsOf, type Booking } from '../../../src/shared/schedule/slots';

const CHICAGO = 'America/Chicago';
const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'manager', siteId: 'main' };
const DR_A = '0193a000-0000-7000-8000-00000000000a';
const DR_B = '0193a000-0000-7000-8000-00000000000b';
const NEW_PATIENT = '0193a000-0000-7000-8000-0000000000f1';
const FOLLOW_UP = '0193a000-0000-7000-8000-0000000000f2';
const ROOM_1 = '0193a000-0000-7000-8000-0000000000c1';
const ROOM_2 = '0193a000-0000-7000-8000-0000000000c2';
const JANE = '0193a000-0000-7000-8000-0000000000d1';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** Weekdays 9:00-12:00 and 13:00-17:00 (lunch between), from 2026-01-01 with no end. */
function weekdays(providerId: string, extra: Partial<AvailabilityTemplate> = {}): AvailabilityTemplate {
  const blocks = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00', typeIds: [] },
    { weekday, start: '13:00', end: '17:00', typeIds: [] },
  ]);
  return AvailabilityTemplateSchema.parse({ id: providerId.replace(/.$/, 'e'), kind: 'availability', name: 'Weekday hours', providerId, locationId: 'main', effectiveFrom: '2026-01-01', effectiveTo: '', blocks, ...stamp, ...extra });
}

function rawException(fields: Partial<ScheduleException>): Record<string, unknown> {
  return { id: '0193a000-0000-7000-8000-0000000000e9', kind: 'schedule-exception', name: 'Closed', providerId: '', locationId: '', startTime: '', endTime: '', reason: 'holiday', note: '', ...stamp, ...fields };
}
const exception = (fields: Partial<ScheduleException>): ScheduleException => ScheduleExceptionSchema.parse(rawException(fields));

const booking = (id: string, providerId: string, start: string, end: string, more: Partial<Booking> = {}): Booking => ({ id, providerId, roomId: '', patientId: `patient-${id}`, start: at(start), end: at(end), ...more });

describe('open blocks from templates and exceptions', () => {
  it('keeps wall-clock hours on both US daylight saving days', () => {
    // 2026-03-08 and 2026-11-01 are Sundays: a Sunday template shows the change itself.
    const sunday = AvailabilityTemplateSchema.parse({ ...weekdays(DR_A), blocks: [{ weekday: 0, start: '00:30', end: '05:00', typeIds: [] }, { weekday: 0, start: '09:00', end: '17:00', typeIds: [] }] });
    const spring = openBlocks([sunday], [], { fromDate: '2026-03-08', toDate: '2026-03-08', timeZone: CHICAGO });
    expect(spring.map((b) => [iso(b.start), iso(b.end)])).toEqual([
      ['2026-03-08T06:30:00.000Z', '2026-03-08T10:00:00.000Z'], // 00:30 CST to 05:00 CDT: an hour shorter
      ['2026-03-08T14:00:00.000Z', '2026-03-08T22:00:00.000Z'], // 9:00-17:00 CDT
    ]);
    const autumn = openBlocks([sunday], [], { fromDate: '2026-11-01', toDate: '2026-11-01', timeZone: CHICAGO });
    expect(autumn.map((b) => [iso(b.start), iso(b.end)])).toEqual([
      ['2026-11-01T05:30:00.000Z', '2026-11-01T11:00:00.000Z'], // 00:30 CDT to 05:00 CST: an hour longer
      ['2026-11-01T15:00:00.000Z', '2026-11-01T23:00:00.000Z'], // 9:00-17:00 CST
    ]);
    // The week either side: 9:00 is 15:00Z before the spring change and 14:00Z after.
    const days = openBlocks([weekdays(DR_A)], [], { fromDate: '2026-03-06', toDate: '2026-03-09', timeZone: CHICAGO });
    expect(days.filter((b) => iso(b.start).endsWith('T15:00:00.000Z') || iso(b.start).endsWith('T14:00:00.000Z')).map((b) => iso(b.start))).toEqual(['2026-03-06T15:00:00.000Z', '2026-03-09T14:00:00.000Z']);
  });

  it('takes out time off, a clinic holiday, a location closure and a weather closure for some hours; honours effective dates', () => {
    const templates = [weekdays(DR_A), weekdays(DR_B, { effectiveTo: '2026-12-09' })];
    const exceptions = [
      exception({ providerId: DR_A, fromDate: '2026-12-08', toDate: '2026-12-08', reason: 'time-off' }),
      exception({ fromDate: '2026-12-10', toDate: '2026-12-10', reason: 'holiday' }),
      exception({ locationId: 'north', fromDate: '2026-12-07', toDate: '2026-12-11', reason: 'closure' }),
      exception({ fromDate: '2026-12-07', toDate: '2026-12-07', startTime: '10:30', endTime: '14:00', reason: 'weather' }),
    ];
    const blocks = openBlocks(templates, exceptions, { fromDate: '2026-12-07', toDate: '2026-12-11', timeZone: CHICAGO });
    const hours = (providerId: string, date: string) =>
      blocks.filter((b) => b.providerId === providerId && iso(b.start).startsWith(date)).map((b) => `${iso(b.start).slice(11, 16)}-${iso(b.end).slice(11, 16)}`);
    // Monday: the weather closure 10:30-14:00 (16:30-20:00Z) cuts both blocks.
    expect(hours(DR_A, '2026-12-07')).toEqual(['15:00-16:30', '20:00-23:00']);
    expect(hours(DR_A, '2026-12-08')).toEqual([]);
    expect(hours(DR_B, '2026-12-08')).toEqual(['15:00-18:00', '19:00-23:00']);
    expect(hours(DR_A, '2026-12-10')).toEqual([]);
    expect(hours(DR_B, '2026-12-11')).toEqual([]);
    expect(hours(DR_A, '2026-12-11')).toEqual(['15:00-18:00', '19:00-23:00']);
  });

  it('follows the clinic’s time zone, not the computer’s', () => {
    const blocks = openBlocks([weekdays(DR_A)], [], { fromDate: '2026-12-07', toDate: '2026-12-07', timeZone: 'America/Los_Angeles' });
    expect(blocks.map((b) => iso(b.start))).toEqual(['2026-12-07T17:00:00.000Z', '2026-12-07T21:00:00.000Z']);
  });

  it('subtracts overlapping and touching spans', () => {
    expect(subtractSpans([{ start: 0, end: 100 }], [{ start: 10, end: 20 }, { start: 15, end: 30 }, { start: 30, end: 40 }, { start: 90, end: 120 }])).toEqual([
      { start: 0, end: 10 },
      { start: 40, end: 90 },
    ]);
  });
});

describe('overlaps', () => {
  it('finds the provider, room and patient a booking would share, ignoring touching ends and itself', () => {
    const mine = booking('b1', DR_A, '2026-12-07T15:00:00Z', '2026-12-07T15:30:00Z', { roomId: ROOM_1, patientId: JANE });
    const others = [
      mine,
      booking('b2', DR_A, '2026-12-07T15:15:00Z', '2026-12-07T15:45:00Z'),
      booking('b3', DR_B, '2026-12-07T15:00:00Z', '2026-12-07T15:30:00Z', { roomId: ROOM_1 }),
      booking('b4', DR_B, '2026-12-07T15:20:00Z', '2026-12-07T15:40:00Z', { patientId: JANE }),
      booking('b5', DR_A, '2026-12-07T15:30:00Z', '2026-12-07T16:00:00Z', { roomId: ROOM_1, patientId: JANE }),
    ];
    expect(overlapsOf(mine, others)).toEqual([
      { kind: 'provider', bookingId: 'b2' },
      { kind: 'room', bookingId: 'b3' },
      { kind: 'patient', bookingId: 'b4' },
    ]);
  });
});

describe('find next available', () => {
  const week = openBlocks([weekdays(DR_A), weekdays(DR_B)], [], { fromDate: '2026-12-07', toDate: '2026-12-11', timeZone: CHICAGO });
  const type = { id: FOLLOW_UP, durationMinutes: 30, providerIds: [], needsRoom: false };

  it('gives the earliest free times across providers, around bookings, from now on', () => {
    const bookings = [booking('x', DR_A, '2026-12-07T15:00:00Z', '2026-12-07T16:00:00Z'), booking('y', DR_B, '2026-12-07T15:00:00Z', '2026-12-07T15:20:00Z')];
    const slots = findSlots({ blocks: week, bookings, type, notBefore: at('2026-12-07T14:00:00Z'), timeZone: CHICAGO, limit: 4 });
    expect(slots.map((s) => [s.providerId === DR_A ? 'A' : 'B', iso(s.start).slice(11, 16)])).toEqual([
      ['B', '15:30'], // after B's 9:00-9:20 booking, on the 15-minute grid
      ['B', '15:45'],
      ['A', '16:00'],
      ['B', '16:00'],
    ]);
    // At 11:40: nothing earlier than now, and 11:45 would run past the lunch break.
    const later = findSlots({ blocks: week, bookings: [], type, notBefore: at('2026-12-07T17:40:00Z'), timeZone: CHICAGO, limit: 3 });
    expect(later.map((s) => iso(s.start).slice(11, 16))).toEqual(['19:00', '19:00', '19:15']);
    const sooner = findSlots({ blocks: week, bookings: [], type: { ...type, durationMinutes: 15 }, notBefore: at('2026-12-07T17:40:00Z'), timeZone: CHICAGO, limit: 3 });
    expect(sooner.map((s) => iso(s.start).slice(11, 16))).toEqual(['17:45', '17:45', '19:00']);
  });

  it('honours the type’s providers and blocks, its length, a free room, the patient’s own bookings and preferences', () => {
    const newPatientMornings = AvailabilityTemplateSchema.parse({ ...weekdays(DR_B), blocks: [{ weekday: 2, start: '09:00', end: '12:00', typeIds: [NEW_PATIENT] }] });
    const blocks = openBlocks([weekdays(DR_A), newPatientMornings], [], { fromDate: '2026-12-07', toDate: '2026-12-11', timeZone: CHICAGO });
    const newPatient = { id: NEW_PATIENT, durationMinutes: 60, providerIds: [DR_B], needsRoom: true };
    const rooms = [{ id: ROOM_1, locationId: 'main' }, { id: ROOM_2, locationId: 'main' }];
    const busyRooms = [booking('r1', DR_A, '2026-12-08T15:00:00Z', '2026-12-08T16:30:00Z', { roomId: ROOM_1 }), booking('r2', DR_A, '2026-12-08T14:00:00Z', '2026-12-08T16:00:00Z', { roomId: ROOM_2 })];
    const slots = findSlots({ blocks, bookings: busyRooms, rooms, type: newPatient, patientId: JANE, notBefore: at('2026-12-07T00:00:00Z'), timeZone: CHICAGO, limit: 2 });
    // Only Dr B's Tuesday new-patient block; both rooms busy until 10:00, room 2 free first.
    expect(slots.map((s) => [s.providerId, iso(s.start), iso(s.end), s.roomId])).toEqual([
      [DR_B, '2026-12-08T16:00:00.000Z', '2026-12-08T17:00:00.000Z', ROOM_2],
      [DR_B, '2026-12-08T16:15:00.000Z', '2026-12-08T17:15:00.000Z', ROOM_2],
    ]);
    // Jane is booked elsewhere 10:00-10:30: her slots start after.
    const janeBusy = [...busyRooms, booking('j', DR_A, '2026-12-08T16:00:00Z', '2026-12-08T16:30:00Z', { patientId: JANE })];
    expect(findSlots({ blocks, bookings: janeBusy, rooms, type: newPatient, patientId: JANE, notBefore: 0, timeZone: CHICAGO, limit: 1 }).map((s) => iso(s.start))).toEqual(['2026-12-08T16:30:00.000Z']);
    // A follow-up does not fit the new-patient block, and preferences narrow Dr A's week.
    const afternoonsThursday = findSlots({
      blocks,
      bookings: [],
      type,
      notBefore: 0,
      timeZone: CHICAGO,
      limit: 2,
      preferences: { weekdays: [4], partOfDay: 'afternoon' },
    });
    expect(afternoonsThursday.map((s) => [s.providerId, iso(s.start)])).toEqual([
      [DR_A, '2026-12-10T19:00:00.000Z'],
      [DR_A, '2026-12-10T19:15:00.000Z'],
    ]);
    expect(findSlots({ blocks, bookings: [], type, notBefore: 0, timeZone: CHICAGO, preferences: { providerIds: [DR_B] } })).toEqual([]);
  });

  it('finds nothing in a day fully booked, and lengths that do not fit a block are never offered', () => {
    const day = week.filter((b) => iso(b.start).startsWith('2026-12-07') && b.providerId === DR_A);
    const full = day.map((b, i) => booking(`f${i}`, DR_A, iso(b.start), iso(b.end)));
    expect(findSlots({ blocks: day, bookings: full, type, notBefore: 0, timeZone: CHICAGO })).toEqual([]);
    expect(findSlots({ blocks: day, bookings: [], type: { ...type, durationMinutes: 250 }, notBefore: 0, timeZone: CHICAGO })).toEqual([]);
  });
});

describe('recurring appointments', () => {
  it('keeps the wall-clock time across daylight saving, until a date or for a count', () => {
    const weekly = occurrences({ date: '2026-10-22', time: '09:00', durationMinutes: 30 }, { every: 1, unit: 'week', until: '2026-11-12' }, CHICAGO);
    expect(weekly.map((o) => [o.date, iso(o.start)])).toEqual([
      ['2026-10-22', '2026-10-22T14:00:00.000Z'],
      ['2026-10-29', '2026-10-29T14:00:00.000Z'],
      ['2026-11-05', '2026-11-05T15:00:00.000Z'],
      ['2026-11-12', '2026-11-12T15:00:00.000Z'],
    ]);
    expect(weekly.every((o) => o.end - o.start === 30 * 60_000)).toBe(true);
    const everyThreeDays = occurrences({ date: '2026-03-05', time: '08:15', durationMinutes: 15 }, { every: 3, unit: 'day', count: 3 }, CHICAGO);
    expect(everyThreeDays.map((o) => iso(o.start))).toEqual(['2026-03-05T14:15:00.000Z', '2026-03-08T13:15:00.000Z', '2026-03-11T13:15:00.000Z']);
    expect(() => occurrences({ date: '2026-03-05', time: '08:15', durationMinutes: 15 }, { every: 0, unit: 'day', count: 3 }, CHICAGO)).toThrow();
    expect(() => occurrences({ date: '2026-03-05', time: '08:15', durationMinutes: 15 }, { every: 1, unit: 'day' }, CHICAGO)).toThrow('end date');
    expect(occurrences({ date: '2026-01-01', time: '08:00', durationMinutes: 15 }, { every: 1, unit: 'day', until: '2030-01-01' }, CHICAGO)).toHaveLength(200);
  });
});

describe('the reference data', () => {
  it('refuses blocks and exceptions that end before they start, and half-given hours', () => {
    expect(AvailabilityTemplateSchema.safeParse({ ...weekdays(DR_A), blocks: [{ weekday: 1, start: '12:00', end: '09:00', typeIds: [] }] }).success).toBe(false);
    expect(AvailabilityTemplateSchema.safeParse({ ...weekdays(DR_A), effectiveTo: '2025-12-31' }).success).toBe(false);
    expect(ScheduleExceptionSchema.safeParse(rawException({ fromDate: '2026-12-07', toDate: '2026-12-07' })).success).toBe(true);
    expect(ScheduleExceptionSchema.safeParse(rawException({ fromDate: '2026-12-07', toDate: '2026-12-07', startTime: '10:00' })).success).toBe(false);
    expect(ScheduleExceptionSchema.safeParse(rawException({ fromDate: '2026-12-07', toDate: '2026-12-06' })).success).toBe(false);
    expect(ScheduleExceptionSchema.safeParse(rawException({ fromDate: '2026-12-07', toDate: '2026-12-07', startTime: '24:00', endTime: '25:00' })).success).toBe(false);
    expect(ScheduleExceptionSchema.safeParse(rawException({ fromDate: '2026-12-07', toDate: '2026-12-07', startTime: '14:00', endTime: '10:00' })).success).toBe(false);
  });
});
