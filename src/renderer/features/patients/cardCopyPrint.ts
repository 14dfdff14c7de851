import { COVERAGE_RANK_LABEL, SUBSCRIBER_RELATIONSHIP_LABEL, type Coverage } from '../../../shared/patients/coverage';
import { formatUsDate, patientDisplayName, type Patient } from '../../../shared/patients/patient';
import type { PrintResult } from '../../../shared/print/channels';
import type { CardCopyData, CardPicture } from '../../../shared/print/cardCopy';
import type { DeskWorkContext } from '../../data/workContext';
import type { PlatformClient } from '../../platform/client';
import { toBase64, type DocumentsRepo } from './data/documentsRepo';
import type { Settings } from '../../../shared/settings/channels';

/**
 * Prints a copy of a coverage's card (front and back on one letter page) through main. The
 * pictures are opened like any document (checked against their hash, the view audited); a side
 * with no picture prints as missing. The print is audited.
 */
export async function printCardCopy(deps: { ctx: DeskWorkContext; client: PlatformClient; documents: Pick<DocumentsRepo, 'open'>; settings: () => Settings }, patient: Patient, coverage: Coverage): Promise<PrintResult> {
  const picture = async (id: string): Promise<CardPicture | null> => {
    if (!id) return null;
    const { document, bytes } = await deps.documents.open(id);
    if (document.contentType === 'application/pdf') return null;
    return { contentType: document.contentType, data: toBase64(bytes) };
  };
  const clinic = deps.settings().clinic;
  const data: CardCopyData = {
    clinic: { name: clinic.name || 'Clinic' },
    patientId: patient.id,
    patient: { name: patientDisplayName(patient), birthDate: patient.birthDate ? formatUsDate(patient.birthDate) : '', mrn: patient.mrn },
    coverage: {
      rank: COVERAGE_RANK_LABEL[coverage.rank],
      payerName: coverage.payerName,
      plan: coverage.plan,
      memberId: coverage.memberId,
      groupNumber: coverage.groupNumber,
      subscriber: coverage.relationship === 'self' ? 'The patient' : `${coverage.subscriberName} (${SUBSCRIBER_RELATIONSHIP_LABEL[coverage.relationship].toLowerCase()}), born ${formatUsDate(coverage.subscriberBirthDate)}`,
    },
    front: await picture(coverage.cardFrontId),
    back: await picture(coverage.cardBackId),
    timeZone: clinic.timeZone,
    printedAt: deps.ctx.now().toISOString(),
    printedBy: deps.ctx.actor().name,
  };
  const result = await deps.client.call('print:cardCopy', data);
  await deps.ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `coverages/${coverage.id}`, detail: `Insurance card copy (${data.front ? 'front' : 'no front'}, ${data.back ? 'back' : 'no back'}); ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
  return result;
}
