import type { BulkWriteRow, RxCollection, RxStorage, RxStorageBulkWriteResponse, RxStorageInstance } from 'rxdb';

/**
 * What a collection keeps of each document a schema migration writes: a small projection (the
 * patient finder's record of a patient), so that whoever needs every document once after the
 * migration (the finder's index) does not read the whole collection back out of IndexedDB.
 */
export type MigrationTap<T = unknown> = (doc: Record<string, unknown>) => T;

/** Every document one migration wrote, as the tap saw it. */
export interface MigratedDocuments<T> {
  /** By id: the tap's projection and whether the document is deleted. */
  documents: Map<string, { value: T; deleted: boolean }>;
  /**
   * The latest write among them, as RxDB's `[_meta.lwt, id]` checkpoint. A migration keeps each
   * document's write time, so every later write to the collection comes after this.
   */
  checkpoint: { lwt: number; id: string };
}

/**
 * RxDB's migration copies the old documents into the new storage through a storage-to-storage
 * replication whose writes carry this context; nothing else the app runs writes with it (its
 * sync replicates over HTTP). A test runs a real migration to hold RxDB to it.
 */
const MIGRATION_WRITE_CONTEXT = 'replication-master-write';

const migrated = new Map<string, MigratedDocuments<unknown>>();
const keyOf = (databaseName: string, collectionName: string) => `${databaseName}\u0000${collectionName}`;

/**
 * The documents a migration of this collection wrote while this page was open, handed over
 * once: the next call has none. Undefined when no migration ran (or it was handed over already).
 * A migration that an earlier run began and this one finished is here only in part: the caller
 * checks the count against the collection before trusting it.
 */
export function takeMigrated<T>(collection: RxCollection): MigratedDocuments<T> | undefined {
  const key = keyOf(collection.database.name, collection.name);
  const found = migrated.get(key);
  migrated.delete(key);
  return found as MigratedDocuments<T> | undefined;
}

/**
 * Wraps a storage so that the documents a schema migration writes into the named collections
 * pass through their tap. Everything else goes straight to the storage underneath.
 */
export function tapMigrations<I, O>(storage: RxStorage<I, O>, taps: Readonly<Record<string, MigrationTap>>): RxStorage<I, O> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const tap = taps[params.collectionName];
      if (!tap) return instance;
      const key = keyOf(params.databaseName, params.collectionName);
      const primaryPath = typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key;
      return tappedInstance(instance, (rows, result) => {
        const failed = new Set(result.error.map((e) => e.documentId));
        let entry = migrated.get(key);
        if (!entry) {
          entry = { documents: new Map(), checkpoint: { lwt: 0, id: '' } };
          migrated.set(key, entry);
        }
        for (const { document } of rows) {
          const doc = document as unknown as Record<string, unknown> & { _deleted: boolean; _meta: { lwt: number } };
          const id = String(doc[primaryPath]);
          if (failed.has(id)) continue;
          entry.documents.set(id, { value: tap(doc), deleted: doc._deleted });
          const lwt = doc._meta.lwt;
          if (lwt > entry.checkpoint.lwt || (lwt === entry.checkpoint.lwt && id > entry.checkpoint.id)) entry.checkpoint = { lwt, id };
        }
      });
    },
  };
}

function tappedInstance<D, I, O>(
  instance: RxStorageInstance<D, I, O>,
  tap: (rows: BulkWriteRow<D>[], result: RxStorageBulkWriteResponse<D>) => void,
): RxStorageInstance<D, I, O> {
  const getChanged = instance.getChangedDocumentsSince?.bind(instance);
  return {
    databaseName: instance.databaseName,
    internals: instance.internals,
    options: instance.options,
    schema: instance.schema,
    collectionName: instance.collectionName,
    ...(instance.underlyingPersistentStorage ? { underlyingPersistentStorage: instance.underlyingPersistentStorage } : {}),
    async bulkWrite(rows, context) {
      const result = await instance.bulkWrite(rows, context);
      if (context === MIGRATION_WRITE_CONTEXT) tap(rows, result);
      return result;
    },
    findDocumentsById: (ids, withDeleted) => instance.findDocumentsById(ids, withDeleted),
    query: (query) => instance.query(query),
    count: (query) => instance.count(query),
    getAttachmentData: (documentId, attachmentId, digest) => instance.getAttachmentData(documentId, attachmentId, digest),
    ...(getChanged ? { getChangedDocumentsSince: getChanged } : {}),
    changeStream: () => instance.changeStream(),
    cleanup: (minimumDeletedTime) => instance.cleanup(minimumDeletedTime),
    close: () => instance.close(),
    remove: () => instance.remove(),
  };
}
