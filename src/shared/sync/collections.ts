/**
 * The collections that sync with the clinic's CouchDB server. Each one is a CouchDB database
 * named `<dbPrefix>_<collection>`. RxDB's open-source build opens at most 13 collections per
 * process, so new kinds of record join an existing collection behind a `kind` field where they can.
 */
export const SYNCED_COLLECTIONS = ['patients', 'appointments', 'ledger', 'staff', 'audit', 'catalog', 'coverages', 'documents', 'conflicts', 'visits', 'drawers'] as const;
export type SyncedCollection = (typeof SYNCED_COLLECTIONS)[number];

/** Collections whose documents may never change once written (money, audit). */
export const APPEND_ONLY_COLLECTIONS: readonly SyncedCollection[] = ['ledger', 'audit', 'drawers'];

/** The CouchDB database name of a collection for a clinic. */
export function remoteDbName(dbPrefix: string, collection: SyncedCollection): string {
  return `${dbPrefix}_${collection}`;
}

/**
 * The field that says when a record was last written: `updatedAt` on mutable records, `createdAt`
 * on append-only ones (never updated), `at` on audit entries. Every write sets it, so a record on
 * the server with the same stamp as here holds this workstation's write.
 */
export function stampField(collection: SyncedCollection): string {
  if (collection === 'audit') return 'at';
  return APPEND_ONLY_COLLECTIONS.includes(collection) ? 'createdAt' : 'updatedAt';
}
