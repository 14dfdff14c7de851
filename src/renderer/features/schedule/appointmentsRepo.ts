import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { storedReader } from '../../data/storedRecords';
import { AppointmentInputSchema, AppointmentSchema, NO_REMINDER, type Appointment, type AppointmentInput } from '../../../shared/schedule/appointment';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { newId } from '../../../shared/domain/ids';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(AppointmentSchema, 'An appointment record');

export function createAppointmentsRepo(db: { appointments: RxCollection<Appointment> }, ctx: WorkContext) {
  return {
    async book(input: AppointmentInput): Promise<Appointment> {
      const parsed = AppointmentInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const patientId = await ctx.patientOnFile(parsed.data.patientId);
      const { approvedBy } = await ctx.authorize('appointment.book', { patientId });
      const stamp = ctx.created();
      const appointment = AppointmentSchema.parse({
        ...parsed.data,
        patientId,
        id: newId<'AppointmentId'>(),
        status: 'booked',
        arrivedAt: null,
        locationId: parsed.data.locationId || stamp.siteId,
        cancelReason: '',
        cancelNote: '',
        seriesId: '',
        overbookReason: '',
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
        ],
        approvedBy,
      });
      return appointment;
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
    /** Appointments starting in [from, to), live, earliest first. */
    observeRange(from: Date, to: Date): Observable<Appointment[]> {
      return stored.live(db.appointments.find({ selector: { start: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ start: 'asc' }] }).$);
    },
  };
}

export type AppointmentsRepo = ReturnType<typeof createAppointmentsRepo>;
