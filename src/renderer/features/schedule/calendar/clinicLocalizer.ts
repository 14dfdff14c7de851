import { DateTime, IANAZone, Zone } from 'luxon';
import { luxonLocalizer, type DateLocalizer } from 'react-big-calendar';

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MOST_REMEMBERED = 100_000;

/**
 * An IANA zone that remembers its offsets by quarter hour. The calendar asks for the offset of
 * the same few hundred instants thousands of times a render, and each answer from Intl costs
 * microseconds. A quarter hour is remembered only when its start and end have the same offset, so
 * a daylight-saving change (on a whole minute) is always answered exactly.
 */
class RememberingZone extends Zone {
  private readonly inner: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(name: string) {
    super();
    this.inner = IANAZone.create(name);
  }
  override get type() {
    return this.inner.type;
  }
  override get name() {
    return this.inner.name;
  }
  override get isUniversal() {
    return false;
  }
  override get isValid() {
    return this.inner.isValid;
  }
  override offsetName(ts: number, options: Parameters<Zone['offsetName']>[1]) {
    return this.inner.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: Parameters<Zone['formatOffset']>[1]) {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const quarter = Math.floor(ts / QUARTER_MS);
    let known = this.offsets.get(quarter);
    if (known === undefined) {
      const first = this.inner.offset(quarter * QUARTER_MS);
      known = first === this.inner.offset(quarter * QUARTER_MS + QUARTER_MS - 1) ? first : Number.NaN;
      if (this.offsets.size >= MOST_REMEMBERED) this.offsets.clear();
      this.offsets.set(quarter, known);
    }
    return Number.isNaN(known) ? this.inner.offset(ts) : known;
  }
  override equals(other: Zone): boolean {
    return other.type === this.type && other.name === this.name;
  }
}

const localizers = new Map<string, DateLocalizer>();
const zones = new Map<string, RememberingZone>();
const zoneOf = (timeZone: string) => {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = new RememberingZone(timeZone)));
  return zone;
};

/**
 * The calendar's date arithmetic in the clinic's time zone, whatever the workstation's: every date
 * the calendar reads or makes is seen through this zone (days, hours, the now-line, the week).
 */
export function clinicLocalizer(timeZone: string): DateLocalizer {
  let localizer = localizers.get(timeZone);
  if (!localizer) {
    const zone = zoneOf(timeZone);
    // Formats are read in the calendar's culture (its `culture` prop), so dates need no locale of their own.
    const zoned = {
      fromJSDate: (date: Date) => DateTime.fromJSDate(date, { zone }),
      local: () => DateTime.local({ zone }),
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
  const wallClock = instant + zoneOf(timeZone).offset(instant) * 60_000;
  return Math.floor((((wallClock % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}
