import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceVisit,
  furthestStep,
  initialsOf,
  mergeVisits,
  refusedStep,
  roomOf,
  VISIT_STEP_RANK,
  VISIT_STEPS,
  VisitSchema,
  waitFigures,
  waitLevel,
  waitMinutes,
  type Visit,
  type VisitEntry,
  type VisitStep,
} from '../../../src/shared/checkin/visit';

const ROOM_1 = '0193a000-0000-7000-8000-0000000000c1';
const ROOM_2 = '0193a000-0000-7000-8000-0000000000c2';
const at = (minutes: number) => new Date(Date.parse('2026-12-09T15:00:00.000Z') + minutes * 60_000).toISOString();

function checkedIn(fields: Partial<Visit> = {}): Visit {
  return VisitSchema.parse({
    id: '0193a000-0000-7000-8000-000000000101',
    patientId: '0193a000-0000-7000-8000-0000000000d1',
    appointmentId: '',
    providerId: '0193a000-0000-7000-8000-00000000000a',
    typeId: '',
    locationId: 'main',
    date: '2026-12-09',
    timeZone: 'America/Chicago',
    step: 'checked-in',
    timeline: [{ step: 'checked-in', at: at(0), by: 'Dana Reyes', roomId: '', reason: '' }],
    createdAt: at(0),
    updatedAt: at(0),
    updatedBy: 'dana',
    siteId: 'main',
    ...fields,
  });
}
const step = (visit: Visit, next: VisitStep, minutes: number, extra: { roomId?: string; reason?: string } = {}, by = 'Dana Reyes') =>
  ({ ...advanceVisit(visit, { step: next, ...extra }, by, at(minutes)), updatedAt: at(minutes), updatedBy: by });

describe('a visit moves forward through the clinic', () => {
  it('goes from check-in to done, each step with who and when, the room named when roomed', () => {
    let v = checkedIn();
    v = step(v, 'waiting', 1);
    v = step(v, 'roomed', 12, { roomId: ROOM_1 }, 'Mia Torres');
    v = step(v, 'with-provider', 20);
    v = step(v, 'checkout', 35);
    v = step(v, 'done', 38);
    expect(v.step).toBe('done');
    expect(v.timeline.map((e) => `${e.step} ${e.by}`)).toEqual(['checked-in Dana Reyes', 'waiting Dana Reyes', 'roomed Mia Torres', 'with-provider Dana Reyes', 'checkout Dana Reyes', 'done Dana Reyes']);
    expect(roomOf(v)).toBe(ROOM_1);
    expect(VisitSchema.safeParse(v).success).toBe(true);
    expect(waitMinutes(v, Date.parse(at(90)))).toBe(12);
  });

  it('may skip steps, and move a roomed patient to another room', () => {
    let v = step(checkedIn(), 'roomed', 5, { roomId: ROOM_1 });
    v = step(v, 'roomed', 8, { roomId: ROOM_2 });
    expect(roomOf(v)).toBe(ROOM_2);
    expect(step(v, 'checkout', 30).step).toBe('checkout');
  });

  it('never goes back, needs a room to be roomed and a reason to leave, and ends at done or left', () => {
    const roomed = step(checkedIn(), 'roomed', 5, { roomId: ROOM_1 });
    expect(refusedStep(roomed, { step: 'waiting' })).toBe('A visit that is roomed does not go back to waiting.');
    expect(refusedStep(roomed, { step: 'roomed', roomId: ROOM_1 })).toBe('The patient is already in that room.');
    expect(refusedStep(checkedIn(), { step: 'roomed' })).toBe('Choose the room.');
    expect(refusedStep(checkedIn(), { step: 'checked-in' })).toBe('This patient is already checked in.');
    expect(refusedStep(checkedIn(), { step: 'left', reason: '  ' })).toMatch(/Say why the patient left/);
    const seen = step(roomed, 'with-provider', 9);
    expect(refusedStep(seen, { step: 'left', reason: 'Tired of waiting' })).toMatch(/finish the visit instead/);
    const left = step(roomed, 'left', 7, { reason: 'Waited too long' });
    expect(left.timeline.at(-1)).toMatchObject({ step: 'left', reason: 'Waited too long', roomId: '' });
    expect(refusedStep(left, { step: 'done' })).toBe('This visit is already left without being seen.');
    expect(() => advanceVisit(left, { step: 'done' }, 'Dana', at(9))).toThrow(/already left/);
  });

  it('refuses a stored visit whose step is not its furthest, or a roomed step without a room', () => {
    const v = step(checkedIn(), 'waiting', 1);
    expect(VisitSchema.safeParse({ ...v, step: 'checked-in' }).success).toBe(false);
    expect(VisitSchema.safeParse({ ...v, step: 'roomed', timeline: [...v.timeline, { step: 'roomed', at: at(3), by: 'x', roomId: '', reason: '' }] }).success).toBe(false);
  });
});

