import type { RxJsonSchema } from 'rxdb';
import type { PatientDocument } from '../../../../shared/patients/document';
import { documentJsonSchema } from '../../../../shared/patients/documentJsonSchema';
import { defineCollection } from '../../../data/collection';
import { latestChangeWins } from '../../../data/conflicts';

/*
 * Scanned documents (insurance cards, signed forms). RxDB's CouchDB replication does not carry
 * attachments, so the file travels inside the document as base64, size-limited (see
 * src/shared/patients/document.ts). Documents never change except `status` and, in a merge,
 * `patientId`.
 */

/** The schema is shared with the server's rules: src/shared/patients/documentJsonSchema.ts. */
export const documentSchema: RxJsonSchema<PatientDocument> = documentJsonSchema;

export const documentMigrations = {};

export const documentsCollection = defineCollection<PatientDocument>({ schema: documentSchema, migrationStrategies: documentMigrations, conflicts: latestChangeWins<PatientDocument>() });
