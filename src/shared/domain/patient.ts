import { z } from 'zod';
import { ChangeStampSchema } from './audit';
import { HumanNumberSchema } from './humanNumber';
import { PatientIdSchema } from './ids';
import { CalendarDateSchema } from './time';

/** US phone numbers are stored as their ten digits. */
export const PhoneDigitsSchema = z
  .string()
  .transform((s) => s.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, ''))
  .pipe(z.string().regex(/^\d{10}$/, 'Enter a 10-digit phone number'));

const NameSchema = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(100, `${label} is too long`)
    .refine((s) => !/\p{Cc}/u.test(s), `${label} has characters that are not allowed`);

/** Date of birth: a real date, not in the future, not more than 130 years ago. */
export const BirthDateSchema = CalendarDateSchema.refine(
  (value) => value <= new Date().toISOString().slice(0, 10),
  'Date of birth cannot be in the future',
).refine((value) => Number(value.slice(0, 4)) >= new Date().getUTCFullYear() - 130, 'Date of birth is too far in the past');

/** What the registration form collects. The same schema validates the form and the stored record. */
export const PatientInputSchema = z.object({
  givenName: NameSchema('First name'),
  familyName: NameSchema('Last name'),
  birthDate: BirthDateSchema,
  phone: PhoneDigitsSchema,
});
export type PatientInput = z.input<typeof PatientInputSchema>;

export const PatientStatusSchema = z.enum(['active', 'inactive', 'deceased', 'merged-into']);

export const PatientSchema = PatientInputSchema.extend({
  id: PatientIdSchema,
  /**
   * Medical record number, issued offline by the registering workstation (`N2-000145`). Empty
   * only for patients registered before MRNs existed.
   */
  mrn: HumanNumberSchema.or(z.literal('')),
  status: PatientStatusSchema,
}).extend(ChangeStampSchema.shape);
export type Patient = z.infer<typeof PatientSchema>;

/** "Last, First" as the front desk reads it. */
export function patientDisplayName(p: Pick<Patient, 'givenName' | 'familyName'>): string {
  return `${p.familyName}, ${p.givenName}`;
}

/** Formats ten phone digits as `(555) 010-1234`. */
export function formatPhone(digits: string): string {
  return digits.length === 10
    ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
    : digits;
}
