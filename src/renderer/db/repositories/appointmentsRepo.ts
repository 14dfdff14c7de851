import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { z } from 'zod';
import { AppointmentInputSchema, AppointmentSchema, type Appointment, type AppointmentInput } from '../../../shared/domain/appointment';
import type { AppointmentId } from '../../../shared/domain/ids';
import { newId } from '../../../shared/domain/ids';
import type { ClinicDatabase } from '../database';
import { DeskError, type WorkContext } from './workContext';

function toAppointment(doc: unknown): Appointment | null {
  const parsed = AppointmentSchema.safeParse(doc);
  if (!parsed.success) {
    console.warn('An appointment record does not match the schema and was left out', z.prettifyError(parsed.error));
    return null;
  }
  return parsed.data;
}

export function createAppointmentsRepo(db: ClinicDatabase, ctx: WorkContext) {
  return {
    async book(input: AppointmentInput): Promise<Appointment> {
      const parsed = AppointmentInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const patient = await db.patients.findOne(parsed.data.patientId).exec();
      if (!patient) throw new DeskError('That patient could not be found.');
      const at = ctx.now().toISOString();
      const appointment = AppointmentSchema.parse({
        ...parsed.data,
        id: newId<'AppointmentId'>(),
        status: 'booked',
        arrivedAt: null,
        createdAt: at,
        updatedAt: at,
        updatedBy: ctx.actor,
        siteId: ctx.siteId,
      });
      await db.appointments.insert(appointment);
      return appointment;
    },
    /** Marks a booked patient as arrived (FHIR `arrived`) and records the arrival time. */
    async checkIn(id: AppointmentId): Promise<Appointment> {
      const doc = await db.appointments.findOne(id).exec();
      if (!doc) throw new DeskError('That appointment could not be found.');
      if (doc.status === 'arrived') throw new DeskError('This patient is already checked in.');
      if (doc.status !== 'booked') throw new DeskError(`An appointment that is ${doc.status} cannot be checked in.`);
      const at = ctx.now().toISOString();
      const updated = await doc.incrementalPatch({ status: 'arrived', arrivedAt: at, updatedAt: at, updatedBy: ctx.actor, siteId: ctx.siteId });
      return AppointmentSchema.parse(updated.toJSON());
    },
    async get(id: AppointmentId): Promise<Appointment | null> {
      const doc = await db.appointments.findOne(id).exec();
      return doc ? toAppointment(doc.toJSON()) : null;
    },
    /** Appointments starting in [from, to), live, earliest first. */
    observeRange(from: Date, to: Date): Observable<Appointment[]> {
      return db.appointments
        .find({ selector: { start: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ start: 'asc' }] })
        .$.pipe(map((docs) => docs.map((d) => toAppointment(d.toJSON())).filter((a): a is Appointment => a !== null)));
    },
  };
}

export type AppointmentsRepo = ReturnType<typeof createAppointmentsRepo>;
