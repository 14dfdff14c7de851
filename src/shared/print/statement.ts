import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from '../domain/time';

const Text = (max: number) => z.string().max(max);
const Cents = z.number().int().min(0).max(100_000_000);
const SignedCents = z.number().int().min(-100_000_000).max(100_000_000);

/**
 * A patient statement on letter paper: what was written on the account since the last statement,
 * what is due and by when, the payment plan's overdue and next instalment, and a stub to send back
 * with a payment. The renderer sends this (never HTML); main renders it with its own escaping
 * template. The figures must add up: the previous balance, the lines, the amount due.
 */
export const StatementDataSchema = z
  .object({
    clinic: z.object({ name: z.string().min(1).max(120), address: Text(200), phone: Text(40), npi: Text(10), taxId: Text(20) }),
    /** The account's patient (whose record the PDF is kept under). */
    patientId: Text(36),
    patient: z.object({ name: z.string().min(1).max(210), mrn: Text(20) }),
    /** Who the statement is addressed to: the patient or their guarantor, with the postal address in lines. */
    billTo: z.object({ name: z.string().min(1).max(210), addressLines: z.array(Text(120)).max(3) }),
    statementDate: CalendarDateSchema,
    dueDate: CalendarDateSchema,
    /** The date of the statement before, or '' for the first. */
    previousDate: z.union([z.literal(''), CalendarDateSchema]),
    previousCents: SignedCents,
    lines: z
      .array(z.object({ date: CalendarDateSchema, description: Text(160), chargeCents: Cents, creditCents: Cents, balanceCents: SignedCents }))
      .max(2_000),
    chargesCents: Cents,
    creditsCents: Cents,
    amountDueCents: SignedCents,
    plan: z.object({ overdueCents: Cents, nextDueDate: z.union([z.literal(''), CalendarDateSchema]), nextCents: Cents, remainingCents: Cents }).nullable(),
    timeZone: TimeZoneSchema,
    printedAt: InstantSchema,
    printedBy: z.string().min(1).max(100),
  })
  .superRefine((s, ctx) => {
    let running = s.previousCents;
    for (const [i, line] of s.lines.entries()) {
      running += line.chargeCents - line.creditCents;
      if (line.balanceCents !== running) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'balanceCents'], message: 'The running balance does not follow from the lines' });
        return;
      }
    }
    if (s.chargesCents !== s.lines.reduce((sum, l) => sum + l.chargeCents, 0)) ctx.addIssue({ code: 'custom', path: ['chargesCents'], message: 'The charges do not add up' });
    if (s.creditsCents !== s.lines.reduce((sum, l) => sum + l.creditCents, 0)) ctx.addIssue({ code: 'custom', path: ['creditsCents'], message: 'The payments and credits do not add up' });
    if (s.amountDueCents !== running) ctx.addIssue({ code: 'custom', path: ['amountDueCents'], message: 'The amount due is not the balance the lines come to' });
  });
export type StatementData = z.infer<typeof StatementDataSchema>;
