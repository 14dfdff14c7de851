import { asTransaction, type PaymentEntry, type PaymentInput, type TransactionInput } from '../../../shared/payments/ledger';
import { patientDisplayName } from '../../../shared/patients/patient';
import type { PrintResult } from '../../../shared/print/channels';
import type { ReceiptData } from '../../../shared/print/receipt';
import type { Settings } from '../../../shared/settings/channels';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';
import { parsePayment, parseTransaction, type LedgerRepo } from './ledgerRepo';

export type PaymentOutcome = { entry: PaymentEntry; entries: PaymentEntry[]; receipt: ReceiptData; print: PrintResult | null; printError: string | null };

/** The receipt for a recorded payment (every tender of it), built from the stored entries so it shows what was saved. */
export function receiptFor(payments: readonly PaymentEntry[], patient: { givenName: string; familyName: string; birthDate: string }, settings: Settings, cashier: string, balanceCents?: number): ReceiptData {
  const first = payments[0]!;
  const totalCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  return {
    clinic: { name: settings.clinic.name, address: settings.clinic.address, phone: settings.clinic.phone, npi: settings.clinic.npi, taxId: settings.clinic.taxId },
    patientId: first.patientId,
    receiptNumber: first.receiptNumber,
    issuedAt: first.createdAt,
    timeZone: settings.clinic.timeZone,
    patient: { name: patientDisplayName(patient), birthDate: patient.birthDate },
    lines: [{ description: first.purpose === 'copay' ? 'Co-pay' : 'Payment on account', amountCents: totalCents }],
    totalCents,
    method: first.method,
    reference: first.reference,
    tenderedCents: first.tenderedCents,
    authCode: first.authCode,
    cashier,
    ...(payments.length > 1 ? { tenders: payments.map((p) => ({ method: p.method, reference: p.reference, amountCents: p.amountCents, tenderedCents: p.tenderedCents, authCode: p.authCode })) } : {}),
    ...(balanceCents !== undefined ? { balanceCents } : {}),
  };
}

/** Taking a payment at the desk: record it, then print its receipt through main. */
export function createPaymentDesk(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { ledger: Pick<LedgerRepo, 'recordTransaction' | 'balanceOf'> }) {
  const { ctx, client, ledger } = deps;

  /** Prints a receipt and audits it; never throws, so a recorded payment is never reported as failed. */
  const printReceipt = async (receipt: ReceiptData, patientId: string): Promise<{ print: PrintResult | null; printError: string | null }> => {
    try {
      const print = await client.call('print:receipt', receipt);
      await ctx.auditSaved({ action: 'print', patientId, subject: `receipt ${receipt.receiptNumber}`, detail: print.sentToPrinter ? print.printerMessage : 'Saved as PDF' });
      return { print, printError: null };
    } catch (error) {
      return { print: null, printError: (error as Error).message };
    }
  };

  return {
    /**
     * Records the payment first and prints second: once the money is in the ledger a printing
     * problem only means the receipt has to be printed again, never that the payment is lost.
     * The receipt number is issued by main only after the payment passed every check.
     */
    async take(input: PaymentInput | TransactionInput, options: { keepAsCredit?: boolean } = {}): Promise<PaymentOutcome> {
      const tx = 'tenders' in input ? parseTransaction(input) : asTransaction(parsePayment(input));
      const patient = await deps.findPatient(tx.patientId);
      if (!patient) throw new DeskError('That patient could not be found.');
      const { payment: entry, payments } = await ledger.recordTransaction(tx, async () => (await client.call('numbers:next', { kind: 'receipt' })).value, options);
      const balanceCents = await ledger.balanceOf(entry.patientId).catch(() => undefined);
      // The receipt names the record the payment was taken for: the kept one after a merge.
      const payer = entry.patientId === patient.id ? patient : ((await deps.findPatient(entry.patientId)) ?? patient);
      // The receipt names who took the money by their initials, as staff sign receipts.
      const receipt = receiptFor(payments, payer, deps.settings(), ctx.actor().initials || ctx.actor().name, balanceCents);
      return { entry, entries: payments, receipt, ...(await printReceipt(receipt, entry.patientId)) };
    },
    printReceipt,
    /** Prints a receipt that was kept to print on demand: the original the first time, a COPY after. */
    async sendKept(print: PrintResult, patientId: string): Promise<{ print: PrintResult | null; printError: string | null }> {
      try {
        const sent = await client.call('print:send', { id: print.document.id });
        await ctx.auditSaved({ action: 'print', patientId, subject: print.document.title, detail: sent.sentToPrinter ? sent.printerMessage : 'Not printed' });
        return { print: sent, printError: null };
      } catch (error) {
        return { print, printError: (error as Error).message };
      }
    },
  };
}

export type PaymentDesk = ReturnType<typeof createPaymentDesk>;
