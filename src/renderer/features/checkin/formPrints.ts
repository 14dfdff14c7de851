import { ADMINISTRATIVE_SEX_LABEL, formatAddress, formatPhone, languageLabel, patientDisplayName, type Patient } from '../../../shared/patients/patient';
import type { Coverage } from '../../../shared/patients/coverage';
import { SUBSCRIBER_RELATIONSHIP_LABEL } from '../../../shared/patients/coverage';
import type { PrintResult } from '../../../shared/print/channels';
import type { RxCollection } from 'rxdb';
import type { CatalogEntry } from '../../../shared/catalog/catalog';
import { currentWording, FormWordingSchema, isEditableForm, type Wording } from '../../../shared/catalog/formWording';
import { currentLogo, FormLogoSchema, type Logo } from '../../../shared/catalog/formLogo';
import type { PatientId } from '../../../shared/domain/ids';
import { storedReader } from '../../data/storedRecords';
import { BUILT_IN_FORM_VERSION, PRINTABLE_FORM_LABEL, type FormPrintData, type FormPrintRequest, type PrintableForm } from '../../../shared/print/forms';
import type { FeatureDeps } from '../../app/feature';
import { DeskError } from '../../data/workContext';
import { arrivedAt, roomOf, type Visit } from '../../../shared/checkin/visit';
import { dateInZone } from '../../../shared/domain/time';
import { PAYMENT_METHOD_LABEL, type PaymentEntry } from '../../../shared/payments/ledger';
import type { VisitSummaryData } from '../../../shared/print/visitSummary';
import type { Appointment } from '../../../shared/schedule/appointment';

const wordingReader = storedReader(FormWordingSchema, 'A version of a form’s wording');
const logoReader = storedReader(FormLogoSchema, 'A version of the forms’ logo');

/** Who pays, as the desk reads it: the patient, or the guarantor (a registered patient by their record's name). */
export function guarantorLine(patient: Patient, guarantorPatient: Pick<Patient, 'givenName' | 'familyName' | 'suffix'> | null): string {
  const g = patient.guarantor;
  if (g.kind === 'self') return 'The patient';
  const name = g.kind === 'patient' && guarantorPatient ? patientDisplayName(guarantorPatient) : g.name;
  return `${name || 'Another patient'}${g.relationship ? ` (${g.relationship})` : ''}`;
}

