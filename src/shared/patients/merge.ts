import { PATIENT_FIELDS, PatientInputSchema, type Patient, type PatientFields } from './patient';

/** For each field of the surviving record, whose value it keeps. */
export type MergeChoices = Partial<Record<keyof PatientFields, 'survivor' | 'other'>>;

function isEmptyValue(value: unknown): boolean {
  if (value === '' || value === null || value === undefined || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyValue);
  return false;
}

/**
 * What the merge screen proposes: the survivor's value for each field, except where the survivor
 * has nothing and the other record has something (a phone, an email, an address).
 */
export function defaultMergeChoices(survivor: Patient, other: Patient): MergeChoices {
  const choices: MergeChoices = {};
  for (const field of PATIENT_FIELDS) {
    choices[field] = isEmptyValue(survivor[field]) && !isEmptyValue(other[field]) ? 'other' : 'survivor';
  }
  // The self guarantor is a choice, not a blank.
  if (survivor.guarantor.kind === 'self') choices.guarantor = other.guarantor.kind === 'self' ? 'survivor' : choices.guarantor;
  return choices;
}

/** The fields that differ between the two records, for the merge screen to ask about. */
export function differingFields(a: Patient, b: Patient): (keyof PatientFields)[] {
  return PATIENT_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

export class MergeError extends Error {}

/**
 * The surviving record's fields after a merge, checked against the patient schema. Fields not in
 * `choices` keep the survivor's value.
 */
export function mergedFields(survivor: Patient, other: Patient, choices: MergeChoices): PatientFields {
  if (survivor.id === other.id) throw new MergeError('Choose two different patients to merge.');
  for (const p of [survivor, other]) {
    if (p.status === 'merged-into') throw new MergeError(`${p.familyName}, ${p.givenName} was already merged into another record.`);
  }
  const picked: Record<string, unknown> = {};
  for (const field of PATIENT_FIELDS) picked[field] = (choices[field] === 'other' ? other : survivor)[field];
  // A guarantor who is one of the two records becomes "self" once they are one person.
  const guarantor = picked['guarantor'] as Patient['guarantor'];
  if (guarantor.kind === 'patient' && (guarantor.patientId === survivor.id || guarantor.patientId === other.id)) {
    picked['guarantor'] = { kind: 'self', patientId: '', name: '', relationship: '', phone: '' };
  }
  const parsed = PatientInputSchema.safeParse(picked);
  if (!parsed.success) throw new MergeError(`The merged record would not be valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data;
}
