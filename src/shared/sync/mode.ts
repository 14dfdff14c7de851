import { z } from 'zod';
import { dateInZone, dayRangeInZone, zonedTimeToInstant } from '../domain/time';

/** A wall-clock time of day, `HH:MM` in 24 hours. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 12:30 or 17:00');

/**
 * When this workstation syncs. `live`: whenever the server can be reached, changes go both ways
 * within seconds. `scheduled` (satellite offices that sync over a slow or paid line): only at the
 * set times, on "Sync now" and at close of day; the desk works from its own database in between.
 */
export const SyncModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('live') }),
  z.object({
    kind: z.literal('scheduled'),
    times: z
      .array(TimeOfDaySchema)
      .min(1, 'Add at least one time of day')
      .max(12, 'At most 12 sync times a day')
      .refine((times) => new Set(times).size === times.length, 'Each time only once')
      .transform((times) => [...times].sort()),
  }),
]);
export type SyncMode = z.infer<typeof SyncModeSchema>;

export const LIVE_SYNC: SyncMode = { kind: 'live' };

/** The first set time strictly after `now`, in the clinic's time zone (tomorrow's first if today's are over). */
export function nextScheduledSync(times: readonly string[], now: Date, timeZone: string): Date | null {
  if (times.length === 0) return null;
  const today = dateInZone(now, timeZone);
  for (const day of [today, dateInZone(dayRangeInZone(today, timeZone).end, timeZone)]) {
    for (const time of [...times].sort()) {
      const at = zonedTimeToInstant(day, time, timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return null;
}

/** How the mode reads on screen, e.g. "At 12:30 and 17:00, and at close of day". */
export function describeSyncMode(mode: SyncMode): string {
  if (mode.kind === 'live') return 'Live: changes go both ways whenever the server can be reached';
  const times = mode.times;
  const list = times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
  return `At set times: ${list}, on Sync now and at close of day`;
}