describe('two workstations moving the same patient', () => {
  it('keep both steps; the visit stands at the furthest, never backwards, whichever copy is newer', () => {
    const base = step(checkedIn(), 'waiting', 1);
    // North rooms the patient; South, later and not yet synced, marks them waiting again is impossible,
    // but it records its own step: the patient roomed elsewhere and then seen.
    const north = step(base, 'roomed', 10, { roomId: ROOM_1 }, 'North Desk');
    const south = step(base, 'with-provider', 12, {}, 'South Desk');
    const merged = mergeVisits(north, south);
    expect(merged.step).toBe('with-provider');
    expect(merged.timeline.map((e) => e.step)).toEqual(['checked-in', 'waiting', 'roomed', 'with-provider']);
    expect(mergeVisits(south, north)).toEqual(merged);
    // An older copy that is behind does not pull the visit back.
    expect(mergeVisits(merged, base).step).toBe('with-provider');
  });

  it('ends done when one says done and the other says left: the patient was seen', () => {
    const roomed = step(checkedIn(), 'roomed', 5, { roomId: ROOM_1 });
    const done = step(step(roomed, 'with-provider', 10), 'done', 30, {}, 'North Desk');
    const left = step(roomed, 'left', 40, { reason: 'Walked out' }, 'South Desk');
    expect(mergeVisits(left, done).step).toBe('done');
    expect(mergeVisits(done, left).step).toBe('done');
  });

  const entry: fc.Arbitrary<VisitEntry> = fc.record({
    step: fc.constantFrom(...VISIT_STEPS),
    at: fc.integer({ min: 0, max: 600 }).map(at),
    by: fc.constantFrom('Dana Reyes', 'Mia Torres', 'Sam Lee'),
    roomId: fc.constantFrom(ROOM_1, ROOM_2),
    reason: fc.constantFrom('', 'Waited too long'),
  });
  const copy = fc.record({ entries: fc.array(entry, { maxLength: 6 }), minutes: fc.integer({ min: 0, max: 600 }), by: fc.constantFrom('north', 'south') }).map(({ entries, minutes, by }) => {
    const timeline = [checkedIn().timeline[0]!, ...entries.map((e) => ({ ...e, roomId: e.step === 'roomed' ? e.roomId : '' }))];
    return { ...checkedIn(), timeline, step: furthestStep(timeline), updatedAt: at(minutes), updatedBy: by } as Visit;
  });

  it('merge in any order, any number of times, to the same visit, keeping every step and standing at the furthest', () => {
    fc.assert(
      fc.property(copy, copy, copy, (a, b, c) => {
        const abc = mergeVisits(mergeVisits(a, b), c);
        expect(mergeVisits(a, mergeVisits(b, c))).toEqual(abc);
        expect(mergeVisits(mergeVisits(c, a), b)).toEqual(abc);
        expect(mergeVisits(abc, abc)).toEqual(abc);
        expect(mergeVisits(abc, a)).toEqual(abc);
        const keys = (v: Visit) => new Set(v.timeline.map((e) => JSON.stringify(e)));
        for (const e of [...a.timeline, ...b.timeline, ...c.timeline]) expect(keys(abc).has(JSON.stringify(e))).toBe(true);
        const furthest = Math.max(...[a, b, c].map((v) => VISIT_STEP_RANK[v.step]));
        expect(VISIT_STEP_RANK[abc.step]).toBe(furthest);
      }),
      { numRuns: 300 },
    );
  });
});

describe('waits', () => {
  it('count from check-in until roomed, or until now while waiting; average and longest per provider', () => {
    const now = Date.parse(at(40));
    const waiting = checkedIn({ providerId: 'a' });
    const roomedAfter20 = step(checkedIn({ providerId: 'a', timeline: [{ step: 'checked-in', at: at(5), by: 'Dana', roomId: '', reason: '' }], createdAt: at(5) }), 'roomed', 25, { roomId: ROOM_1 });
    const other = checkedIn({ providerId: 'b', timeline: [{ step: 'checked-in', at: at(30), by: 'Dana', roomId: '', reason: '' }], createdAt: at(30) });
    expect(waitMinutes(waiting, now)).toBe(40);
    expect(waitMinutes(roomedAfter20, now)).toBe(20);
    const figures = waitFigures([waiting, roomedAfter20, other], now);
    expect(figures.overall).toEqual({ visits: 3, averageMinutes: 23, longestMinutes: 40 });
    expect(figures.byProvider.get('a')).toEqual({ visits: 2, averageMinutes: 30, longestMinutes: 40 });
    expect(figures.byProvider.get('b')).toEqual({ visits: 1, averageMinutes: 10, longestMinutes: 10 });
  });

  it('turn amber and red at the manager’s thresholds', () => {
    const thresholds = { amberMinutes: 15, redMinutes: 30 };
    expect([14, 15, 29, 30, 90].map((m) => waitLevel(m, thresholds))).toEqual(['ok', 'amber', 'amber', 'red', 'red']);
  });

  it('show initials on the board', () => {
    expect(initialsOf('Ruiz, Ana')).toBe('A. R.');
    expect(initialsOf('Okafor')).toBe('O.');
    expect(initialsOf('')).toBe('?');
  });
});
