import type { RxJsonSchema } from 'rxdb';
import type { Patient } from '../../../shared/domain/patient';

/*
 * Adding a field to patients:
 * 1. add it to PatientSchema in src/shared/domain/patient.ts;
 * 2. add it here, raise `version` and add a migration strategy that fills it in old documents;
 * 3. add a migration test in tests/unit/db/migrations.test.ts;
 * 4. if the server validates it, update src/main/sync/couchSetup.ts.
 */
export const patientSchema: RxJsonSchema<Patient> = {
  title: 'patients',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    givenName: { type: 'string', maxLength: 100 },
    familyName: { type: 'string', maxLength: 100 },
    birthDate: { type: 'string', maxLength: 10 },
    phone: { type: 'string', maxLength: 10 },
    mrn: { type: 'string', maxLength: 20 },
    status: { type: 'string', enum: ['active', 'inactive', 'deceased', 'merged-into'], maxLength: 20 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
    updatedBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'givenName', 'familyName', 'birthDate', 'phone', 'mrn', 'status', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['familyName', 'birthDate', 'phone'],
  additionalProperties: false,
};

export const patientMigrations = {
  /** v1 adds the MRN; patients registered before it have none (an empty string) until one is given. */
  1: (doc: Omit<Patient, 'mrn'>): Patient => ({ ...doc, mrn: '' }),
};
