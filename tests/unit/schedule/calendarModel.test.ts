import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedTimeToInstant } from '../../../src/shared/domain/time';
import { APPOINTMENT_BLANKS, AppointmentSchema, type Appointment } from '../../../src/shared/schedule/appointment';
import { openBlocks } from '../../../src/shared/schedule/availability';
import { AppointmentTypeSchema, AvailabilityTemplateSchema, ScheduleExceptionSchema, type ScheduleException } from '../../../src/shared/schedule/scheduling';
import { BARE_COLUMN, closedEvents, columnDigests, drawnAlike, EVERY_COLUMN, openHours, viewDates, visibleHours, visitEvents } from '../../../src/renderer/features/schedule/calendar/calendarModel';
import { clinicLocalizer, minutesInZone } from '../../../src/renderer/features/schedule/calendar/clinicLocalizer';

const CHICAGO = 'America/Chicago';
const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'manager', siteId: 'main' };
const DR_A = '0193a000-0000-7000-8000-00000000000a';
const DR_B = '0193a000-0000-7000-8000-00000000000b';
const FOLLOW_UP = '0193a000-0000-7000-8000-0000000000f2';
const JANE = '0193a000-0000-7000-8000-0000000000d1';
const chicago = (date: string, time: string) => zonedTimeToInstant(date, time, CHICAGO);

function visit(id: string, fields: Partial<Appointment>): Appointment {
  return AppointmentSchema.parse({
    ...APPOINTMENT_BLANKS,
    id: `0193a000-0000-7000-8000-0000000001${id}`,
    patientId: JANE,
    start: chicago('2026-12-09', '09:00').toISOString(),
    end: chicago('2026-12-09', '09:20').toISOString(),
    timeZone: CHICAGO,
    reason: 'Check',
    status: 'booked',
    arrivedAt: null,
    providerId: DR_A,
    locationId: 'main',
    ...stamp,
    ...fields,
  });
}

function exception(fields: Partial<ScheduleException>): ScheduleException {
  return ScheduleExceptionSchema.parse({ id: '0193a000-0000-7000-8000-0000000000e9', kind: 'schedule-exception', name: 'Closed', providerId: '', locationId: '', fromDate: '2026-12-09', toDate: '2026-12-09', startTime: '', endTime: '', reason: 'holiday', note: '', ...stamp, ...fields });
}

const followUp = AppointmentTypeSchema.parse({ id: FOLLOW_UP, kind: 'appointment-type', name: 'Follow-up', durationMinutes: 20, color: '#1c7ed6', providerIds: [], needsRoom: false, formsDue: [], feeCents: 0, copayHintCents: 0, active: true, ...stamp });

describe('visits on the calendar', () => {
  it('draws each visit holding time in its provider’s column, in its type’s color, and leaves cancelled ones out', () => {
    const events = visitEvents(
      [visit('01', { typeId: FOLLOW_UP }), visit('02', { status: 'cancelled', cancelReason: 'patient' }), visit('03', { status: 'arrived', providerId: DR_B }), visit('04', { status: 'noshow' })],
      [followUp],
      new Map([[JANE, 'Doe, Jane']]),
    );
    expect(events.map((e) => [e.id.slice(-2), e.resourceId, e.title, e.typeName, e.color, e.movable])).toEqual([
      ['01', DR_A, 'Doe, Jane', 'Follow-up', '#1c7ed6', true],
      ['03', DR_B, 'Doe, Jane', 'Check', '#868e96', false],
      ['04', DR_A, 'Doe, Jane', 'Check', '#868e96', false],
    ]);
    expect(events[0]!.start.toISOString()).toBe('2026-12-09T15:00:00.000Z');
  });
});

