import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedTimeToInstant } from '../../../src/shared/domain/time';
import { clinicLocalizer, exactClinicLocalizer } from '../../../src/renderer/features/schedule/calendar/clinicLocalizer';
import { createRandom } from '../../support/random';

const QUARTER = 15 * 60_000;
const HOUR = 60 * 60_000;

/** Instants around a day: every quarter hour, a few odd ones, and the midnights either side. */
function instantsAround(date: string, timeZone: string, random: ReturnType<typeof createRandom>): Date[] {
  const midnight = zonedTimeToInstant(date, '00:00', timeZone).getTime();
  const out: Date[] = [];
  for (let t = midnight - 2 * HOUR; t <= midnight + 27 * HOUR; t += QUARTER) out.push(new Date(t));
  for (let i = 0; i < 40; i++) out.push(new Date(midnight - 3 * HOUR + Math.floor(random.next() * 31 * HOUR)));
  return out;
}

const DAYS: Record<string, string[]> = {
  // Both US transition days, an ordinary day, a year's end.
  'America/Chicago': ['2026-03-08', '2026-11-01', '2026-12-09', '2026-12-31'],
  'America/New_York': ['2026-03-08', '2026-11-01'],
  // Half-hour offset (an hour starts at :30 UTC) and one with no daylight saving.
  'Asia/Kolkata': ['2026-06-15'],
  'Pacific/Honolulu': ['2026-03-08'],
  // Daylight saving in the other half of the year.
  'Australia/Sydney': ['2026-04-05', '2026-10-04'],
};
interface Span {
  start: Date;
  end: Date;
}
interface Called {
  inEventRange(pair: { event: Span; range: Span }): boolean;
  sortEvents(pair: { evtA: Span; evtB: Span }): number;
  daySpan(start: Date, end: Date): number;
}
const UNITS = [undefined, 'milliseconds', 'seconds', 'minutes', 'hours', 'day', 'week', 'month'] as const;

describe('the calendar’s quick date arithmetic answers exactly as luxon does', () => {
  const workstationZone = process.env['TZ'];
  beforeAll(() => {
    // A workstation in Tokyo whatever the clinic's zone.
    process.env['TZ'] = 'Asia/Tokyo';
  });
  afterAll(() => {
    if (workstationZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = workstationZone;
  });

  for (const [timeZone, dates] of Object.entries(DAYS)) {
    for (const date of dates) {
      it(`in ${timeZone} around ${date}`, () => {
        const fast = clinicLocalizer(timeZone);
        const exact = exactClinicLocalizer(timeZone);
        const random = createRandom(date.length * 7919 + timeZone.length);
        const instants = instantsAround(date, timeZone, random);
        const pick = () => instants[Math.floor(random.next() * instants.length)]!;
        const iso = (d: Date | null) => d?.toISOString() ?? null;
        for (const a of instants) {
          const b = pick();
          const c = pick();
          const at = `${a.toISOString()} / ${b.toISOString()}`;
          expect(iso(fast.startOf(a, 'day')), at).toBe(iso(exact.startOf(a, 'day')));
          expect(iso((fast.startOf as (d: Date, u: string) => Date)(a, 'week')), at).toBe(iso((exact.startOf as (d: Date, u: string) => Date)(a, 'week')));
          for (const unit of UNITS) {
            const u = unit as never;
            const why = `${at} by ${unit ?? 'instant'}`;
            expect([fast.eq(a, b, u), fast.neq(a, b, u), fast.lt(a, b, u), fast.lte(a, b, u), fast.gt(a, b, u), fast.gte(a, b, u)], why).toEqual([
              exact.eq(a, b, u),
              exact.neq(a, b, u),
              exact.lt(a, b, u),
              exact.lte(a, b, u),
              exact.gt(a, b, u),
              exact.gte(a, b, u),
            ]);
          }
          expect(fast.inRange(a, b, c, 'day'), at).toBe(exact.inRange(a, b, c, 'day'));
          for (const unit of ['minutes', 'hours', 'day'] as const) {
            expect(fast.diff(a, b, unit), `${at} diff in ${unit}`).toBe(exact.diff(a, b, unit));
            expect(iso(fast.add(a, 3, unit)), `${at} add ${unit}`).toBe(iso(exact.add(a, 3, unit)));
            expect(iso(fast.add(a, -2, unit)), `${at} subtract ${unit}`).toBe(iso(exact.add(a, -2, unit)));
          }
          expect(iso(fast.merge(a, b)), at).toBe(iso(exact.merge(a, b)));
          expect(fast.getTotalMin(a, b), at).toBe(exact.getTotalMin(a, b));
          expect(fast.getMinutesFromMidnight(a), at).toBe(exact.getMinutesFromMidnight(a));
          expect(fast.isSameDate(a, b), at).toBe(exact.isSameDate(a, b));
          expect([fast.continuesPrior(a, b), fast.continuesAfter(a, b, c)], at).toEqual([exact.continuesPrior(a, b), exact.continuesAfter(a, b, c)]);
          expect(iso(fast.min(a, b)), at).toBe(iso(exact.min(a, b)));
          expect(iso(fast.max(a, b)), at).toBe(iso(exact.max(a, b)));
          expect(fast.format(a, 't', 'en-US'), at).toBe(exact.format(a, 't', 'en-US'));
          const [start, end] = +a <= +b ? [a, b] : [b, a];
          const event = { start, end };
          const range = { start: fast.startOf(c, 'day'), end: fast.add(fast.startOf(c, 'day'), 1, 'day') };
          // The calendar calls these two with one object (its type definitions say otherwise).
          const [f, e] = [fast, exact] as unknown as Called[];
          expect(f!.inEventRange({ event, range }), at).toBe(e!.inEventRange({ event, range }));
          const other = { start: c, end: new Date(+c + QUARTER) };
          expect(Math.sign(f!.sortEvents({ evtA: event, evtB: other })), at).toBe(Math.sign(e!.sortEvents({ evtA: event, evtB: other })));
          expect(f!.daySpan(start, end)).toBe(e!.daySpan(start, end));
        }
        // The grid's slots: each quarter hour of the day on the wall clock, the skipped hour of a spring day included.
        const day = fast.startOf(zonedTimeToInstant(date, '12:00', timeZone), 'day');
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
          expect(iso(fast.getSlotDate(day, minutes, 0)), `${minutes} minutes`).toBe(iso(exact.getSlotDate(day, minutes, 0)));
          expect(iso(fast.getSlotDate(day, minutes, 30)), `${minutes} + 30 minutes`).toBe(iso(exact.getSlotDate(day, minutes, 30)));
        }
        expect(fast.segmentOffset).toBe(exact.segmentOffset);
      });
    }
  }
});
