import type { ReactElement } from 'react';
import type { Patient } from '../../shared/patients/patient';
import type { Settings } from '../../shared/settings/channels';
import type { CollectionSpec, CollectionsOf } from '../data/collection';
import type { DeskWorkContext } from '../data/workContext';
import type { AuditTrail } from '../features/audit/auditTrail';
import type { PlatformClient } from '../platform/client';

/** What every feature's repositories are built from, besides their own collections. */
export interface FeatureDeps {
  ctx: DeskWorkContext;
  client: PlatformClient;
  /** Reading the audit log (a record's history). */
  auditTrail: AuditTrail;
  settings: () => Settings;
  /** Reads a patient for the app's own use (a receipt's name), not audited as a view. */
  findPatient: (id: string) => Promise<Patient | null>;
  /** The record a patient's id leads to after merges, and every record merged into it: one account, one history. */
  patientIdentities: (id: string) => Promise<string[]>;
}

/** A screen in the navigation, opened with Alt and its key. */
export interface ScreenSpec<Id extends string = string> {
  id: Id;
  label: string;
  key: string;
  component: () => ReactElement;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a collection of any document type
type Collections = Record<string, CollectionSpec<any>>;

/**
 * A feature of the desk: the collections it keeps, the repositories its screens and other
 * features use, what it starts, and the screens it adds to the navigation. It is registered by
 * one line in `app/features.ts`.
 */
export interface DeskFeature<C extends Collections = Collections, R extends object = object, S extends string = string, Reads extends Collections = Collections> {
  id: string;
  collections: C;
  /**
   * Collections of other features this one uses, named by their specs: read (a payer's name on a
   * coverage) or, for the demo loader, filled in bulk.
   */
  uses?: Reads;
  repositories: (db: CollectionsOf<C & Reads>, deps: FeatureDeps) => R;
  /** Runs once the whole desk is built, e.g. to follow a synced record or join a patient merge. */
  start?: (repos: R, deps: FeatureDeps) => void;
  screens?: readonly ScreenSpec<S>[];
}

/** Declares a feature; the types of its collections, repositories and screens come from it. */
export function defineFeature<C extends Collections, R extends object, const S extends string = never, Reads extends Collections = Record<never, never>>(
  feature: DeskFeature<C, R, S, Reads>,
): DeskFeature<C, R, S, Reads> {
  return feature;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any feature, whatever its repositories take
type AnyFeature = DeskFeature<any, any, string, any>;

/** Every collection the features declare, opened. */
export type FeatureCollections<F extends readonly AnyFeature[]> = CollectionsOf<UnionToIntersection<F[number]['collections']>>;
/** Every repository the features make, by name. */
export type FeatureRepositories<F extends readonly AnyFeature[]> = UnionToIntersection<ReturnType<F[number]['repositories']>>;
/** The ids of every screen the features add. */
export type FeatureScreenId<F extends readonly AnyFeature[]> = NonNullable<F[number]['screens']>[number]['id'];

/** All the features' collection specs in one map; a name two features use is refused. */
export function collectionsOf(features: readonly AnyFeature[]): Collections {
  const all: Collections = {};
  for (const feature of features) {
    for (const [name, spec] of Object.entries(feature.collections)) {
      if (Object.hasOwn(all, name)) throw new Error(`Two features declare the collection ${name}`);
      all[name] = spec as Collections[string];
    }
  }
  return all;
}

/** The navigation: every feature's screens in the order of the list; a key used twice is refused. */
export function screensOf(features: readonly AnyFeature[]): ScreenSpec[] {
  const screens = features.flatMap((f) => f.screens ?? []);
  const keys = new Set<string>();
  for (const screen of screens) {
    if (keys.has(screen.key)) throw new Error(`Two screens use the shortcut Alt+${screen.key}`);
    keys.add(screen.key);
  }
  return screens;
}
