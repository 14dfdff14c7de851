import { text, type CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * The stored form of a patient: the RxDB schema of the `patients` collection, and the rules the
 * CouchDB server checks every written record against. Adding a field to patients:
 * 1. add it to PatientSchema in src/shared/patients/patient.ts;
 * 2. add it here, raise `version` and add a migration strategy that fills it in old documents
 *    (src/renderer/features/patients/data/patientsCollection.ts);
 * 3. add a migration test in tests/unit/db/migrations.test.ts;
 * 4. run `npm run couchdb:setup` against the clinic's server before workstations write the field:
 *    the server refuses fields its rules do not know.
 * Nested fields are checked by the zod schema on every write and read, not here.
 */
export const patientJsonSchema = {
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
} as const satisfies CollectionJsonSchema;
