import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { ClinicProfileSchema, isValidNpi } from './clinic';
import { IdSchema } from '../domain/ids';
import { AppointmentTypeSchema, AvailabilityTemplateSchema, RoomSchema, ScheduleExceptionSchema } from '../schedule/scheduling';
import { DeskRulesSchema } from './deskRules';
import { FormWordingSchema } from './formWording';
import { FormLogoSchema } from './formLogo';

const Name = (label: string, max: number) => z.string().trim().min(1, `${label} is required`).max(max, `${label} is too long`);

/** An insurance company the clinic bills, from the payer list the clinic maintains. */
export const PayerInputSchema = z.object({
  name: Name('Payer name', 120),
  /** The electronic payer id used on claims and eligibility requests (X12), if known. */
  payerCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{0,10}$/, 'Payer id is up to 10 letters and digits'),
  phone: z.string().trim().max(40, 'Phone is too long'),
  active: z.boolean(),
});
export type PayerInput = z.input<typeof PayerInputSchema>;

export const PayerSchema = PayerInputSchema.extend({ id: IdSchema, kind: z.literal('payer') }).extend(ChangeStampSchema.shape);
export type Payer = z.infer<typeof PayerSchema>;

/** A clinician patients can have as their primary provider and be booked with. */
export const ProviderInputSchema = z.object({
  name: Name('Provider name', 120),
  credentials: z.string().trim().max(20, 'Credentials are too long'),
  npi: z.string().trim().refine((v) => v === '' || isValidNpi(v), 'Not a valid NPI (10 digits with a check digit)'),
  active: z.boolean(),
});
export type ProviderInput = z.input<typeof ProviderInputSchema>;

export const ProviderSchema = ProviderInputSchema.extend({ id: IdSchema, kind: z.literal('provider') }).extend(ChangeStampSchema.shape);
export type Provider = z.infer<typeof ProviderSchema>;

/**
 * A service on the clinic's fee schedule, by its code (a CPT or the clinic's own, e.g. `36415`
 * for a blood draw): what the desk charges for it. Appointment types carry their own fee.
 */
export const ServiceInputSchema = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9.-]{0,19}$/, 'The code is 1 to 20 letters, digits, dots or dashes'),
  name: Name('Service name', 120),
  feeCents: z.number({ message: 'Enter the fee' }).int().min(1, 'The fee must be more than nothing').max(10_000_000, 'The fee is over the $100,000.00 limit'),
  active: z.boolean(),
});
export type ServiceInput = z.input<typeof ServiceInputSchema>;

export const ServiceSchema = ServiceInputSchema.extend({ id: IdSchema, kind: z.literal('service') }).extend(ChangeStampSchema.shape);
export type Service = z.infer<typeof ServiceSchema>;

/** Everything the synced `catalog` collection holds, told apart by `kind`. */
export const CatalogEntrySchema = z.discriminatedUnion('kind', [
  ClinicProfileSchema,
  PayerSchema,
  ProviderSchema,
  AppointmentTypeSchema,
  RoomSchema,
  AvailabilityTemplateSchema,
  ScheduleExceptionSchema,
  DeskRulesSchema,
  ServiceSchema,
  FormWordingSchema,
  FormLogoSchema,
]);
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export function providerLabel(p: Pick<Provider, 'name' | 'credentials'>): string {
  return p.credentials ? `${p.name}, ${p.credentials}` : p.name;
}
