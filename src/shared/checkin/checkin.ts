import { z } from 'zod';
import { formatCents } from '../domain/money';
import { dateInZone, InstantSchema } from '../domain/time';
import { coverageInForce, type Coverage } from '../patients/coverage';
import { FORM_KINDS, FORM_LABEL, FormKindSchema, type FormKind } from '../schedule/scheduling';

/*
 * What the desk checked when a patient checked in, kept on the visit: identity read back,
 * demographics confirmed (or changed through the record), the insurance verified or accepted,
 * the forms signed, and the co-pay collected or why not. A patient's earlier visits answer "when
 * was this last confirmed", "is this form still valid", "when was this coverage last verified".
 */

const When = z.union([z.literal(''), InstantSchema]);
const Who = z.string().trim().max(100);

/** A step the desk confirmed: when and who; both '' while it is not done. */
export const ConfirmationSchema = z.object({ at: When, by: Who }).strict();
export type Confirmation = z.infer<typeof ConfirmationSchema>;
export const NOT_DONE: Confirmation = { at: '', by: '' };

export const VERIFICATION_METHODS = ['phone', 'portal', 'clearinghouse', 'eligibility-response'] as const;
export const VerificationMethodSchema = z.enum(VERIFICATION_METHODS, { message: 'Choose how it was verified' });
export type VerificationMethod = z.infer<typeof VerificationMethodSchema>;
export const VERIFICATION_METHOD_LABEL: Readonly<Record<VerificationMethod, string>> = {
  phone: 'Phone call to the payer',
  portal: 'Payer’s web portal',
  clearinghouse: 'Clearinghouse',
  'eligibility-response': 'Eligibility response (271)',
};

export const VERIFICATION_RESULTS = ['active', 'inactive', 'not-found'] as const;
export const VerificationResultSchema = z.enum(VERIFICATION_RESULTS, { message: 'Choose what the payer said' });
export type VerificationResult = z.infer<typeof VerificationResultSchema>;
export const VERIFICATION_RESULT_LABEL: Readonly<Record<VerificationResult, string>> = { active: 'Active', inactive: 'Not active', 'not-found': 'Member not found' };

/** What a person types to record a verification (or what an eligibility response fills in). */
export const VerificationInputSchema = z
  .object({
    coverageId: z.string().min(1, 'Choose the coverage').max(36),
    method: VerificationMethodSchema,
    /** The call reference, portal confirmation or response's trace number. */
    reference: z.string().trim().max(60, 'The reference is too long'),
    result: VerificationResultSchema,
  })
  .strict()
  .refine((v) => v.method === 'portal' || v.reference.length > 0, { message: 'Enter the reference the payer gave (call reference or trace number)', path: ['reference'] });
export type VerificationInput = z.input<typeof VerificationInputSchema>;

/** An insurance verification: which coverage, how, what the payer said, who and when. */
export const VerificationSchema = z
  .object({ coverageId: z.string().max(36), method: z.union([z.literal(''), VerificationMethodSchema]), reference: z.string().max(60), result: z.union([z.literal(''), VerificationResultSchema]) })
  .extend(ConfirmationSchema.shape)
  .strict();
export type Verification = z.infer<typeof VerificationSchema>;
export const NO_VERIFICATION: Verification = { coverageId: '', method: '', reference: '', result: '', at: '', by: '' };

/** How a form was signed: on paper at the desk (kept by the clinic), or on screen (kept as a document). */
export const SIGNED_HOW = ['paper', 'on-screen'] as const;
export const FormSignatureSchema = z
  .object({
    form: FormKindSchema,
    how: z.enum(SIGNED_HOW),
    /** The signed copy in `documents`, when one was kept (an on-screen signature); '' for paper. */
    documentId: z.string().max(36),
    at: InstantSchema,
    by: Who.min(1),
  })
  .strict();
export type FormSignature = z.infer<typeof FormSignatureSchema>;

/** A co-pay not collected because the patient paid it earlier the same day (a walk-in's payment has no appointment to find it by): nothing is owed at check-out. */
export const PAID_EARLIER = 'Paid earlier today';
/** Why a co-pay was not collected at check-in. */
export const DEFERRAL_REASONS = ['Pays at check-out', 'Cannot pay today', 'Bill the patient later', 'Waived by a manager', PAID_EARLIER] as const;

