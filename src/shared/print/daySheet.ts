import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from '../domain/time';

const Text = (max: number) => z.string().max(max);
const Cents = z.number().int().min(-100_000_000).max(100_000_000);
const Rows = <T extends z.ZodType>(row: T) => z.array(row).max(5_000);

export const TENDERS = ['cash', 'check', 'card', 'other'] as const;
const ByTender = z.object({ cash: Cents, check: Cents, card: Cents, other: Cents });
export type ByTender = z.infer<typeof ByTender>;

/**
 * The day sheet (letter): every charge, payment, refund, adjustment and void written on one clinic
 * day, by tender, by provider and by workstation, with totals that reconcile to the ledger, and
 * the deposit slip (the checks listed, the cash total). The renderer sends this (never HTML); main
 * renders it with its own escaping template.
 */
export const DaySheetDataSchema = z.object({
  clinic: z.object({ name: z.string().min(1).max(120), address: Text(200), phone: Text(40) }),
  date: CalendarDateSchema,
  timeZone: TimeZoneSchema,
  charges: Rows(z.object({ at: InstantSchema, patient: Text(210), description: Text(80), provider: Text(120), amountCents: Cents, voided: z.boolean() })),
  payments: Rows(z.object({ at: InstantSchema, receiptNumber: Text(30), patient: Text(210), method: z.enum(TENDERS), reference: Text(40), workstation: Text(60), amountCents: Cents, voided: z.boolean() })),
  refunds: Rows(z.object({ at: InstantSchema, patient: Text(210), method: z.enum(TENDERS), of: Text(30), note: Text(200), amountCents: Cents })),
  adjustments: Rows(z.object({ at: InstantSchema, patient: Text(210), reason: Text(40), note: Text(200), amountCents: Cents, voided: z.boolean() })),
  voids: Rows(z.object({ at: InstantSchema, patient: Text(210), what: Text(120), note: Text(200), amountCents: Cents })),
  byProvider: z.array(z.object({ provider: Text(120), chargedCents: Cents, adjustedCents: Cents })).max(200),
  byWorkstation: z.array(z.object({ workstation: Text(60), site: Text(40), tenders: ByTender, refundedCents: Cents, drawer: Text(120) })).max(200),
  totals: z.object({ chargedCents: Cents, adjustedCents: Cents, paid: ByTender, paidCents: Cents, refundedCents: Cents, netCents: Cents }),
  deposit: z.object({
    checks: Rows(z.object({ number: Text(40), patient: Text(210), amountCents: Cents })),
    checksCents: Cents,
    cashCents: Cents,
    /** Where the cash figure comes from: the drawers' counts, or what they should hold when not all are closed. */
    cashFrom: Text(200),
  }),
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
});
export type DaySheetData = z.infer<typeof DaySheetDataSchema>;
