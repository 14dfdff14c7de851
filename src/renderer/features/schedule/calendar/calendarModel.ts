import { dayRangeInZone, zonedTimeToInstant } from '../../../../shared/domain/time';
import type { Appointment } from '../../../../shared/schedule/appointment';
import { datesBetween, type OpenBlock } from '../../../../shared/schedule/availability';
import type { AppointmentType, ScheduleException } from '../../../../shared/schedule/scheduling';

/** A visit as the calendar draws it. */
export interface VisitEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  appointment: Appointment;
  typeName: string;
  color: string;
  /** It may be moved or resized (booked, pending or proposed). */
  movable: boolean;
}

/** Time off, a holiday or a closure, shaded behind a provider's column. */
export interface ClosedEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}

const UNTYPED_COLOR = '#868e96';
const MOVABLE = new Set(['booked', 'pending', 'proposed']);
/** Statuses the calendar leaves out: they hold no time and would only clutter a column. */
const HIDDEN = new Set(['cancelled', 'entered-in-error', 'waitlist']);
const EXCEPTION_WORD: Record<ScheduleException['reason'], string> = { 'time-off': 'Time off', holiday: 'Holiday', closure: 'Closed', weather: 'Closed for weather' };

/**
 * The visits of the range as calendar events, each in its provider's column ('' : no provider).
 * With a `made` cache, the event made earlier for a stored visit is kept (the same object) while
 * its name, type and color are unchanged, so a list emitted again after one visit changed differs
 * from the last only in that visit (a stored visit is a new object once written again).
 */
export function visitEvents(visits: readonly Appointment[], types: readonly AppointmentType[], names: ReadonlyMap<string, string>, made?: WeakMap<Appointment, VisitEvent>): VisitEvent[] {
  const typeById = new Map(types.map((t) => [t.id as string, t]));
  const events: VisitEvent[] = [];
  for (const a of visits) {
    if (HIDDEN.has(a.status)) continue;
    const type = typeById.get(a.typeId);
    const title = names.get(a.patientId) ?? '…';
    const typeName = type?.name ?? a.reason;
    const color = type?.color ?? UNTYPED_COLOR;
    const old = made?.get(a);
    if (old && old.title === title && old.typeName === typeName && old.color === color) {
      events.push(old);
      continue;
    }
    const event = { id: a.id, title, start: new Date(a.start), end: new Date(a.end), resourceId: a.providerId, appointment: a, typeName, color, movable: MOVABLE.has(a.status) };
    made?.set(a, event);
    events.push(event);
  }
  return events;
}

/**
 * Whether two events look the same on the calendar: where they are, what their block says and how
 * it is colored and marked, and whether it may be dragged. Two versions of a visit that differ only
 * in what the calendar does not show (a reminder's result, a note, a new revision) draw alike.
 */
export function drawnAlike(a: VisitEvent | ClosedEvent, b: VisitEvent | ClosedEvent): boolean {
  if (a === b) return true;
  if (a.resourceId !== b.resourceId) return false;
  const visitA = 'appointment' in a ? a : null;
  const visitB = 'appointment' in b ? b : null;
  // A visit's look is its signature, the same text the column digests are made of.
  if (visitA && visitB) return eventSignature(visitA) === eventSignature(visitB);
  if (visitA || visitB) return false;
  return a.id === b.id && a.title === b.title && a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}

/**
 * The exceptions that touch the dates shown, as shaded spans per provider column: a provider's own
 * time off in their column, a clinic-wide one in every column. Whole days span the day.
 */
export function closedEvents(exceptions: readonly ScheduleException[], providerIds: readonly string[], range: { fromDate: string; toDate: string; timeZone: string }): ClosedEvent[] {
  const out: ClosedEvent[] = [];
  for (const e of exceptions) {
    if (e.toDate < range.fromDate || e.fromDate > range.toDate) continue;
    const from = e.fromDate > range.fromDate ? e.fromDate : range.fromDate;
    const to = e.toDate < range.toDate ? e.toDate : range.toDate;
    const columns = e.providerId === '' ? providerIds : providerIds.filter((p) => p === e.providerId);
    for (const date of datesBetween(from, to)) {
      const span =
        e.startTime === ''
          ? dayRangeInZone(date, range.timeZone)
          : { start: zonedTimeToInstant(date, e.startTime, range.timeZone), end: zonedTimeToInstant(date, e.endTime, range.timeZone) };
      for (const providerId of columns) {
        out.push({ id: `${e.id}|${date}|${providerId}`, title: `${EXCEPTION_WORD[e.reason]}: ${e.name}`, start: span.start, end: span.end, resourceId: providerId });
      }
    }
  }
  return out;
}

