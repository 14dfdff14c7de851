import { decryptField, encryptField } from './fieldEncryption';

/**
 * What this workstation last sent the server of each record the server has not confirmed yet, by
 * database and collection. RxDB merges a conflict against the version both sides started from
 * (the one it last exchanged with the server); when the answer to a push was lost, it has none,
 * although the server did store what was sent. The version sent is then the right one to merge
 * against: without it, every field the other workstation changed since would count as changed on
 * both sides, and the newer version would silently take them all back.
 *
 * They are kept in the database too (one sealed local document per collection, written before
 * anything is sent), so a restart between a lost answer and the conflict loses nothing either.
 */
export class PushedStates extends Map<string, Record<string, unknown>> {
  /** Changes made, and the number of them the stored copy holds. */
  changes = 0;
  stored = 0;

  override set(id: string, state: Record<string, unknown>): this {
    this.changes++;
    return super.set(id, state);
  }

  override delete(id: string): boolean {
    const had = super.delete(id);
    if (had) this.changes++;
    return had;
  }
}

interface Keeper {
  /** The database's field key: the stored copy holds whole records, sealed like encrypted fields. */
  key: Uint8Array;
  /** One save at a time per collection, in order. */
  saving: Map<string, Promise<void>>;
}

/** What this module needs of a database: its local (never synced) documents. */
interface LocalDocuments {
  readonly closed: boolean;
  getLocal(id: string): Promise<{ get(field: string): unknown } | null>;
  upsertLocal(id: string, data: { sealed: string }): Promise<unknown>;
}

const registry = new WeakMap<object, Map<string, PushedStates>>();
const keepers = new WeakMap<object, Keeper>();
const localId = (collection: string) => `sent-base-${collection}`;

export function pushedStates(db: object, collection: string): PushedStates {
  let byCollection = registry.get(db);
  if (!byCollection) {
    byCollection = new Map();
    registry.set(db, byCollection);
  }
  let states = byCollection.get(collection);
  if (!states) {
    states = new PushedStates();
    byCollection.set(collection, states);
  }
  return states;
}

/**
 * Reads back what an earlier run sent and the server had not confirmed, for these collections, and
 * keeps this database's copies from now on. A copy that cannot be opened is left out with a
 * warning: it only helps a merge after a lost answer, and nothing else depends on it.
 */
export async function restorePushedStates(db: LocalDocuments, collections: readonly string[], key: Uint8Array): Promise<void> {
  keepers.set(db, { key, saving: new Map() });
  for (const collection of collections) {
    const stored = await db.getLocal(localId(collection));
    if (!stored) continue;
    const states = pushedStates(db, collection);
    try {
      const opened = decryptField(stored.get('sealed'), key, '') as Record<string, Record<string, unknown>>;
      for (const [id, state] of Object.entries(opened)) if (!states.has(id)) states.set(id, state);
      states.stored = states.changes;
    } catch (error) {
      console.warn(`The ${collection} records sent and not yet confirmed by the server could not be read back`, error);
    }
  }
}

/**
 * Stores this collection's unconfirmed versions if they changed since last stored; called before
 * anything is sent. A database without a keeper (opened without `restorePushedStates`) keeps them in
 * memory only.
 */
export function savePushedStates(db: LocalDocuments, collection: string): Promise<void> {
  const keeper = keepers.get(db);
  if (!keeper) return Promise.resolve();
  const previous = keeper.saving.get(collection) ?? Promise.resolve();
  const next = previous.then(async () => {
    const states = pushedStates(db, collection);
    if (states.stored === states.changes || db.closed) return;
    const changes = states.changes;
    await db.upsertLocal(localId(collection), { sealed: encryptField(Object.fromEntries(states), keeper.key) });
    states.stored = changes;
  });
  keeper.saving.set(
    collection,
    next.catch(() => {}),
  );
  return next;
}
