import type { CollectionSpec } from '../../src/renderer/data/collection';

/**
 * The collections with one of them a schema version ahead of the release, migrated by `strategy`:
 * how a test or the bench runs a real schema migration of data the app wrote.
 */
export function oneVersionAhead<C extends Record<string, CollectionSpec<unknown>>>(
  collections: C,
  name: keyof C & string,
  strategy: (doc: Record<string, unknown>) => Record<string, unknown> | null,
): C {
  const spec = collections[name]!;
  const version = spec.schema.version + 1;
  return { ...collections, [name]: { ...spec, schema: { ...spec.schema, version }, migrationStrategies: { ...spec.migrationStrategies, [version]: strategy } } };
}
