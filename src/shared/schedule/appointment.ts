import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { AppointmentIdSchema, IdSchema, PatientIdSchema } from '../domain/ids';
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

/** Each status in words, as the desk shows and prints it. */
export const APPOINTMENT_STATUS_LABEL: Record<AppointmentStatus, string> = {
  proposed: 'Proposed',
  pending: 'Pending',
  booked: 'Booked',
  arrived: 'Arrived',
  fulfilled: 'Done',
  cancelled: 'Cancelled',
  noshow: 'No-show',
  'entered-in-error': 'Entered in error',
  'checked-in': 'Checked in',
  waitlist: 'On the waitlist',
};

/** Why a visit was cancelled. */
export const CancelReasonSchema = z.enum(['patient', 'provider', 'clinic', 'weather', 'other']);
export type CancelReason = z.infer<typeof CancelReasonSchema>;
export const CANCEL_REASON_LABEL: Record<CancelReason, string> = { patient: 'Patient cancelled', provider: 'Provider unavailable', clinic: 'Clinic cancelled', weather: 'Weather', other: 'Other' };

/** What a reminder call found. */
export const ReminderResultSchema = z.enum(['confirmed', 'left-message', 'no-answer', 'wrong-number', 'cancelled', 'rescheduled']);
export type ReminderResult = z.infer<typeof ReminderResultSchema>;

/** The last reminder call of a visit: '' fields while none was made. */
export const ReminderSchema = z.object({ result: z.union([z.literal(''), ReminderResultSchema]), at: z.union([z.literal(''), InstantSchema]), by: z.string().max(100) });
export const NO_REMINDER = { result: '', at: '', by: '' } as const;

/** When a patient on the waitlist can come: a part of the day and weekdays (0 Sunday … 6 Saturday; none: any). */
export const WantsSchema = z.object({ partOfDay: z.enum(['any', 'morning', 'afternoon']), weekdays: z.array(z.number().int().min(0).max(6)).max(7) });
export type Wants = z.infer<typeof WantsSchema>;
export const ANY_TIME: Wants = { partOfDay: 'any', weekdays: [] };

/** What a visit holds before anyone sets them: no provider, type, room, note, cancellation, series, overbooking, reminder or waitlist wishes. */
export const APPOINTMENT_BLANKS = {
  providerId: '',
  typeId: '',
  roomId: '',
  note: '',
  cancelReason: '',
  cancelNote: '',
  seriesId: '',
  overbookReason: '',
  reminder: NO_REMINDER,
  wants: ANY_TIME,
} as const;

const OptionalId = z.union([z.literal(''), IdSchema]);

/** The longest a visit may last; overlap checks look this far back for visits still running. */
export const MAX_APPOINTMENT_MS = 12 * 60 * 60_000;

export const AppointmentInputSchema = z
  .object({
    patientId: PatientIdSchema,
    start: InstantSchema,
    end: InstantSchema,
    timeZone: TimeZoneSchema,
    reason: z.string().trim().max(200, 'Reason is too long').default(''),
    /** Who sees the patient, what kind of visit, where, in which room ('' where none). */
    providerId: OptionalId.default(''),
    typeId: OptionalId.default(''),
    locationId: z.string().trim().max(40).default(''),
    roomId: OptionalId.default(''),
    note: z.string().trim().max(500, 'Note is too long').default(''),
  })
  .refine((a) => a.end > a.start, { message: 'The appointment must end after it starts', path: ['end'] })
  .refine((a) => Date.parse(a.end) - Date.parse(a.start) <= MAX_APPOINTMENT_MS, { message: 'An appointment lasts at most 12 hours', path: ['end'] });
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
    providerId: OptionalId,
    typeId: OptionalId,
    locationId: z.string().max(40),
    roomId: OptionalId,
    note: z.string().max(500),
    /** Set when cancelled; '' otherwise. */
    cancelReason: z.union([z.literal(''), CancelReasonSchema]),
    cancelNote: z.string().max(200),
    /** The recurring series it belongs to; '' for a single visit. */
    seriesId: OptionalId,
    /** Why it was booked over another booking, with a manager's permission; '' when it was not. */
    overbookReason: z.string().max(200),
    reminder: ReminderSchema,
    /** On the waitlist (status `waitlist`): when the patient can come. */
    wants: WantsSchema,
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
