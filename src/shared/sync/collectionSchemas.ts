import { auditJsonSchema } from '../audit/auditJsonSchema';
import { conflictJsonSchema } from '../conflicts/conflictJsonSchema';
import { staffJsonSchema } from '../auth/staffJsonSchema';
import { catalogJsonSchema } from '../catalog/catalogJsonSchema';
import type { CollectionJsonSchema } from '../domain/jsonSchema';
import { coverageJsonSchema } from '../patients/coverageJsonSchema';
import { documentJsonSchema } from '../patients/documentJsonSchema';
import { patientJsonSchema } from '../patients/patientJsonSchema';
import { ledgerJsonSchema } from '../payments/ledgerJsonSchema';
import { drawerJsonSchema } from '../payments/drawerJsonSchema';
import { appointmentJsonSchema } from '../schedule/appointmentJsonSchema';
import { visitJsonSchema } from '../checkin/visitJsonSchema';
import type { SyncedCollection } from './collections';

/**
 * The JSON schema of every synced collection: the very objects the renderer opens its RxDB
 * collections with, from which main derives the server's validation rules. A test checks that
 * each feature's collection uses the schema named here.
 */
export const SYNCED_SCHEMAS: Readonly<Record<SyncedCollection, CollectionJsonSchema>> = {
  patients: patientJsonSchema,
  appointments: appointmentJsonSchema,
  ledger: ledgerJsonSchema,
  staff: staffJsonSchema,
  audit: auditJsonSchema,
  catalog: catalogJsonSchema,
  coverages: coverageJsonSchema,
  documents: documentJsonSchema,
  conflicts: conflictJsonSchema,
  visits: visitJsonSchema,
  drawers: drawerJsonSchema,
};
