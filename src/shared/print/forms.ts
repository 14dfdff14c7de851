import { z } from 'zod';
import { InstantSchema, TimeZoneSchema } from '../domain/time';
import { FORM_KINDS, FORM_LABEL } from '../schedule/scheduling';
import { MAX_WORDING_LENGTH } from '../catalog/formWording';
import { PrintedLogoSchema } from '../catalog/formLogo';

const Text = (max: number) => z.string().max(max);

/** Every form the desk prints: the check-in forms, and the authorization to release health information. */
export const PRINTABLE_FORMS = [...FORM_KINDS, 'release-of-information'] as const;
export const PrintableFormSchema = z.enum(PRINTABLE_FORMS);
export type PrintableForm = z.infer<typeof PrintableFormSchema>;
export const PRINTABLE_FORM_LABEL: Readonly<Record<PrintableForm, string>> = {
  ...FORM_LABEL,
  'release-of-information': 'Authorization to release health information',
};

/**
 * A patient form (intake, consent to treat, HIPAA notice of privacy practices acknowledgment,
 * financial policy, release of information) printed on letter paper: filled in with what is on file
 * so the patient only checks, corrects and signs, or `blank` for anyone to fill in by hand (no
 * patient). The renderer sends this (never HTML); main renders it with its own escaping template.
 */
export const FormPrintDataSchema = z.object({
  form: PrintableFormSchema,
  /** A blank form: the patient's details are left for the patient to write in. */
  blank: z.boolean().default(false),
  clinic: z.object({ name: z.string().min(1).max(120), address: Text(200), phone: Text(40) }),
  /** The patient, so the document is found again from their record; not printed. */
  patientId: z.string().max(36).optional(),
  patient: z.object({
    /** '' only on a blank form. */
    name: z.string().max(210),
    preferredName: Text(100),
    birthDate: Text(10),
    mrn: Text(20),
    sex: Text(20),
    /** The postal address on one line; '' when none is on file. */
    address: Text(300),
    phones: z.array(Text(60)).max(5),
    email: Text(254),
    language: Text(60),
    emergencyContact: Text(200),
    /** Who pays: "The patient" or the guarantor's name and relationship. */
    guarantor: Text(200),
  }),
  /**
   * The clinic's own wording of a form whose wording can be changed (consent to treat, HIPAA
   * notice, financial policy), as the desk has it now; null prints the built-in wording (version 1).
   */
  wording: z
    .object({ version: z.number().int().min(1).max(100_000), body: z.string().max(MAX_WORDING_LENGTH), attestation: z.string().max(300) })
    .nullable()
    .default(null),
  /** The clinic's logo at the top of the form, as the desk has it now (its version and PNG); null prints none. */
  logo: PrintedLogoSchema.nullable().default(null),
  /** The coverage billed first, or null for self-pay. */
  insurance: z.object({ payerName: Text(120), plan: Text(80), memberId: Text(30), groupNumber: Text(30), subscriber: Text(200) }).nullable(),
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
}).superRefine((data, ctx) => {
  if (!data.blank && !data.patient.name.trim()) ctx.addIssue({ code: 'custom', path: ['patient', 'name'], message: 'A filled-in form names its patient' });
  if (data.blank && (data.patientId || Object.values(data.patient).some((v) => (Array.isArray(v) ? v.length > 0 : v !== '')) || data.insurance)) {
    ctx.addIssue({ code: 'custom', path: ['blank'], message: 'A blank form carries no patient' });
  }
});
export type FormPrintData = z.infer<typeof FormPrintDataSchema>;
export type FormPrintRequest = z.input<typeof FormPrintDataSchema>;

/** Several forms for one patient (or blank), printed as one document and one job, each on its own pages. */
export const FormPacketDataSchema = z
  .object({ forms: z.array(FormPrintDataSchema).min(1, 'Choose the forms to print').max(PRINTABLE_FORMS.length) })
  .superRefine((packet, ctx) => {
    const [first] = packet.forms;
    if (packet.forms.some((f) => f.patientId !== first?.patientId || f.blank !== first?.blank)) ctx.addIssue({ code: 'custom', path: ['forms'], message: 'A packet is for one patient' });
    if (new Set(packet.forms.map((f) => f.form)).size !== packet.forms.length) ctx.addIssue({ code: 'custom', path: ['forms'], message: 'A packet holds each form once' });
  });
export type FormPacketData = z.infer<typeof FormPacketDataSchema>;
export type FormPacketRequest = z.input<typeof FormPacketDataSchema>;

/** The wording of the built-in forms; a signed form records the version it was signed with. */
export const BUILT_IN_FORM_VERSION = 1;

/** A signature drawn on screen: the picture of it, who signed, and the staff member who saw it. */
export const OnScreenSignatureSchema = z.object({
  /** The signature as a PNG, base64 (as the signature pad draws it). */
  png: z
    .string()
    .max(400_000, 'The signature picture is too large')
    .regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, 'The signature must be a PNG picture'),
  signerName: z.string().trim().min(1, 'Enter the name of the person signing').max(120),
  /** '' when the patient signs; otherwise how the signer is related (parent, guardian…). */
  relationship: z.string().trim().max(60),
  signedAt: InstantSchema,
  /** The signed-in staff member who saw it signed. */
  witness: z.string().trim().min(1).max(100),
});
export type OnScreenSignature = z.infer<typeof OnScreenSignatureSchema>;

/** A form filled in from the record and signed on screen, kept as a signed PDF with the patient's documents. */
export const SignedFormDataSchema = z
  .object({
    form: FormPrintDataSchema,
    signature: OnScreenSignatureSchema,
    /** The version of the form's wording that was signed. */
    version: z.number().int().min(1).max(100_000),
  })
  .superRefine((data, ctx) => {
    if (data.form.blank || !data.form.patientId) ctx.addIssue({ code: 'custom', path: ['form'], message: 'Only a form filled in for a patient on file is signed on screen' });
    if (data.version !== (data.form.wording?.version ?? BUILT_IN_FORM_VERSION)) ctx.addIssue({ code: 'custom', path: ['version'], message: 'The version signed must be the version of the wording printed' });
  });
export type SignedFormData = z.infer<typeof SignedFormDataSchema>;
export type SignedFormRequest = z.input<typeof SignedFormDataSchema>;
