import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { FORM_KINDS, FormKindSchema } from '../schedule/scheduling';

/** The clinic's front-desk rules are one catalog record under this id. */
export const DESK_RULES_ID = 'desk-rules';
/** Every catalog record has a name; this one's. */
export const DESK_RULES_NAME = 'Front desk rules';

const Whole = (label: string, min: number, max: number) =>
  z.number({ message: `${label}: enter a number` }).int(`${label}: a whole number`).min(min, `${label}: at least ${min}`).max(max, `${label}: at most ${max}`);

const DeskRulesFields = z.object({
  /** How long before a visit the appointment card asks patients to call if they cannot come (0: as soon as they can). */
  cancelNoticeHours: Whole('Cancellation notice', 0, 168),
  /** Minutes after its start a booked patient not yet arrived is marked late. */
  lateAfterMinutes: Whole('Late after', 1, 120),
  /** The flow board's wait timer turns amber, then red, after these minutes. */
  waitAmberMinutes: Whole('Amber after', 1, 240),
  waitRedMinutes: Whole('Red after', 2, 480),
  /** Insurance is verified again when its last verification is this many days old (1: every visit day). Rules saved before this existed read as 30. */
  verifyEveryDays: Whole('Verify insurance every', 1, 365).default(30),
  /** A signed form is due again after this many months (0: once signed it does not expire). */
  formsValidMonths: Whole('Forms valid for', 0, 120).default(12),
  /** Forms due at every visit whatever its type (each type adds its own). */
  everyVisitForms: z.array(FormKindSchema).max(FORM_KINDS.length).default(['consent-to-treat', 'hipaa-notice', 'financial-policy']),
});

/** The rules as a manager edits them (Settings → Front desk rules). */
export const DeskRulesInputSchema = DeskRulesFields.refine((r) => r.waitRedMinutes > r.waitAmberMinutes, { message: 'Red must come after amber', path: ['waitRedMinutes'] });
export type DeskRulesInput = z.infer<typeof DeskRulesInputSchema>;
/** Rules as typed or as stored before the later rules existed (those read as their defaults). */
export type DeskRulesDraft = z.input<typeof DeskRulesInputSchema>;

/** The rules of a clinic that has not set its own. */
export const DESK_RULE_DEFAULTS: DeskRulesInput = {
  cancelNoticeHours: 24,
  lateAfterMinutes: 10,
  waitAmberMinutes: 15,
  waitRedMinutes: 30,
  verifyEveryDays: 30,
  formsValidMonths: 12,
  everyVisitForms: ['consent-to-treat', 'hipaa-notice', 'financial-policy'],
};

/** The synced record (catalog kind `desk-rules`). */
export const DeskRulesSchema = DeskRulesFields.extend({ id: z.literal(DESK_RULES_ID), kind: z.literal('desk-rules'), name: z.literal(DESK_RULES_NAME) }).extend(ChangeStampSchema.shape);
export type DeskRules = z.infer<typeof DeskRulesSchema>;
