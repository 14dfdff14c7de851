import type { Appointment } from './appointment';

/** A time that has just come free: a cancelled or moved visit, or new hours. */
export interface FreedTime {
  providerId: string;
  start: number;
  end: number;
}

export interface WaitlistFit {
  entry: Appointment;
  start: number;
  end: number;
}

const MINUTE = 60_000;

/**
 * The patients on the waitlist who could take a freed time, best first: those who asked for this
 * provider before those who take anyone, then whoever has waited longest. An entry fits when its
 * visit type is long enough to fit, the provider may take that type, and the time suits the
 * patient (morning or afternoon, weekdays) in the clinic's time zone.
 */
export function waitlistFits(
  entries: readonly Appointment[],
  freed: FreedTime,
  types: ReadonlyMap<string, { durationMinutes: number; providerIds: readonly string[] }>,
  timeZone: string,
): WaitlistFit[] {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(freed.start));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday')?.value ?? '');
  const fits: WaitlistFit[] = [];
  for (const entry of entries) {
    if (entry.status !== 'waitlist') continue;
    if (entry.providerId !== '' && entry.providerId !== freed.providerId) continue;
    const type = types.get(entry.typeId);
    if (type && type.providerIds.length > 0 && !type.providerIds.includes(freed.providerId)) continue;
    const minutes = type?.durationMinutes ?? (Date.parse(entry.end) - Date.parse(entry.start)) / MINUTE;
    if (freed.start + minutes * MINUTE > freed.end) continue;
    if (entry.wants.partOfDay === 'morning' && hour >= 12) continue;
    if (entry.wants.partOfDay === 'afternoon' && hour < 12) continue;
    if (entry.wants.weekdays.length > 0 && !entry.wants.weekdays.includes(weekday)) continue;
    fits.push({ entry, start: freed.start, end: freed.start + minutes * MINUTE });
  }
  return fits.sort((a, b) => Number(b.entry.providerId !== '') - Number(a.entry.providerId !== '') || a.entry.createdAt.localeCompare(b.entry.createdAt));
}
