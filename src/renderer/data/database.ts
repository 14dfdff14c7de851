import { addRxPlugin, createRxDatabase, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { MAX_COLLECTIONS, type CollectionSpec, type CollectionsOf } from './collection';
import { appendOnlyConflictHandler } from './conflicts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- collections of any document type
type AnySpecs = Record<string, CollectionSpec<any>>;

addRxPlugin(RxDBMigrationSchemaPlugin);

export interface OpenDatabaseOptions<C extends AnySpecs> {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** The workstation's database key from main (`keys:database`). */
  encryptionKey: string;
  /** Every collection the features declare, by name. */
  collections: C;
  onUnexpectedConflict?: (collection: string, local: unknown, server: unknown) => void;
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
 * `encrypted` are stored encrypted with the workstation's key (AES through RxDB's crypto-js
 * wrapper).
 */
export async function openDatabase<C extends AnySpecs>(options: OpenDatabaseOptions<C>): Promise<RxDatabase<CollectionsOf<C>>> {
  const names = Object.keys(options.collections);
  if (names.length > MAX_COLLECTIONS) {
    throw new Error(`The features declare ${names.length} collections (${names.join(', ')}); RxDB opens at most ${MAX_COLLECTIONS}. Group small kinds of record behind a kind field.`);
  }
  const report = options.onUnexpectedConflict ?? ((c, l, s) => console.error(`Unexpected change to an append-only ${c} record`, { local: l, server: s }));
  const db = await createRxDatabase<CollectionsOf<C>>({
    name: options.name,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: options.storage }),
    password: options.encryptionKey,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const creators: Record<string, RxCollectionCreator> = {};
  for (const name of names) {
    if (options.only && !options.only.includes(name)) continue;
    const spec = options.collections[name]! as CollectionSpec<unknown>;
    creators[name] = {
      schema: spec.schema,
      migrationStrategies: spec.migrationStrategies,
      conflictHandler: spec.conflicts === 'append-only' ? appendOnlyConflictHandler((l, s) => report(name, l, s)) : spec.conflicts,
    } as RxCollectionCreator;
  }
  await db.addCollections(creators as never);
  return db;
}
