import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { storedReader } from '../../data/storedRecords';
import {
  APPOINTMENT_BLANKS,
  AppointmentInputSchema,
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
import { overlapsOf, type Booking, type Overlap } from '../../../shared/schedule/slots';
import { formatTimeInZone } from '../../../shared/domain/time';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { newId } from '../../../shared/domain/ids';
import { DeskError, type WorkContext } from '../../data/workContext';

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

/** The pairs of visits holding time that overlap, neither booked over the other on purpose. */
export function doubleBookings(visits: readonly Appointment[]): DoubleBooking[] {
  const holding = visits.filter((a) => HOLDS_TIME.has(a.status)).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const pairs: DoubleBooking[] = [];
  for (let i = 0; i < holding.length; i++) {
    const first = holding[i]!;
    for (let j = i + 1; j < holding.length && holding[j]!.start < first.end; j++) {
      const second = holding[j]!;
      if (first.overbookReason || second.overbookReason) continue;
      const kinds = overlapsOf(asBooking(second), [asBooking(first)]).map((o) => o.kind);
      if (kinds.length) pairs.push({ kinds, first, second });
    }
  }
  return pairs;
}

export interface BookOptions {
  /** Books over the overlapping visits, with this reason: needs `appointment.overbook`. */
  overbookReason?: string;
}

export function createAppointmentsRepo(db: { appointments: RxCollection<Appointment> }, ctx: WorkContext) {
  /** The visits holding time that this one would overlap (by provider, room or patient). */
  const overlapping = async (visit: Pick<Appointment, 'id' | 'providerId' | 'roomId' | 'patientId' | 'start' | 'end'>) => {
    const earliest = new Date(Date.parse(visit.start) - MAX_APPOINTMENT_MS).toISOString();
    const near = stored
      .many(await db.appointments.find({ selector: { start: { $gt: earliest, $lt: visit.end } } }).exec())
      .filter((a) => HOLDS_TIME.has(a.status) && a.end > visit.start);
    const byId = new Map(near.map((a) => [a.id as string, a]));
    return overlapsOf(asBooking(visit), near.map(asBooking)).map((o) => ({ ...o, appointment: byId.get(o.bookingId)! }));
  };
  /** Refuses an overlap, or lets it through with a reason and a manager's permission: the reason to keep, and who approved. */
  const allowOverlaps = async (visit: Pick<Appointment, 'id' | 'providerId' | 'roomId' | 'patientId' | 'start' | 'end'>, options: BookOptions) => {
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

  return {
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
     * Moves a visit to another time (and provider or room), with the same checks as booking. The
     * earlier time stays in the visit's history (the audit of the change).
     */
    async reschedule(id: AppointmentId, to: { start: string; end: string; providerId?: string; roomId?: string }, options: BookOptions = {}): Promise<Appointment> {
      const doc = await find(id);
      if (!['booked', 'pending', 'proposed'].includes(doc.status)) throw new DeskError(`An appointment that is ${doc.status} cannot be moved.`);
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
    /** Cancels a visit not yet under way, with the reason (and a note, needed for "other"). */
    async cancel(id: AppointmentId, reason: CancelReason, note = ''): Promise<Appointment> {
      const doc = await find(id);
      if (!['booked', 'pending', 'proposed', 'waitlist'].includes(doc.status)) throw new DeskError(`An appointment that is ${doc.status} cannot be cancelled.`);
      const parsedReason = CancelReasonSchema.safeParse(reason);
      if (!parsedReason.success) throw new DeskError('Choose why the appointment is cancelled.');
      const text = note.trim();
      if (reason === 'other' && !text) throw new DeskError('Say why the appointment is cancelled.');
      if (text.length > 200) throw new DeskError('The note is too long (200 characters at most).');
      const { approvedBy } = await ctx.authorize('appointment.book', { patientId: doc.patientId });
      const updated = await doc.incrementalPatch({ status: 'cancelled', cancelReason: parsedReason.data, cancelNote: text, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        patientId: doc.patientId,
        subject: `appointments/${id}`,
        changes: [
          { field: 'status', before: doc.status, after: 'cancelled' },
          { field: 'cancelReason', before: '', after: parsedReason.data },
        ],
        detail: `Cancelled: ${CANCEL_REASON_LABEL[parsedReason.data]}${text ? ` (${text})` : ''}`,
        approvedBy,
      });
      return AppointmentSchema.parse(updated.toJSON());
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
      return observeRange(from, to).pipe(map(doubleBookings));
    },
    /** Appointments starting in [from, to), live, earliest first. */
    observeRange,
  };
}

export type AppointmentsRepo = ReturnType<typeof createAppointmentsRepo>;
