import type { LedgerEntry, PaymentInput } from '../../../shared/payments/ledger';
import { patientDisplayName } from '../../../shared/patients/patient';
import type { PrintResult } from '../../../shared/print/channels';
import type { Settings } from '../../../shared/settings/channels';
import type { ReceiptData } from '../../../shared/print/receipt';
import type { Desk } from '../../app/DeskContext';
import { parsePayment } from './ledgerRepo';
import { DeskError } from '../../data/workContext';

export type PaymentOutcome = { entry: LedgerEntry; receipt: ReceiptData; print: PrintResult | null; printError: string | null };

/** The receipt for a recorded payment, built from the stored entry so it shows what was saved. */
export function receiptFor(entry: LedgerEntry, patient: { givenName: string; familyName: string; birthDate: string }, settings: Settings, cashier: string): ReceiptData {
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
    cashier,
  };
}

/**
 * Records the payment first and prints second: once the money is in the ledger a printing
 * problem only means the receipt has to be printed again, never that the payment is lost.
 */
export async function takePaymentAndPrint(desk: Desk, settings: Settings, input: PaymentInput): Promise<PaymentOutcome> {
  const payment = parsePayment(input);
  const patient = await desk.patients.get(payment.patientId);
  if (!patient) throw new DeskError('That patient could not be found.');
  const { value: receiptNumber } = await desk.client.call('numbers:next', { kind: 'receipt' });
  const entry = await desk.ledger.recordPayment(input, receiptNumber);
  const receipt = receiptFor(entry, patient, settings, desk.ctx.actor().name);
  return { entry, receipt, ...(await printReceipt(desk, receipt, entry.patientId)) };
}

/** Prints a receipt and audits it; never throws, so a recorded payment is never reported as failed. */
export async function printReceipt(desk: Desk, receipt: ReceiptData, patientId: string): Promise<{ print: PrintResult | null; printError: string | null }> {
  try {
    const print = await desk.client.call('print:receipt', receipt);
    await desk.ctx
      .audit({ action: 'print', patientId, subject: `receipt ${receipt.receiptNumber}`, detail: print.sentToPrinter ? print.printerMessage : 'Saved as PDF' })
      .catch((error: unknown) => console.error('The receipt printed, but its audit entry could not be written', error));
    return { print, printError: null };
  } catch (error) {
    return { print: null, printError: (error as Error).message };
  }
}
