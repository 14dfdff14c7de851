import { z } from 'zod';
import { InstantSchema, TimeZoneSchema } from '../domain/time';
import { FormKindSchema } from '../schedule/scheduling';

const Text = (max: number) => z.string().max(max);

/**
 * A check-in form (intake, consent to treat, HIPAA notice of privacy practices acknowledgment,
 * financial policy) printed on letter paper, filled in with what is on file so the patient only
 * checks, corrects and signs. The renderer sends this (never HTML); main renders it with its own
 * escaping template.
 */
export const FormPrintDataSchema = z.object({
  form: FormKindSchema,
  clinic: z.object({ name: z.string().min(1).max(120), address: Text(200), phone: Text(40) }),
  /** The patient, so the document is found again from their record; not printed. */
  patientId: z.string().max(36).optional(),
  patient: z.object({
    name: z.string().min(1).max(210),
    preferredName: Text(100),
    birthDate: Text(10),
    mrn: Text(20),
    sex: Text(20),
    /** The postal address on one line; '' when none is on file. */
    address: Text(300),
    phones: z.array(Text(60)).max(5),
    email: Text(254),
    language: Text(60),
    emergencyContact: Text(200),
    /** Who pays: "The patient" or the guarantor's name and relationship. */
    guarantor: Text(200),
  }),
  /** The coverage billed first, or null for self-pay. */
  insurance: z.object({ payerName: Text(120), plan: Text(80), memberId: Text(30), groupNumber: Text(30), subscriber: Text(200) }).nullable(),
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
});
export type FormPrintData = z.infer<typeof FormPrintDataSchema>;
