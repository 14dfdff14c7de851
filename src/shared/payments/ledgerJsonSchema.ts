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
 *
 * v3 adds the kinds of entry besides payments: charges, allocations (a payment applied to a
 * charge), adjustments, voids and refunds (ledger.ts), a payment's transaction (the tenders
 * of one split payment) and the cash drawer session a cash or check payment or cash refund went into. Only what every kind has is required; each kind's own fields are
 * checked when the entry is read (LedgerEntrySchema), and a payment written by a v2 workstation
 * is still accepted.
 *
 * v4 adds payment plans (a total in instalments, each with its due date) and statements (what was
 * due when a statement was sent); neither changes a balance. A void can now cancel a plan.
 */
export const ledgerJsonSchema = {
  title: 'ledger',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['charge', 'payment', 'allocation', 'adjustment', 'void', 'refund', 'plan', 'statement'], maxLength: 20 },
    purpose: { type: 'string', enum: ['copay', 'payment'], maxLength: 20 },
    patientId: { type: 'string', maxLength: 36 },
    appointmentId: { type: ['string', 'null'], maxLength: 36 },
    amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    method: { type: 'string', enum: ['cash', 'card', 'check', 'other'], maxLength: 10 },
    reference: { type: 'string', maxLength: 40 },
    tenderedCents: { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 },
    authCode: { type: 'string', maxLength: 12 },
    receiptNumber: { type: 'string', maxLength: 20 },
    transactionId: { type: 'string', maxLength: 36 },
    drawerId: { type: 'string', maxLength: 36 },
    description: { type: 'string', maxLength: 80 },
    code: { type: 'string', maxLength: 40 },
    providerId: { type: 'string', maxLength: 36 },
    serviceDate: { type: 'string', maxLength: 10 },
    paymentId: { type: 'string', maxLength: 36 },
    chargeId: { type: 'string', maxLength: 36 },
    reason: { type: 'string', enum: ['discount', 'write-off', 'small-balance', 'courtesy', 'hardship'], maxLength: 20 },
    note: { type: 'string', maxLength: 200 },
    targetId: { type: 'string', maxLength: 36 },
    targetKind: { type: 'string', enum: ['charge', 'payment', 'adjustment', 'plan'], maxLength: 20 },
    instalments: {
      type: 'array',
      maxItems: 60,
      items: { type: 'object', properties: { dueDate: { type: 'string', maxLength: 10 }, amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 } }, required: ['dueDate', 'amountCents'], additionalProperties: false },
    },
    dueDate: { type: 'string', maxLength: 10 },
    createdAt: { type: 'string', maxLength: 30 },
    createdBy: { type: 'string', maxLength: 100 },
    siteId: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'kind', 'patientId', 'amountCents', 'createdAt', 'createdBy', 'siteId'],
  indexes: ['createdAt', 'patientId'],
  // Check numbers, card digits and authorization codes are payment details, and what a charge was
  // for or why money was adjusted can tell about care; nothing looks them up.
  encrypted: ['reference', 'authCode', 'description', 'note'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
