import type { CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * The stored form of a ledger entry: the RxDB schema of the append-only `ledger` collection and
 * the rules the CouchDB server checks. Adding a field: add it to LedgerEntrySchema (ledger.ts),
 * here with a raised `version`, a migration strategy
 * (src/renderer/features/payments/ledgerCollection.ts) and a migration test; run
 * `npm run couchdb:setup` before workstations write it (the server refuses fields it does not know).
 *
 * v2 adds the cash tendered and the card terminal's authorization code, and the method `other`
 * (an HSA or FSA payment, a money order). They are not required, so an entry written by a
 * workstation still on v1 is accepted; reading fills them in.
 */
export const ledgerJsonSchema = {
  title: 'ledger',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['payment'], maxLength: 20 },
    purpose: { type: 'string', enum: ['copay', 'payment'], maxLength: 20 },
    patientId: { type: 'string', maxLength: 36 },
    appointmentId: { type: ['string', 'null'], maxLength: 36 },
    amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    method: { type: 'string', enum: ['cash', 'card', 'check', 'other'], maxLength: 10 },
    reference: { type: 'string', maxLength: 40 },
    tenderedCents: { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 },
    authCode: { type: 'string', maxLength: 12 },
    receiptNumber: { type: 'string', maxLength: 20 },
    createdAt: { type: 'string', maxLength: 30 },
    createdBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'kind', 'purpose', 'patientId', 'appointmentId', 'amountCents', 'method', 'reference', 'receiptNumber', 'createdAt', 'createdBy', 'siteId'],
  indexes: ['createdAt', 'patientId'],
  // Check numbers, card digits and authorization codes are payment details; nothing looks them up.
  encrypted: ['reference', 'authCode'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
