import type { ReviewedCollection } from '../../../shared/conflicts/conflict';
import { formatTimeInZone } from '../../../shared/domain/time';

/** What kind of record a conflict is in, as staff call it. */
export const RECORD_KIND: Record<ReviewedCollection, string> = {
  patients: 'Patient record',
  appointments: 'Appointment',
  coverages: 'Insurance coverage',
};

const DATE = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (`1980-03-04`) as "March 4, 1980". */
function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return y && m && d ? DATE.format(new Date(Date.UTC(y, m - 1, d))) : date;
}

/** "Thu, Dec 10" and the time, in the clinic's zone. */
function formatDay(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(new Date(instant));
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value));

/**
 * A version's values as staff read them: a name as one line, a date in words, a visit's time with
 * its day, in the clinic's time zone. Anything else is shown as it is stored.
 */
export function describeValues(group: string, values: Readonly<Record<string, unknown>>, timeZone: string): string {
  if (group === 'name') return ['givenName', 'middleName', 'familyName', 'suffix'].map((f) => text(values[f])).filter(Boolean).join(' ') || '(no name)';
  if (group === 'birthDate') return values['birthDate'] ? formatDate(text(values['birthDate'])) : '(none)';
  if (group === 'time' && typeof values['start'] === 'string' && typeof values['end'] === 'string') {
    return `${formatDay(values['start'], timeZone)}, ${formatTimeInZone(values['start'], timeZone)} – ${formatTimeInZone(values['end'], timeZone)}`;
  }
  return Object.values(values).map(text).filter(Boolean).join(' · ') || '(empty)';
}

/** When a version was written: "Dec 4, 2026, 3:05 PM" in the clinic's zone. */
export function describeWhen(instant: string, timeZone: string): string {
  return `${new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(new Date(instant))}, ${formatTimeInZone(instant, timeZone)}`;
}