describe('drawing again only what changed', () => {
  const names = new Map([[JANE, 'Doe, Jane']]);
  const first = [visit('01', { typeId: FOLLOW_UP }), visit('02', { providerId: DR_B })];

  it('keeps the event of a visit that is unchanged, and makes a new one for a visit written again', () => {
    const made = new WeakMap<Appointment, ReturnType<typeof visitEvents>[number]>();
    const before = visitEvents(first, [followUp], names, made);
    const moved = { ...first[1]!, start: chicago('2026-12-09', '10:00').toISOString(), end: chicago('2026-12-09', '10:20').toISOString() };
    const after = visitEvents([first[0]!, moved], [followUp], names, made);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.start.toISOString()).toBe('2026-12-09T16:00:00.000Z');
    // A name or type that changes makes a new event even for the same stored visit.
    expect(visitEvents(first, [followUp], new Map([[JANE, 'Doe, Janet']]), made)[0]).not.toBe(before[0]);
    expect(visitEvents(first, [{ ...followUp, color: '#e8590c' }], names, made)[0]!.color).toBe('#e8590c');
    // Without a cache, every event is new.
    expect(visitEvents(first, [followUp], names)[0]).not.toBe(visitEvents(first, [followUp], names)[0]);
  });

  it('draws two versions of a visit alike only when nothing the calendar shows differs', () => {
    const [event] = visitEvents([first[0]!], [followUp], names);
    const again = (fields: Partial<Appointment>) => visitEvents([{ ...first[0]!, ...fields }], [followUp], names)[0]!;
    expect(drawnAlike(event!, again({ reminder: { result: 'confirmed', at: '2026-12-08T15:00:00.000Z', by: 'Front desk' } }))).toBe(true);
    expect(drawnAlike(event!, again({ updatedAt: '2026-12-01T00:00:00.000Z', note: 'Bring the referral' }))).toBe(true);
    expect(drawnAlike(event!, again({ end: chicago('2026-12-09', '09:30').toISOString() }))).toBe(false);
    expect(drawnAlike(event!, again({ providerId: DR_B }))).toBe(false);
    expect(drawnAlike(event!, again({ status: 'arrived' }))).toBe(false);
    expect(drawnAlike(event!, again({ seriesId: '0193a000-0000-7000-8000-0000000000c1' as Appointment['seriesId'] }))).toBe(false);
    expect(drawnAlike(event!, { ...event!, title: 'Doe, Janet' })).toBe(false);
    expect(drawnAlike(event!, { ...event!, typeName: 'Sick visit' })).toBe(false);
    expect(drawnAlike(event!, { ...event!, color: '#e8590c' })).toBe(false);
    expect(drawnAlike(event!, { ...event!, movable: !event!.movable })).toBe(false);
    const closed = { id: event!.id, title: event!.title, start: event!.start, end: event!.end, resourceId: event!.resourceId };
    expect(drawnAlike(event!, closed)).toBe(false);
    expect(drawnAlike(closed, { ...closed })).toBe(true);
    expect(drawnAlike(closed, { ...closed, end: new Date(closed.end.getTime() + 60_000) })).toBe(false);
    expect(drawnAlike(closed, { ...closed, resourceId: DR_B })).toBe(false);
  });
});

