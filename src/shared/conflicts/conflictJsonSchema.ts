import { text, type CollectionJsonSchema } from '../domain/jsonSchema';
import { REVIEWED_COLLECTIONS } from './conflict';

/*
 * Conflicts kept for review (src/shared/conflicts/conflict.ts): the RxDB schema of the `conflicts`
 * collection and the server's rules. The versions' values are JSON text so one schema fits every
 * reviewed field, whatever its type.
 */
export const conflictJsonSchema = {
  title: 'conflicts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    recordCollection: { type: 'string', enum: [...REVIEWED_COLLECTIONS], maxLength: 20 },
    recordId: text(36),
    patientId: text(36),
    group: text(40),
    label: text(60),
    versions: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: {
        type: 'object',
        properties: { values: text(2000), updatedAt: text(30), updatedBy: text(100), siteId: text(40) },
        required: ['values', 'updatedAt', 'updatedBy', 'siteId'],
        additionalProperties: false,
      },
    },
    status: { type: 'string', enum: ['open', 'resolved'], maxLength: 10 },
    kept: { type: 'integer', minimum: -1, maximum: 1, multipleOf: 1 },
    resolvedAt: text(30),
    resolvedBy: text(100),
    resolvedByName: text(100),
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: [
    'id', 'recordCollection', 'recordId', 'patientId', 'group', 'label', 'versions', 'status', 'kept', 'resolvedAt', 'resolvedBy', 'resolvedByName',
    'createdAt', 'updatedAt', 'updatedBy', 'siteId',
  ],
  indexes: ['status', 'recordId'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
