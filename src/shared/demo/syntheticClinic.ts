import { base, en, es, Faker } from '@faker-js/faker';
import type { Payer, Provider, Service } from '../catalog/catalog';
import type { AppointmentType, AvailabilityTemplate, Room, ScheduleException } from '../schedule/scheduling';
import type { Coverage } from '../patients/coverage';
import { formatHumanNumber } from '../domain/humanNumber';
import { US_STATES, type Patient, type PatientPhone } from '../patients/patient';

/**
 * A made-up clinic for demos, tests and benchmarks: the same people for the same seed. Names mix
 * English and Spanish locales so accents, hyphens and apostrophes occur as they do at a real
 * front desk. Ids are deterministic UUID-shaped strings so a seed can be loaded twice without
 * making two of anyone.
 */
export interface SyntheticClinicOptions {
  seed?: number;
  /** The day the clinic's data is "as of"; birth dates are before it. */
  asOf?: string;
  /** Prefix of the MRNs given to synthetic patients. */
  mrnPrefix?: string;
  /** Site and person named in the change stamps. */
  siteId?: string;
  by?: string;
}

/** A UUID-shaped id (version 7 layout) that is the same for the same kind and number. */
export function syntheticId(kind: number, n: number): string {
  const hex = (kind * 0x1_0000_0000 + n).toString(16).padStart(12, '0').slice(-12);
  return `0190a000-0000-7000-8000-${hex}`;
}

export const SYNTHETIC_PAYERS: readonly Pick<Payer, 'name' | 'payerCode' | 'phone'>[] = [
  { name: 'Blue Cross Blue Shield', payerCode: 'BCBS1', phone: '(800) 555-0101' },
  { name: 'Aetna', payerCode: '60054', phone: '(800) 555-0102' },
  { name: 'UnitedHealthcare', payerCode: '87726', phone: '(800) 555-0103' },
  { name: 'Cigna', payerCode: '62308', phone: '(800) 555-0104' },
  { name: 'Humana', payerCode: '61101', phone: '(800) 555-0105' },
  { name: 'Medicare', payerCode: 'MCARE', phone: '(800) 555-0106' },
  { name: 'Medicaid', payerCode: 'MCAID', phone: '(800) 555-0107' },
];

export const SYNTHETIC_PROVIDERS: readonly Pick<Provider, 'name' | 'credentials' | 'npi'>[] = [
  { name: 'Dr. Ana Ruiz', credentials: 'MD', npi: '1234567893' },
  { name: 'Dr. Samuel Okoye', credentials: 'DO', npi: '' },
  { name: 'Lena Park', credentials: 'NP', npi: '' },
  { name: 'Dr. Miriam Cohen', credentials: 'MD', npi: '' },
];

const ALERTS = ['Needs wheelchair', 'Prefers mornings', 'Hard of hearing', 'Bring interpreter', 'Latex allergy: use vinyl gloves', 'Call before sending statements'];
const ID_KIND = { patient: 1, coverage: 2, payer: 3, provider: 4, appointmentType: 5, room: 6, availability: 7, exception: 8, service: 9 } as const;

function stamp(at: string, options: SyntheticClinicOptions) {
  return { createdAt: at, updatedAt: at, updatedBy: options.by ?? 'seed', siteId: options.siteId ?? 'main' };
}

export function syntheticPayers(options: SyntheticClinicOptions = {}): Payer[] {
  const at = `${options.asOf ?? '2026-11-23'}T12:00:00.000Z`;
  return SYNTHETIC_PAYERS.map((p, i) => ({ ...p, id: syntheticId(ID_KIND.payer, i + 1), kind: 'payer', active: true, ...stamp(at, options) }));
}

