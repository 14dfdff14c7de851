import { z } from 'zod';
import { AppointmentIdSchema, LedgerEntryIdSchema, PatientIdSchema } from '../domain/ids';
import { HumanNumberSchema } from '../domain/humanNumber';
import { PositiveCentsSchema } from '../domain/money';
import { InstantSchema } from '../domain/time';

export const PaymentMethodSchema = z.enum(['cash', 'card', 'check']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  check: 'Check',
};

/** What the payment form collects. */
export const PaymentInputSchema = z
  .object({
    patientId: PatientIdSchema,
    appointmentId: AppointmentIdSchema.nullable(),
    amountCents: PositiveCentsSchema,
    method: PaymentMethodSchema,
    reference: z.string().trim().max(40, 'Reference is too long').default(''),
    purpose: z.enum(['copay', 'payment']).default('copay'),
  })
  .refine((p) => p.method !== 'check' || p.reference.length > 0, {
    message: 'Enter the check number',
    path: ['reference'],
  })
  .refine((p) => p.method !== 'card' || /^\d{4}$/.test(p.reference), {
    message: 'Enter the last 4 digits of the card',
    path: ['reference'],
  });
export type PaymentInput = z.input<typeof PaymentInputSchema>;

/**
 * A ledger entry is append-only: once written it never changes. A void or refund is a new entry
 * that points at the original, so entries from offline workstations never conflict.
 */
export const LedgerEntrySchema = z.object({
  id: LedgerEntryIdSchema,
  kind: z.literal('payment'),
  purpose: z.enum(['copay', 'payment']),
  patientId: PatientIdSchema,
  appointmentId: AppointmentIdSchema.nullable(),
  amountCents: PositiveCentsSchema,
  method: PaymentMethodSchema,
  reference: z.string().max(40),
  receiptNumber: HumanNumberSchema,
  createdAt: InstantSchema,
  createdBy: z.string().min(1).max(100),
  siteId: z.string().min(1).max(40),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
