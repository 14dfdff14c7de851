import type { PaymentEntry, PaymentInput } from '../../../shared/payments/ledger';
import { patientDisplayName } from '../../../shared/patients/patient';
import type { PrintResult } from '../../../shared/print/channels';
import type { ReceiptData } from '../../../shared/print/receipt';
import type { Settings } from '../../../shared/settings/channels';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';
import { parsePayment, type LedgerRepo } from './ledgerRepo';

export type PaymentOutcome = { entry: PaymentEntry; receipt: ReceiptData; print: PrintResult | null; printError: string | null };

/** The receipt for a recorded payment, built from the stored entry so it shows what was saved. */
export function receiptFor(entry: PaymentEntry, patient: { givenName: string; familyName: string; birthDate: string }, settings: Settings, cashier: string): ReceiptData {
  return {
    clinic: { name: settings.clinic.name, address: settings.clinic.address, phone: settings.clinic.phone },
    receiptNumber: entry.receiptNumber,
    issuedAt: entry.createdAt,
    timeZone: settings.clinic.timeZone,
    patient: { name: patientDisplayName(patient), birthDate: patient.birthDate },
    lines: [{ description: entry.purpose === 'copay' ? 'Co-pay' : 'Payment on account', amountCents: entry.amountCents }],
    totalCents: entry.amountCents,
    method: entry.method,
    reference: entry.reference,
    tenderedCents: entry.tenderedCents,
    authCode: entry.authCode,
    cashier,
  };
}

/** Taking a payment at the desk: record it, then print its receipt through main. */
export function createPaymentDesk(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { ledger: Pick<LedgerRepo, 'recordPayment'> }) {
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
    async take(input: PaymentInput, options: { keepAsCredit?: boolean } = {}): Promise<PaymentOutcome> {
      const payment = parsePayment(input);
      const patient = await deps.findPatient(payment.patientId);
      if (!patient) throw new DeskError('That patient could not be found.');
      const { payment: entry } = await ledger.recordPayment(payment, async () => (await client.call('numbers:next', { kind: 'receipt' })).value, options);
      // The receipt names the record the payment was taken for: the kept one after a merge.
      const payer = entry.patientId === patient.id ? patient : ((await deps.findPatient(entry.patientId)) ?? patient);
      const receipt = receiptFor(entry, payer, deps.settings(), ctx.actor().name);
      return { entry, receipt, ...(await printReceipt(receipt, entry.patientId)) };
    },
    printReceipt,
  };
}

export type PaymentDesk = ReturnType<typeof createPaymentDesk>;
