import type { RxDatabase } from 'rxdb';
import { openDatabase, type OpenDatabaseOptions } from '../data/database';
import { collectionsOf, type FeatureCollections } from './feature';
import { FEATURES, type Features } from './features';

export type ClinicCollections = FeatureCollections<Features>;
export type ClinicDatabase = RxDatabase<ClinicCollections>;

/** Opens the workstation's clinic database with every feature's collections. */
export async function openClinicDatabase(
  options: Omit<OpenDatabaseOptions<Record<string, never>>, 'collections' | 'only'> & { only?: readonly (keyof ClinicCollections)[] },
): Promise<ClinicDatabase> {
  return (await openDatabase({ ...options, collections: collectionsOf(FEATURES) })) as unknown as ClinicDatabase;
}
