import { z } from 'zod';

/**
 * A workstation prefix is set once per workstation at setup: one to four letters or digits,
 * starting with a letter. Human-facing numbers are `PREFIX-NNNNNN`, so two workstations that
 * are offline at the same time can never hand out the same receipt number or MRN.
 */
export const WorkstationPrefixSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,3}$/, 'Use 1 to 4 capital letters or digits, starting with a letter');

export const HumanNumberKindSchema = z.enum(['receipt', 'mrn']);
export type HumanNumberKind = z.infer<typeof HumanNumberKindSchema>;

export const HumanNumberSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,3}-\d{6,}$/, 'Not a workstation number');

/** Formats `prefix` and a local sequence as `N2-000145`. */
export function formatHumanNumber(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`Sequence must be a positive integer, got ${sequence}`);
  }
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}
