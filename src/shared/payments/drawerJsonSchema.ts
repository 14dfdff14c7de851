import type { CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * The stored form of a cash drawer record (drawer.ts): the RxDB schema of the append-only
 * `drawers` collection and the rules the CouchDB server checks. Adding a field: add it to the
 * record's schema, here with a raised `version`, a migration strategy
 * (src/renderer/features/payments/drawersCollection.ts) and a migration test; run
 * `npm run couchdb:setup` before workstations write it.
 */
export const drawerJsonSchema = {
  title: 'drawers',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', enum: ['open', 'close', 'reopen'], maxLength: 10 },
    sessionId: { type: 'string', maxLength: 36 },
    workstationId: { type: 'string', maxLength: 64 },
    workstationName: { type: 'string', maxLength: 40 },
    siteId: { type: 'string', maxLength: 40 },
    businessDate: { type: 'string', maxLength: 10 },
    createdAt: { type: 'string', maxLength: 30 },
    createdBy: { type: 'string', maxLength: 100 },
    note: { type: 'string', maxLength: 200 },
    floatCents: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    counts: { type: 'array', maxItems: 12, items: { type: 'integer', minimum: 0, maximum: 100_000 } },
    checks: {
      type: 'array',
      maxItems: 500,
      items: { type: 'object', properties: { number: { type: 'string', maxLength: 20 }, amountCents: { type: 'integer', minimum: 1, maximum: 10_000_000 } }, required: ['number', 'amountCents'], additionalProperties: false },
    },
    countedCashCents: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    countedChecksCents: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    expectedCashCents: { type: 'integer', minimum: -10_000_000, maximum: 10_000_000 },
    expectedChecksCents: { type: 'integer', minimum: -10_000_000, maximum: 10_000_000 },
    overShortCents: { type: 'integer', minimum: -20_000_000, maximum: 20_000_000 },
    closeId: { type: 'string', maxLength: 36 },
    approvedBy: { type: 'string', maxLength: 100 },
  },
  required: ['id', 'kind', 'sessionId', 'workstationId', 'workstationName', 'siteId', 'businessDate', 'createdAt', 'createdBy', 'note'],
  indexes: ['businessDate', 'createdAt'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