describe('a digest of what each provider column draws', () => {
  const names = new Map([[JANE, 'Doe, Jane']]);
  const events = visitEvents([visit('01', { typeId: FOLLOW_UP }), visit('02', { providerId: DR_B }), visit('03', { providerId: DR_B, start: chicago('2026-12-09', '11:00').toISOString(), end: chicago('2026-12-09', '11:20').toISOString() })], [followUp], names);
  const block = (providerId: string, from: string, to: string) => ({ providerId, locationId: 'main', typeIds: [], start: chicago('2026-12-09', from).getTime(), end: chicago('2026-12-09', to).getTime() });
  const blocks = [block(DR_A, '08:00', '17:00'), block(DR_B, '08:00', '12:00')];
  const digests = columnDigests(events, [], blocks, 'day|2026-12-09');

  it('changes only for the column whose visits, closures or hours change, whatever their order', () => {
    expect(columnDigests([...events].reverse(), [], [...blocks].reverse(), 'day|2026-12-09')).toEqual(digests);
    const moved = [events[0]!, { ...events[1]!, start: chicago('2026-12-09', '09:15'), end: chicago('2026-12-09', '09:35') }, events[2]!];
    const afterMove = columnDigests(moved, [], blocks, 'day|2026-12-09');
    expect(afterMove.get(DR_A)).toBe(digests.get(DR_A));
    expect(afterMove.get(DR_B)).not.toBe(digests.get(DR_B));
    expect(afterMove.get(EVERY_COLUMN)).not.toBe(digests.get(EVERY_COLUMN));
    // Moved to the other provider: both columns change.
    const across = columnDigests([events[0]!, { ...events[1]!, resourceId: DR_A }, events[2]!], [], blocks, 'day|2026-12-09');
    expect(across.get(DR_A)).not.toBe(digests.get(DR_A));
    expect(across.get(DR_B)).not.toBe(digests.get(DR_B));
    // A new name, status or color is drawn differently; a closure or other hours too.
    expect(columnDigests([{ ...events[0]!, title: 'Doe, Janet' }, events[1]!, events[2]!], [], blocks, 'day|2026-12-09').get(DR_A)).not.toBe(digests.get(DR_A));
    expect(columnDigests([{ ...events[0]!, appointment: { ...events[0]!.appointment, status: 'arrived' } }, events[1]!, events[2]!], [], blocks, 'day|2026-12-09').get(DR_A)).not.toBe(digests.get(DR_A));
    const closure = { id: 'x', title: 'Time off: Dentist', start: chicago('2026-12-09', '13:00'), end: chicago('2026-12-09', '14:00'), resourceId: DR_B };
    const closed = columnDigests(events, [closure], blocks, 'day|2026-12-09');
    expect([closed.get(DR_A), closed.get(DR_B) === digests.get(DR_B)]).toEqual([digests.get(DR_A), false]);
    const hours = columnDigests(events, [], [blocks[0]!, block(DR_B, '08:00', '13:00')], 'day|2026-12-09');
    expect([hours.get(DR_A), hours.get(DR_B) === digests.get(DR_B)]).toEqual([digests.get(DR_A), false]);
  });

  it('changes for every column when what they share changes (the date, the hours shown, now)', () => {
    const other = columnDigests(events, [], blocks, 'day|2026-12-10');
    for (const column of [DR_A, DR_B, EVERY_COLUMN, BARE_COLUMN]) expect(other.get(column)).not.toBe(digests.get(column));
    // A column with nothing of its own still changes with the date.
    expect(columnDigests([], [], [], 'day|2026-12-10').get(BARE_COLUMN)).toBe(other.get(BARE_COLUMN));
  });
});

describe('closures on the calendar', () => {
  const range = { fromDate: '2026-12-07', toDate: '2026-12-13', timeZone: CHICAGO };
  it('shades a clinic holiday in every column and a provider’s time off in theirs only, by the clinic’s days', () => {
    const closed = closedEvents(
      [exception({ name: 'Staff day', fromDate: '2026-12-09', toDate: '2026-12-09' }), exception({ id: '0193a000-0000-7000-8000-0000000000e8', name: 'Vacation', providerId: DR_B, reason: 'time-off', fromDate: '2026-12-11', toDate: '2026-12-20' })],
      [DR_A, DR_B],
      range,
    );
    expect(closed.map((c) => [c.title, c.resourceId, c.start.toISOString(), c.end.toISOString()])).toEqual([
      ['Holiday: Staff day', DR_A, '2026-12-09T06:00:00.000Z', '2026-12-10T06:00:00.000Z'],
      ['Holiday: Staff day', DR_B, '2026-12-09T06:00:00.000Z', '2026-12-10T06:00:00.000Z'],
      ['Time off: Vacation', DR_B, '2026-12-11T06:00:00.000Z', '2026-12-12T06:00:00.000Z'],
      ['Time off: Vacation', DR_B, '2026-12-12T06:00:00.000Z', '2026-12-13T06:00:00.000Z'],
      ['Time off: Vacation', DR_B, '2026-12-13T06:00:00.000Z', '2026-12-14T06:00:00.000Z'],
    ]);
  });

  it('shades only the hours of a closure for part of a day, and nothing outside the dates shown', () => {
    const closed = closedEvents([exception({ name: 'Snow', reason: 'weather', startTime: '13:00', endTime: '17:00' }), exception({ fromDate: '2026-12-25', toDate: '2026-12-25' })], [DR_A], range);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ title: 'Closed for weather: Snow', start: chicago('2026-12-09', '13:00'), end: chicago('2026-12-09', '17:00') });
  });
});

