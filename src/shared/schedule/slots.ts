import { zonedTimeToInstant } from '../domain/time';
import { subtractSpans, weekdayOf, type OpenBlock, type Span } from './availability';
import type { ClockTime } from './scheduling';

const MINUTE = 60_000;

/** A booking as the scheduler sees it: who and what it holds, and when. */
export interface Booking extends Span {
  id: string;
  providerId: string;
  /** '' when it holds no room. */
  roomId: string;
  patientId: string;
}

export interface Overlap {
  kind: 'provider' | 'room' | 'patient';
  bookingId: string;
}

/**
 * What a booking would overlap: another booking of the same provider, room or patient at the same
 * time (touching ends do not overlap). The booking itself (same id) is left out, so an edit is
 * checked against the others.
 */
export function overlapsOf(booking: Booking, others: readonly Booking[]): Overlap[] {
  const found: Overlap[] = [];
  for (const other of others) {
    if (other.id === booking.id || other.end <= booking.start || other.start >= booking.end) continue;
    if (other.providerId === booking.providerId) found.push({ kind: 'provider', bookingId: other.id });
    if (booking.roomId !== '' && other.roomId === booking.roomId) found.push({ kind: 'room', bookingId: other.id });
    if (other.patientId === booking.patientId) found.push({ kind: 'patient', bookingId: other.id });
  }
  return found;
}

export type PartOfDay = 'any' | 'morning' | 'afternoon';

export interface SlotRequest {
  /** When providers are open (`openBlocks`) over the days searched. */
  blocks: readonly OpenBlock[];
  /** Bookings that hold time (not cancelled, no-show or entered in error) over those days. */
  bookings: readonly Booking[];
  /** The active rooms, when the type needs one. */
  rooms?: readonly { id: string; locationId: string }[];
  type: { id: string; durationMinutes: number; providerIds: readonly string[]; needsRoom: boolean };
  /** The patient, whose own bookings must not overlap. */
  patientId?: string;
  /** No slot starts before this (epoch ms), e.g. now. */
  notBefore: number;
  timeZone: string;
  /** Slots start on this grid from the start of their block; 15 minutes by default. */
  stepMinutes?: number;
  preferences?: { providerIds?: readonly string[]; weekdays?: readonly number[]; partOfDay?: PartOfDay };
  /** How many to find; 5 by default. */
  limit?: number;
}

export interface Slot extends Span {
  providerId: string;
  locationId: string;
  /** The room it would take, '' when the type needs none. */
  roomId: string;
}