/** The demo clinic's fee schedule of services charged at the desk besides visits. */
export const SYNTHETIC_SERVICES: readonly { code: string; name: string; feeCents: number }[] = [
  { code: '36415', name: 'Blood draw', feeCents: 2_500 },
  { code: '81002', name: 'Urinalysis', feeCents: 1_800 },
  { code: '90686', name: 'Flu shot', feeCents: 4_000 },
  { code: '93000', name: 'Electrocardiogram', feeCents: 6_500 },
  { code: 'FORM-1', name: 'Forms completion (school, work)', feeCents: 1_500 },
  { code: 'REC-1', name: 'Records copy (paper)', feeCents: 1_000 },
];

export function syntheticServices(options: SyntheticClinicOptions = {}): Service[] {
  const at = `${options.asOf ?? '2026-11-23'}T12:00:00.000Z`;
  return SYNTHETIC_SERVICES.map((s, i) => ({ ...s, id: syntheticId(ID_KIND.service, i + 1), kind: 'service', active: true, ...stamp(at, options) }));
}

export function syntheticProviders(options: SyntheticClinicOptions = {}): Provider[] {
  const at = `${options.asOf ?? '2026-11-23'}T12:00:00.000Z`;
  return SYNTHETIC_PROVIDERS.map((p, i) => ({ ...p, id: syntheticId(ID_KIND.provider, i + 1), kind: 'provider', active: true, ...stamp(at, options) }));
}

/** The demo clinic's kinds of visit: the reasons its schedule books, each with its length and color. */
export const SYNTHETIC_VISIT_TYPES: readonly { name: string; minutes: number; color: string; forms: AppointmentType['formsDue']; followUpWeeks: number }[] = [
  { name: 'Follow-up', minutes: 20, color: '#1c7ed6', forms: [], followUpWeeks: 12 },
  { name: 'Sick visit', minutes: 20, color: '#e8590c', forms: [], followUpWeeks: 0 },
  { name: 'Annual physical', minutes: 40, color: '#2f9e44', forms: ['hipaa-notice'], followUpWeeks: 52 },
  { name: 'New patient visit', minutes: 40, color: '#7048e8', forms: ['intake', 'consent-to-treat', 'hipaa-notice', 'financial-policy'], followUpWeeks: 4 },
  { name: 'Blood pressure check', minutes: 20, color: '#c2255c', forms: [], followUpWeeks: 4 },
  { name: 'Medication review', minutes: 20, color: '#0c8599', forms: [], followUpWeeks: 12 },
  { name: 'Vaccination', minutes: 20, color: '#5c940d', forms: ['consent-to-treat'], followUpWeeks: 0 },
  { name: 'Lab results', minutes: 20, color: '#862e9c', forms: [], followUpWeeks: 0 },
];

/**
 * The demo clinic's scheduling reference data: its visit types, four exam rooms at its site, the
 * providers' weekday hours (8:00-12:00 and 13:00-17:00) from the start of the year, and New
 * Year's Day of the next year as a holiday.
 */
