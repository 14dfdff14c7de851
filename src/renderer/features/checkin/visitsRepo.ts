import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import { CheckinSchema, checkinSummary, CheckoutSchema, missingCheckout, missingSteps, type Checkin, type Checkout } from '../../../shared/checkin/checkin';
import { advanceVisit, mergeVisits, VisitSchema, VISIT_STEP_LABEL, type Visit, type VisitStep } from '../../../shared/checkin/visit';
import { newId, type PatientId } from '../../../shared/domain/ids';
import { dateInZone } from '../../../shared/domain/time';
import { DeskError, type WorkContext } from '../../data/workContext';
import { storedReader } from '../../data/storedRecords';

const stored = storedReader(VisitSchema, 'A visit record');

export interface VisitStart {
  patientId: PatientId;
  /** The appointment the patient came for; '' for a walk-in. */
  appointmentId: string;
  providerId: string;
  typeId: string;
}

/** A check-in made through the desk's steps: the visit, when the patient arrived, and what was checked. */
export interface VisitCheckIn extends VisitStart {
  /** When the patient came to the desk (the wait starts then). */
  arrivedAt: string;
  checkin: Checkin;
  /** The forms due at this visit (each must be among the signed ones). */
  formsDue: readonly string[];
}

/**
 * The visits at the desk: a patient checked in starts one, and each step of the flow board moves
 * it on (who and when, audited). A visit only moves forward; two workstations' steps merge.
 */