/** Where an instant falls on the clinic's wall clock: its weekday and minutes after midnight. */
function wallClock(instant: number, timeZone: string): { weekday: number; minutes: number } {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return { weekday: weekdayOf(date), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

const NOON = 12 * 60;

/**
 * The first free times for a visit of a type, earliest first (then by provider): within the
 * providers' open blocks that take the type, clear of each provider's bookings, of the patient's
 * own, with a free room when the type needs one, and as the patient prefers (providers, weekdays,
 * morning or afternoon, by the clinic's clock).
 */
export function findSlots(request: SlotRequest): Slot[] {
  const limit = request.limit ?? 5;
  const step = (request.stepMinutes ?? 15) * MINUTE;
  const duration = request.type.durationMinutes * MINUTE;
  const allowed = request.type.providerIds.length ? new Set(request.type.providerIds) : null;
  const preferred = request.preferences?.providerIds?.length ? new Set(request.preferences.providerIds) : null;
  const weekdays = request.preferences?.weekdays?.length ? new Set(request.preferences.weekdays) : null;
  const part = request.preferences?.partOfDay ?? 'any';
  const byProvider = groupSorted(request.bookings, (b) => b.providerId);
  const byRoom = groupSorted(request.bookings.filter((b) => b.roomId !== ''), (b) => b.roomId);
  const patientBookings = request.patientId ? request.bookings.filter((b) => b.patientId === request.patientId) : [];
  const roomsAt = groupSorted(
    (request.rooms ?? []).map((r) => ({ ...r, start: 0, end: 0 })),
    (r) => r.locationId,
  );

  // The earliest slots so far, in order, at most `limit`: a later start cannot make the list.
  const found: Slot[] = [];
  const cutoff = () => (found.length >= limit ? found[limit - 1]!.start : Infinity);
  const keep = (slot: Slot) => {
    let at = found.length;
    while (at > 0 && bySlot(found[at - 1]!, slot) > 0) at--;
    found.splice(at, 0, slot);
    if (found.length > limit) found.pop();
  };
  for (const block of request.blocks) {
    if (block.end <= request.notBefore || block.start > cutoff()) continue;
    if ((allowed && !allowed.has(block.providerId)) || (preferred && !preferred.has(block.providerId))) continue;
    if (block.typeIds.length && !block.typeIds.includes(request.type.id)) continue;
    const clock = wallClock(block.start, request.timeZone);
    if (weekdays && !weekdays.has(clock.weekday)) continue;
    // A block within one wall-clock offset (every block not crossing a DST change) maps linearly.
    const linear = wallClock(block.end - MINUTE, request.timeZone).minutes === clock.minutes + (block.end - MINUTE - block.start) / MINUTE;
    const minutesAt = (t: number) => (linear ? clock.minutes + (t - block.start) / MINUTE : wallClock(t, request.timeZone).minutes);
    let fromBlock = 0;
    for (const free of subtractSpans([block], byProvider.get(block.providerId) ?? [])) {
      const earliest = Math.max(free.start, request.notBefore);
      let t = block.start + Math.ceil((earliest - block.start) / step) * step;
      for (; t + duration <= free.end && fromBlock < limit && t <= cutoff(); t += step) {
        const minutes = minutesAt(t);
        if ((part === 'morning' && minutes >= NOON) || (part === 'afternoon' && minutes < NOON)) continue;
        const span = { start: t, end: t + duration };
        if (patientBookings.some((b) => b.start < span.end && b.end > span.start)) continue;
        let roomId = '';
        if (request.type.needsRoom) {
          const room = (roomsAt.get(block.locationId) ?? []).find((r) => !(byRoom.get(r.id) ?? []).some((b) => b.start < span.end && b.end > span.start));
          if (!room) continue;
          roomId = room.id;
        }
        keep({ providerId: block.providerId, locationId: block.locationId, roomId, ...span });
        fromBlock++;
      }
    }
  }
  return found;
}

function bySlot(a: Slot, b: Slot): number {
  return a.start - b.start || (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0);
}

function groupSorted<T extends Span>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  for (const list of groups.values()) list.sort((a, b) => a.start - b.start);
  return groups;
}

export interface RecurrenceRule {
  every: number;
  unit: 'day' | 'week';
  /** The last day an occurrence may fall on (included), or a count of occurrences; at least one. */
  until?: string;
  count?: number;
}

/** The most occurrences one series may have. */
export const MAX_OCCURRENCES = 200;

/**
 * The occurrences of a recurring appointment, the first included: each at the same wall-clock
 * time in the clinic's time zone (a 9:00 visit stays at 9:00 across a daylight saving change).
 */
export function occurrences(first: { date: string; time: ClockTime; durationMinutes: number }, rule: RecurrenceRule, timeZone: string): (Span & { date: string })[] {
  if (!Number.isInteger(rule.every) || rule.every < 1) throw new Error('Repeat every 1 or more days or weeks');
  if (rule.until === undefined && rule.count === undefined) throw new Error('Give an end date or a number of occurrences');
  const count = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const stride = rule.every * (rule.unit === 'week' ? 7 : 1);
  const last = rule.until ?? '9999-12-31';
  const out: (Span & { date: string })[] = [];
  const day = new Date(`${first.date}T00:00:00Z`);
  while (out.length < count) {
    const date = day.toISOString().slice(0, 10);
    if (date > last) break;
    const start = zonedTimeToInstant(date, first.time, timeZone).getTime();
    out.push({ date, start, end: start + first.durationMinutes * MINUTE });
    day.setUTCDate(day.getUTCDate() + stride);
  }
  return out;
}
