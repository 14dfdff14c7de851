import { addRxPlugin, createRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { fieldEncryptionStorage, fieldKey } from './fieldEncryption';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { MAX_COLLECTIONS, type CollectionSpec, type CollectionsOf } from './collection';
import type { Conflict, ReviewedCollection } from '../../shared/conflicts/conflict';
import { appendOnlyConflictHandler, reviewedHandler, withSentBase, type ConflictSink } from './conflicts';
import { pushedStates, restorePushedStates } from './pushedStates';
import { tapMigrations, type MigrationTap } from './migrationTap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- collections of any document type
type AnySpecs = Record<string, CollectionSpec<any>>;

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export interface OpenDatabaseOptions<C extends AnySpecs> {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** The workstation's database key from main (`keys:database`). */
  encryptionKey: string;
  /** Every collection the features declare, by name. */
  collections: C;
  onUnexpectedConflict?: (collection: string, local: unknown, server: unknown) => void;
  /** Where conflicts for review are kept: the `conflicts` collection when it is open. */
  conflictSink?: ConflictSink;
  /**
   * Opens only these collections. RxDB's open-source build allows 13 open collections per
   * process, so a test that runs two workstations side by side opens the ones it uses; the app
   * always opens all of them.
   */
  only?: readonly (keyof C & string)[];
}

/**
 * Opens a workstation database with the given collections. The storage is a parameter: Dexie on
 * IndexedDB in the app, RxDB's memory storage in Node tests. The fields each schema lists as
 * `encrypted` are stored encrypted with the workstation's key (XChaCha20-Poly1305,
 * fieldEncryption.ts).
 */
export async function openDatabase<C extends AnySpecs>(options: OpenDatabaseOptions<C>): Promise<RxDatabase<CollectionsOf<C>>> {
  const names = Object.keys(options.collections);
  if (names.length > MAX_COLLECTIONS) {
    throw new Error(`The features declare ${names.length} collections (${names.join(', ')}); RxDB opens at most ${MAX_COLLECTIONS}. Group small kinds of record behind a kind field.`);
  }
  const taps: Record<string, MigrationTap> = {};
  for (const name of names) {
    const tap = (options.collections[name] as CollectionSpec<unknown>).migrationTap;
    if (tap) taps[name] = tap;
  }
  const report = options.onUnexpectedConflict ?? ((c, l, s) => console.error(`Unexpected change to an append-only ${c} record`, { local: l, server: s }));
  const db = await createRxDatabase<CollectionsOf<C>>({
    name: options.name,
    storage: tapMigrations(fieldEncryptionStorage({ storage: options.storage }), taps),
    password: options.encryptionKey,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
    // Local documents are never synced: what this workstation sent and the server has not confirmed.
    localDocuments: true,
  });
  const sink = options.conflictSink ?? conflictsCollectionSink(() => (db.collections as Record<string, RxCollection | undefined>)['conflicts']);
  const creators: Record<string, RxCollectionCreator> = {};
  for (const name of names) {
    if (options.only && !options.only.includes(name)) continue;
    const spec = options.collections[name]! as CollectionSpec<unknown>;
    creators[name] = {
      schema: spec.schema,
      autoMigrate: false,
      migrationStrategies: spec.migrationStrategies,
      conflictHandler:
        spec.conflicts === 'append-only'
          ? appendOnlyConflictHandler((l, s) => report(name, l, s))
          : withSentBase(
              spec.review ? reviewedHandler(name as ReviewedCollection, spec.conflicts as never, spec.review as never, sink) : spec.conflicts,
              () => pushedStates(db, name),
              typeof spec.schema.primaryKey === 'string' ? spec.schema.primaryKey : spec.schema.primaryKey.key,
            ),
    } as RxCollectionCreator;
  }
  await db.addCollections(creators as never);
  try {
    for (const name of Object.keys(creators)) {
      const collection = (db.collections as Record<string, RxCollection>)[name]!;
      if (collection.schema.version > 0) await collection.migratePromise(MIGRATION_BATCH_SIZE);
    }
    await restorePushedStates(db, Object.keys(creators), fieldKey(options.encryptionKey));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Documents migrated per write when a schema changes. RxDB's own default when it migrates on
 * opening is 10, which takes minutes for 100,000 patients; the desk waits for the migration
 * before it opens.
 */
const MIGRATION_BATCH_SIZE = 500;

/**
 * Keeps conflicts for review in the database's `conflicts` collection. One found again (the same
 * record, fields and versions) is already there under the same id and is left as it is, decided
 * or not. Without the collection (a test that opens only some), there is nowhere to keep them.
 */
function conflictsCollectionSink(open: () => RxCollection | undefined): ConflictSink {
  return async (conflicts: readonly Conflict[]) => {
    const collection = open();
    if (!collection) return;
    const result = await collection.bulkInsert([...conflicts]);
    const failed = result.error.filter((e) => e.status !== 409);
    if (failed.length > 0) throw new Error(`A conflict for review could not be kept: ${failed.map((e) => e.status).join(', ')}`);
  };
}