/** The patient's details on file as a form prints them, for the patient to check and sign. */
export function formPrintData(
  form: PrintableForm,
  patient: Patient,
  coverage: Coverage | null,
  clinic: FormPrintData['clinic'],
  printed: { at: string; by: string; timeZone: string },
  guarantorPatient: Pick<Patient, 'givenName' | 'familyName' | 'suffix'> | null = null,
  wording: Wording | null = null,
  logo: Logo | null = null,
): FormPrintData {
  const contact = patient.emergencyContact;
  return {
    form,
    blank: false,
    wording: wording && wording.version > 1 ? { version: wording.version, body: wording.body, attestation: wording.attestation } : null,
    logo: logo && { version: logo.version, png: logo.png },
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
  /** The logo the clinic's forms print with, or none. */
  logo?: Logo | null;
}): VisitSummaryData {
  const { visit, names } = input;
  return {
    clinic: input.clinic,
    logo: input.logo ? { version: input.logo.version, png: input.logo.png } : null,
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
export function createFormPrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { catalog?: RxCollection<CatalogEntry> }) {
  const { ctx, client, settings } = deps;
  /** The clinic's current wording of a form whose wording it may change (null: the built-in one). */
  const wordingFor = async (form: PrintableForm): Promise<Wording | null> => {
    if (!isEditableForm(form) || !deps.catalog) return null;
    const saved = wordingReader.many(await deps.catalog.find({ selector: { kind: 'form-wording' } }).exec());
    return currentWording(saved, form);
  };
  /** The logo the clinic's forms print with now (null: none). */
  const logoNow = async (): Promise<Logo | null> => {
    if (!deps.catalog) return null;
    const logo = currentLogo(logoReader.many(await deps.catalog.find({ selector: { kind: 'form-logo' } }).exec()));
    return logo && { version: logo.version, png: logo.png };
  };
  /** A form filled in from the record, with the clinic's current wording. */
  const filledIn = async (form: PrintableForm, patient: Patient, coverage: Coverage | null, at: string) => {
    const c = settings().clinic;
    const guarantor = patient.guarantor.kind === 'patient' ? await deps.findPatient(patient.guarantor.patientId) : null;
    return formPrintData(form, patient, coverage, { name: c.name || 'Clinic', address: c.address, phone: c.phone }, { at, by: ctx.actor().name, timeZone: c.timeZone }, guarantor, await wordingFor(form), await logoNow());
  };
  return {
    async print(form: PrintableForm, patient: Patient, coverage: Coverage | null): Promise<PrintResult> {
      const data = await filledIn(form, patient, coverage, ctx.now().toISOString());
      const result = await client.call('print:form', data);
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `form ${form}`, detail: `${PRINTABLE_FORM_LABEL[form]}${versionsOf(data)}; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /** Several forms filled in from the record, printed as one document and one job (the forms due at check-in). */
    async printPacket(forms: readonly PrintableForm[], patient: Patient, coverage: Coverage | null): Promise<PrintResult> {
      const at = ctx.now().toISOString();
      const data = await Promise.all(forms.map((form) => filledIn(form, patient, coverage, at)));
      const result = await client.call('print:formPacket', { forms: data });
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `forms ${forms.join(', ')}`, detail: `${data.map((d) => `${PRINTABLE_FORM_LABEL[d.form]}${versionsOf({ wording: d.wording, logo: null })}`).join(', ')} as one packet${versionsOf({ wording: null, logo: data[0]?.logo ?? null })}; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /**
     * The form as it prints, filled in from the record with the clinic's current wording, to read
     * on screen before signing; `data` is what is then signed, so the words signed are the words read.
     */
    async preview(form: PrintableForm, patient: Patient, coverage: Coverage | null): Promise<{ html: string; data: FormPrintData }> {
      const data = await filledIn(form, patient, coverage, ctx.now().toISOString());
      return { html: (await client.call('print:formPreview', data)).html, data };
    },

    /**
     * Keeps a form read on screen (`data`, from `preview`) and signed as a signed PDF, witnessed
     * by the signed-in person; answers with the PDF for the patient's documents.
     */
    async sign(data: FormPrintData, signature: { png: string; signerName: string; relationship: string }): Promise<{ result: PrintResult; pdf: Uint8Array }> {
      const version = data.wording?.version ?? BUILT_IN_FORM_VERSION;
      const answer = await client.call('print:signedForm', { form: data, signature: { ...signature, signedAt: ctx.now().toISOString(), witness: ctx.actor().name }, version });
      const { pdf, ...result } = answer;
      await ctx.auditSaved({ action: 'print', patientId: data.patientId as PatientId, subject: `form ${data.form}`, detail: `${PRINTABLE_FORM_LABEL[data.form]} signed on screen by ${signature.signerName}${signature.relationship ? ` (${signature.relationship})` : ''}, witnessed by ${ctx.actor().name}; wording version ${version}${data.logo ? `, logo version ${data.logo.version}` : ''}` });
      return { result, pdf: Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0)) };
    },

    /**
     * A form as it would print with wording or a logo not saved yet, for a sample patient: the
     * wording and logo editors' preview. `logo` undefined keeps the logo in use; null shows none.
     */
    async previewWording(form: PrintableForm, wording: Wording | null, logo?: Logo | null): Promise<string> {
      const c = settings().clinic;
      const data: FormPrintRequest = {
        form,
        clinic: { name: c.name || 'Clinic', address: c.address, phone: c.phone },
        patient: { name: 'Sample, Pat', preferredName: '', birthDate: '1980-01-15', mrn: '', sex: 'Unknown', address: '1 Sample Street, Springfield', phones: ['(555) 010-0000 (mobile)'], email: '', language: 'English', emergencyContact: '', guarantor: 'The patient' },
        insurance: null,
        wording: wording && wording.version > 1 ? { version: wording.version, body: wording.body, attestation: wording.attestation } : ((await wordingFor(form)) ?? null),
        logo: logo === undefined ? await logoNow() : logo,
        timeZone: c.timeZone,
        printedAt: ctx.now().toISOString(),
        printedBy: ctx.actor().name,
      };
      return (await client.call('print:formPreview', data)).html;
    },

    /** A form with nothing filled in, for anyone to fill in by hand (a walk-in, a mailing, a stack at the desk). */
    async printBlank(form: PrintableForm): Promise<PrintResult> {
      const c = settings().clinic;
      const data: FormPrintRequest = {
        form,
        blank: true,
        clinic: { name: c.name || 'Clinic', address: c.address, phone: c.phone },
        patient: { name: '', preferredName: '', birthDate: '', mrn: '', sex: '', address: '', phones: [], email: '', language: '', emergencyContact: '', guarantor: '' },
        insurance: null,
        wording: await wordingFor(form).then((w) => (w && w.version > 1 ? { version: w.version, body: w.body, attestation: w.attestation } : null)),
        logo: await logoNow(),
        timeZone: c.timeZone,
        printedAt: ctx.now().toISOString(),
        printedBy: ctx.actor().name,
      };
      const result = await client.call('print:form', data);
      await ctx.audit({ action: 'print', subject: `blank form ${form}`, detail: `${PRINTABLE_FORM_LABEL[form]} (blank)${versionsOf({ wording: data.wording ?? null, logo: data.logo ?? null })}; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /** The visit summary the patient takes home at check-out. */
    async printVisitSummary(input: Omit<Parameters<typeof visitSummaryData>[0], 'patient' | 'clinic' | 'printed' | 'logo'>): Promise<PrintResult> {
      const patient = await deps.findPatient(input.visit.patientId);
      if (!patient) throw new DeskError('That patient could not be found.');
      const c = settings().clinic;
      const data = visitSummaryData({ ...input, patient, clinic: { name: c.name || 'Clinic', address: c.address, phone: c.phone }, printed: { at: ctx.now().toISOString(), by: ctx.actor().name }, logo: await logoNow() });
      const result = await client.call('print:visitSummary', data);
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: `visit summary visits/${input.visit.id}`, detail: result.sentToPrinter ? result.printerMessage : 'saved as PDF' });
      return result;
    },
  };
}

/** The versions of the wording and logo a form printed with, for the audit log: '' when both are the built-in ones. */
function versionsOf(data: Pick<FormPrintData, 'wording' | 'logo'>): string {
  const parts = [data.wording && `wording version ${data.wording.version}`, data.logo && `logo version ${data.logo.version}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export type FormPrints = ReturnType<typeof createFormPrints>;
