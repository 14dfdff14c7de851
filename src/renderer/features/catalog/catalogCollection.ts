import type { RxJsonSchema } from 'rxdb';
import type { CatalogEntry } from '../../../shared/catalog/catalog';
import { catalogJsonSchema } from '../../../shared/catalog/catalogJsonSchema';
import { defineCollection } from '../../data/collection';
import { latestChangeWins } from '../../data/conflicts';

type CatalogDoc = { [K in keyof typeof catalogJsonSchema.properties]?: unknown } & { id: string };

/*
 * The catalog's schema is shared with the server's rules: src/shared/catalog/catalogJsonSchema.ts
 * (what the catalog holds and how to add a field are explained there).
 */
export const catalogSchema = catalogJsonSchema satisfies RxJsonSchema<CatalogDoc>;

export const catalogMigrations = {
  /** v1 lets the catalog hold payers and providers next to the clinic profile; profiles are unchanged. */
  1: (doc: CatalogDoc) => doc,
  /** v2 lets it hold the scheduling reference data (appointment types, rooms, templates, exceptions); earlier entries are unchanged. */
  2: (doc: CatalogDoc) => doc,
  /** v3 lets it hold the front desk's rules (late, wait thresholds, cancellation notice); earlier entries are unchanged. */
  3: (doc: CatalogDoc) => doc,
  /** v4 adds to the front desk's rules how often insurance is verified and forms are renewed, and to appointment types the follow-up interval; records saved before read with the defaults. */
  4: (doc: CatalogDoc) => doc,
  /** v5 lets it hold the fee schedule's services (code, name, fee); earlier entries are unchanged. */
  5: (doc: CatalogDoc) => doc,
  /** v6 lets it hold versions of the forms' wording; earlier entries are unchanged. */
  6: (doc: CatalogDoc) => doc,
  /** v7 lets it hold versions of the logo printed on the forms; earlier entries are unchanged. */
  7: (doc: CatalogDoc) => doc,
};

export const catalogCollection = defineCollection<CatalogEntry>({ schema: catalogSchema as unknown as RxJsonSchema<CatalogEntry>, migrationStrategies: catalogMigrations, conflicts: latestChangeWins<CatalogEntry>() });
