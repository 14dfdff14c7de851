import { DateTime } from 'luxon';
import { luxonLocalizer, type DateLocalizer } from 'react-big-calendar';

const localizers = new Map<string, DateLocalizer>();

/**
 * The calendar's date arithmetic in the clinic's time zone, whatever the workstation's: every date
 * the calendar reads or makes is seen through this zone (days, hours, the now-line, the week).
 */
export function clinicLocalizer(timeZone: string): DateLocalizer {
  let localizer = localizers.get(timeZone);
  if (!localizer) {
    const zoned = {
      fromJSDate: (date: Date) => DateTime.fromJSDate(date, { zone: timeZone }).setLocale('en-US'),
      local: () => DateTime.local({ zone: timeZone }),
      max: DateTime.max.bind(DateTime),
      min: DateTime.min.bind(DateTime),
    };
    localizer = luxonLocalizer(zoned as unknown as typeof DateTime, { firstDayOfWeek: 7 });
    localizers.set(timeZone, localizer);
  }
  return localizer;
}

/** Minutes after midnight of an instant in a time zone. */
export function minutesInZone(instant: number, timeZone: string): number {
  const t = DateTime.fromMillis(instant, { zone: timeZone });
  return t.hour * 60 + t.minute;
}
