import { zonedTimeToInstant } from '../domain/time';
import type { AvailabilityTemplate, ScheduleException } from './scheduling';

/** A half-open span of time [start, end), in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** Time a provider is open to bookings at a location, and which types it takes (empty: any). */
export interface OpenBlock extends Span {
  providerId: string;
  locationId: string;
  typeIds: readonly string[];
}

/** The calendar dates from `from` to `to`, both included (`YYYY-MM-DD`). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const last = new Date(`${to}T00:00:00Z`).getTime();
  while (day.getTime() <= last) {
    dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}

/** 0 Sunday … 6 Saturday, of a calendar date (which has no time zone). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** What is left of `spans` once `taken` is removed; both sorted by start, `taken` may overlap itself. */
export function subtractSpans<T extends Span>(spans: readonly T[], taken: readonly Span[]): T[] {
  const out: T[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const t of taken) {
      if (t.end <= cursor || t.start >= span.end) continue;
      if (t.start > cursor) out.push({ ...span, start: cursor, end: t.start });
      cursor = Math.max(cursor, t.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) out.push({ ...span, start: cursor, end: span.end });
  }
  return out;
}

function exceptionApplies(e: ScheduleException, providerId: string, locationId: string, date: string): boolean {
  return (e.providerId === '' || e.providerId === providerId) && (e.locationId === '' || e.locationId === locationId) && e.fromDate <= date && date <= e.toDate;
}

/**
 * When each provider is open to bookings between two calendar dates (both included), in the
 * clinic's time zone: the weekly blocks of the templates in effect on each day, less the
 * exceptions (a provider's time off; a holiday or closure of the clinic or of a location; a
 * closure for weather entered on the day). Wall-clock hours stay wall-clock across a daylight
 * saving change (a 9:00-17:00 block is 8 hours on both transition days too). Sorted by start,
 * then provider.
 */
export function openBlocks(
  templates: readonly AvailabilityTemplate[],
  exceptions: readonly ScheduleException[],
  range: { fromDate: string; toDate: string; timeZone: string; providerIds?: readonly string[]; locationId?: string },
): OpenBlock[] {
  const wanted = range.providerIds ? new Set(range.providerIds) : null;
  const blocks: OpenBlock[] = [];
  // Providers mostly share their hours: each wall-clock time of a day is converted once.
  const instants = new Map<string, number>();
  const instant = (date: string, time: string) => {
    const key = `${date}T${time}`;
    let value = instants.get(key);
    if (value === undefined) {
      value = zonedTimeToInstant(date, time, range.timeZone).getTime();
      instants.set(key, value);
    }
    return value;
  };
  for (const date of datesBetween(range.fromDate, range.toDate)) {
    const weekday = weekdayOf(date);
    for (const t of templates) {
      if ((wanted && !wanted.has(t.providerId)) || (range.locationId && t.locationId !== range.locationId)) continue;
      if (t.effectiveFrom > date || (t.effectiveTo !== '' && t.effectiveTo < date)) continue;
      const closed = exceptions.filter((e) => exceptionApplies(e, t.providerId, t.locationId, date));
      if (closed.some((e) => e.startTime === '')) continue;
      const taken = closed
        .map((e) => ({ start: instant(date, e.startTime), end: instant(date, e.endTime) }))
        .sort((a, b) => a.start - b.start);
      const day = t.blocks
        .filter((b) => b.weekday === weekday)
        .map((b) => ({
          providerId: t.providerId,
          locationId: t.locationId,
          typeIds: b.typeIds,
          start: instant(date, b.start),
          end: instant(date, b.end),
        }))
        .sort((a, b) => a.start - b.start);
      blocks.push(...subtractSpans(day, taken));
    }
  }
  return blocks.sort((a, b) => a.start - b.start || (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0));
}
