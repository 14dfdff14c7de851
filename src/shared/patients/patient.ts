import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { HumanNumberSchema } from '../domain/humanNumber';
import { PatientIdSchema } from '../domain/ids';
import { TypedDateSchema } from '../domain/time';

/** US phone numbers are stored as their ten digits. */
export const PhoneDigitsSchema = z
  .string()
  .transform((s) => s.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, ''))
  .pipe(z.string().regex(/^\d{10}$/, 'Enter a 10-digit phone number'));

/** Like PhoneDigitsSchema, but an empty field stays empty. */
const OptionalPhoneSchema = z
  .string()
  .transform((s) => s.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, ''))
  .pipe(z.string().regex(/^(\d{10})?$/, 'Enter a 10-digit phone number'));

/** A deep copy of plain data. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const noControlCharacters = (s: string) => !/\p{Cc}/u.test(s);

const NameSchema = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(100, `${label} is too long`).refine(noControlCharacters, `${label} has characters that are not allowed`);

/** A free-text field that may be left empty. */
const OptionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is too long (at most ${max} characters)`).refine(noControlCharacters, `${label} has characters that are not allowed`);

/** Date of birth: a real date, not in the future, not more than 130 years ago. */
export const BirthDateSchema = TypedDateSchema.refine(
  (value) => value <= new Date().toISOString().slice(0, 10),
  'Date of birth cannot be in the future',
).refine((value) => Number(value.slice(0, 4)) >= new Date().getUTCFullYear() - 130, 'Date of birth is too far in the past');

/** FHIR R4 AdministrativeGender. */
export const AdministrativeSexSchema = z.enum(['female', 'male', 'other', 'unknown'], { message: 'Choose the administrative sex' });
export type AdministrativeSex = z.infer<typeof AdministrativeSexSchema>;
export const ADMINISTRATIVE_SEX_LABEL: Record<AdministrativeSex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

export const PhoneTypeSchema = z.enum(['mobile', 'home', 'work', 'other']);
export type PhoneType = z.infer<typeof PhoneTypeSchema>;

export const PatientPhoneSchema = z.object({
  number: PhoneDigitsSchema,
  type: PhoneTypeSchema,
  /** The number may receive text messages (reminders). */
  texts: z.boolean(),
});
export type PatientPhone = z.infer<typeof PatientPhoneSchema>;

/** US states, DC and territories, by their postal abbreviations. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
  'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI',
] as const;

/** A US postal address; every field empty means "no address on file". */
export const AddressSchema = z
  .object({
    line1: OptionalText('Street address', 100),
    line2: OptionalText('Address line 2', 100),
    city: OptionalText('City', 60),
    state: z.string().trim().toUpperCase(),
    postalCode: z.string().trim(),
  })
  .superRefine((a, ctx) => {
    const empty = !a.line1 && !a.line2 && !a.city && !a.state && !a.postalCode;
    if (empty) return;
    if (!a.line1) ctx.addIssue({ code: 'custom', path: ['line1'], message: 'Street address is required when an address is given' });
    if (!a.city) ctx.addIssue({ code: 'custom', path: ['city'], message: 'City is required when an address is given' });
    if (!(US_STATES as readonly string[]).includes(a.state)) ctx.addIssue({ code: 'custom', path: ['state'], message: 'Choose a state' });
    if (!/^\d{5}(-\d{4})?$/.test(a.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'ZIP code must be 5 digits or ZIP+4 (12345-6789)' });
  });
export type Address = z.infer<typeof AddressSchema>;
export const EMPTY_ADDRESS: Address = { line1: '', line2: '', city: '', state: '', postalCode: '' };

/** An address on one line ("12 Oak St, Apt 4, Springfield, IL 62701"); '' when none is on file. */
export function formatAddress(a: Address): string {
  return a.line1 ? `${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.postalCode}` : '';
}

export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'Email address is too long')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address like name@example.com');

/** Languages the desk is asked for most, as BCP 47 tags; other tags are accepted too. */
export const COMMON_LANGUAGES: readonly { code: string; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Spanish' },
  { code: 'zh', label: 'Chinese' },
  { code: 'vi', label: 'Vietnamese' },
  { code: 'tl', label: 'Tagalog' },
  { code: 'ar', label: 'Arabic' },
  { code: 'fr', label: 'French' },
  { code: 'ko', label: 'Korean' },
  { code: 'ru', label: 'Russian' },
  { code: 'ht', label: 'Haitian Creole' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'so', label: 'Somali' },
  { code: 'ase', label: 'American Sign Language' },
];
export const LanguageSchema = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Choose a language');

export function languageLabel(code: string): string {
  return COMMON_LANGUAGES.find((l) => l.code === code)?.label ?? code;
}

/** Consent to be contacted one way, and the day it was given or withdrawn. Empty date: never asked. */
export const ConsentSchema = z
  .object({ given: z.boolean(), recordedOn: z.literal('').or(TypedDateSchema) })
  .refine((c) => !c.given || c.recordedOn !== '', { message: 'Enter the date the consent was given', path: ['recordedOn'] });
export const CommunicationConsentSchema = z.object({ call: ConsentSchema, text: ConsentSchema, email: ConsentSchema });
export type CommunicationConsent = z.infer<typeof CommunicationConsentSchema>;
export const NO_CONSENT: CommunicationConsent = {
  call: { given: false, recordedOn: '' },
  text: { given: false, recordedOn: '' },
  email: { given: false, recordedOn: '' },
};

/** Someone to call in an emergency; every field empty means none on file. */
export const EmergencyContactSchema = z
  .object({ name: OptionalText('Contact name', 100), relationship: OptionalText('Relationship', 40), phone: OptionalPhoneSchema })
  .superRefine((c, ctx) => {
    if (!c.name && !c.relationship && !c.phone) return;
    if (!c.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the emergency contact’s name' });
    if (!c.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter the emergency contact’s phone' });
  });
export type EmergencyContact = z.infer<typeof EmergencyContactSchema>;
export const NO_EMERGENCY_CONTACT: EmergencyContact = { name: '', relationship: '', phone: '' };

/**
 * Who is responsible for the bill: the patient, another registered patient (a parent), or a
 * person who is not a patient here.
 */
export const GuarantorSchema = z
  .object({
    kind: z.enum(['self', 'patient', 'person']),
    patientId: z.string(),
    name: OptionalText('Guarantor name', 100),
    relationship: OptionalText('Relationship', 40),
    phone: OptionalPhoneSchema,
  })
  .superRefine((g, ctx) => {
    if (g.kind === 'patient' && !PatientIdSchema.safeParse(g.patientId).success)
      ctx.addIssue({ code: 'custom', path: ['patientId'], message: 'Choose the patient who is responsible' });
    if (g.kind === 'person') {
      if (!g.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the responsible person’s name' });
      if (!g.relationship) ctx.addIssue({ code: 'custom', path: ['relationship'], message: 'Enter how they are related to the patient' });
      if (!g.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter the responsible person’s phone' });
    }
  });
export type Guarantor = z.infer<typeof GuarantorSchema>;
export const SELF_GUARANTOR: Guarantor = { kind: 'self', patientId: '', name: '', relationship: '', phone: '' };

const AlertSchema = z.string().trim().min(1, 'An alert cannot be empty').max(80, 'An alert is at most 80 characters').refine(noControlCharacters, 'An alert has characters that are not allowed');

/**
 * What the registration and edit forms collect. The same schema validates the form and the
 * stored record, so nothing the form would refuse can be saved by another path.
 */
export const PatientInputSchema = z.object({
  givenName: NameSchema('First name'),
  middleName: OptionalText('Middle name', 100).default(''),
  familyName: NameSchema('Last name'),
  suffix: OptionalText('Suffix', 20).default(''),
  preferredName: OptionalText('Preferred name', 100).default(''),
  birthDate: BirthDateSchema,
  sex: AdministrativeSexSchema.default('unknown'),
  genderIdentity: OptionalText('Gender identity', 60).default(''),
  pronouns: OptionalText('Pronouns', 40).default(''),
  phones: z
    .array(PatientPhoneSchema)
    .min(1, 'Enter at least one phone number')
    .max(5, 'At most five phone numbers')
    .refine((phones) => new Set(phones.map((p) => p.number)).size === phones.length, 'The same phone number is listed twice'),
  email: EmailSchema.default(''),
  address: AddressSchema.default(() => ({ ...EMPTY_ADDRESS })),
  language: LanguageSchema.default('en'),
  interpreterNeeded: z.boolean().default(false),
  consent: CommunicationConsentSchema.default(() => clone(NO_CONSENT)),
  emergencyContact: EmergencyContactSchema.default(() => ({ ...NO_EMERGENCY_CONTACT })),
  guarantor: GuarantorSchema.default(() => ({ ...SELF_GUARANTOR })),
  /** A provider from the clinic's catalog, or empty. */
  primaryProviderId: z.string().max(36).default(''),
  /** Short notes for whoever is at the desk: "needs wheelchair", "prefers mornings". */
  alerts: z.array(AlertSchema).max(10, 'At most ten alerts').default(() => []),
});
export type PatientInput = z.input<typeof PatientInputSchema>;
export type PatientFields = z.infer<typeof PatientInputSchema>;

export const PatientStatusSchema = z.enum(['active', 'inactive', 'deceased', 'merged-into']);
export type PatientStatus = z.infer<typeof PatientStatusSchema>;
export const PATIENT_STATUS_LABEL: Record<PatientStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  deceased: 'Deceased',
  'merged-into': 'Merged',
};

export const PatientSchema = PatientInputSchema.extend({
  id: PatientIdSchema,
  /**
   * Medical record number, issued offline by the registering workstation (`N2-000145`). Empty
   * only for patients registered before MRNs existed.
   */
  mrn: HumanNumberSchema.or(z.literal('')),
  status: PatientStatusSchema,
  /** The surviving record when this one was merged into another; empty otherwise. */
  mergedInto: PatientIdSchema.or(z.literal('')),
})
  .extend(ChangeStampSchema.shape)
  .refine((p) => (p.status === 'merged-into') === (p.mergedInto !== ''), { message: 'A merged record names the record it was merged into', path: ['mergedInto'] });
export type Patient = z.infer<typeof PatientSchema>;

/** The fields of a patient that the forms edit and the history tracks, in form order. */
export const PATIENT_FIELDS = Object.keys(PatientInputSchema.shape) as (keyof PatientFields)[];

/** A form with nothing filled in but the defaults the desk expects. */
export function blankPatientInput(): PatientInput {
  return {
    givenName: '',
    middleName: '',
    familyName: '',
    suffix: '',
    preferredName: '',
    birthDate: '',
    sex: 'unknown',
    genderIdentity: '',
    pronouns: '',
    phones: [{ number: '', type: 'mobile', texts: false }],
    email: '',
    address: { ...EMPTY_ADDRESS },
    language: 'en',
    interpreterNeeded: false,
    consent: clone(NO_CONSENT),
    emergencyContact: { ...NO_EMERGENCY_CONTACT },
    guarantor: { ...SELF_GUARANTOR },
    primaryProviderId: '',
    alerts: [],
  };
}

/** The editable fields of a stored patient, as the forms show them. */
export function patientToInput(p: Patient): PatientInput {
  const input = {} as Record<string, unknown>;
  for (const field of PATIENT_FIELDS) input[field] = clone(p[field]);
  const phones = (input['phones'] as PatientPhone[]).map((ph) => ({ ...ph, number: formatPhone(ph.number) }));
  const consent = input['consent'] as CommunicationConsent;
  for (const channel of ['call', 'text', 'email'] as const) consent[channel].recordedOn = formatUsDate(consent[channel].recordedOn);
  const contact = input['emergencyContact'] as EmergencyContact;
  const guarantor = input['guarantor'] as Guarantor;
  return {
    ...(input as PatientInput),
    birthDate: formatUsDate(p.birthDate),
    phones,
    consent,
    emergencyContact: { ...contact, phone: formatPhone(contact.phone) },
    guarantor: { ...guarantor, phone: formatPhone(guarantor.phone) },
  };
}

/** "Last, First" as the front desk reads it, with the suffix. */
export function patientDisplayName(p: { givenName: string; familyName: string; suffix?: string }): string {
  return `${p.familyName}${p.suffix ? ` ${p.suffix}` : ''}, ${p.givenName}`;
}

/** The number to call first: the first one listed. */
export function primaryPhone(p: { phones: readonly { number: string }[] }): string {
  return p.phones[0]?.number ?? '';
}

/** Formats ten phone digits as `(555) 010-1234`. */
export function formatPhone(digits: string): string {
  return digits.length === 10 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}

/** `YYYY-MM-DD` as `MM/DD/YYYY`, the way US front desks read dates. */
export function formatUsDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : date;
}

/** Whole years between a date of birth and a calendar date (`YYYY-MM-DD`). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The changes between two versions of a patient's fields, one per leaf that differs: nested
 * objects (address, consent, guarantor) by dotted path, lists (phones, alerts) as a whole.
 */
export function diffPatientFields(before: Partial<PatientFields> | null, after: PatientFields): FieldChange[] {
  const changes: FieldChange[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (isPlainObject(b) && (a === undefined || a === null || isPlainObject(a))) {
      const keys = new Set([...Object.keys(b), ...(isPlainObject(a) ? Object.keys(a) : [])]);
      for (const key of keys) walk(`${path}.${key}`, isPlainObject(a) ? a[key] : undefined, b[key]);
      return;
    }
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push({ field: path, before: a ?? null, after: b ?? null });
  };
  for (const field of PATIENT_FIELDS) walk(field, before?.[field], after[field]);
  return changes;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
