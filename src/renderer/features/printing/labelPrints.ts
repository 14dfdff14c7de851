import { ADMINISTRATIVE_SEX_LABEL, formatUsDate, patientDisplayName, type Patient } from '../../../shared/patients/patient';
import type { PrintResult } from '../../../shared/print/channels';
import { LABEL_KIND_LABEL, type LabelKind, type LabelLayout, type LabelPrintRequest } from '../../../shared/print/labels';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';

export interface LabelChoice {
  label: LabelKind;
  layout: LabelLayout;
  count: number;
  startAt: number;
}

/** What main prints on a patient's labels, from their record. */
export function labelPrintData(patient: Patient, choice: LabelChoice, about: { clinicName: string; providerName: string; at: string; by: string; timeZone: string }): LabelPrintRequest {
  if (!patient.mrn) throw new DeskError('This patient has no MRN yet, so no label can carry one. Save the record first.');
  return {
    label: choice.label,
    layout: choice.label === 'wristband' ? 'roll' : choice.layout,
    count: choice.label === 'wristband' ? 1 : choice.count,
    startAt: choice.layout === 'sheet-30' ? choice.startAt : 1,
    clinic: { name: about.clinicName || 'Clinic' },
    patientId: patient.id,
    patient: {
      name: patientDisplayName(patient),
      birthDate: patient.birthDate ? formatUsDate(patient.birthDate) : '',
      sex: ADMINISTRATIVE_SEX_LABEL[patient.sex],
      mrn: patient.mrn,
    },
    provider: about.providerName,
    timeZone: about.timeZone,
    printedAt: about.at,
    printedBy: about.by,
  };
}

/** Patient labels, chart labels and wristbands printed through main; each print is audited. */
export function createLabelPrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings'>) {
  const { ctx, client, settings } = deps;
  return {
    async print(patient: Patient, choice: LabelChoice, providerName: string): Promise<PrintResult> {
      const c = settings().clinic;
      const data = labelPrintData(patient, choice, { clinicName: c.name, providerName, at: ctx.now().toISOString(), by: ctx.actor().name, timeZone: c.timeZone });
      const result = await client.call('print:labels', data);
      await ctx.auditSaved({
        action: 'print',
        patientId: patient.id,
        subject: 'labels',
        detail: `${LABEL_KIND_LABEL[choice.label]} × ${data.count}${data.layout === 'sheet-30' ? ` on a sheet from label ${data.startAt}` : ''}; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}`,
      });
      return result;
    },
  };
}

export type LabelPrints = ReturnType<typeof createLabelPrints>;