export function syntheticScheduling(options: SyntheticClinicOptions = {}): { types: AppointmentType[]; rooms: Room[]; templates: AvailabilityTemplate[]; holiday: ScheduleException } {
  const asOf = options.asOf ?? '2026-11-23';
  const at = `${asOf}T12:00:00.000Z`;
  const site = options.siteId ?? 'main';
  const types: AppointmentType[] = SYNTHETIC_VISIT_TYPES.map((t, i) => ({
    id: syntheticId(ID_KIND.appointmentType, i + 1),
    kind: 'appointment-type',
    name: t.name,
    durationMinutes: t.minutes,
    color: t.color,
    providerIds: [],
    needsRoom: false,
    formsDue: [...t.forms],
    feeCents: t.minutes === 40 ? 18_000 : 11_000,
    copayHintCents: 2_500,
    followUpWeeks: t.followUpWeeks,
    active: true,
    ...stamp(at, options),
  }));
  const rooms: Room[] = [1, 2, 3, 4].map((n) => ({ id: syntheticId(ID_KIND.room, n), kind: 'room', name: `Exam ${n}`, locationId: site, active: true, ...stamp(at, options) }));
  const templates: AvailabilityTemplate[] = syntheticProviders(options).map((p, i) => ({
    id: syntheticId(ID_KIND.availability, i + 1),
    kind: 'availability',
    name: 'Weekday hours',
    providerId: p.id,
    locationId: site,
    effectiveFrom: `${asOf.slice(0, 4)}-01-01`,
    effectiveTo: '',
    blocks: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '08:00', end: '12:00', typeIds: [] },
      { weekday, start: '13:00', end: '17:00', typeIds: [] },
    ]),
    ...stamp(at, options),
  }));
  const newYear = `${Number(asOf.slice(0, 4)) + 1}-01-01`;
  const holiday: ScheduleException = {
    id: syntheticId(ID_KIND.exception, 1),
    kind: 'schedule-exception',
    name: "New Year's Day",
    providerId: '',
    locationId: '',
    fromDate: newYear,
    toDate: newYear,
    startTime: '',
    endTime: '',
    reason: 'holiday',
    note: '',
    ...stamp(at, options),
  };
  return { types, rooms, templates, holiday };
}

/**
 * Patients `from` (0-based) up to `from + count`, with about seven in ten insured. Generating a
 * slice gives the same people as generating everything and slicing, so a large clinic can be
 * loaded in batches.
 */
