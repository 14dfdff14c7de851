import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { TimeZoneSchema } from '../domain/time';

/** A National Provider Identifier: 10 digits whose last is a Luhn check digit over "80840" + the first 9. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

export const ClinicInfoSchema = z.object({
  name: z.string().trim().min(1, 'Clinic name is required').max(120),
  address: z.string().trim().max(200),
  phone: z.string().trim().max(40),
  timeZone: TimeZoneSchema,
  npi: z
    .string()
    .trim()
    .refine((v) => v === '' || isValidNpi(v), 'Not a valid NPI (10 digits with a check digit)')
    .default(''),
  taxId: z
    .string()
    .trim()
    .regex(/^(\d{2}-\d{7})?$/, 'Use the form 12-3456789')
    .default(''),
  /** A demo clinic of made-up people; the sign-in screen then lists the demo accounts. */
  demo: z.boolean().default(false),
});
export type ClinicInfo = z.infer<typeof ClinicInfoSchema>;

export const CLINIC_PROFILE_ID = 'clinic-profile';

/**
 * The clinic's details as one synced record, so a workstation that joins the clinic gets its name,
 * address, identifiers and time zone from the server. Main keeps a copy for receipts and for the
 * clinic's calendar date.
 */
export const ClinicProfileSchema = ClinicInfoSchema.extend({
  id: z.literal(CLINIC_PROFILE_ID),
  kind: z.literal('clinic-profile'),
  // A stored profile is complete: the form's defaults do not apply to it.
  npi: ClinicInfoSchema.shape.npi.unwrap(),
  taxId: ClinicInfoSchema.shape.taxId.unwrap(),
  demo: ClinicInfoSchema.shape.demo.unwrap(),
}).extend(ChangeStampSchema.shape);
export type ClinicProfile = z.infer<typeof ClinicProfileSchema>;

/** Whether main's copy of the clinic's details already matches the synced profile. */
export function sameClinicInfo(a: z.infer<typeof ClinicInfoSchema>, b: z.infer<typeof ClinicInfoSchema>): boolean {
  return (['name', 'address', 'phone', 'timeZone', 'npi', 'taxId', 'demo'] as const).every((k) => a[k] === b[k]);
}
