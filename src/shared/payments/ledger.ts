import { z } from 'zod';
import { AppointmentIdSchema, LedgerEntryIdSchema, PatientIdSchema } from '../domain/ids';
import { HumanNumberSchema } from '../domain/humanNumber';
import { CentsSchema, PositiveCentsSchema } from '../domain/money';
import { InstantSchema } from '../domain/time';

export const PaymentMethodSchema = z.enum(['cash', 'card', 'check', 'other']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  check: 'Check',
  other: 'Other',
};

/**
 * Whether text holds what looks like a whole payment card number: a run of 13 to 19 digits
 * (spaces and dashes between them allowed) that passes the Luhn check. ClinicDesk never stores
 * one: card payments are taken on the clinic's terminal and only the last four digits and the
 * terminal's authorization code are kept.
 */
export function looksLikeCardNumber(text: string): boolean {
  return (text.match(/\d[\d -]{11,}\d/g) ?? []).some((run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhn(digits);
  });
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const NO_CARD_NUMBER = 'That looks like a whole card number: enter only the last 4 digits (ClinicDesk never keeps card numbers)';

/** What the payment form collects. */
export const PaymentInputSchema = z
  .object({
    patientId: PatientIdSchema,
    appointmentId: AppointmentIdSchema.nullable(),
    amountCents: PositiveCentsSchema,
    method: PaymentMethodSchema,
    reference: z.string().trim().max(40, 'Reference is too long').default(''),
    purpose: z.enum(['copay', 'payment']).default('copay'),
    /** Cash handed over, in cents (at least the amount; the change is the difference); the amount when not given. */
    tenderedCents: CentsSchema.min(0).max(10_000_000, 'Amount is over the $100,000.00 limit').optional(),
    /** The card terminal's authorization code, for a card payment. */
    authCode: z.string().trim().max(12, 'The authorization code is too long').default(''),
  })
  .superRefine((p, ctx) => {
    for (const field of ['reference', 'authCode'] as const) if (looksLikeCardNumber(p[field])) ctx.addIssue({ code: 'custom', path: [field], message: NO_CARD_NUMBER });
    if (p.method === 'check' && !p.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the check number' });
    if (p.method === 'card' && !/^\d{4}$/.test(p.reference)) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the last 4 digits of the card' });
    if (p.method === 'card' && !/^[A-Za-z0-9]{2,12}$/.test(p.authCode)) ctx.addIssue({ code: 'custom', path: ['authCode'], message: 'Enter the authorization code the card terminal printed (letters and digits)' });
    if (p.method === 'other' && !p.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Say what it was paid with (e.g. HSA card)' });
    if (p.method !== 'card' && p.authCode) ctx.addIssue({ code: 'custom', path: ['authCode'], message: 'Only a card payment has an authorization code' });
    if (p.tenderedCents !== undefined && p.method !== 'cash') ctx.addIssue({ code: 'custom', path: ['tenderedCents'], message: 'Only cash is tendered' });
    if (p.tenderedCents !== undefined && p.method === 'cash' && p.tenderedCents < p.amountCents) ctx.addIssue({ code: 'custom', path: ['tenderedCents'], message: 'The cash handed over is less than the amount' });
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
  /** Cash handed over (the change given is this less the amount); 0 for other methods. Entries kept before it read as the amount for cash. */
  tenderedCents: CentsSchema.min(0).max(10_000_000).default(0),
  /** The card terminal's authorization code; '' for other methods and for card entries kept before it was asked. */
  authCode: z.string().max(12).default(''),
  receiptNumber: HumanNumberSchema,
  createdAt: InstantSchema,
  createdBy: z.string().min(1).max(100),
  siteId: z.string().min(1).max(40),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