export function syntheticPatients(from: number, count: number, options: SyntheticClinicOptions = {}): { patients: Patient[]; coverages: Coverage[] } {
  const asOf = options.asOf ?? '2026-11-23';
  const payers = syntheticPayers(options);
  const providers = syntheticProviders(options);
  const patients: Patient[] = [];
  const coverages: Coverage[] = [];
  const faker = new Faker({ locale: [en, es, base] });
  for (let i = from; i < from + count; i++) {
    // One seed per patient, so any slice is reproducible on its own.
    faker.seed((options.seed ?? 42) * 1_000_003 + i);
    const at = `${asOf}T12:00:00.000Z`;
    const { sex, givenName, familyName: ownFamilyName } = firstDraws(faker, i);
    const drawnBirth = faker.date.birthdate({ min: 0, max: 100, mode: 'age', refDate: `${asOf}T00:00:00Z` }).toISOString().slice(0, 10);
    // One patient in fifteen is the child of the patient before, who pays their bills (a family
    // account): the parent's family name, a child's age. Worked out without new random draws, so
    // everyone else is the same person as before.
    const child = i % 15 === 8;
    const familyName = child ? parentFamilyName(options.seed ?? 42, i - 1) : ownFamilyName;
    const year = Number(asOf.slice(0, 4));
    const monthDay = drawnBirth.slice(4) === '-02-29' ? '-02-28' : drawnBirth.slice(4);
    const parent = i % 15 === 7 && Number(drawnBirth.slice(0, 4)) > year - 25;
    const birth = child ? `${year - (3 + (i % 13))}${monthDay}` : parent ? `${year - 25 - (i % 30)}${monthDay}` : drawnBirth;
    const phones: PatientPhone[] = [{ number: usPhone(faker), type: 'mobile', texts: faker.datatype.boolean(0.6) }];
    if (i % 5 === 0) phones.push({ number: usPhone(faker), type: faker.helpers.arrayElement(['home', 'work'] as const), texts: false });
    const spanish = i % 7 === 0;
    const consentDate = faker.date.between({ from: '2020-01-01', to: `${asOf}T00:00:00Z` }).toISOString().slice(0, 10);
    const id = syntheticId(ID_KIND.patient, i + 1) as Patient['id'];
    patients.push({
      id,
      givenName,
      middleName: i % 3 === 0 ? faker.person.middleName() : '',
      familyName,
      suffix: i % 97 === 0 ? faker.helpers.arrayElement(['Jr.', 'Sr.', 'III']) : '',
      preferredName: i % 23 === 0 ? faker.person.firstName() : '',
      birthDate: birth,
      sex,
      genderIdentity: '',
      pronouns: i % 41 === 0 ? faker.helpers.arrayElement(['she/her', 'he/him', 'they/them']) : '',
      phones,
      email: i % 2 === 0 ? faker.internet.email({ firstName: givenName, lastName: familyName, provider: 'example.com' }).toLowerCase() : '',
      address: {
        line1: faker.location.streetAddress(),
        line2: i % 9 === 0 ? faker.location.secondaryAddress() : '',
        city: faker.location.city(),
        state: faker.helpers.arrayElement(US_STATES.slice(0, 51)),
        postalCode: faker.location.zipCode('#####'),
      },
      language: spanish ? 'es' : 'en',
      interpreterNeeded: spanish && i % 2 === 0,
      consent: {
        call: { given: true, recordedOn: consentDate },
        text: { given: phones[0]!.texts, recordedOn: phones[0]!.texts ? consentDate : '' },
        email: { given: false, recordedOn: '' },
      },
      emergencyContact: i % 4 === 0 ? { name: faker.person.fullName(), relationship: faker.helpers.arrayElement(['Spouse', 'Parent', 'Sibling', 'Friend']), phone: usPhone(faker) } : { name: '', relationship: '', phone: '' },
      guarantor: child ? { kind: 'patient', patientId: syntheticId(ID_KIND.patient, i), name: '', relationship: 'Parent', phone: '' } : { kind: 'self', patientId: '', name: '', relationship: '', phone: '' },
      primaryProviderId: providers[i % providers.length]!.id,
      alerts: i % 29 === 0 ? [faker.helpers.arrayElement(ALERTS)] : [],
      mrn: formatHumanNumber(options.mrnPrefix ?? 'DM', i + 1),
      status: 'active',
      mergedInto: '',
      ...stamp(at, options),
    });
    if (i % 10 < 7) {
      const payer = payers[i % payers.length]!;
      coverages.push({
        id: syntheticId(ID_KIND.coverage, i + 1) as Coverage['id'],
        patientId: id,
        rank: 'primary',
        payerId: payer.id,
        payerName: payer.name,
        plan: faker.helpers.arrayElement(['PPO', 'HMO', 'EPO', 'Part B', 'Gold', 'Silver']),
        memberId: `${payer.payerCode.slice(0, 3)}${faker.string.numeric(9)}`,
        groupNumber: faker.string.alphanumeric({ length: 6, casing: 'upper' }),
        relationship: 'self',
        subscriberName: '',
        subscriberBirthDate: '',
        effectiveFrom: '2026-01-01',
        effectiveTo: '',
        cardFrontId: '',
        cardBackId: '',
        status: 'active',
        ...stamp(at, options),
      });
    }
  }
  return { patients, coverages };
}

/** The first things drawn for patient `i`: sex, first and family name. */
function firstDraws(faker: Faker, i: number) {
  const sex = faker.helpers.arrayElement(['female', 'male', 'female', 'male', 'other', 'unknown'] as const);
  const givenName = faker.person.firstName(sex === 'female' ? 'female' : sex === 'male' ? 'male' : undefined);
  const familyName = i % 17 === 0 ? `${faker.person.lastName()}-${faker.person.lastName()}` : faker.person.lastName();
  return { sex, givenName, familyName };
}

/** Patient `i`'s family name, drawn again from their own seed. */
function parentFamilyName(seed: number, i: number): string {
  const faker = new Faker({ locale: [en, es, base] });
  faker.seed(seed * 1_000_003 + i);
  return firstDraws(faker, i).familyName;
}

function usPhone(faker: Faker): string {
  // Area and exchange codes never start with 0 or 1 (NANP).
  return `${faker.number.int({ min: 2, max: 9 })}${faker.string.numeric(2)}${faker.number.int({ min: 2, max: 9 })}${faker.string.numeric(6)}`;
}
