import type { RxCollection } from 'rxdb';
import { debounceTime, filter, map, startWith, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { storedReader } from '../../data/storedRecords';
import {
  APPOINTMENT_BLANKS,
  AppointmentInputSchema,
  WantsSchema,
  ReminderResultSchema,
  type ReminderResult,
  type Wants,
  AppointmentSchema,
  CANCEL_REASON_LABEL,
  CancelReasonSchema,
  MAX_APPOINTMENT_MS,
  NO_REMINDER,
  type Appointment,
  type AppointmentInput,
  type AppointmentStatus,
  type CancelReason,
} from '../../../shared/schedule/appointment';
import { occurrences, overlapsOf, type Booking, type Overlap, type RecurrenceRule } from '../../../shared/schedule/slots';
import { addDays, clockTimeInZone, daysBetween, dateInZone, dayRangeInZone, formatTimeInZone, zonedTimeToInstant } from '../../../shared/domain/time';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { newId } from '../../../shared/domain/ids';
import { DeskError, type WorkContext } from '../../data/workContext';
import { REMINDER_RESULT_LABEL } from '../../../shared/schedule/reminders';

const stored = storedReader(AppointmentSchema, 'An appointment record');

/** Statuses of a visit that hold its time: the others (cancelled, no-show, waitlist, …) leave it free. */
export const HOLDS_TIME: ReadonlySet<AppointmentStatus> = new Set(['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled']);

/** A booking refused because it overlaps others; `overbookReason` with a manager's permission books it anyway. */
export class OverlapError extends DeskError {
  constructor(readonly overlaps: readonly (Overlap & { appointment: Appointment })[]) {
    super(`This time overlaps ${overlaps.map(describeOverlap).join('; ')}. Choose another time, or book it anyway with a reason (a manager's permission).`);
    this.name = 'OverlapError';
  }
}

function describeOverlap(o: Overlap & { appointment: Appointment }): string {
  const what = { provider: "the provider's", room: "the room's", patient: "the patient's own" }[o.kind];
  return `${what} visit at ${formatTimeInZone(o.appointment.start, o.appointment.timeZone)}`;
}

/** A visit as the scheduling engine sees it (a visit with no provider blocks no provider). */
export const asBooking = (a: Pick<Appointment, 'id' | 'providerId' | 'roomId' | 'patientId' | 'start' | 'end'>): Booking => ({
  id: a.id,
  providerId: a.providerId || `no-provider:${a.id}`,
  roomId: a.roomId,
  patientId: a.patientId,
  start: Date.parse(a.start),
  end: Date.parse(a.end),
});

/** Two visits that hold the same provider, room or patient at once. */
export interface DoubleBooking {
  kinds: Overlap['kind'][];
  first: Appointment;
  second: Appointment;
}

/** How long the visits must stay unchanged before the "needs attention" list is read again. */
export const ATTENTION_SETTLE_MS = 250;

/** The pairs of visits holding time that overlap, neither booked over the other on purpose. */
export function doubleBookings(visits: readonly Appointment[]): DoubleBooking[] {
  // Read once (a week or two of visits is compared pair by pair within each time), earliest first.
  const holding = visits
    .filter((a) => HOLDS_TIME.has(a.status))
    .map((visit) => ({ visit, booking: asBooking(visit) }))
    .sort((x, y) => x.booking.start - y.booking.start || (x.visit.id < y.visit.id ? -1 : x.visit.id > y.visit.id ? 1 : 0));
  const pairs: DoubleBooking[] = [];
  for (let i = 0; i < holding.length; i++) {
    const first = holding[i]!;
    if (first.visit.overbookReason) continue;
    for (let j = i + 1; j < holding.length && holding[j]!.booking.start < first.booking.end; j++) {
      const second = holding[j]!;
      if (second.visit.overbookReason) continue;
      const kinds = overlapsOf(second.booking, [first.booking]).map((o) => o.kind);
      if (kinds.length) pairs.push({ kinds, first: first.visit, second: second.visit });
    }
  }
  return pairs;
}

/** A repeating visit refused because some of its dates are taken. */
export class SeriesOverlapError extends DeskError {
  constructor(
    readonly taken: readonly { start: string; overlaps: readonly (Overlap & { appointment: Appointment })[] }[],
    readonly total: number,
  ) {
    super(
      `${taken.length} of the ${total} visits overlap other visits (${taken.map((t) => describeDay(t.start, t.overlaps[0]!.appointment.timeZone)).join(', ')}). Book only the free dates, or book them all anyway with a reason (a manager's permission).`,
    );
    this.name = 'SeriesOverlapError';
  }
}

const describeDay = (instant: string, timeZone: string) => new Date(instant).toLocaleDateString('en-US', { timeZone, month: 'short', day: 'numeric' });
const CANCELLABLE = ['booked', 'pending', 'proposed', 'waitlist'];
const MOVABLE = ['booked', 'pending', 'proposed'];

/** One visit of a series, or it and every later one still to come. */
export type SeriesScope = 'this' | 'following';

export interface BookOptions {
  /** Books over the overlapping visits, with this reason: needs `appointment.overbook`. */
  overbookReason?: string;
}

type OverlapCheck = Pick<Appointment, 'id' | 'providerId' | 'roomId' | 'patientId' | 'start' | 'end' | 'timeZone'>;

/**
 * Where the visits that could overlap this one start: from a longest visit's length before the
 * start of its day in the clinic's time zone to as long after the day's end (or its own end).
 */
export function overlapWindow(visit: Pick<Appointment, 'start' | 'end' | 'timeZone'>): { $gt: string; $lt: string } {
  const day = dayRangeInZone(dateInZone(new Date(visit.start), visit.timeZone), visit.timeZone);
  const to = new Date(day.end.getTime() + MAX_APPOINTMENT_MS).toISOString();
  return { $gt: new Date(day.start.getTime() - MAX_APPOINTMENT_MS).toISOString(), $lt: visit.end > to ? visit.end : to };
}

export function createAppointmentsRepo(db: { appointments: RxCollection<Appointment> }, ctx: WorkContext) {
  /** The visits holding time that this one would overlap (by provider, room or patient). */
  const overlapping = async (visit: OverlapCheck, ignore: ReadonlySet<string> = new Set()) => {
    const start = overlapWindow(visit);
    // Only a visit with the same provider, room or patient can overlap: each is asked for by its own
    // index ([providerId, start], patientId) rather than reading every visit of the day. The window
    // is the same for every time of one clinic day, so the database's cache of a query asked
    // before (`prepareMove`) answers it without reading the disk again while nothing changed.
    const selectors = [{ patientId: visit.patientId, start }, ...(visit.providerId ? [{ providerId: visit.providerId, start }] : []), ...(visit.roomId ? [{ roomId: visit.roomId, start }] : [])];
    const found = await Promise.all(selectors.map((selector) => db.appointments.find({ selector }).exec()));
    const unique = new Map(found.flat().map((d) => [d.id, d]));
    const near = stored.many([...unique.values()]).filter((a) => HOLDS_TIME.has(a.status) && a.end > visit.start && !ignore.has(a.id));
    const byId = new Map(near.map((a) => [a.id as string, a]));
    return overlapsOf(asBooking(visit), near.map(asBooking)).map((o) => ({ ...o, appointment: byId.get(o.bookingId)! }));
  };
  /** Refuses an overlap, or lets it through with a reason and a manager's permission: the reason to keep, and who approved. */
  const allowOverlaps = async (visit: OverlapCheck, options: BookOptions) => {
    const overlaps = await overlapping(visit);
    if (overlaps.length === 0) return { overbookReason: '', approvedBy: null as string | null };
    const reason = (options.overbookReason ?? '').trim();
    if (!reason) throw new OverlapError(overlaps);
    if (reason.length > 200) throw new DeskError('The reason is too long (200 characters at most).');
    const { approvedBy } = await ctx.authorize('appointment.overbook', { patientId: visit.patientId });
    return { overbookReason: reason, approvedBy };
  };
  const observeRange = (from: Date, to: Date): Observable<Appointment[]> =>
    stored.live(db.appointments.find({ selector: { start: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ start: 'asc' }] }).$);
  const find = async (id: AppointmentId) => {
    const doc = await db.appointments.findOne(id).exec();
    if (!doc) throw new DeskError('That appointment could not be found.');
    return doc;
  };

  /** The later visits of a series still to come, this one first, in order. */
  const following = async (doc: Appointment) =>
    stored
      .many(await db.appointments.find({ selector: { patientId: doc.patientId, seriesId: doc.seriesId, start: { $gte: doc.start } }, sort: [{ start: 'asc' }] }).exec());

  return {
    /**
     * Books a repeating visit: every N days or weeks from the first, until a date or for a count,
     * each at the same wall-clock time. Dates that overlap other visits refuse the series, unless
     * `skipTaken` books only the free dates, or `overbookReason` (a manager's) books them all.
     */
    async bookSeries(input: AppointmentInput, rule: RecurrenceRule, options: BookOptions & { skipTaken?: boolean } = {}): Promise<{ booked: Appointment[]; skipped: string[] }> {
      const parsed = AppointmentInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const patientId = await ctx.patientOnFile(parsed.data.patientId);
      const { approvedBy: bookApproved } = await ctx.authorize('appointment.book', { patientId });
      const tz = parsed.data.timeZone;
      const minutes = (Date.parse(parsed.data.end) - Date.parse(parsed.data.start)) / 60_000;
      let times: { start: number; end: number }[];
      try {
        times = occurrences({ date: dateInZone(new Date(parsed.data.start), tz), time: clockTimeInZone(parsed.data.start, tz), durationMinutes: minutes }, rule, tz);
      } catch (e) {
        throw new DeskError((e as Error).message);
      }
      if (times.length < 2) throw new DeskError('A repeating visit needs at least two dates: check the end date or the number of visits.');
      const seriesId = newId();
      const planned = [];
      for (const t of times) {
        const visit = { ...parsed.data, patientId, id: newId<'AppointmentId'>(), start: new Date(t.start).toISOString(), end: new Date(t.end).toISOString() };
        planned.push({ visit, overlaps: await overlapping(visit) });
      }
      const taken = planned.filter((p) => p.overlaps.length > 0);
      const reason = (options.overbookReason ?? '').trim();
      let approvedBy: string | null = bookApproved;
      if (taken.length && !reason && !options.skipTaken) throw new SeriesOverlapError(taken.map((t) => ({ start: t.visit.start, overlaps: t.overlaps })), planned.length);
      if (taken.length && reason) {
        if (reason.length > 200) throw new DeskError('The reason is too long (200 characters at most).');
        approvedBy = (await ctx.authorize('appointment.overbook', { patientId })).approvedBy ?? bookApproved;
      }
      const booking = reason ? planned : planned.filter((p) => p.overlaps.length === 0);
      if (booking.length === 0) throw new DeskError('Every date of this series is taken.');
      const stamp = ctx.created();
      const booked = booking.map((p) =>
        AppointmentSchema.parse({
          ...APPOINTMENT_BLANKS,
          ...p.visit,
          status: 'booked',
          arrivedAt: null,
          locationId: p.visit.locationId || stamp.siteId,
          seriesId,
          overbookReason: p.overlaps.length ? reason : '',
          reminder: { ...NO_REMINDER },
          ...stamp,
        }),
      );
      const result = await db.appointments.bulkInsert(booked);
      if (result.error.length) throw new DeskError(`${result.error.length} of the visits could not be saved; none of the others were changed.`);
      for (const [i, a] of booked.entries()) {
        await ctx.auditSaved({
          action: 'create',
          patientId,
          subject: `appointments/${a.id}`,
          changes: [
            { field: 'start', before: null, after: a.start },
            { field: 'status', before: null, after: 'booked' },
            { field: 'seriesId', before: null, after: seriesId },
            ...(a.providerId ? [{ field: 'providerId', before: null, after: a.providerId }] : []),
          ],
          detail: `Repeating visit, ${i + 1} of ${booked.length}${a.overbookReason ? `; booked over another visit: ${a.overbookReason}` : ''}`,
          approvedBy,
        });
      }
      return { booked, skipped: reason ? [] : taken.map((t) => t.visit.start) };
    },

    async book(input: AppointmentInput, options: BookOptions = {}): Promise<Appointment> {
      const parsed = AppointmentInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const patientId = await ctx.patientOnFile(parsed.data.patientId);
      const { approvedBy: bookApproved } = await ctx.authorize('appointment.book', { patientId });
      const id = newId<'AppointmentId'>();
      const overbook = await allowOverlaps({ ...parsed.data, id, patientId }, options);
      const approvedBy = overbook.approvedBy ?? bookApproved;
      const stamp = ctx.created();
      const appointment = AppointmentSchema.parse({
        ...APPOINTMENT_BLANKS,
        ...parsed.data,
        patientId,
        id,
        status: 'booked',
        arrivedAt: null,
        locationId: parsed.data.locationId || stamp.siteId,
        overbookReason: overbook.overbookReason,
        reminder: { ...NO_REMINDER },
        ...stamp,
      });
      await db.appointments.insert(appointment);
      await ctx.auditSaved({
        action: 'create',
        patientId: appointment.patientId,
        subject: `appointments/${appointment.id}`,
        changes: [
          { field: 'start', before: null, after: appointment.start },
          { field: 'status', before: null, after: 'booked' },
          ...(appointment.providerId ? [{ field: 'providerId', before: null, after: appointment.providerId }] : []),
        ],
        ...(overbook.overbookReason ? { detail: `Booked over another visit: ${overbook.overbookReason}` } : {}),
        approvedBy,
      });
      return appointment;
    },
    /**
     * Readies the check of a move of this visit within its day (its provider's, patient's and
     * room's visits of the day are read now), so that the drop is checked and saved at once. The
     * check itself is the same whether or not this ran first.
     */
    async prepareMove(id: AppointmentId): Promise<void> {
      const doc = await db.appointments.findOne(id).exec();
      const visit = doc ? stored.one(doc) : null;
      if (visit && MOVABLE.includes(visit.status)) await overlapping(visit);
    },
    /**
     * Moves a visit to another time (and provider or room), with the same checks as booking. The
     * earlier time stays in the visit's history (the audit of the change).
     */
    async reschedule(id: AppointmentId, to: { start: string; end: string; providerId?: string; roomId?: string }, options: BookOptions = {}): Promise<Appointment> {
      const doc = await find(id);
      if (!MOVABLE.includes(doc.status)) throw new DeskError(`An appointment that is ${doc.status} cannot be moved.`);
      const current = AppointmentSchema.parse(doc.toJSON());
      const next = AppointmentSchema.safeParse({ ...current, start: to.start, end: to.end, providerId: to.providerId ?? current.providerId, roomId: to.roomId ?? current.roomId });
      if (!next.success) throw new DeskError(z.prettifyError(next.error));
      if (next.data.end <= next.data.start) throw new DeskError('The appointment must end after it starts');
      if (Date.parse(next.data.end) - Date.parse(next.data.start) > MAX_APPOINTMENT_MS) throw new DeskError('An appointment lasts at most 12 hours');
      const { approvedBy: bookApproved } = await ctx.authorize('appointment.book', { patientId: doc.patientId });
      const overbook = await allowOverlaps(next.data, options);
      const fields = ['start', 'end', 'providerId', 'roomId'] as const;
      const changes = fields.filter((f) => current[f] !== next.data[f]).map((f) => ({ field: f, before: current[f], after: next.data[f] }));
      if (changes.length === 0) return current;
      const updated = await doc.incrementalPatch({ start: next.data.start, end: next.data.end, providerId: next.data.providerId, roomId: next.data.roomId, overbookReason: overbook.overbookReason, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        patientId: doc.patientId,
        subject: `appointments/${id}`,
        changes,
        detail: overbook.overbookReason ? `Rescheduled over another visit: ${overbook.overbookReason}` : 'Rescheduled',
        approvedBy: overbook.approvedBy ?? bookApproved,
      });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /**
     * Moves this visit of a series and every later one still to come by the same days, to the
     * new time of day, length and provider; all of them or none (an overlap refuses them all).
     */
    async rescheduleFollowing(id: AppointmentId, to: { start: string; end: string; providerId?: string }, options: BookOptions = {}): Promise<Appointment[]> {
      const current = stored.one(await find(id));
      if (!current) throw new DeskError('That appointment could not be read.');
      if (!current.seriesId) return [await this.reschedule(id, to, options)];
      const tz = current.timeZone;
      const shift = daysBetween(dateInZone(new Date(current.start), tz), dateInZone(new Date(to.start), tz));
      const time = clockTimeInZone(to.start, tz);
      const length = Date.parse(to.end) - Date.parse(to.start);
      if (!(length > 0)) throw new DeskError('The appointment must end after it starts');
      if (length > MAX_APPOINTMENT_MS) throw new DeskError('An appointment lasts at most 12 hours');
      const series = (await following(current)).filter((a) => MOVABLE.includes(a.status));
      const { approvedBy: bookApproved } = await ctx.authorize('appointment.book', { patientId: current.patientId });
      const moving = new Set(series.map((a) => a.id as string));
      const plan = [];
      for (const a of series) {
        const start = zonedTimeToInstant(addDays(dateInZone(new Date(a.start), tz), shift), time, tz);
        const next = { ...a, start: start.toISOString(), end: new Date(start.getTime() + length).toISOString(), providerId: to.providerId ?? a.providerId };
        plan.push({ before: a, next, overlaps: await overlapping(next, moving) });
      }
      const overlaps = plan.flatMap((p) => p.overlaps);
      const reason = (options.overbookReason ?? '').trim();
      let approvedBy: string | null = bookApproved;
      if (overlaps.length && !reason) throw new OverlapError(overlaps);
      if (overlaps.length) approvedBy = (await ctx.authorize('appointment.overbook', { patientId: current.patientId })).approvedBy ?? bookApproved;
      const out: Appointment[] = [];
      for (const p of plan) {
        const doc = await find(p.before.id);
        const updated = await doc.incrementalPatch({ start: p.next.start, end: p.next.end, providerId: p.next.providerId, overbookReason: p.overlaps.length ? reason : p.before.overbookReason, ...ctx.stamp() });
        const fields = ['start', 'end', 'providerId'] as const;
        await ctx.auditSaved({
          action: 'change',
          patientId: p.before.patientId,
          subject: `appointments/${p.before.id}`,
          changes: fields.filter((f) => p.before[f] !== p.next[f]).map((f) => ({ field: f, before: p.before[f], after: p.next[f] })),
          detail: `Rescheduled with the rest of its series${p.overlaps.length ? ` over another visit: ${reason}` : ''}`,
          approvedBy,
        });
        out.push(AppointmentSchema.parse(updated.toJSON()));
      }
      return out;
    },
    /**
     * Puts a patient on the waitlist for an earlier time (FHIR status `waitlist`): the type, a
     * provider or anyone, and when they can come. It holds no time until it is booked.
     */
    async addToWaitlist(input: { patientId: PatientId; typeId: string; providerId: string; minutes: number; reason: string; timeZone: string; wants: Wants }): Promise<Appointment> {
      const wants = WantsSchema.safeParse(input.wants);
      if (!wants.success) throw new DeskError('Choose when the patient can come.');
      if (!input.typeId) throw new DeskError('Choose the type of visit the patient is waiting for.');
      const patientId = await ctx.patientOnFile(input.patientId);
      const { approvedBy } = await ctx.authorize('appointment.book', { patientId });
      const stamp = ctx.created();
      const start = ctx.now();
      const entry = AppointmentSchema.parse({
        ...APPOINTMENT_BLANKS,
        id: newId(),
        patientId,
        start: start.toISOString(),
        end: new Date(start.getTime() + Math.max(5, input.minutes) * 60_000).toISOString(),
        timeZone: input.timeZone,
        reason: input.reason.trim().slice(0, 200),
        status: 'waitlist',
        arrivedAt: null,
        typeId: input.typeId,
        providerId: input.providerId,
        locationId: stamp.siteId,
        reminder: { ...NO_REMINDER },
        wants: { partOfDay: wants.data.partOfDay, weekdays: [...new Set(wants.data.weekdays)].sort() },
        ...stamp,
      });
      await db.appointments.insert(entry);
      await ctx.auditSaved({ action: 'create', patientId, subject: `appointments/${entry.id}`, changes: [{ field: 'status', before: null, after: 'waitlist' }], detail: 'Added to the waitlist', approvedBy });
      return entry;
    },
    /** Books a waitlist entry into a time, with the same checks as booking. */
    async bookFromWaitlist(id: AppointmentId, at: { start: string; end: string; providerId: string; roomId?: string }, options: BookOptions = {}): Promise<Appointment> {
      const doc = await find(id);
      if (doc.status !== 'waitlist') throw new DeskError('This patient is no longer on the waitlist.');
      const current = AppointmentSchema.parse(doc.toJSON());
      const next = AppointmentSchema.safeParse({ ...current, start: at.start, end: at.end, providerId: at.providerId, roomId: at.roomId ?? '', status: 'booked' });
      if (!next.success) throw new DeskError(z.prettifyError(next.error));
      const { approvedBy: bookApproved } = await ctx.authorize('appointment.book', { patientId: doc.patientId });
      const overbook = await allowOverlaps(next.data, options);
      const updated = await doc.incrementalPatch({ start: next.data.start, end: next.data.end, providerId: next.data.providerId, roomId: next.data.roomId, status: 'booked', overbookReason: overbook.overbookReason, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        patientId: doc.patientId,
        subject: `appointments/${id}`,
        changes: [
          { field: 'status', before: 'waitlist', after: 'booked' },
          { field: 'start', before: current.start, after: next.data.start },
          { field: 'providerId', before: current.providerId, after: next.data.providerId },
        ],
        detail: `Booked from the waitlist${overbook.overbookReason ? ` over another visit: ${overbook.overbookReason}` : ''}`,
        approvedBy: overbook.approvedBy ?? bookApproved,
      });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /** Records the result of a reminder call on the visit, with who called and when. */
    async recordReminder(id: AppointmentId, result: ReminderResult): Promise<Appointment> {
      const parsed = ReminderResultSchema.safeParse(result);
      if (!parsed.success) throw new DeskError('Choose what the call found.');
      const doc = await find(id);
      const { approvedBy } = await ctx.authorize('appointment.book', { patientId: doc.patientId });
      const stamp = ctx.stamp();
      const reminder = { result: parsed.data, at: stamp.updatedAt, by: ctx.actor().name };
      const updated = await doc.incrementalPatch({ reminder, ...stamp });
      await ctx.auditSaved({
        action: 'change',
        patientId: doc.patientId,
        subject: `appointments/${id}`,
        changes: [{ field: 'reminder.result', before: doc.reminder.result, after: parsed.data }],
        detail: `Reminder call: ${REMINDER_RESULT_LABEL[parsed.data]}`,
        approvedBy,
      });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /** Everyone on the waitlist, live, longest waiting first. */
    observeWaitlist(): Observable<Appointment[]> {
      return stored.live(db.appointments.find({ selector: { status: 'waitlist' }, sort: [{ status: 'asc' }, { start: 'asc' }] }).$);
    },
    /**
     * Cancels a visit not yet under way, with the reason (and a note, needed for "other"); with
     * `following`, every later visit of its series still to come as well.
     */
    async cancel(id: AppointmentId, reason: CancelReason, note = '', scope: SeriesScope = 'this'): Promise<Appointment> {
      const doc = await find(id);
      if (!CANCELLABLE.includes(doc.status)) throw new DeskError(`An appointment that is ${doc.status} cannot be cancelled.`);
      const parsedReason = CancelReasonSchema.safeParse(reason);
      if (!parsedReason.success) throw new DeskError('Choose why the appointment is cancelled.');
      const text = note.trim();
      if (reason === 'other' && !text) throw new DeskError('Say why the appointment is cancelled.');
      if (text.length > 200) throw new DeskError('The note is too long (200 characters at most).');
      const { approvedBy } = await ctx.authorize('appointment.book', { patientId: doc.patientId });
      const current = AppointmentSchema.parse(doc.toJSON());
      const later = scope === 'following' && current.seriesId ? (await following(current)).filter((a) => a.id !== id && CANCELLABLE.includes(a.status)) : [];
      let result: Appointment | null = null;
      for (const visit of [current, ...later]) {
        const target = visit.id === id ? doc : await find(visit.id);
        const updated = await target.incrementalPatch({ status: 'cancelled', cancelReason: parsedReason.data, cancelNote: text, ...ctx.stamp() });
        await ctx.auditSaved({
          action: 'change',
          patientId: doc.patientId,
          subject: `appointments/${visit.id}`,
          changes: [
            { field: 'status', before: visit.status, after: 'cancelled' },
            { field: 'cancelReason', before: '', after: parsedReason.data },
          ],
          detail: `Cancelled${later.length ? ' with the rest of its series' : ''}: ${CANCEL_REASON_LABEL[parsedReason.data]}${text ? ` (${text})` : ''}`,
          approvedBy,
        });
        result ??= AppointmentSchema.parse(updated.toJSON());
      }
      return result!;
    },
    /** Marks a booked visit whose patient never came (FHIR `noshow`). */
    async markNoShow(id: AppointmentId): Promise<Appointment> {
      const doc = await find(id);
      if (doc.status !== 'booked') throw new DeskError(`An appointment that is ${doc.status} cannot be marked as a no-show.`);
      if (Date.parse(doc.start) > ctx.now().getTime()) throw new DeskError('A visit that has not started yet cannot be a no-show.');
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId: doc.patientId });
      const updated = await doc.incrementalPatch({ status: 'noshow', ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: doc.patientId, subject: `appointments/${id}`, changes: [{ field: 'status', before: 'booked', after: 'noshow' }], detail: 'No-show', approvedBy });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /** Marks a booked patient as arrived (FHIR `arrived`) and records the arrival time. */
    async checkIn(id: AppointmentId): Promise<Appointment> {
      const doc = await db.appointments.findOne(id).exec();
      if (!doc) throw new DeskError('That appointment could not be found.');
      if (doc.status === 'arrived') throw new DeskError('This patient is already checked in.');
      if (doc.status !== 'booked') throw new DeskError(`An appointment that is ${doc.status} cannot be checked in.`);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId: doc.patientId });
      const stamp = ctx.stamp();
      const at = stamp.updatedAt;
      const updated = await doc.incrementalPatch({ status: 'arrived', arrivedAt: at, ...stamp });
      await ctx.auditSaved({
        action: 'change',
        patientId: doc.patientId,
        subject: `appointments/${id}`,
        changes: [
          { field: 'status', before: 'booked', after: 'arrived' },
          { field: 'arrivedAt', before: null, after: at },
        ],
        detail: 'Checked in',
        approvedBy,
      });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /**
     * Marks an arrived patient's appointment fulfilled (FHIR `fulfilled`, shown as Done) when their
     * visit at the desk is done. Already fulfilled: unchanged.
     */
    async fulfil(id: AppointmentId): Promise<Appointment> {
      const doc = await find(id);
      if (doc.status === 'fulfilled') return AppointmentSchema.parse(doc.toJSON());
      if (doc.status !== 'arrived' && doc.status !== 'checked-in') throw new DeskError(`An appointment that is ${doc.status} cannot be marked done.`);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId: doc.patientId });
      const before = doc.status;
      const updated = await doc.incrementalPatch({ status: 'fulfilled', ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: doc.patientId, subject: `appointments/${id}`, changes: [{ field: 'status', before, after: 'fulfilled' }], detail: 'Visit done', approvedBy });
      return AppointmentSchema.parse(updated.toJSON());
    },
    /** Moves a merged-away patient's appointments to the record kept. */
    async movePatient(fromId: PatientId, toId: PatientId): Promise<string[]> {
      const docs = await db.appointments.find({ selector: { patientId: fromId } }).exec();
      for (const d of docs) await d.incrementalPatch({ patientId: toId, ...ctx.stamp() });
      return docs.map((d) => `appointments/${d.id}`);
    },
    async get(id: AppointmentId): Promise<Appointment | null> {
      return stored.one(await db.appointments.findOne(id).exec());
    },
    /** Every appointment of a patient and of the records merged into them, live, latest first. */
    observeForPatients(patientIds: readonly string[]): Observable<Appointment[]> {
      return stored
        .live(db.appointments.find({ selector: { patientId: { $in: [...patientIds] } } }).$)
        .pipe(map((list) => list.sort((a, b) => b.start.localeCompare(a.start))));
    },
    /**
     * Visits from `from` to `to` that overlap another of the same provider, room or patient
     * without anyone having chosen to (no overbooking reason on either): two workstations that
     * booked the same time offline. Each pair once, earliest first, live, until one is moved or
     * cancelled.
     */
    observeNeedsAttention(from: Date, to: Date): Observable<DoubleBooking[]> {
      // Read again once the visits of the range stop changing for a moment, not on every write: a
      // fortnight of visits compared on each save would slow every move and check-in of the day.
      const inRange = (start: unknown) => typeof start === 'string' && start >= from.toISOString() && start < to.toISOString();
      return db.appointments.$.pipe(
        filter((change) => inRange(change.documentData?.start) || inRange(change.previousDocumentData?.start)),
        debounceTime(ATTENTION_SETTLE_MS),
        startWith(null),
        switchMap(() => db.appointments.find({ selector: { start: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ start: 'asc' }] }).exec()),
        map((docs) => doubleBookings(stored.many(docs))),
      );
    },
    /** Appointments starting in [from, to), live, earliest first. */
    observeRange,
  };
}

export type AppointmentsRepo = ReturnType<typeof createAppointmentsRepo>;
