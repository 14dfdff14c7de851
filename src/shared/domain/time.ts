import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/** An instant in UTC, as an ISO 8601 string with a `Z` suffix (e.g. `2026-11-23T14:30:00.000Z`). */
export const InstantSchema = z.iso.datetime({ message: 'Must be a UTC date and time' });

/** A calendar date with no time zone, `YYYY-MM-DD`, checked to be a real date. */
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isRealDate, 'This date does not exist');

/**
 * A calendar date as a person types it at a US front desk: `3/4/1961`, `03/04/1961` or
 * `1961-03-04`, stored as `YYYY-MM-DD`.
 */
export const TypedDateSchema = z
  .string()
  .trim()
  .transform((s) => {
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : s;
  })
  .pipe(
    z
      .string()
      .min(1, 'Enter a date')
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form MM/DD/YYYY')
      .refine(isRealDate, 'This date does not exist'),
  );

/** An IANA time zone name such as `America/Chicago`. */
export const TimeZoneSchema = z.string().refine(isKnownTimeZone, 'Unknown time zone');

/** True when `yyyy-mm-dd` names a day that exists on the Gregorian calendar. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * One formatter per zone and style: making an `Intl.DateTimeFormat` costs far more than using one,
 * and every stored visit's zone is checked and shown.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const STYLES: Record<'date' | 'time' | 'clock', Intl.DateTimeFormatOptions> = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: 'numeric', minute: '2-digit' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};
const LOCALE = { date: 'en-CA', time: 'en-US', clock: 'en-GB' } as const;
function formatter(style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[style], { timeZone, ...STYLES[style] });
    formatters.set(key, f);
  }
  return f;
}

/** True when the runtime's Intl knows the time zone. */
export function isKnownTimeZone(zone: string): boolean {
  if (formatters.has(`date|${zone}`)) return true;
  try {
    formatter('date', zone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (`YYYY-MM-DD`) of an instant as seen in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = formatter('date', timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The instant at which a wall-clock time on a calendar date happens in a time zone, e.g.
 * `2026-11-23`, `09:30`, `America/Chicago` → `2026-11-23T15:30:00.000Z`. A time that a DST change
 * skips moves forward by the gap; a time that happens twice resolves to the first.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/** The half-open range [start, end) of a calendar date in a time zone. */
export function dayRangeInZone(date: string, timeZone: string): { start: Date; end: Date } {
  const start = zonedTimeToInstant(date, '00:00', timeZone);
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  const end = zonedTimeToInstant(next.toISOString().slice(0, 10), '00:00', timeZone);
  return { start, end };
}

/** The wall-clock time of an instant in a time zone, 24-hour `HH:MM` (e.g. `14:30`), as forms and templates hold it. */
export function clockTimeInZone(instant: string | Date, timeZone: string): string {
  return formatter('clock', timeZone).format(new Date(instant));
}

/** The calendar date `days` after `date` (negative: before); calendar dates have no time zone. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** Calendar days from one `YYYY-MM-DD` date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date `months` after `date`, on the same day of the month or, where that month is shorter, its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Formats an instant as a short local time, e.g. `9:30 AM`, in a time zone. */
export function formatTimeInZone(instant: string | Date, timeZone: string): string {
  return formatter('time', timeZone).format(new Date(instant));
}
