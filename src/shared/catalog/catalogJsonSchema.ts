import { text, type CollectionJsonSchema } from '../domain/jsonSchema';

/*
 * The catalog holds the clinic's shared reference records behind a `kind` field (the clinic
 * profile, payers, providers; rooms and fees are to join it), keeping well under RxDB's
 * 13-collection limit. This is the RxDB schema of the `catalog` collection and the rules the
 * CouchDB server checks; each kind's fields are checked by its zod schema (catalog.ts, clinic.ts)
 * on every write and read. Adding a field: add it to the domain schema, here with a raised
 * `version`, a migration strategy (src/renderer/features/catalog/catalogCollection.ts) and a
 * migration test; run `npm run couchdb:setup` before workstations write it (the server refuses
 * fields it does not know).
 */
export const catalogJsonSchema = {
  title: 'catalog',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    kind: { type: 'string', enum: ['clinic-profile', 'payer', 'provider'], maxLength: 40 },
    name: text(120),
    address: text(200),
    phone: text(40),
    timeZone: text(64),
    npi: text(10),
    taxId: text(10),
    demo: { type: 'boolean' },
    payerCode: text(10),
    credentials: text(20),
    active: { type: 'boolean' },
    createdAt: text(30),
    updatedAt: text(30),
    updatedBy: text(100),
    siteId: text(40),
  },
  required: ['id', 'kind', 'name', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  indexes: ['kind'],
  additionalProperties: false,
} as const satisfies CollectionJsonSchema;
