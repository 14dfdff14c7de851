import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { newId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { LedgerEntrySchema, PaymentInputSchema, type LedgerEntry, type PaymentInput } from '../../../shared/payments/ledger';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(LedgerEntrySchema, 'A ledger entry');

/** Validates a payment before anything is spent on it. */
export function parsePayment(input: PaymentInput) {
  const parsed = PaymentInputSchema.safeParse(input);
  if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
  return parsed.data;
}

export function createLedgerRepo(db: { ledger: RxCollection<LedgerEntry> }, ctx: WorkContext) {
  return {
    /**
     * Records a payment. The receipt number is issued only once the payment is valid, its patient
     * on file and the person allowed to take it, so a refused payment spends no number. Entries
     * are only ever inserted: there is no update or delete of money.
     */
    async recordPayment(input: PaymentInput, issueReceiptNumber: () => Promise<string>): Promise<LedgerEntry> {
      const payment = parsePayment(input);
      const patientId = await ctx.patientOnFile(payment.patientId);
      const { approvedBy } = await ctx.authorize('payment.take', { patientId });
      const receiptNumber = await issueReceiptNumber();
      const entry = LedgerEntrySchema.parse({
        ...payment,
        // Cash handed over (the amount when not said); other methods are not tendered.
        tenderedCents: payment.method === 'cash' ? (payment.tenderedCents ?? payment.amountCents) : 0,
        patientId,
        id: newId<'LedgerEntryId'>(),
        kind: 'payment',
        receiptNumber,
        createdAt: ctx.now().toISOString(),
        createdBy: ctx.actor().id,
        siteId: ctx.siteId(),
      });
      await db.ledger.insert(entry);
      // Once the money is recorded nothing may throw: a failure here would invite taking it twice.
      await ctx.auditSaved({
        action: 'payment',
        patientId: entry.patientId,
        subject: `ledger/${entry.id}`,
        detail: `${formatCents(entry.amountCents)} ${entry.method}, receipt ${entry.receiptNumber}`,
        approvedBy,
      });
      return entry;
    },
    /** The entries of a patient and of the records merged into them (entries are never re-pointed), newest first. */
    observeForPatients(patientIds: readonly string[]): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { patientId: { $in: [...patientIds] } } }).$).pipe(map((list) => list.sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
    },
    /** Entries written in [from, to), newest first. */
    observeRange(from: Date, to: Date): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { createdAt: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ createdAt: 'desc' }] }).$);
    },
  };
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>;