export const MoneyStepSchema = z
  .object({
    /** The co-pay asked for this visit, in cents. */
    copayCents: z.number().int().min(0).max(10_000_000),
    /** The ledger entry that paid it, when it was collected at check-in. */
    paymentId: z.string().max(36),
    /** Why not, when it was not collected. */
    deferredReason: z.string().trim().max(200),
  })
  .extend(ConfirmationSchema.shape)
  .strict();
export type MoneyStep = z.infer<typeof MoneyStepSchema>;
export const NO_MONEY_STEP: MoneyStep = { copayCents: 0, paymentId: '', deferredReason: '', at: '', by: '' };

export const MAX_FORMS = 12;

export const CheckinSchema = z
  .object({
    identity: ConfirmationSchema,
    /** Demographics read back; `changed` when they were edited (through the record, with its history). */
    demographics: ConfirmationSchema.extend({ changed: z.boolean() }).strict(),
    /** The coverage the visit is billed to ('' self-pay), accepted by whom and when. */
    insurance: ConfirmationSchema.extend({ coverageId: z.string().max(36) }).strict(),
    /** A verification made at this check-in. */
    verification: VerificationSchema,
    forms: z.array(FormSignatureSchema).max(MAX_FORMS),
    money: MoneyStepSchema,
  })
  .strict();
export type Checkin = z.infer<typeof CheckinSchema>;

/** A check-in with nothing recorded yet (a new object each time). */
export const emptyCheckin = (): Checkin => ({
  identity: { ...NOT_DONE },
  demographics: { ...NOT_DONE, changed: false },
  insurance: { ...NOT_DONE, coverageId: '' },
  verification: { ...NO_VERIFICATION },
  forms: [],
  money: { ...NO_MONEY_STEP },
});
export const EMPTY_CHECKIN: Readonly<Checkin> = emptyCheckin();

