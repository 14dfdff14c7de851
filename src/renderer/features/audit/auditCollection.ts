import type { RxJsonSchema } from 'rxdb';
import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { auditJsonSchema } from '../../../shared/audit/auditJsonSchema';
import { defineCollection } from '../../data/collection';

/*
 * The audit log is append-only and hash-chained. The schema is shared with the server's rules:
 * src/shared/audit/auditJsonSchema.ts (adding a field is explained there).
 */
export const auditSchema: RxJsonSchema<AuditEntry> = auditJsonSchema;

export const auditMigrations = {
  /** v1 stores `changes` and `detail` encrypted; the hashed content is unchanged. */
  1: (doc: AuditEntry) => doc,
};

export const auditCollection = defineCollection<AuditEntry>({ schema: auditSchema, migrationStrategies: auditMigrations, conflicts: 'append-only' });
