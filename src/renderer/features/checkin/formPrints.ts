import { ADMINISTRATIVE_SEX_LABEL, formatAddress, formatPhone, languageLabel, patientDisplayName, type Patient } from '../../../shared/patients/patient';
import type { Coverage } from '../../../shared/patients/coverage';
import { SUBSCRIBER_RELATIONSHIP_LABEL } from '../../../shared/patients/coverage';
import type { PrintResult } from '../../../shared/print/channels';
import type { FormPrintData } from '../../../shared/print/forms';
import { FORM_LABEL, type FormKind } from '../../../shared/schedule/scheduling';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';
import { arrivedAt, roomOf, type Visit } from '../../../shared/checkin/visit';
import { dateInZone } from '../../../shared/domain/time';
import { PAYMENT_METHOD_LABEL, type PaymentEntry } from '../../../shared/payments/ledger';
import type { VisitSummaryData } from '../../../shared/print/visitSummary';
import type { Appointment } from '../../../shared/schedule/appointment';

/** Who pays, as the desk reads it: the patient, or the guarantor (a registered patient by their record's name). */
export function guarantorLine(patient: Patient, guarantorPatient: Pick<Patient, 'givenName' | 'familyName' | 'suffix'> | null): string {
  const g = patient.guarantor;
  if (g.kind === 'self') return 'The patient';
  const name = g.kind === 'patient' && guarantorPatient ? patientDisplayName(guarantorPatient) : g.name;
  return `${name || 'Another patient'}${g.relationship ? ` (${g.relationship})` : ''}`;
}

/** The patient's details on file as a form prints them, for the patient to check and sign. */
export function formPrintData(
  form: FormKind,
  patient: Patient,
  coverage: Coverage | null,
  clinic: FormPrintData['clinic'],
  printed: { at: string; by: string; timeZone: string },
  guarantorPatient: Pick<Patient, 'givenName' | 'familyName' | 'suffix'> | null = null,
): FormPrintData {
  const contact = patient.emergencyContact;
  return {
    form,
    clinic,
    patientId: patient.id,
    patient: {
      name: patientDisplayName(patient),
      preferredName: patient.preferredName,
      birthDate: patient.birthDate,
      mrn: patient.mrn,
      sex: ADMINISTRATIVE_SEX_LABEL[patient.sex],
      address: formatAddress(patient.address),
      phones: patient.phones.map((p) => `${formatPhone(p.number)} (${p.type})`),
      email: patient.email,
      language: `${languageLabel(patient.language)}${patient.interpreterNeeded ? ' (interpreter needed)' : ''}`,
      emergencyContact: contact.name ? `${contact.name}${contact.relationship ? ` (${contact.relationship})` : ''}${contact.phone ? `, ${formatPhone(contact.phone)}` : ''}` : '',
      guarantor: guarantorLine(patient, guarantorPatient),
    },
    insurance: coverage
      ? {
          payerName: coverage.payerName,
          plan: coverage.plan,
          memberId: coverage.memberId,
          groupNumber: coverage.groupNumber,
          subscriber: coverage.relationship === 'self' ? 'The patient' : `${coverage.subscriberName} (${SUBSCRIBER_RELATIONSHIP_LABEL[coverage.relationship].toLowerCase()})`,
        }
      : null,
    timeZone: printed.timeZone,
    printedAt: printed.at,
    printedBy: printed.by,
  };
}

/** What the visit summary says, from the visit, its follow-up and today's payments. */
export function visitSummaryData(input: {
  visit: Visit;
  patient: Pick<Patient, 'givenName' | 'familyName' | 'suffix' | 'birthDate' | 'mrn'>;
  followUp: Appointment | null;
  noFollowUpReason: string;
  payments: readonly PaymentEntry[];
  names: { provider: (id: string) => string; type: (id: string) => string; room: (id: string) => string };
  cancelNoticeHours: number;
  clinic: VisitSummaryData['clinic'];
  printed: { at: string; by: string };
}): VisitSummaryData {
  const { visit, names } = input;
  return {
    clinic: input.clinic,
    patientId: input.visit.patientId,
    patient: { name: patientDisplayName(input.patient), birthDate: input.patient.birthDate, mrn: input.patient.mrn },
    visit: {
      date: visit.date,
      type: names.type(visit.typeId),
      provider: names.provider(visit.providerId),
      room: names.room(roomOf(visit)),
      arrivedAt: arrivedAt(visit),
      seenAt: visit.timeline.find((e) => e.step === 'with-provider')?.at ?? '',
    },
    followUp: input.followUp ? { start: input.followUp.start, provider: names.provider(input.followUp.providerId), type: names.type(input.followUp.typeId) || input.followUp.reason } : null,
    noFollowUpReason: input.followUp ? '' : input.noFollowUpReason,
    cancelNoticeHours: input.cancelNoticeHours,
    // Paid today (the visit's date in the clinic's zone), oldest first.
    payments: input.payments
      .filter((e) => dateInZone(new Date(e.createdAt), visit.timeZone) === visit.date)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(-20)
      .map((e) => ({ receiptNumber: e.receiptNumber, amountCents: e.amountCents, method: PAYMENT_METHOD_LABEL[e.method], at: e.createdAt })),
    formsSigned: [...new Set(visit.checkin.forms.map((f) => f.form))],
    timeZone: visit.timeZone,
    printedAt: input.printed.at,
    printedBy: input.printed.by,
  };
}

/** Check-in forms and the visit summary printed through main, filled in with what is on file; each print is audited. */
export function createFormPrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'>) {
  const { ctx, client, settings } = deps;
  return {
    async print(form: FormKind, patient: Patient, coverage: Coverage | null): Promise<PrintResult> {
      const c = settings().clinic;
      const guarantor = patient.guarantor.kind === 'patient' ? await deps.findPatient(patient.guarantor.patientId) : null;
      const data = formPrintData(form, patient, coverage, { name: c.name || 'Clinic', address: c.address, phone: c.phone }, { at: ctx.now().toISOString(), by: ctx.actor().name, timeZone: c.timeZone }, guarantor);
      const result = await client.call('print:form', data);
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `form ${form}`, detail: `${FORM_LABEL[form]}; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /** The visit summary the patient takes home at check-out. */
    async printVisitSummary(input: Omit<Parameters<typeof visitSummaryData>[0], 'patient' | 'clinic' | 'printed'>): Promise<PrintResult> {
      const patient = await deps.findPatient(input.visit.patientId);
      if (!patient) throw new DeskError('That patient could not be found.');
      const c = settings().clinic;
      const data = visitSummaryData({ ...input, patient, clinic: { name: c.name || 'Clinic', address: c.address, phone: c.phone }, printed: { at: ctx.now().toISOString(), by: ctx.actor().name } });
      const result = await client.call('print:visitSummary', data);
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `visit summary visits/${input.visit.id}`, detail: result.sentToPrinter ? result.printerMessage : 'saved as PDF' });
      return result;
    },
  };
}

export type FormPrints = ReturnType<typeof createFormPrints>;
