import { text, type CollectionJsonSchema } from '../domain/jsonSchema';
import { MAX_DOCUMENT_BYTES } from './document';

/*
 * Scanned documents (insurance cards, signed forms): the RxDB schema of the `documents` collection
 * and the server's rules; see patientJsonSchema.ts for how to add a field. The file travels inside
 * the document as base64, size-limited (see document.ts).
 */
export const documentJsonSchema = {
  title: 'documents',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    patientId: text(36),
    kind: { type: 'string', enum: ['insurance-card-front', 'insurance-card-back', 'photo-id', 'signed-form', 'other'], maxLength: 30 },
    title: text(120),
    contentType: { type: 'string', enum: ['image/jpeg', 'image/webp', 'application/pdf'], maxLength: 30 },
    data: { type: 'string', maxLength: Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 },
    bytes: { type: 'integer', minimum: 1, maximum: MAX_DOCUMENT_BYTES },
    width: { type: 'integer', minimum: 0 },
    height: { type: 'integer', minimum: 0 },
    sha256: text(64),
    status: { type: 'string', enum: ['active', 'removed'], maxLength: 10 },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'patientId', 'kind', 'title', 'contentType', 'data', 'bytes', 'width', 'height', 'sha256', 'status', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['patientId'],
  encrypted: ['data'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
