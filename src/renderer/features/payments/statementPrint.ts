import type { PatientId } from '../../../shared/domain/ids';
import { patientDisplayName, type Address, type Patient } from '../../../shared/patients/patient';
import { buildStatement } from '../../../shared/payments/statement';
import type { PrintResult } from '../../../shared/print/channels';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';
import type { LedgerRepo } from './ledgerRepo';

function addressLines(a: Address): string[] {
  if (!a.line1) return [];
  return [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean);
}

/**
 * Patient statements: the account since the last statement, addressed to whoever pays (the
 * patient, the registered patient who is their guarantor, or another person at the patient's
 * address), printed and kept as a PDF by main; recorded on the account only once printed.
 */
export function createStatementPrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { ledger: Pick<LedgerRepo, 'sendStatement'> }) {
  const billTo = async (patient: Patient): Promise<{ name: string; addressLines: string[] }> => {
    const g = patient.guarantor;
    if (g.kind === 'patient') {
      const payer = await deps.findPatient(g.patientId);
      if (payer) return { name: patientDisplayName(payer), addressLines: addressLines(payer.address) };
    }
    if (g.kind === 'person' && g.name) return { name: g.name, addressLines: addressLines(patient.address) };
    return { name: patientDisplayName(patient), addressLines: addressLines(patient.address) };
  };

  return {
    /** Prints a statement of the balance due by `dueDate`; refused (nothing printed) when nothing is due. */
    async send(patientId: PatientId, dueDate: string): Promise<{ result: PrintResult; amountCents: number }> {
      const patient = await deps.findPatient(patientId);
      if (!patient) throw new DeskError('That patient is not on this workstation.');
      const to = await billTo(patient);
      const c = deps.settings().clinic;
      const { statement, issued } = await deps.ledger.sendStatement({ patientId, dueDate }, async (account, entry) => {
        const data = buildStatement({
          account,
          statement: entry,
          clinic: { name: c.name || 'Clinic', address: c.address, phone: c.phone, npi: c.npi, taxId: c.taxId },
          patient: { name: patientDisplayName(patient), mrn: patient.mrn },
          billTo: to,
          timeZone: c.timeZone,
          printedBy: deps.ctx.actor().name,
        });
        return deps.client.call('print:statement', data);
      });
      await deps.ctx.auditSaved({ action: 'print', patientId: statement.patientId, subject: `ledger/${statement.id}`, detail: `Statement: ${issued.sentToPrinter ? issued.printerMessage : 'saved as PDF'}` });
      return { result: issued, amountCents: statement.amountCents };
    },
  };
}
