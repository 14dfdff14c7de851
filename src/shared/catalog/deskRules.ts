import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';

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
});

/** The rules as a manager edits them (Settings → Front desk rules). */
export const DeskRulesInputSchema = DeskRulesFields.refine((r) => r.waitRedMinutes > r.waitAmberMinutes, { message: 'Red must come after amber', path: ['waitRedMinutes'] });
export type DeskRulesInput = z.infer<typeof DeskRulesInputSchema>;

/** The rules of a clinic that has not set its own. */
export const DESK_RULE_DEFAULTS: DeskRulesInput = { cancelNoticeHours: 24, lateAfterMinutes: 10, waitAmberMinutes: 15, waitRedMinutes: 30 };

/** The synced record (catalog kind `desk-rules`). */
export const DeskRulesSchema = DeskRulesFields.extend({ id: z.literal(DESK_RULES_ID), kind: z.literal('desk-rules'), name: z.literal(DESK_RULES_NAME) }).extend(ChangeStampSchema.shape);
export type DeskRules = z.infer<typeof DeskRulesSchema>;
