import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import { advanceVisit, VisitSchema, VISIT_STEP_LABEL, type Visit, type VisitStep } from '../../../shared/checkin/visit';
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
      const stamp = ctx.created();
      const timeZone = ctx.timeZone();
      const visit = VisitSchema.parse({
        id: newId(),
        patientId,
        appointmentId: input.appointmentId,
        providerId: input.providerId,
        typeId: input.typeId,
        locationId: ctx.siteId(),
        date: dateInZone(new Date(stamp.createdAt), timeZone),
        timeZone,
        step: 'checked-in',
        timeline: [{ step: 'checked-in', at: stamp.createdAt, by: ctx.actor().name, roomId: '', reason: '' }],
        ...stamp,
      });
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
