import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { AppointmentIdSchema, PatientIdSchema } from '../domain/ids';
import { InstantSchema, TimeZoneSchema } from '../domain/time';

/** FHIR R4 Appointment.status. */
export const AppointmentStatusSchema = z.enum([
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
]);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

export const AppointmentInputSchema = z
  .object({
    patientId: PatientIdSchema,
    start: InstantSchema,
    end: InstantSchema,
    timeZone: TimeZoneSchema,
    reason: z.string().trim().max(200, 'Reason is too long').default(''),
  })
  .refine((a) => a.end > a.start, { message: 'The appointment must end after it starts', path: ['end'] });
export type AppointmentInput = z.input<typeof AppointmentInputSchema>;

export const AppointmentSchema = z
  .object({
    id: AppointmentIdSchema,
    patientId: PatientIdSchema,
    start: InstantSchema,
    end: InstantSchema,
    timeZone: TimeZoneSchema,
    reason: z.string().max(200),
    status: AppointmentStatusSchema,
    arrivedAt: InstantSchema.nullable(),
  })
  .extend(ChangeStampSchema.shape);
export type Appointment = z.infer<typeof AppointmentSchema>;

/**
 * How far along the visit each status is. Used so that a conflict between two workstations never
 * moves a visit backwards (an offline "booked" copy must not undo a check-in made elsewhere).
 */
export const APPOINTMENT_PROGRESS: Record<AppointmentStatus, number> = {
  proposed: 0,
  pending: 0,
  waitlist: 0,
  booked: 1,
  arrived: 2,
  'checked-in': 3,
  fulfilled: 4,
  noshow: 5,
  cancelled: 5,
  'entered-in-error': 6,
};
