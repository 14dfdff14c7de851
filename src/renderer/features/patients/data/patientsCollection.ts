import type { RxJsonSchema } from 'rxdb';
import { text } from '../../../data/fields';
import type { Patient } from '../../../../shared/patients/patient';
import { defineCollection } from '../../../data/collection';
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { newerOf } from '../../../data/conflicts';

/*
 * Adding a field to patients:
 * 1. add it to PatientSchema in src/shared/patients/patient.ts;
 * 2. add it here, raise `version` and add a migration strategy that fills it in old documents;
 * 3. add a migration test in tests/unit/db/migrations.test.ts;
 * 4. if the server validates it, update src/main/sync/couchSetup.ts.
 * Nested fields are checked by the zod schema on every write and read, not here.
 */

export const patientSchema: RxJsonSchema<Patient> = {
  title: 'patients',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    givenName: text(100),
    middleName: text(100),
    familyName: text(100),
    suffix: text(20),
    preferredName: text(100),
    birthDate: text(10),
    sex: { type: 'string', enum: ['female', 'male', 'other', 'unknown'], maxLength: 10 },
    genderIdentity: text(60),
    pronouns: text(40),
    phones: { type: 'array', maxItems: 5, items: { type: 'object' } },
    email: text(254),
    address: { type: 'object' },
    language: text(40),
    interpreterNeeded: { type: 'boolean' },
    consent: { type: 'object' },
    emergencyContact: { type: 'object' },
    guarantor: { type: 'object' },
    primaryProviderId: text(36),
    alerts: { type: 'array', maxItems: 10, items: { type: 'string' } },
    mrn: text(20),
    status: { type: 'string', enum: ['active', 'inactive', 'deceased', 'merged-into'], maxLength: 20 },
    mergedInto: text(36),
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: [
    'id', 'givenName', 'middleName', 'familyName', 'suffix', 'preferredName', 'birthDate', 'sex', 'genderIdentity', 'pronouns',
    'phones', 'email', 'address', 'language', 'interpreterNeeded', 'consent', 'emergencyContact', 'guarantor',
    'primaryProviderId', 'alerts', 'mrn', 'status', 'mergedInto', 'createdAt', 'updatedAt', 'updatedBy', 'siteId',
  ],
  indexes: ['familyName', 'birthDate', 'mergedInto'],
  additionalProperties: false,
};

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
 * Patients: the latest change wins, except that a merge is never undone by sync. A copy edited
 * offline after the record was merged elsewhere must not bring the merged-away record back as
 * active; if two workstations merged the record into different survivors, the earlier merge
 * stands (the later one was made from a stale copy) and the other survivor keeps its own data.
 */
export const patientConflictHandler: RxConflictHandler<Patient> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async ({ newDocumentState: local, realMasterState: server }) => {
    const latest = newerOf(local, server);
    const merged = [local, server].filter((p) => p.status === 'merged-into');
    if (merged.length === 0) return latest;
    const first = merged.length === 2 ? (newerOf(merged[0]!, merged[1]!) === merged[0] ? merged[1]! : merged[0]!) : merged[0]!;
    return { ...latest, status: 'merged-into', mergedInto: first.mergedInto };
  },
};

export const patientsCollection = defineCollection<Patient>({ schema: patientSchema, migrationStrategies: patientMigrations, conflicts: patientConflictHandler });
