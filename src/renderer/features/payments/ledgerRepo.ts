import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { storedReader } from '../../data/storedRecords';
import { newId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { LedgerEntrySchema, PaymentInputSchema, type LedgerEntry, type PaymentInput } from '../../../shared/payments/ledger';
import type { PatientId } from '../../../shared/domain/ids';
import type { ClinicDatabase } from '../../data/database';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(LedgerEntrySchema, 'A ledger entry');

/** Validates a payment before a receipt number is spent on it. */
export function parsePayment(input: PaymentInput) {
  const parsed = PaymentInputSchema.safeParse(input);
  if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
  return parsed.data;
}

export function createLedgerRepo(db: ClinicDatabase, ctx: WorkContext) {
  return {
    /**
     * Records a payment under an already issued receipt number. Entries are only ever inserted:
     * there is no update or delete of money.
     */
    async recordPayment(input: PaymentInput, receiptNumber: string): Promise<LedgerEntry> {
      const payment = parsePayment(input);
      const patient = await db.patients.findOne(payment.patientId).exec();
      if (!patient) throw new DeskError('That patient could not be found.');
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: payment.patientId });
      const entry = LedgerEntrySchema.parse({
        ...payment,
        id: newId<'LedgerEntryId'>(),
        kind: 'payment',
        receiptNumber,
        createdAt: ctx.now().toISOString(),
        createdBy: ctx.actor().id,
        siteId: ctx.siteId(),
      });
      await db.ledger.insert(entry);
      // Once the money is recorded nothing may throw: a failure here would invite taking it twice.
      try {
        await ctx.audit({
          action: 'payment',
          patientId: entry.patientId,
          subject: `ledger/${entry.id}`,
          detail: `${formatCents(entry.amountCents)} ${entry.method}, receipt ${entry.receiptNumber}`,
          approvedBy,
        });
      } catch (error) {
        console.error(`The payment ${entry.receiptNumber} was recorded, but its audit entry could not be written`, error);
      }
      return entry;
    },
    /** The entries of a patient and of the records merged into them (entries are never re-pointed). */
    observeForPatients(patientIds: readonly string[]): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { patientId: { $in: [...patientIds] } } }).$).pipe(map((list) => list.sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
    },
    observeForPatient(patientId: PatientId): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { patientId }, sort: [{ createdAt: 'desc' }] }).$);
    },
    observeRange(from: Date, to: Date): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { createdAt: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ createdAt: 'desc' }] }).$);
    },
  };
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>;
