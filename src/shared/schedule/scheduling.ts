import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema } from '../domain/ids';
import { CalendarDateSchema } from '../domain/time';

/*
 * The clinic's scheduling reference data, kept by a manager and synced in the `catalog` behind its
 * `kind`: appointment types, locations and rooms, provider availability templates and exceptions
 * (time off, holidays, closures).
 */

const Name = (label: string, max: number) => z.string().trim().min(1, `${label} is required`).max(max, `${label} is too long`);

/** A wall-clock time `HH:MM` (24-hour), checked. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the form HH:MM (24-hour)');
export type ClockTime = z.infer<typeof ClockTimeSchema>;

/** Minutes since midnight of a wall-clock time. */
export function minutesOf(time: ClockTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The forms a visit of a type may require at check-in. */
export const FORM_KINDS = ['intake', 'consent-to-treat', 'hipaa-notice', 'financial-policy'] as const;
export const FormKindSchema = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof FormKindSchema>;
export const FORM_LABEL: Readonly<Record<FormKind, string>> = {
  intake: 'Patient intake',
  'consent-to-treat': 'Consent to treat',
  'hipaa-notice': 'HIPAA notice of privacy practices acknowledgment',
  'financial-policy': 'Financial policy',
};

export const AppointmentTypeInputSchema = z.object({
  name: Name('Type name', 80),
  durationMinutes: z.number().int('Whole minutes').min(5, 'At least 5 minutes').max(480, 'At most 8 hours'),
  /** A CSS color for the calendar, `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'Use a color like #2f9e44'),
  /** The providers who may take it; empty: every provider. */
  providerIds: z.array(IdSchema).max(100),
  needsRoom: z.boolean(),
  formsDue: z.array(FormKindSchema).max(FORM_KINDS.length),
  /** A default fee and co-pay hint, in cents, for the payments work. */
  feeCents: z.number().int().min(0).max(10_000_000),
  copayHintCents: z.number().int().min(0).max(10_000_000),
  /** Weeks after which check-out suggests the next visit (0: none); types saved before it read 0. */
  followUpWeeks: z.number({ message: 'Follow-up: enter a number of weeks' }).int('Follow-up: whole weeks').min(0, 'Follow-up: at least 0').max(104, 'Follow-up: at most 104 weeks').default(0),
  active: z.boolean(),
});
export type AppointmentTypeInput = z.input<typeof AppointmentTypeInputSchema>;
export const AppointmentTypeSchema = AppointmentTypeInputSchema.extend({ id: IdSchema, kind: z.literal('appointment-type') }).extend(ChangeStampSchema.shape);
export type AppointmentType = z.infer<typeof AppointmentTypeSchema>;

/** A room at a location (site); a type that needs a room is booked into a free one. */
export const RoomInputSchema = z.object({ name: Name('Room name', 60), locationId: Name('Location', 40), active: z.boolean() });
export const RoomSchema = RoomInputSchema.extend({ id: IdSchema, kind: z.literal('room') }).extend(ChangeStampSchema.shape);
export type Room = z.infer<typeof RoomSchema>;

/** One weekly block of a provider's hours; breaks are the gaps between blocks. */
export const WeeklyBlockSchema = z
  .object({
    /** 0 Sunday … 6 Saturday. */
    weekday: z.number().int().min(0).max(6),
    start: ClockTimeSchema,
    end: ClockTimeSchema,
    /** The appointment types this block takes ("new patients only"); empty: any type. */
    typeIds: z.array(IdSchema).max(50),
  })
  .refine((b) => minutesOf(b.end) > minutesOf(b.start), { message: 'A block must end after it starts', path: ['end'] });
export type WeeklyBlock = z.infer<typeof WeeklyBlockSchema>;

export const AvailabilityTemplateInputSchema = z
  .object({
    /** What the manager calls it, e.g. "Winter hours". */
    name: Name('Name', 120),
    providerId: IdSchema,
    locationId: Name('Location', 40),
    effectiveFrom: CalendarDateSchema,
    /** The last day it applies; '' while it has no end. */
    effectiveTo: z.union([z.literal(''), CalendarDateSchema]),
    blocks: z.array(WeeklyBlockSchema).max(50),
  })
  .refine((t) => t.effectiveTo === '' || t.effectiveTo >= t.effectiveFrom, { message: 'The end is before the start', path: ['effectiveTo'] });
export const AvailabilityTemplateSchema = AvailabilityTemplateInputSchema.safeExtend({ id: IdSchema, kind: z.literal('availability') }).safeExtend(ChangeStampSchema.shape);
export type AvailabilityTemplate = z.infer<typeof AvailabilityTemplateSchema>;

export const EXCEPTION_REASONS = ['time-off', 'holiday', 'closure', 'weather'] as const;

/** Time a provider (or, with no provider, the whole clinic or a location) is not available. */
export const ScheduleExceptionInputSchema = z
  .object({
    /** What it is, e.g. "Thanksgiving", "Vacation", "Snow day". */
    name: Name('Name', 120),
    /** '' : every provider. */
    providerId: z.union([z.literal(''), IdSchema]),
    /** '' : every location. */
    locationId: z.string().trim().max(40),
    fromDate: CalendarDateSchema,
    toDate: CalendarDateSchema,
    /** Both '' : whole days; otherwise these hours of each day. */
    startTime: z.union([z.literal(''), ClockTimeSchema]),
    endTime: z.union([z.literal(''), ClockTimeSchema]),
    reason: z.enum(EXCEPTION_REASONS),
    note: z.string().trim().max(200),
  })
  .refine((e) => e.toDate >= e.fromDate, { message: 'The last day is before the first', path: ['toDate'] })
  .refine((e) => (e.startTime === '') === (e.endTime === ''), { message: 'Give both times, or neither for whole days', path: ['endTime'] })
  .refine((e) => e.startTime === '' || minutesOf(e.endTime as ClockTime) > minutesOf(e.startTime as ClockTime), { message: 'The end is before the start', path: ['endTime'] });
export const ScheduleExceptionSchema = ScheduleExceptionInputSchema.safeExtend({ id: IdSchema, kind: z.literal('schedule-exception') }).safeExtend(ChangeStampSchema.shape);
export type ScheduleException = z.infer<typeof ScheduleExceptionSchema>;
