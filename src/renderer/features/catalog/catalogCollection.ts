import type { RxJsonSchema } from 'rxdb';
import { text } from '../../data/fields';
import type { CatalogEntry } from '../../../shared/catalog/catalog';
import { defineCollection } from '../../data/collection';
import { latestChangeWins } from '../../data/conflicts';

/*
 * The catalog holds the clinic's shared reference records behind a `kind` field (the clinic
 * profile, payers, providers; rooms and fees are to join it), keeping well under RxDB's
 * 13-collection limit. Each kind's fields are checked by its zod schema
 * (src/shared/catalog/catalog.ts) on every write and read. Adding a field: add it to the domain
 * schema, here with a raised `version` and a migration strategy, and a migration test.
 */

type CatalogDoc = { [K in keyof CatalogEntry | 'payerCode' | 'credentials' | 'active' | 'address' | 'timeZone' | 'taxId' | 'demo' | 'npi' | 'phone']?: unknown } & {
  id: string;
};

export const catalogSchema = {
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
} as const satisfies RxJsonSchema<CatalogDoc>;

export const catalogMigrations = {
  /** v1 lets the catalog hold payers and providers next to the clinic profile; profiles are unchanged. */
  1: (doc: CatalogDoc) => doc,
};

export const catalogCollection = defineCollection<CatalogEntry>({ schema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, migrationStrategies: catalogMigrations, conflicts: latestChangeWins<CatalogEntry>() });
