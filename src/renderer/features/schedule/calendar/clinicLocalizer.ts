import { DateTime, IANAZone, Zone } from 'luxon';
import { DateLocalizer, luxonLocalizer, type DateLocalizerSpec } from 'react-big-calendar';

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
const exactLocalizers = new Map<string, DateLocalizer>();
const zones = new Map<string, RememberingZone>();
const zoneOf = (timeZone: string) => {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = new RememberingZone(timeZone)));
  return zone;
};

/**
 * The calendar's date arithmetic in the clinic's time zone, done by luxon on every call: the
 * reference `clinicLocalizer` answers like, and what it asks for the rarer questions.
 */
export function exactClinicLocalizer(timeZone: string): DateLocalizer {
  let localizer = exactLocalizers.get(timeZone);
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
    exactLocalizers.set(timeZone, localizer);
  }
  return localizer;
}

/** A map that forgets everything once it holds `most` entries: the calendar asks about a few days at a time. */
class Remembered<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly most: number) {}
  get(key: K, compute: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.most) this.map.clear();
      value = compute();
      this.map.set(key, value);
    }
    return value;
  }
}

/** Units that are a fixed number of milliseconds (luxon adds and subtracts them as elapsed time). */
const ELAPSED_MS: Record<string, number> = { millisecond: 1, milliseconds: 1, second: 1_000, seconds: 1_000, minute: 60_000, minutes: 60_000, hour: 3_600_000 };
/** Units whose start in any zone is a multiple of them since 1970 (offsets are whole minutes; hours are not: India is +5:30). */
const ALIGNED_MS: Record<string, number> = { millisecond: 1, milliseconds: 1, second: 1_000, seconds: 1_000, minute: 60_000, minutes: 60_000 };
const isDay = (unit: string | undefined) => unit === 'day' || unit === 'days';

/**
 * The calendar's date arithmetic in the clinic's time zone, whatever the workstation's: every date
 * the calendar reads or makes is seen through this zone (days, hours, the now-line, the week).
 *
 * The calendar asks tens of thousands of questions to draw a day (which day is this instant on,
 * how many minutes after midnight, is it before that one). Each is answered here by arithmetic on
 * the zone's remembered offsets, or from a remembered luxon answer for its day; whatever needs the
 * calendar's rules (weeks, months, adding days) goes to luxon. It answers exactly as
 * `exactClinicLocalizer` does, daylight-saving days included (tested side by side).
 */
