import { z } from 'zod';

/** Money is always an integer number of cents; there is no floating point money anywhere. */
export const CentsSchema = z
  .number({ message: 'Amount must be a number' })
  .int('Amount must be whole cents');

export const PositiveCentsSchema = CentsSchema.positive('Amount must be more than zero').max(
  10_000_000,
  'Amount is over the $100,000.00 limit',
);

/** Formats cents as US dollars, e.g. `2500` → `$25.00`, `-150` → `-$1.50`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Parses what a person types into an amount field (`25`, `25.5`, `$1,025.00`) into cents.
 * Returns `null` for anything that is not a plain non-negative amount with at most two decimals.
 */
export function parseDollarsToCents(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}
