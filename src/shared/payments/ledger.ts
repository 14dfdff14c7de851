import { z } from 'zod';
import { AppointmentIdSchema, LedgerEntryIdSchema, PatientIdSchema } from '../domain/ids';
import { HumanNumberSchema } from '../domain/humanNumber';
import { CentsSchema, PositiveCentsSchema } from '../domain/money';
import { CalendarDateSchema, InstantSchema } from '../domain/time';

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

/** One tender's fields: how much, by what, and what identifies it. */
const TenderFields = {
  amountCents: PositiveCentsSchema,
  method: PaymentMethodSchema,
  reference: z.string().trim().max(40, 'Reference is too long').default(''),
  /** Cash handed over, in cents (at least the amount; the change is the difference); the amount when not given. */
  tenderedCents: CentsSchema.min(0).max(10_000_000, 'Amount is over the $100,000.00 limit').optional(),
  /** The card terminal's authorization code, for a card payment. */
  authCode: z.string().trim().max(12, 'The authorization code is too long').default(''),
};
type TenderValues = { amountCents: number; method: PaymentMethod; reference: string; tenderedCents?: number | undefined; authCode: string };

/** The rules of a tender, reported at `path` (a tender of a split payment reports under its index). */
function checkTender(p: TenderValues, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  const at = (field: string) => [...path, field];
  for (const field of ['reference', 'authCode'] as const) if (looksLikeCardNumber(p[field])) ctx.addIssue({ code: 'custom', path: at(field), message: NO_CARD_NUMBER });
  if (p.method === 'check' && !p.reference) ctx.addIssue({ code: 'custom', path: at('reference'), message: 'Enter the check number' });
  if (p.method === 'card' && !/^\d{4}$/.test(p.reference)) ctx.addIssue({ code: 'custom', path: at('reference'), message: 'Enter the last 4 digits of the card' });
  if (p.method === 'card' && !/^[A-Za-z0-9]{2,12}$/.test(p.authCode)) ctx.addIssue({ code: 'custom', path: at('authCode'), message: 'Enter the authorization code the card terminal printed (letters and digits)' });
  if (p.method === 'other' && !p.reference) ctx.addIssue({ code: 'custom', path: at('reference'), message: 'Say what it was paid with (e.g. HSA card)' });
  if (p.method !== 'card' && p.authCode) ctx.addIssue({ code: 'custom', path: at('authCode'), message: 'Only a card payment has an authorization code' });
  if (p.tenderedCents !== undefined && p.method !== 'cash') ctx.addIssue({ code: 'custom', path: at('tenderedCents'), message: 'Only cash is tendered' });
  if (p.tenderedCents !== undefined && p.method === 'cash' && p.tenderedCents < p.amountCents) ctx.addIssue({ code: 'custom', path: at('tenderedCents'), message: 'The cash handed over is less than the amount' });
}

const PaymentFor = {
  patientId: PatientIdSchema,
  appointmentId: AppointmentIdSchema.nullable(),
  purpose: z.enum(['copay', 'payment']).default('copay'),
};

/** What the payment form collects for a payment by one tender. */
export const PaymentInputSchema = z.object({ ...PaymentFor, ...TenderFields }).superRefine((p, ctx) => checkTender(p, ctx));
export type PaymentInput = z.input<typeof PaymentInputSchema>;

export const TenderSchema = z.object(TenderFields);
export type TenderInput = z.input<typeof TenderSchema>;

/**
 * One payment split across tenders (cash and a card, two cards): one transaction, one receipt.
 * At most one cash tender, so the change is worked out once.
 */
export const TransactionInputSchema = z
  .object({ ...PaymentFor, tenders: z.array(TenderSchema).min(1, 'Add at least one tender').max(4, 'At most four tenders in one payment') })
  .superRefine((t, ctx) => {
    t.tenders.forEach((tender, i) => checkTender(tender, ctx, ['tenders', i]));
    if (t.tenders.filter((x) => x.method === 'cash').length > 1) ctx.addIssue({ code: 'custom', path: ['tenders'], message: 'Put all the cash in one tender' });
    if (t.tenders.reduce((sum, x) => sum + x.amountCents, 0) > 10_000_000) ctx.addIssue({ code: 'custom', path: ['tenders'], message: 'The payment is over the $100,000.00 limit' });
  });
export type TransactionInput = z.input<typeof TransactionInputSchema>;

/** A payment by one tender as a transaction of one. */
export function asTransaction(p: z.infer<typeof PaymentInputSchema>): z.infer<typeof TransactionInputSchema> {
  const { patientId, appointmentId, purpose, ...tender } = p;
  return { patientId, appointmentId, purpose, tenders: [tender] };
}

/** What every ledger entry carries: whose account, when, who wrote it and where. */
const EntryBase = {
  id: LedgerEntryIdSchema,
  patientId: PatientIdSchema,
  amountCents: PositiveCentsSchema,
  createdAt: InstantSchema,
  createdBy: z.string().min(1).max(100),
  siteId: z.string().min(1).max(40),
};

