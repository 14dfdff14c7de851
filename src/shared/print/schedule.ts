import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from '../domain/time';

const Clinic = z.object({ name: z.string().min(1).max(120), address: z.string().max(200), phone: z.string().max(40) });

/**
 * A provider's schedule for one day, printed on letter paper for the provider and the desk. The
 * renderer sends this (never HTML); main renders it with its own escaping template.
 */
export const DayScheduleDataSchema = z.object({
  clinic: Clinic,
  providerName: z.string().min(1).max(120),
  date: CalendarDateSchema,
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
  visits: z
    .array(
      z.object({
        start: InstantSchema,
        end: InstantSchema,
        patientName: z.string().min(1).max(210),
        birthDate: z.string().max(10),
        type: z.string().max(80),
        reason: z.string().max(200),
        status: z.string().max(20),
        room: z.string().max(60),
        phone: z.string().max(40),
      }),
    )
    .max(200),
});
export type DayScheduleData = z.infer<typeof DayScheduleDataSchema>;

/** A card for the patient: their next visits, the clinic's address and phone, and how to cancel. */
export const AppointmentCardDataSchema = z.object({
  clinic: Clinic,
  /** The patient, so the card is found again from their record; not printed. */
  patientId: z.string().max(36).optional(),
  patientName: z.string().min(1).max(210),
  timeZone: TimeZoneSchema,
  visits: z
    .array(z.object({ start: InstantSchema, providerName: z.string().max(120), type: z.string().max(80) }))
    .min(1)
    .max(4),
  /** How much notice the clinic asks for, in hours, to cancel or move a visit. */
  cancelNoticeHours: z.number().int().min(0).max(168),
});
export type AppointmentCardData = z.infer<typeof AppointmentCardDataSchema>;

/** The reminder call list of a day, on letter paper for the person calling. */
export const ReminderListDataSchema = z.object({
  clinic: Clinic,
  date: CalendarDateSchema,
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
  rows: z
    .array(
      z.object({
        time: z.string().max(20),
        patient: z.string().min(1).max(210),
        provider: z.string().max(120),
        phone: z.string().max(60),
        contact: z.string().max(40),
        texts: z.boolean(),
        result: z.string().max(40),
      }),
    )
    .max(500),
});
export type ReminderListData = z.infer<typeof ReminderListDataSchema>;
