import type { FinderSnapshot } from './finderSnapshot';

/**
 * Where the finder's snapshot is kept between runs. `load` hands back whatever was stored,
 * unchecked (undefined when nothing was): it may be from an older version or damaged, and the
 * caller decides whether it can be used.
 */
export interface FinderSnapshotStore {
  load(): Promise<unknown>;
  save(snapshot: FinderSnapshot): Promise<void>;
  clear(): Promise<void>;
}

/** The snapshot's own IndexedDB database, beside the clinic database it was built from. */
export function finderSnapshotDatabaseName(clinicDatabaseName: string): string {
  return `${clinicDatabaseName}-finder`;
}

const STORE = 'snapshots';
const KEY = 'patients';

/**
 * Keeps the snapshot in a raw IndexedDB database of its own, so it never touches the clinic
 * database's schema or sync. A lost or half-written snapshot only costs a full build, so writes
 * ask for relaxed durability.
 */
export function indexedDbSnapshotStore(databaseName: string, factory: IDBFactory = indexedDB): FinderSnapshotStore {
  let connection: Promise<IDBDatabase> | undefined;
  const connect = (): Promise<IDBDatabase> => {
    connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        // Let a deletion or upgrade elsewhere proceed; the next call opens again.
        db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        db.onclose = () => (connection = undefined);
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`Could not open ${databaseName}`));
      request.onblocked = () => reject(new Error(`Opening ${databaseName} is blocked by another connection`));
    }).catch((error: unknown) => {
      connection = undefined;
      throw error;
    });
    return connection;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await connect();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode, { durability: 'relaxed' });
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('The snapshot transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('The snapshot transaction was aborted'));
    });
  };
  return {
    load: () => run('readonly', (store) => store.get(KEY)),
    save: async (snapshot) => {
      await run('readwrite', (store) => store.put(snapshot, KEY));
    },
    clear: async () => {
      await run('readwrite', (store) => store.delete(KEY));
    },
  };
}

/** A store in memory for tests: values are structured-cloned in and out as IndexedDB would. */
export function memorySnapshotStore(): FinderSnapshotStore & { saves: number; put(value: unknown): void } {
  let stored: unknown;
  return {
    saves: 0,
    load: () => Promise.resolve(stored === undefined ? undefined : structuredClone(stored)),
    save(snapshot) {
      stored = structuredClone(snapshot);
      this.saves++;
      return Promise.resolve();
    },
    clear: () => {
      stored = undefined;
      return Promise.resolve();
    },
    put(value) {
      stored = value;
    },
  };
}
