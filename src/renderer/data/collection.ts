import type { MigrationStrategies, RxCollection, RxConflictHandler, RxJsonSchema } from 'rxdb';
import type { ReviewRules } from './conflicts';
import type { MigrationTap } from './migrationTap';

/**
 * One RxDB collection as a feature declares it: its schema, the migrations from every earlier
 * version, and how two versions of one document are reconciled after offline edits.
 * `append-only` is for records that are written once and never changed (money, audit).
 */
export interface CollectionSpec<T> {
  schema: RxJsonSchema<T>;
  migrationStrategies: MigrationStrategies;
  conflicts: RxConflictHandler<T> | 'append-only';
  /**
   * The meaningful fields a person reviews when two workstations changed them differently (see
   * `reviewedHandler`); the collection must be one of REVIEWED_COLLECTIONS.
   */
  review?: ReviewRules<T>;
  /**
   * What to keep of each document a schema migration of this collection writes, for a reader
   * that needs every document once afterwards (`takeMigrated`).
   */
  migrationTap?: MigrationTap;
}

/** Declares a collection of documents of type `T`. */
export function defineCollection<T>(spec: CollectionSpec<T>): CollectionSpec<T> {
  return spec;
}

/** The RxDB collections a set of collection specs opens, by name. */
export type CollectionsOf<C> = { [K in keyof C]: C[K] extends CollectionSpec<infer T> ? RxCollection<T> : never };

/**
 * The open-source RxDB opens at most 13 collections per process (the 14th waits, the 15th
 * throws). The app keeps headroom below it.
 */
export const MAX_COLLECTIONS = 13;