/** A charge on the patient's account: a visit or service at its fee, or an amount permitted staff entered. */
export const ChargeEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('charge'),
  description: z.string().min(1).max(80),
  /** The fee schedule's code (an appointment type's id or a service code), 'copay' for a co-pay due, '' when entered by hand. */
  code: z.string().max(40),
  appointmentId: AppointmentIdSchema.nullable(),
  /** The provider the charge is for ('' when none), for the day sheet. */
  providerId: z.string().max(36).default(''),
  /** The day of the service, in the clinic's zone. */
  serviceDate: CalendarDateSchema,
});
export type ChargeEntry = z.infer<typeof ChargeEntrySchema>;

/** Money received, by one tender. A split payment is several entries sharing a transaction and a receipt. */
export const PaymentEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('payment'),
  purpose: z.enum(['copay', 'payment']),
  appointmentId: AppointmentIdSchema.nullable(),
  method: PaymentMethodSchema,
  reference: z.string().max(40),
  /** Cash handed over (the change given is this less the amount); 0 for other methods. Entries kept before it read as the amount for cash. */
  tenderedCents: CentsSchema.min(0).max(10_000_000).default(0),
  /** The card terminal's authorization code; '' for other methods and for card entries kept before it was asked. */
  authCode: z.string().max(12).default(''),
  receiptNumber: HumanNumberSchema,
  /** The tenders of one payment share it; '' for a payment kept before split tenders (its own transaction). */
  transactionId: z.string().max(36).default(''),
  /** The cash drawer session open at the workstation when it was taken (cash and checks always have one; '' before drawers). */
  drawerId: z.string().max(36).default(''),
});
export type PaymentEntry = z.infer<typeof PaymentEntrySchema>;

/** Part of a payment applied to a charge. What is not applied is the patient's credit. */
export const AllocationEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('allocation'),
  paymentId: LedgerEntryIdSchema,
  chargeId: LedgerEntryIdSchema,
});
export type AllocationEntry = z.infer<typeof AllocationEntrySchema>;

export const AdjustmentReasonSchema = z.enum(['discount', 'write-off', 'small-balance', 'courtesy', 'hardship']);
export type AdjustmentReason = z.infer<typeof AdjustmentReasonSchema>;
export const ADJUSTMENT_REASON_LABEL: Record<AdjustmentReason, string> = {
  discount: 'Discount',
  'write-off': 'Write-off',
  'small-balance': 'Small balance write-off',
  courtesy: 'Professional courtesy',
  hardship: 'Financial hardship',
};

/** A reduction of a charge, with its reason, by permitted staff. */
export const AdjustmentEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('adjustment'),
  chargeId: LedgerEntryIdSchema,
  reason: AdjustmentReasonSchema,
  note: z.string().max(200),
});
export type AdjustmentEntry = z.infer<typeof AdjustmentEntrySchema>;

/** One instalment of a payment plan: how much is due by when. */
export const InstalmentSchema = z.object({ dueDate: CalendarDateSchema, amountCents: PositiveCentsSchema });
export type Instalment = z.infer<typeof InstalmentSchema>;

/**
 * A payment plan: the patient pays `amountCents` of their balance in instalments. It changes no
 * balance; payments on account (not co-pays) taken from when it was agreed count toward it,
 * instalment by instalment (account.ts). Cancelled by a void that points at it.
 */
export const PlanEntrySchema = z
  .object({
    ...EntryBase,
    kind: z.literal('plan'),
    instalments: z.array(InstalmentSchema).min(1).max(60),
    note: z.string().max(200),
  })
  .refine((p) => p.instalments.reduce((s, i) => s + i.amountCents, 0) === p.amountCents, { message: 'The instalments must add up to the plan’s total', path: ['instalments'] })
  .refine((p) => p.instalments.every((i, n) => n === 0 || p.instalments[n - 1]!.dueDate < i.dueDate), { message: 'Instalments fall due one after another', path: ['instalments'] });
export type PlanEntry = z.infer<typeof PlanEntrySchema>;

/**
 * A statement sent to the patient: what was due (`amountCents`) and by when. It changes no
 * balance; the next statement lists what was written after it.
 */
export const StatementEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('statement'),
  dueDate: CalendarDateSchema,
});
export type StatementEntry = z.infer<typeof StatementEntrySchema>;

/** What a void may cancel. */
export const VoidableKindSchema = z.enum(['charge', 'payment', 'adjustment', 'plan']);
export type VoidableKind = z.infer<typeof VoidableKindSchema>;

/** Cancels one charge, payment, adjustment or payment plan entirely: its amount and kind are the original's. */
export const VoidEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('void'),
  targetId: LedgerEntryIdSchema,
  targetKind: VoidableKindSchema,
  note: z.string().min(1).max(200),
});
export type VoidEntry = z.infer<typeof VoidEntrySchema>;

