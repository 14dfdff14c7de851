import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema, PatientIdSchema } from '../domain/ids';
import { TypedDateSchema } from '../domain/time';

export const CoverageIdSchema = IdSchema.brand<'CoverageId'>();
export type CoverageId = z.infer<typeof CoverageIdSchema>;

/** Order of benefits: which plan is billed first. */
export const CoverageRankSchema = z.enum(['primary', 'secondary', 'tertiary'], { message: 'Choose primary, secondary or tertiary' });
export type CoverageRank = z.infer<typeof CoverageRankSchema>;
export const COVERAGE_RANK_LABEL: Record<CoverageRank, string> = { primary: 'Primary', secondary: 'Secondary', tertiary: 'Tertiary' };

/** The patient's relationship to the subscriber (X12 271 / FHIR subscriber-relationship, simplified). */
export const SubscriberRelationshipSchema = z.enum(['self', 'spouse', 'child', 'other']);
export type SubscriberRelationship = z.infer<typeof SubscriberRelationshipSchema>;
export const SUBSCRIBER_RELATIONSHIP_LABEL: Record<SubscriberRelationship, string> = {
  self: 'Self',
  spouse: 'Spouse',
  child: 'Child',
  other: 'Other',
};

/** Member ids as printed on cards: letters, digits and dashes, compared without case or spaces. */
export const MemberIdSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().min(2, 'Member id is required').max(30, 'Member id is too long').regex(/^[A-Z0-9-]+$/, 'Member id may have only letters, digits and dashes'));

/** The form of a member id used to compare two of them. */
export function normalizeMemberId(memberId: string): string {
  return memberId.replace(/[\s-]+/g, '').toUpperCase();
}

const OptionalDate = z.literal('').or(TypedDateSchema);

const CoverageFieldsSchema = z.object({
  rank: CoverageRankSchema,
  /** A payer from the clinic's catalog. */
  payerId: z.string().min(1, 'Choose the insurance company'),
  plan: z.string().trim().max(80, 'Plan name is too long'),
  memberId: MemberIdSchema,
  groupNumber: z.string().trim().max(30, 'Group number is too long').regex(/^[A-Za-z0-9-]*$/, 'Group number may have only letters, digits and dashes'),
  relationship: SubscriberRelationshipSchema,
  /** The policy holder when it is not the patient. */
  subscriberName: z.string().trim().max(100, 'Subscriber name is too long'),
  subscriberBirthDate: OptionalDate,
  effectiveFrom: OptionalDate,
  effectiveTo: OptionalDate,
});
export const CoverageInputSchema = CoverageFieldsSchema.superRefine(coverageRules);
export type CoverageInput = z.input<typeof CoverageInputSchema>;
export type CoverageFields = z.infer<typeof CoverageInputSchema>;

function coverageRules(c: z.infer<typeof CoverageFieldsSchema>, ctx: z.RefinementCtx): void {
  if (c.relationship !== 'self') {
    if (!c.subscriberName) ctx.addIssue({ code: 'custom', path: ['subscriberName'], message: 'Enter the subscriber’s name' });
    if (!c.subscriberBirthDate) ctx.addIssue({ code: 'custom', path: ['subscriberBirthDate'], message: 'Enter the subscriber’s date of birth' });
  }
  if (c.effectiveFrom && c.effectiveTo && c.effectiveTo < c.effectiveFrom)
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'The end date is before the effective date' });
}

export const CoverageSchema = z
  .object({
    id: CoverageIdSchema,
    patientId: PatientIdSchema,
    /** The payer's name when the coverage was saved, so it reads right if the catalog changes. */
    payerName: z.string().max(120),
    /** Documents holding the card's front and back images; empty when none. */
    cardFrontId: z.string().max(36),
    cardBackId: z.string().max(36),
    /** Ended coverages stay on file as inactive; none is ever deleted. */
    status: z.enum(['active', 'inactive']),
  })
  .extend(CoverageFieldsSchema.shape)
  .extend(ChangeStampSchema.shape)
  .superRefine(coverageRules);
export type Coverage = z.infer<typeof CoverageSchema>;

export function blankCoverageInput(rank: CoverageRank = 'primary'): CoverageInput {
  return {
    rank,
    payerId: '',
    plan: '',
    memberId: '',
    groupNumber: '',
    relationship: 'self',
    subscriberName: '',
    subscriberBirthDate: '',
    effectiveFrom: '',
    effectiveTo: '',
  };
}

/** Whether a coverage is in force on a calendar date. */
export function coverageInForce(c: Pick<Coverage, 'status' | 'effectiveFrom' | 'effectiveTo'>, on: string): boolean {
  return c.status === 'active' && (!c.effectiveFrom || c.effectiveFrom <= on) && (!c.effectiveTo || on <= c.effectiveTo);
}
