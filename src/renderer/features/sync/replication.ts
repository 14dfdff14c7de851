import type { RxCollection, RxJsonSchema, WithDeleted } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { combineLatest, filter, map, merge, type Observable } from 'rxjs';
import { remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../../../shared/sync/collections';
import type { ClinicDatabase } from '../../app/clinicDatabase';
import type { createMainFetch } from './mainFetch';

export interface ReplicationTarget {
  /** The server base URL without credentials, e.g. `https://couch.example.org:6984`. */
  url: string;
  dbPrefix: string;
}

export interface ClinicReplication {
  /** True while any collection is pulling or pushing. */
  active$: Observable<boolean>;
  /** Replication errors as messages a person can read. */
  error$: Observable<string>;
  /** Resolves when every collection has pushed its local changes and pulled the server's. */
  awaitInSync(): Promise<void>;
  /**
   * Resolves when one collection has received everything the server had when replication started
   * (and sent what was waiting): from then on its local copy is the clinic's list, not part of it.
   */
  awaitFirstSync(collection: SyncedCollection): Promise<void>;
  /** Asks every collection to check the server now. */
  reSync(): void;
  cancel(): Promise<void>;
}

/**
 * A plain DELETE on the server leaves a tombstone with no fields. Nothing in ClinicDesk deletes,
 * but if someone does it on the server, the tombstone gets a placeholder for every required field
 * so that the local store can apply it instead of failing on it (which would move the checkpoint
 * past a lost delete).
 */
export function fillTombstone<T>(schema: RxJsonSchema<T>) {
  const properties = schema.properties as Record<string, { type?: string | string[] }>;
  const required: readonly string[] = schema.required ?? [];
  return (doc: WithDeleted<T>): WithDeleted<T> => {
    if (!doc._deleted) return doc;
    const filled: Record<string, unknown> = { ...doc };
    for (const field of required) {
      if (filled[field] !== undefined) continue;
      const type = properties[field]?.type;
      const types = Array.isArray(type) ? type : [type];
      filled[field] = types.includes('null') ? null : types.includes('integer') || types.includes('number') ? 0 : '';
    }
    return filled as WithDeleted<T>;
  };
}

/** Turns what RxDB reports into a sentence for the status bar. */
export function describeReplicationError(error: unknown): string {
  const parameters = (error as { parameters?: { errors?: unknown[]; error?: unknown } }).parameters;
  const inner = (parameters?.errors?.[0] ?? parameters?.error) as { message?: string } | undefined;
  const message = inner?.message ?? (error as Error).message ?? String(error);
  // RxDB's own messages start with a line break; the first line with words is the one to show.
  return message.split('\n').map((line) => line.trim()).find(Boolean) ?? 'Sync ran into a problem.';
}

/**
 * A long-poll that this workstation aborted itself (sync settings changed, the desk locked or
 * stopped) is not a problem to report: RxDB reports it as a stream error and simply retries.
 */
export function isOwnAbort(error: unknown): boolean {
  const inner = (error as { parameters?: { error?: { name?: string; message?: string } } }).parameters?.error;
  return inner?.name === 'AbortError' || /\babort|request was cancelled/i.test(inner?.message ?? '');
}

/** Documents carry their images (up to ~800 KB of base64 each), so they travel a few at a time. */
const BATCH_SIZE: Partial<Record<SyncedCollection, number>> = { documents: 8 };

/**
 * Starts one live CouchDB replication per synced collection. Every HTTP request goes through
 * `http.fetch`, which main performs, so no browser connection limit applies.
 */
export function startClinicReplication(db: ClinicDatabase, target: ReplicationTarget, http: ReturnType<typeof createMainFetch>): ClinicReplication {
  const base = target.url.replace(/\/+$/, '');
  // Every synced collection the database has open (all of them in the app).
  const names = SYNCED_COLLECTIONS.filter((name) => name in db.collections);
  const states: RxCouchDBReplicationState<unknown>[] = names.map((name) =>
    replicateCouchDB({
      replicationIdentifier: `clinicdesk|${base}|${remoteDbName(target.dbPrefix, name)}`,
      collection: db.collections[name] as RxCollection<unknown>,
      url: `${base}/${remoteDbName(target.dbPrefix, name)}/`,
      fetch: http.fetch,
      live: true,
      retryTime: 2_000,
      waitForLeadership: false,
      pull: {
        batchSize: BATCH_SIZE[name] ?? 200,
        heartbeat: 25_000,
        modifier: fillTombstone(db.collections[name].schema.jsonSchema as RxJsonSchema<unknown>),
      },
      push: { batchSize: BATCH_SIZE[name] ?? 200 },
    }),
  );
  return {
    active$: combineLatest(states.map((s) => s.active$)).pipe(map((list) => list.some(Boolean))),
    error$: merge(...states.map((s) => s.error$)).pipe(filter((e) => !isOwnAbort(e)), map(describeReplicationError)),
    async awaitInSync() {
      await Promise.all(states.map((s) => s.awaitInSync()));
    },
    async awaitFirstSync(collection) {
      const state = states[names.indexOf(collection)];
      if (!state) throw new Error(`${collection} does not sync on this desk`);
      await state.awaitInitialReplication();
    },
    reSync() {
      for (const s of states) s.reSync();
    },
    async cancel() {
      http.abortAll();
      await Promise.all(states.map((s) => s.cancel()));
      http.abortAll();
    },
  };
}