/** Money given back from a payment, by a tender of its own; never more than what is left of the payment. */
export const RefundEntrySchema = z.object({
  ...EntryBase,
  kind: z.literal('refund'),
  targetId: LedgerEntryIdSchema,
  method: PaymentMethodSchema,
  reference: z.string().max(40),
  note: z.string().min(1).max(200),
  /** The cash drawer session a cash refund was paid out of ('' otherwise). */
  drawerId: z.string().max(36).default(''),
});
export type RefundEntry = z.infer<typeof RefundEntrySchema>;

/**
 * A ledger entry is append-only: once written it never changes. A void, a refund or an
 * allocation is a new entry that points at the original, so entries from offline workstations
 * never conflict; what they add up to is worked out in account.ts.
 */
export const LedgerEntrySchema = z.discriminatedUnion('kind', [
  ChargeEntrySchema,
  PaymentEntrySchema,
  AllocationEntrySchema,
  AdjustmentEntrySchema,
  VoidEntrySchema,
  RefundEntrySchema,
  PlanEntrySchema,
  StatementEntrySchema,
]);
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type LedgerKind = LedgerEntry['kind'];

const Note = (what: string) => z.string().trim().max(200, `${what} is at most 200 characters`);

/** A charge entered at the desk: from the fee schedule (its code) or by hand. */
export const ChargeInputSchema = z.object({
  patientId: PatientIdSchema,
  amountCents: PositiveCentsSchema,
  description: z.string().trim().min(1, 'Say what the charge is for').max(80, 'The description is at most 80 characters'),
  code: z.string().trim().max(40).default(''),
  appointmentId: AppointmentIdSchema.nullable().default(null),
  providerId: z.string().max(36).default(''),
  serviceDate: CalendarDateSchema,
});
export type ChargeInput = z.input<typeof ChargeInputSchema>;

export const AdjustmentInputSchema = z.object({
  patientId: PatientIdSchema,
  chargeId: LedgerEntryIdSchema,
  amountCents: PositiveCentsSchema,
  reason: AdjustmentReasonSchema,
  note: Note('The note').default(''),
});
export type AdjustmentInput = z.input<typeof AdjustmentInputSchema>;

export const VoidInputSchema = z.object({
  patientId: PatientIdSchema,
  targetId: LedgerEntryIdSchema,
  note: Note('The reason').min(1, 'Say why it is voided'),
});
export type VoidInput = z.input<typeof VoidInputSchema>;

export const RefundInputSchema = z
  .object({
    patientId: PatientIdSchema,
    targetId: LedgerEntryIdSchema,
    amountCents: PositiveCentsSchema,
    method: PaymentMethodSchema,
    reference: z.string().trim().max(40, 'Reference is too long').default(''),
    note: Note('The reason').min(1, 'Say why the money is given back'),
  })
  .superRefine((r, ctx) => {
    if (looksLikeCardNumber(r.reference) || looksLikeCardNumber(r.note)) ctx.addIssue({ code: 'custom', path: ['reference'], message: NO_CARD_NUMBER });
    if (r.method === 'check' && !r.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the number of the check written' });
    if (r.method === 'card' && !/^\d{4}$/.test(r.reference)) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the last 4 digits of the card refunded' });
  });
export type RefundInput = z.input<typeof RefundInputSchema>;

/** Applying some of a payment (a credit) to a charge. */
export const AllocationInputSchema = z.object({ patientId: PatientIdSchema, paymentId: LedgerEntryIdSchema, chargeId: LedgerEntryIdSchema, amountCents: PositiveCentsSchema });
export type AllocationInput = z.input<typeof AllocationInputSchema>;

export const PLAN_FREQUENCIES = ['weekly', 'every-2-weeks', 'monthly'] as const;
export const PlanFrequencySchema = z.enum(PLAN_FREQUENCIES);
export type PlanFrequency = z.infer<typeof PlanFrequencySchema>;
export const PLAN_FREQUENCY_LABEL: Record<PlanFrequency, string> = { weekly: 'Every week', 'every-2-weeks': 'Every 2 weeks', monthly: 'Every month' };

/** A payment plan agreed at the desk: a total paid in equal instalments from a first due date. */
export const PlanInputSchema = z.object({
  patientId: PatientIdSchema,
  amountCents: PositiveCentsSchema,
  count: z.number({ message: 'Enter how many instalments' }).int('Instalments are whole numbers').min(2, 'A plan has at least 2 instalments').max(60, 'A plan has at most 60 instalments'),
  frequency: PlanFrequencySchema,
  firstDueDate: CalendarDateSchema,
  note: Note('The note').default(''),
});
export type PlanInput = z.input<typeof PlanInputSchema>;

export const StatementInputSchema = z.object({
  patientId: PatientIdSchema,
  dueDate: CalendarDateSchema,
});
export type StatementInput = z.input<typeof StatementInputSchema>;
