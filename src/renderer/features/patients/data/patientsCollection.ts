import type { RxJsonSchema } from 'rxdb';
import type { Patient } from '../../../../shared/patients/patient';
import { patientJsonSchema } from '../../../../shared/patients/patientJsonSchema';
import { defineCollection } from '../../../data/collection';
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { mergeFields, newerOf } from '../../../data/conflicts';
import { finderRecordOf } from '../finder/patientFinderIndex';

/*
 * The patients collection. Its schema lives in src/shared/patients/patientJsonSchema.ts (with the
 * checklist for adding a field), because the CouchDB server's rules are derived from it too.
 */
export const patientSchema: RxJsonSchema<Patient> = patientJsonSchema;

type PatientV1 = Omit<Patient, Exclude<keyof Patient, 'id' | 'givenName' | 'familyName' | 'birthDate' | 'mrn' | 'status' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'siteId'>> & {
  phone: string;
};

export const patientMigrations = {
  /** v1 adds the MRN; patients registered before it have none (an empty string) until one is given. */
  1: (doc: Record<string, unknown>) => ({ ...doc, mrn: '' }),
  /**
   * v2 is the full record. The one phone becomes the first of a list (its type unknown, no texts
   * until the patient agrees); everything new starts empty, English, self-guarantor, unknown sex.
   */
  2: ({ phone, ...doc }: PatientV1): Patient => ({
    ...doc,
    middleName: '',
    suffix: '',
    preferredName: '',
    sex: 'unknown',
    genderIdentity: '',
    pronouns: '',
    phones: [{ number: phone, type: 'other', texts: false }],
    email: '',
    address: { line1: '', line2: '', city: '', state: '', postalCode: '' },
    language: 'en',
    interpreterNeeded: false,
    consent: { call: { given: false, recordedOn: '' }, text: { given: false, recordedOn: '' }, email: { given: false, recordedOn: '' } },
    emergencyContact: { name: '', relationship: '', phone: '' },
    guarantor: { kind: 'self', patientId: '', name: '', relationship: '', phone: '' },
    primaryProviderId: '',
    alerts: [],
    mergedInto: '',
  }),
};

/**
 * Patients: fields merge one by one, the latest change winning a field both sides changed, except that a merge is never undone by sync. A copy edited
 * offline after the record was merged elsewhere must not bring the merged-away record back as
 * active; if two workstations merged the record into different survivors, the earlier merge
 * stands (the later one was made from a stale copy) and the other survivor keeps its own data.
 */
export const patientConflictHandler: RxConflictHandler<Patient> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async (input) => {
    const { newDocumentState: local, realMasterState: server } = input;
    const latest = mergeFields(input).merged;
    const merged = [local, server].filter((p) => p.status === 'merged-into');
    if (merged.length === 0) return latest;
    const first = merged.length === 2 ? (newerOf(merged[0]!, merged[1]!) === merged[0] ? merged[1]! : merged[0]!) : merged[0]!;
    return { ...latest, status: 'merged-into', mergedInto: first.mergedInto };
  },
};

/** A patient's name and date of birth identify them: two different changes to either go to a person. */
export const PATIENT_REVIEW = {
  groups: [
    { key: 'name', label: 'Name', fields: ['givenName', 'middleName', 'familyName', 'suffix'] },
    { key: 'birthDate', label: 'Date of birth', fields: ['birthDate'] },
  ],
  patientOf: (p: Patient) => p.id,
};

export const patientsCollection = defineCollection<Patient>({ schema: patientSchema, migrationStrategies: patientMigrations, conflicts: patientConflictHandler, review: PATIENT_REVIEW,
  // The finder indexes every patient after a migration from what the migration wrote, instead of reading 100,000 records back.
  migrationTap: finderRecordOf,
});
