import type { CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * The stored form of a ledger entry: the RxDB schema of the append-only `ledger` collection and
 * the rules the CouchDB server checks. Adding a field: add it to LedgerEntrySchema (ledger.ts),
 * here with a raised `version`, a migration strategy
 * (src/renderer/features/payments/ledgerCollection.ts) and a migration test; run
 * `npm run couchdb:setup` before workstations write it (the server refuses fields it does not know).
 */
export const ledgerJsonSchema = {
  title: 'ledger',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['payment'], maxLength: 20 },
    purpose: { type: 'string', enum: ['copay', 'payment'], maxLength: 20 },
    patientId: { type: 'string', maxLength: 36 },
    appointmentId: { type: ['string', 'null'], maxLength: 36 },
    amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    method: { type: 'string', enum: ['cash', 'card', 'check'], maxLength: 10 },
    reference: { type: 'string', maxLength: 40 },
    receiptNumber: { type: 'string', maxLength: 20 },
    createdAt: { type: 'string', maxLength: 30 },
    createdBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'kind', 'purpose', 'patientId', 'appointmentId', 'amountCents', 'method', 'reference', 'receiptNumber', 'createdAt', 'createdBy', 'siteId'],
  indexes: ['createdAt', 'patientId'],
  // Check numbers and card digits are payment details; nothing looks them up.
  encrypted: ['reference'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
