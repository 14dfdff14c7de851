import type { CollectionJsonSchema } from '../domain/jsonSchema';
import { AuditActionSchema } from './auditEntry';

/*
 * The stored form of an audit entry: the RxDB schema of the append-only, hash-chained `audit`
 * collection and the rules the CouchDB server checks. A field added here must also be added to
 * AuditEntrySchema (auditEntry.ts), old entries must keep verifying (a migration may never rewrite
 * the fields that were hashed), and `npm run couchdb:setup` must run before workstations write it
 * (the server refuses fields it does not know).
 */
export const auditJsonSchema = {
  title: 'audit',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    workstationId: { type: 'string', maxLength: 64 },
    seq: { type: 'integer', minimum: 1, maximum: 1_000_000_000_000, multipleOf: 1 },
    at: { type: 'string', maxLength: 30 },
    siteId: { type: 'string', maxLength: 40 },
    actor: { type: 'string', maxLength: 64 },
    actorName: { type: 'string', maxLength: 120 },
    action: { type: 'string', enum: [...AuditActionSchema.options], maxLength: 24 },
    patientId: { type: ['string', 'null'], maxLength: 36 },
    subject: { type: 'string', maxLength: 200 },
    changes: { type: 'array', items: { type: 'object' } },
    detail: { type: 'string', maxLength: 1000 },
    approvedBy: { type: ['string', 'null'], maxLength: 64 },
    prevHash: { type: 'string', maxLength: 64 },
    hash: { type: 'string', maxLength: 64 },
  },
  required: ['id', 'workstationId', 'seq', 'at', 'siteId', 'actor', 'actorName', 'action', 'patientId', 'subject', 'changes', 'detail', 'approvedBy', 'prevHash', 'hash'],
  indexes: [['workstationId', 'seq'], 'at'],
  // The before and after values of changes are patient data; nothing looks them up.
  encrypted: ['changes', 'detail'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