export function clinicLocalizer(timeZone: string): DateLocalizer {
  let localizer = localizers.get(timeZone);
  if (localizer) return localizer;
  const exact = exactClinicLocalizer(timeZone);
  const zone = zoneOf(timeZone);
  /** Milliseconds since 1970-01-01 00:00 on the zone's wall clock. */
  const wall = (t: number) => t + zone.offset(t) * 60_000;
  /** The day of an instant in the zone, as days since 1970-01-01. */
  const dayOf = (t: number) => Math.floor(wall(t) / DAY_MS);
  const dayStarts = new Remembered<number, number>(4_000);
  const startOfDay = (t: number) => dayStarts.get(dayOf(t), () => +exact.startOf(new Date(t), 'day'));
  const answers = new Remembered<string, number>(20_000);
  const formatted = new Remembered<string, string>(20_000);
  /** `a` against `b` at the start of the unit: negative, zero or positive; undefined where luxon must say. */
  const compare = (a: Date, b: Date, unit?: string): number | undefined => {
    if (!unit) return +a - +b;
    const aligned = ALIGNED_MS[unit];
    if (aligned) return Math.floor(+a / aligned) - Math.floor(+b / aligned);
    if (isDay(unit)) return dayOf(+a) - dayOf(+b);
    return undefined;
  };
  type Compare = (a: Date, b: Date, unit?: string) => boolean;
  const by = (fast: (order: number) => boolean, slow: Compare): Compare => (a, b, unit) => {
    const order = compare(a, b, unit);
    return order === undefined ? slow(a, b, unit) : fast(order);
  };
  const spec: DateLocalizerSpec & Record<string, unknown> = {
    format: (value, format, culture) => {
      if (!(value instanceof Date)) return exact.format(value, format, culture);
      return formatted.get(`${+value}|${format}|${culture ?? ''}`, () => exact.format(value, format, culture));
    },
    formats: exact.formats,
    firstOfWeek: exact.startOfWeek,
    eq: by((o) => o === 0, exact.eq as Compare) as DateLocalizer['eq'],
    neq: by((o) => o !== 0, exact.neq as Compare) as DateLocalizer['neq'],
    lt: by((o) => o < 0, exact.lt as Compare) as DateLocalizer['lt'],
    lte: by((o) => o <= 0, exact.lte as Compare) as DateLocalizer['lte'],
    gt: by((o) => o > 0, exact.gt as Compare) as DateLocalizer['gt'],
    gte: by((o) => o >= 0, exact.gte as Compare) as DateLocalizer['gte'],
    inRange: ((day: Date, min: Date, max: Date, unit: string = 'day') => {
      if (!isDay(unit)) return (exact.inRange as (d: Date, a: Date, b: Date, u: string) => boolean)(day, min, max, unit);
      const d = dayOf(+day);
      return d >= dayOf(+min) && d <= dayOf(+max);
    }) as DateLocalizer['inRange'],
    startOf: ((date: Date, unit?: string) => (isDay(unit) ? new Date(startOfDay(+date)) : (exact.startOf as (d: Date, u?: string) => Date)(date, unit))) as DateLocalizer['startOf'],
    endOf: exact.endOf,
    add: ((date: Date, amount: number, unit: string) => {
      const elapsed = ELAPSED_MS[unit];
      return elapsed ? new Date(+date + amount * elapsed) : (exact.add as (d: Date, n: number, u: string) => Date)(date, amount, unit);
    }) as DateLocalizer['add'],
    range: exact.range,
    diff: (a, b, unit = 'day') => {
      const elapsed = ELAPSED_MS[unit];
      return elapsed ? Math.floor((+b - +a) / elapsed) : exact.diff(a, b, unit);
    },
    ceil: exact.ceil,
    min: ((a: Date, b: Date) => new Date(Math.min(+a, +b))) as DateLocalizer['min'],
    max: ((a: Date, b: Date) => new Date(Math.max(+a, +b))) as DateLocalizer['max'],
    minutes: exact.minutes,
    // The day of `date` at the wall-clock time of `time`.
    merge: (date, time) => {
      if (!date && !time) return null;
      const clock = ((wall(+time) % DAY_MS) + DAY_MS) % DAY_MS;
      return new Date(answers.get(`merge|${dayOf(+date)}|${clock}`, () => +exact.merge(date, time)!));
    },
    firstVisibleDay: exact.firstVisibleDay,
    lastVisibleDay: exact.lastVisibleDay,
    visibleDays: exact.visibleDays,
    getSlotDate: (date, minutesFromMidnight, offset) => new Date(answers.get(`slot|${dayOf(+date)}|${minutesFromMidnight + offset}`, () => +exact.getSlotDate(date, minutesFromMidnight, offset))),
    getTimezoneOffset: exact.getTimezoneOffset,
    getDstOffset: exact.getDstOffset,
    getTotalMin: (a, b) => Math.floor((+b - +a) / 60_000),
    getMinutesFromMidnight: (date) => Math.round((+date - startOfDay(+date)) / 60_000),
    continuesPrior: (start, first) => +start < +first,
    continuesAfter: (_start, end, last) => +end >= +last,
    daySpan: (start: Date, end: Date) => (+end - +start) / DAY_MS,
    sortEvents: ((pair: { evtA: SortedEvent; evtB: SortedEvent }) => {
      const { evtA: a, evtB: b } = pair;
      const span = (e: SortedEvent) => (+e.end - +e.start) / DAY_MS;
      return startOfDay(+a.start) - startOfDay(+b.start) || span(b) - span(a) || Number(!!b.allDay) - Number(!!a.allDay) || +a.start - +b.start || +a.end - +b.end;
    }) as unknown as DateLocalizerSpec['sortEvents'],
    inEventRange: ((pair: { event: SortedEvent; range: { start: Date; end: Date } }) => {
      const { event, range } = pair;
      const eventDay = startOfDay(+event.start);
      const minute = (t: number) => Math.floor(t / 60_000);
      const startsBeforeEnd = dayOf(eventDay) <= dayOf(+range.end);
      const endsAfterStart = minute(eventDay) !== minute(+event.end) ? minute(+event.end) > minute(+range.start) : minute(+event.end) >= minute(+range.start);
      return startsBeforeEnd && endsAfterStart;
    }) as unknown as DateLocalizerSpec['inEventRange'],
    isSameDate: (a, b) => dayOf(+a) === dayOf(+b),
    startAndEndAreDateOnly: exact.startAndEndAreDateOnly,
    browserTZOffset: () => exact.segmentOffset,
  };
  localizer = new DateLocalizer(spec);
  localizers.set(timeZone, localizer);
  return localizer;
}

interface SortedEvent {
  start: Date;
  end: Date;
  allDay?: boolean;
}

/** Minutes after midnight of an instant in a time zone. */
export function minutesInZone(instant: number, timeZone: string): number {
  const wallClock = instant + zoneOf(timeZone).offset(instant) * 60_000;
  return Math.floor((((wallClock % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}