/** Answers "is this provider open to bookings at this instant?" from the open blocks of the range. */
export function openHours(blocks: readonly OpenBlock[]): (providerId: string, instant: number) => boolean {
  const byProvider = new Map<string, OpenBlock[]>();
  for (const b of blocks) {
    const list = byProvider.get(b.providerId);
    if (list) list.push(b);
    else byProvider.set(b.providerId, [b]);
  }
  return (providerId, instant) => {
    const list = byProvider.get(providerId);
    if (!list) return false;
    for (const b of list) if (b.start <= instant && instant < b.end) return true;
    return false;
  };
}

/**
 * The hours the grid shows: the providers' earliest opening to latest closing over the range,
 * widened to whole hours and to any visit outside them, 8:00 to 17:00 when nobody has hours.
 * Minutes after midnight in the clinic's time zone.
 */
export function visibleHours(blocks: readonly OpenBlock[], events: readonly { start: Date; end: Date }[], minutesOf: (instant: number) => number): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  const widen = (start: number, end: number) => {
    const a = minutesOf(start);
    const b = minutesOf(end - 1) + 1;
    if (b <= a) return; // crosses midnight: leave the day's frame alone
    from = Math.min(from, a);
    to = Math.max(to, b);
  };
  for (const b of blocks) widen(b.start, b.end);
  for (const e of events) widen(e.start.getTime(), e.end.getTime());
  if (from === Infinity) return { from: 8 * 60, to: 17 * 60 };
  return { from: Math.floor(from / 60) * 60, to: Math.min(24 * 60 - 1, Math.ceil(to / 60) * 60) };
}

/** The dates a view shows: one day, or the week (Sunday first) holding it. */
export function viewDates(view: 'day' | 'week', date: string): { fromDate: string; toDate: string } {
  if (view === 'day') return { fromDate: date, toDate: date };
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - day.getUTCDay());
  const first = day.toISOString().slice(0, 10);
  day.setUTCDate(day.getUTCDate() + 6);
  return { fromDate: first, toDate: day.toISOString().slice(0, 10) };
}

/** The digest of the whole range, for views whose columns are days rather than providers. */
export const EVERY_COLUMN = '*';
/** The digest of a column with nothing of its own to draw (only what every column shares). */
export const BARE_COLUMN = '-';

/**
 * A short digest per provider column (and of everything, under `EVERY_COLUMN`) of what it draws:
 * its visits as they look, its closed spans, its open hours, and what every column shares (`common`:
 * the date, hours shown, now). Equal digests mean the column would be drawn the same. A column
 * with no visits, closures or hours has the digest under `BARE_COLUMN`.
 */
export function columnDigests(events: readonly VisitEvent[], closed: readonly ClosedEvent[], blocks: readonly OpenBlock[], common: string): Map<string, string> {
  const parts = new Map<string, string[]>();
  const add = (column: string, text: string) => {
    const list = parts.get(column);
    if (list) list.push(text);
    else parts.set(column, [text]);
  };
  for (const e of events) add(e.resourceId, eventSignature(e));
  for (const c of closed) add(c.resourceId, `c${c.id}|${c.start.getTime()}|${c.end.getTime()}|${c.title}`);
  for (const b of blocks) add(b.providerId, `o${b.start}|${b.end}`);
  const digests = new Map<string, string>();
  const all: string[] = [];
  for (const [column, list] of parts) {
    const text = `${common}\n${list.sort().join('\n')}`;
    digests.set(column, fnv1a(text));
    all.push(`${column}\n${text}`);
  }
  digests.set(EVERY_COLUMN, fnv1a(`${common}\n${all.sort().join('\n')}`));
  digests.set(BARE_COLUMN, fnv1a(common));
  return digests;
}

// An event object never changes (a visit written again is a new event), so its text is made once.
// Everything a visit's block shows is in it, except its column (the digests are made per column).
const signatures = new WeakMap<VisitEvent, string>();
function eventSignature(e: VisitEvent): string {
  let text = signatures.get(e);
  if (text === undefined) {
    text = `v${e.id}|${e.start.getTime()}|${e.end.getTime()}|${e.title}|${e.typeName}|${e.color}|${e.movable}|${e.appointment.status}|${e.appointment.seriesId}`;
    signatures.set(e, text);
  }
  return text;
}

/** FNV-1a, 32 bits, as 8 hex digits: a digest to compare, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