export function createVisitsRepo(db: { visits: RxCollection<Visit> }, ctx: WorkContext) {
  const find = async (id: string) => {
    const doc = await db.visits.findOne(id).exec();
    const visit = stored.one(doc);
    if (!doc || !visit) throw new DeskError('That visit could not be found.');
    return { doc, visit };
  };
  const newVisit = (input: VisitStart, at: string, checkin?: Checkin): Visit => {
    const stamp = ctx.created();
    const timeZone = ctx.timeZone();
    return VisitSchema.parse({
      id: newId(),
      patientId: input.patientId,
      appointmentId: input.appointmentId,
      providerId: input.providerId,
      typeId: input.typeId,
      locationId: ctx.siteId(),
      date: dateInZone(new Date(at), timeZone),
      timeZone,
      step: 'checked-in',
      timeline: [{ step: 'checked-in', at, by: ctx.actor().name, roomId: '', reason: '' }],
      checkin,
      ...stamp,
    });
  };
  return {
    /**
     * Starts the visit of a patient who has arrived: checked in now, by the signed-in person. A
     * patient checked in for the same appointment already (here or at another workstation that
     * synced) keeps that visit.
     */
    async start(input: VisitStart): Promise<Visit> {
      const patientId = await ctx.patientOnFile(input.patientId);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId });
      if (input.appointmentId) {
        const existing = stored.one(await db.visits.findOne({ selector: { appointmentId: input.appointmentId } }).exec());
        if (existing) return existing;
      }
      const visit = newVisit({ ...input, patientId }, ctx.now().toISOString());
      await db.visits.insert(visit);
      await ctx.auditSaved({
        action: 'create',
        patientId,
        subject: `visits/${visit.id}`,
        changes: [{ field: 'step', before: null, after: 'checked-in' }],
        detail: input.appointmentId ? 'Checked in for an appointment' : 'Checked in as a walk-in',
        approvedBy,
      });
      return visit;
    },

    /**
     * Checks a patient in through the desk's steps: identity, demographics, insurance, forms due and
     * money, each confirmed (missingSteps says which are not). The visit starts at the patient's
     * arrival; a visit already started for the appointment (a quick check-in, or another
     * workstation's) gains what was checked here.
     */
    async checkIn(input: VisitCheckIn): Promise<Visit> {
      const patientId = await ctx.patientOnFile(input.patientId);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId });
      const parsed = CheckinSchema.safeParse(input.checkin);
      if (!parsed.success) throw new DeskError(`The check-in could not be saved: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
      const missing = missingSteps(parsed.data, input.formsDue);
      if (missing.length > 0) throw new DeskError(`Not checked in yet: ${missing.join('; ')}.`);
      const now = ctx.now().toISOString();
      const arrivedAt = input.arrivedAt && input.arrivedAt <= now ? input.arrivedAt : now;
      const existing = input.appointmentId ? await db.visits.findOne({ selector: { appointmentId: input.appointmentId } }).exec() : null;
      let visit: Visit;
      if (existing) {
        const stamp = ctx.stamp();
        const updated = await existing.incrementalModify((current) => {
          const stored = VisitSchema.parse(current);
          const merged = mergeVisits(stored, { ...stored, checkin: parsed.data });
          return { ...current, checkin: merged.checkin, ...stamp };
        });
        visit = VisitSchema.parse(updated.toJSON());
      } else {
        visit = newVisit({ ...input, patientId }, arrivedAt, parsed.data);
        await db.visits.insert(visit);
      }
      await ctx.auditSaved({
        action: existing ? 'change' : 'create',
        patientId,
        subject: `visits/${visit.id}`,
        changes: existing ? [{ field: 'checkin', before: null, after: 'recorded' }] : [{ field: 'step', before: null, after: 'checked-in' }],
        detail: checkinSummary(parsed.data),
        approvedBy,
      });
      return visit;
    },

    /**
     * Checks a patient out: the follow-up booked (or why none) and what was collected are kept on
     * the visit, and it is done. Only a visit ready for check-out (or further along the board's
     * way to done) may be checked out.
     */
    async checkOut(id: string, input: Omit<Checkout, 'at' | 'by'>): Promise<Visit> {
      const { doc, visit } = await find(id);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId: visit.patientId });
      const stamp = ctx.stamp();
      const parsed = CheckoutSchema.safeParse({ ...input, at: stamp.updatedAt, by: ctx.actor().name });
      if (!parsed.success) throw new DeskError(`The check-out could not be saved: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
      const missing = missingCheckout(parsed.data);
      if (missing.length > 0) throw new DeskError(`Not checked out yet: ${missing.join('; ')}.`);
      try {
        advanceVisit(visit, { step: 'done' }, ctx.actor().name, stamp.updatedAt);
      } catch (error) {
        throw new DeskError((error as Error).message);
      }
      const updated = await doc.incrementalModify((current) => {
        const again = advanceVisit(VisitSchema.parse(current), { step: 'done' }, ctx.actor().name, stamp.updatedAt);
        return { ...current, timeline: again.timeline, step: again.step, checkout: parsed.data, ...stamp };
      });
      const c = parsed.data;
      await ctx.auditSaved({
        action: 'change',
        patientId: visit.patientId,
        subject: `visits/${id}`,
        changes: [{ field: 'step', before: visit.step, after: 'done' }],
        detail: `Checked out: ${c.followUpAppointmentId ? `follow-up booked (appointments/${c.followUpAppointmentId})` : `no follow-up (${c.noFollowUpReason})`}${c.paymentId ? `; collected (ledger/${c.paymentId})` : ''}`,
        approvedBy,
      });
      return VisitSchema.parse(updated.toJSON());
    },

    /** A patient's visits (with the records merged into them), live: what their earlier check-ins confirmed. */
    observeForPatients(patientIds: readonly string[]): Observable<Visit[]> {
      return stored.live(db.visits.find({ selector: { patientId: { $in: [...patientIds] } } }).$);
    },

    /** Moves a visit on to a step (a room for roomed, a reason for left without being seen). */
    async advance(id: string, next: { step: VisitStep; roomId?: string; reason?: string }): Promise<Visit> {
      const { doc, visit } = await find(id);
      const { approvedBy } = await ctx.authorize('appointment.checkIn', { patientId: visit.patientId });
      const stamp = ctx.stamp();
      let moved: Visit;
      try {
        moved = advanceVisit(visit, next, ctx.actor().name, stamp.updatedAt);
      } catch (error) {
        throw new DeskError((error as Error).message);
      }
      const updated = await doc.incrementalModify((current) => {
        // Another workstation's steps may have arrived since it was read: the step is added to them.
        const again = advanceVisit(VisitSchema.parse(current), next, ctx.actor().name, stamp.updatedAt);
        return { ...current, timeline: again.timeline, step: again.step, ...stamp };
      });
      const entry = moved.timeline.at(-1)!;
      await ctx.auditSaved({
        action: 'change',
        patientId: visit.patientId,
        subject: `visits/${id}`,
        changes: [{ field: 'step', before: visit.step, after: next.step }, ...(entry.roomId ? [{ field: 'roomId', before: null, after: entry.roomId }] : [])],
        detail: next.step === 'left' ? `${VISIT_STEP_LABEL.left}: ${entry.reason}` : VISIT_STEP_LABEL[next.step],
        approvedBy,
      });
      return VisitSchema.parse(updated.toJSON());
    },

    /** The visits of a clinic date, live, earliest check-in first. */
    observeDay(date: string): Observable<Visit[]> {
      return stored.live(db.visits.find({ selector: { date }, sort: [{ createdAt: 'asc' }] }).$);
    },
  };
}

export type VisitsRepo = ReturnType<typeof createVisitsRepo>;
