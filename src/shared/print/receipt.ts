import { z } from 'zod';
import { HumanNumberSchema } from '../domain/humanNumber';
import { PaymentMethodSchema } from '../payments/ledger';
import { PositiveCentsSchema } from '../domain/money';
import { InstantSchema, TimeZoneSchema } from '../domain/time';

/**
 * The data of a payment receipt. The renderer sends this (never HTML) and main renders it with
 * its own escaping template.
 */
export const ReceiptDataSchema = z.object({
  clinic: z.object({
    name: z.string().min(1).max(120),
    address: z.string().max(200),
    phone: z.string().max(40),
    /** Printed on the letter and A4 receipt ('' or missing: left out). */
    npi: z.string().max(10).optional(),
    taxId: z.string().max(20).optional(),
  }),
  /** The patient who paid, so the receipt is found again from their record; not printed. */
  patientId: z.string().max(36).optional(),
  receiptNumber: HumanNumberSchema,
  issuedAt: InstantSchema,
  timeZone: TimeZoneSchema,
  patient: z.object({
    name: z.string().min(1).max(210),
    birthDate: z.string().max(10),
  }),
  lines: z
    .array(z.object({ description: z.string().min(1).max(120), amountCents: PositiveCentsSchema }))
    .min(1)
    .max(50),
  totalCents: PositiveCentsSchema,
  method: PaymentMethodSchema,
  reference: z.string().max(40),
  /** Cash handed over; the receipt shows it and the change when it is more than the total. */
  tenderedCents: z.number().int().min(0).max(10_000_000).default(0),
  /** The card terminal's authorization code ('' when none). */
  authCode: z.string().max(12).default(''),
  cashier: z.string().min(1).max(100),
  /**
   * Each tender of a payment split across several (cash and a card); the fields above then
   * describe the first. Receipts kept before split payments have none.
   */
  tenders: z.array(z.object({ method: PaymentMethodSchema, reference: z.string().max(40), amountCents: PositiveCentsSchema, tenderedCents: z.number().int().min(0).max(10_000_000), authCode: z.string().max(12) })).max(4).optional(),
  /** What the account owes after this payment (below zero: a credit); not printed when not given. */
  balanceCents: z.number().int().min(-100_000_000).max(100_000_000).optional(),
}).refine((r) => r.lines.reduce((sum, l) => sum + l.amountCents, 0) === r.totalCents, {
  message: 'Receipt lines do not add up to the total',
  path: ['totalCents'],
}).refine((r) => !r.tenders || r.tenders.reduce((sum, t) => sum + t.amountCents, 0) === r.totalCents, {
  message: 'The tenders do not add up to the total',
  path: ['tenders'],
});
export type ReceiptData = z.infer<typeof ReceiptDataSchema>;

/** The paper a workstation prints receipts on: an 80 mm thermal roll, or letter or A4 on the office printer. */
export const ReceiptPaperSchema = z.enum(['thermal-80mm', 'letter', 'a4']);
export type ReceiptPaper = z.infer<typeof ReceiptPaperSchema>;
export const RECEIPT_PAPER_LABEL: Record<ReceiptPaper, string> = { 'thermal-80mm': '80 mm thermal roll', letter: 'Letter (8½ × 11 in)', a4: 'A4' };