/** The later of two records of one step (by time, then by content so either order gives the same). */
function later<T extends { at: string }>(a: T, b: T): T {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/**
 * Two workstations' check-ins of one visit as one: each step's later record, every form signed on
 * either. A co-pay collected on one wins over a deferral on the other (the money was taken).
 */
export function mergeCheckins(a: Checkin, b: Checkin): Checkin {
  const forms = new Map<string, FormSignature>();
  for (const f of [...a.forms, ...b.forms]) {
    const key = `${f.form}|${f.at}|${f.by}|${f.how}|${f.documentId}`;
    forms.set(key, f);
  }
  const money = a.money.paymentId && !b.money.paymentId ? a.money : b.money.paymentId && !a.money.paymentId ? b.money : later(a.money, b.money);
  return {
    identity: later(a.identity, b.identity),
    demographics: later(a.demographics, b.demographics),
    insurance: later(a.insurance, b.insurance),
    verification: later(a.verification, b.verification),
    forms: [...forms.values()].sort((x, y) => x.at.localeCompare(y.at) || x.form.localeCompare(y.form) || JSON.stringify(x).localeCompare(JSON.stringify(y))).slice(-MAX_FORMS),
    money,
  };
}

/** What a patient's earlier check-ins say, for the next one. */
export interface CheckinHistory {
  /** When the demographics were last confirmed at a check-in, and by whom. */
  demographicsConfirmed: Confirmation;
  /** Each coverage's latest verification. */
  verifications: ReadonlyMap<string, Verification>;
  /** Each form's latest signature. */
  signed: ReadonlyMap<FormKind, FormSignature>;
}

/** A patient's check-in history from their visits (any order). */
export function checkinHistory(visits: readonly { checkin: Checkin }[]): CheckinHistory {
  let demographicsConfirmed: Confirmation = { ...NOT_DONE };
  const verifications = new Map<string, Verification>();
  const signed = new Map<FormKind, FormSignature>();
  for (const { checkin } of visits) {
    if (checkin.demographics.at > demographicsConfirmed.at) demographicsConfirmed = { at: checkin.demographics.at, by: checkin.demographics.by };
    const v = checkin.verification;
    if (v.at && v.coverageId && v.at > (verifications.get(v.coverageId)?.at ?? '')) verifications.set(v.coverageId, v);
    for (const f of checkin.forms) if (f.at > (signed.get(f.form)?.at ?? '')) signed.set(f.form, f);
  }
  return { demographicsConfirmed, verifications, signed };
}

/** Adds months to a calendar date, keeping to the month's last day (31 January + 1 month: 28 February). */
function monthsAfter(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

export type FormStanding = { form: FormKind; due: boolean; why: string; lastSigned: FormSignature | null };

/**
 * The forms a visit asks for (the type's and the clinic's every-visit forms) and whether each is
 * due: never signed, or signed the clinic's period or longer before (`formsValidMonths`, 0: never
 * expires). `today` is the clinic's date; a signature's date is its date in the clinic's zone.
 */
export function formsFor(
  typeForms: readonly FormKind[],
  rules: { everyVisitForms: readonly FormKind[]; formsValidMonths: number },
  history: Pick<CheckinHistory, 'signed'>,
  today: string,
  timeZone: string,
): FormStanding[] {
  const wanted = FORM_KINDS.filter((f) => typeForms.includes(f) || rules.everyVisitForms.includes(f));
  return wanted.map((form) => {
    const lastSigned = history.signed.get(form) ?? null;
    if (!lastSigned) return { form, due: true, why: 'Never signed', lastSigned };
    if (rules.formsValidMonths > 0) {
      const until = monthsAfter(dateInZone(new Date(lastSigned.at), timeZone), rules.formsValidMonths);
      if (until <= today) return { form, due: true, why: `Expired ${until}`, lastSigned };
    }
    return { form, due: false, why: 'Signed', lastSigned };
  });
}

/** Calendar days in the clinic's zone from an instant to `now`: 0 the same day, 1 the next day however few hours later. */
export function daysSince(at: string, now: number, timeZone: string): number {
  const day = (instant: Date) => Date.parse(`${dateInZone(instant, timeZone)}T00:00:00.000Z`) / 86_400_000;
  return Math.max(0, Math.round(day(new Date(now)) - day(new Date(at))));
}

/**
 * Whether a coverage needs verifying at this check-in: never verified, last found not active, or
 * verified `verifyEveryDays` or more days ago (the clinic's rule; 1: on the day of every visit).
 */
export function needsVerifying(last: Verification | undefined, verifyEveryDays: number, now: number, timeZone: string): boolean {
  if (!last || !last.at) return true;
  if (last.result !== 'active') return true;
  return daysSince(last.at, now, timeZone) >= verifyEveryDays;
}

/** What is still to do before the patient is checked in, in the order of the steps; empty when nothing is. */
export function missingSteps(checkin: Checkin, formsDue: readonly string[]): string[] {
  const missing: string[] = [];
  if (!checkin.identity.at) missing.push('confirm the patient’s identity');
  if (!checkin.demographics.at) missing.push('confirm the demographics (or edit them)');
  if (!checkin.insurance.at) missing.push('confirm the insurance (or self-pay)');
  for (const form of FORM_KINDS) if (formsDue.includes(form) && !checkin.forms.some((f) => f.form === form)) missing.push(`${FORM_LABEL[form]} to be signed`);
  const money = checkin.money;
  if (!money.at || (money.copayCents > 0 && !money.paymentId && !money.deferredReason)) missing.push('collect the co-pay or say why not');
  return missing;
}

/** One line for the audit log saying what was checked. */
export function checkinSummary(checkin: Checkin): string {
  const parts = [
    checkin.demographics.changed ? 'demographics changed' : 'demographics confirmed unchanged',
    checkin.verification.at
      ? `insurance verified (${VERIFICATION_METHOD_LABEL[checkin.verification.method as VerificationMethod] ?? checkin.verification.method}${checkin.verification.reference ? ` ${checkin.verification.reference}` : ''}: ${VERIFICATION_RESULT_LABEL[checkin.verification.result as VerificationResult] ?? checkin.verification.result})`
      : checkin.insurance.coverageId
        ? 'insurance accepted as verified before'
        : 'self-pay',
    checkin.forms.length ? `signed: ${checkin.forms.map((f) => FORM_LABEL[f.form]).join(', ')}` : 'no forms due',
    checkin.money.paymentId ? `co-pay ${formatCents(checkin.money.copayCents)} collected` : checkin.money.deferredReason ? `co-pay ${formatCents(checkin.money.copayCents)} deferred: ${checkin.money.deferredReason}` : 'no co-pay',
  ];
  return `Checked in: ${parts.join('; ')}`;
}

/** What the arrivals list marks a patient with before anyone clicks: what the check-in will ask for. */
export function arrivalMarkers(input: {
  /** The patient's visits (their earlier check-ins). */
  visits: readonly { checkin: Checkin }[];
  /** The patient's coverages, the one billed first first. */
  coverages: readonly (Pick<Coverage, 'status' | 'effectiveFrom' | 'effectiveTo'> & { id: string })[];
  /** What the patient owes (ledger totals); a credit is not marked. */
  balanceCents: number;
  /** What is overdue on the patient's payment plans. */
  overdueCents?: number;
  typeForms: readonly FormKind[];
  rules: { everyVisitForms: readonly FormKind[]; formsValidMonths: number; verifyEveryDays: number };
  today: string;
  now: number;
  timeZone: string;
}): string[] {
  const history = checkinHistory(input.visits);
  const markers: string[] = [];
  if (input.balanceCents > 0) markers.push(`Balance ${formatCents(input.balanceCents)}`);
  if ((input.overdueCents ?? 0) > 0) markers.push(`Instalment overdue ${formatCents(input.overdueCents!)}`);
  const forms = formsFor(input.typeForms, input.rules, history, input.today, input.timeZone).filter((f) => f.due);
  const expired = forms.filter((f) => f.lastSigned);
  if (expired.length > 0) markers.push(`Form expired: ${expired.map((f) => FORM_LABEL[f.form]).join(', ')}`);
  const never = forms.length - expired.length;
  if (never > 0) markers.push(`${never} ${never === 1 ? 'form' : 'forms'} to sign`);
  const coverage = input.coverages.find((c) => coverageInForce(c, input.today));
  if (coverage && needsVerifying(history.verifications.get(coverage.id), input.rules.verifyEveryDays, input.now, input.timeZone)) markers.push('Insurance not verified');
  return markers;
}

/** How the visit ended at the desk: the follow-up booked (or why none), what was collected, who and when. */
export const CheckoutSchema = z
  .object({
    /** The follow-up appointment booked at check-out; '' when none was. */
    followUpAppointmentId: z.string().max(36),
    /** Why no follow-up was booked ("none needed", "patient will call"); '' when one was. */
    noFollowUpReason: z.string().trim().max(200),
    /** The ledger entry taken at check-out, when money was collected. */
    paymentId: z.string().max(36),
  })
  .extend(ConfirmationSchema.shape)
  .strict();
export type Checkout = z.infer<typeof CheckoutSchema>;
export const NO_CHECKOUT: Checkout = { followUpAppointmentId: '', noFollowUpReason: '', paymentId: '', at: '', by: '' };

/** Why a patient leaves without a follow-up booked. */
export const NO_FOLLOW_UP_REASONS = ['None needed', 'Patient will call to book', 'Referred elsewhere'] as const;

/** Two workstations' check-outs of one visit as one: the one that booked or collected something, else the later. */
export function mergeCheckouts(a: Checkout, b: Checkout): Checkout {
  const weight = (c: Checkout) => (c.followUpAppointmentId ? 2 : 0) + (c.paymentId ? 1 : 0);
  if (weight(a) !== weight(b)) return weight(a) > weight(b) ? a : b;
  return later(a, b);
}

/** What is still to do before the patient is checked out; empty when nothing is. */
export function missingCheckout(checkout: Checkout): string[] {
  const missing: string[] = [];
  if (!checkout.followUpAppointmentId && !checkout.noFollowUpReason) missing.push('book the follow-up or say why not');
  return missing;
}