describe('open hours and the hours the grid shows', () => {
  const template = AvailabilityTemplateSchema.parse({
    id: '0193a000-0000-7000-8000-0000000000aa',
    kind: 'availability',
    name: 'Hours',
    providerId: DR_A,
    locationId: 'main',
    effectiveFrom: '2026-01-01',
    effectiveTo: '',
    blocks: [
      { weekday: 3, start: '08:30', end: '12:00', typeIds: [] },
      { weekday: 3, start: '13:00', end: '16:45', typeIds: [] },
    ],
    ...stamp,
  });
  const blocks = openBlocks([template], [], { fromDate: '2026-12-09', toDate: '2026-12-09', timeZone: CHICAGO });
  const minutes = (t: number) => minutesInZone(t, CHICAGO);

  it('knows a provider is open in a block and not at lunch, nor another provider', () => {
    const open = openHours(blocks);
    expect(open(DR_A, chicago('2026-12-09', '08:30').getTime())).toBe(true);
    expect(open(DR_A, chicago('2026-12-09', '12:00').getTime())).toBe(false);
    expect(open(DR_A, chicago('2026-12-09', '16:30').getTime())).toBe(true);
    expect(open(DR_B, chicago('2026-12-09', '09:00').getTime())).toBe(false);
  });

  it('shows whole hours from the earliest opening to the latest closing, widened to a visit outside them', () => {
    expect(visibleHours(blocks, [], minutes)).toEqual({ from: 8 * 60, to: 17 * 60 });
    const late = { start: chicago('2026-12-09', '17:30'), end: chicago('2026-12-09', '18:10') };
    expect(visibleHours(blocks, [late], minutes)).toEqual({ from: 8 * 60, to: 19 * 60 });
    expect(visibleHours([], [], minutes)).toEqual({ from: 8 * 60, to: 17 * 60 });
  });
});

describe('the dates of a view', () => {
  it('starts a week on Sunday, across a month and a year', () => {
    expect(viewDates('week', '2026-12-09')).toEqual({ fromDate: '2026-12-06', toDate: '2026-12-12' });
    expect(viewDates('week', '2027-01-01')).toEqual({ fromDate: '2026-12-27', toDate: '2027-01-02' });
    expect(viewDates('day', '2026-12-09')).toEqual({ fromDate: '2026-12-09', toDate: '2026-12-09' });
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('the calendar’s clock is the clinic’s, whatever the workstation’s (here a workstation in Tokyo)', () => {
  const localizer = clinicLocalizer(CHICAGO);
  const workstationZone = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = 'Asia/Tokyo';
    expect(new Date('2026-12-09T15:00:00Z').getHours()).toBe(0);
  });
  afterAll(() => {
    if (workstationZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = workstationZone;
  });
  it('reads days and times in the clinic’s time zone', () => {
    const nine = chicago('2026-12-09', '09:00');
    expect(localizer.format(nine, 't')).toBe('9:00 AM');
    expect(localizer.startOf(nine, 'day').toISOString()).toBe(chicago('2026-12-09', '00:00').toISOString());
    expect((localizer.startOf as (d: Date, unit: string) => Date)(nine, 'week').toISOString()).toBe(chicago('2026-12-06', '00:00').toISOString());
  });

  it('has a 23-hour day when the clocks spring forward and a 25-hour day when they fall back, keeping wall-clock times', () => {
    const spring = localizer.startOf(chicago('2026-03-08', '12:00'), 'day');
    expect(localizer.getTotalMin(spring, localizer.add(spring, 1, 'day'))).toBe(23 * 60);
    const fall = localizer.startOf(chicago('2026-11-01', '12:00'), 'day');
    expect(localizer.getTotalMin(fall, localizer.add(fall, 1, 'day'))).toBe(25 * 60);
    expect(localizer.add(chicago('2026-03-07', '09:00'), 1, 'day').toISOString()).toBe(chicago('2026-03-08', '09:00').toISOString());
    expect(minutesInZone(chicago('2026-03-08', '09:00').getTime(), CHICAGO)).toBe(9 * 60);
  });
});
