import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from '../domain/time';
import { FormKindSchema } from '../schedule/scheduling';
import { PrintedLogoSchema } from '../catalog/formLogo';

const Text = (max: number) => z.string().max(max);

/**
 * What the patient takes home at check-out, on letter paper: today's visit (with whom, when they
 * arrived and were seen), the follow-up booked (or why none), what was paid today with its
 * receipts, and the forms signed. The renderer sends this (never HTML); main renders it with its
 * own escaping template.
 */
export const VisitSummaryDataSchema = z.object({
  clinic: z.object({ name: z.string().min(1).max(120), address: Text(200), phone: Text(40) }),
  /** The clinic's logo (the one its forms print with), or null for none. */
  logo: PrintedLogoSchema.nullable().default(null),
  /** The patient, so the document is found again from their record; not printed. */
  patientId: z.string().max(36).optional(),
  patient: z.object({ name: z.string().min(1).max(210), birthDate: Text(10), mrn: Text(20) }),
  visit: z.object({
    date: CalendarDateSchema,
    type: Text(80),
    provider: Text(120),
    room: Text(60),
    arrivedAt: InstantSchema,
    /** When the provider saw the patient; '' when not recorded. */
    seenAt: z.union([z.literal(''), InstantSchema]),
  }),
  /** The next visit booked at check-out, or null. */
  followUp: z.object({ start: InstantSchema, provider: Text(120), type: Text(80) }).nullable(),
  /** Why none was booked, when none was ("None needed", "Patient will call to book"). */
  noFollowUpReason: Text(200),
  /** How much notice the clinic asks for to cancel or move the follow-up, in hours. */
  cancelNoticeHours: z.number().int().min(0).max(168),
  payments: z.array(z.object({ receiptNumber: Text(30), amountCents: z.number().int().min(1).max(10_000_000), method: Text(20), at: InstantSchema })).max(20),
  formsSigned: z.array(FormKindSchema).max(4),
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
});
export type VisitSummaryData = z.infer<typeof VisitSummaryDataSchema>;
export type VisitSummaryRequest = z.input<typeof VisitSummaryDataSchema>;
