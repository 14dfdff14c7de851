import type { RxCollection, RxJsonSchema, WithDeleted } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { combineLatest, filter, map, merge, type Observable } from 'rxjs';
import { remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../../../shared/sync/collections';
import type { ClinicDatabase } from '../../app/clinicDatabase';
import { pushedStates, savePushedStates, type PushedStates } from '../../data/pushedStates';
import type { createMainFetch } from './mainFetch';
import { countUnsynced } from './unsynced';

export interface ReplicationTarget {
  /** The server base URL without credentials, e.g. `https://couch.example.org:6984`. */
  url: string;
  dbPrefix: string;
}

/** One collection's replication, for its line on the sync screen. */
export interface CollectionReplication {
  name: SyncedCollection;
  /** The server database it syncs with, and its URL (ending in `/`). */
  remoteDb: string;
  dbUrl: string;
  active$: Observable<boolean>;
  error$: Observable<string>;
  /** Each document the server accepted. */
  sent$: Observable<unknown>;
  /** Documents not confirmed by the server yet, counted from the local database. */
  unsynced(): Promise<number | null>;
  /** The local copies of documents, by id (deleted ones too); a missing one is left out. */
  localCopies(ids: readonly string[]): Promise<Record<string, unknown>[]>;
  /** The server's copies of documents, by id: `null` for one it does not have. */
  serverCopies(ids: readonly string[]): Promise<Map<string, { rev: string; deleted: boolean; doc: Record<string, unknown> | null } | null>>;
  awaitInSync(): Promise<void>;
  /**
   * Resolves when the collection has received everything the server had when replication started
   * (and sent what was waiting): from then on its local copy is the clinic's list, not part of it.
   */
  awaitFirstSync(): Promise<void>;
  /** Asks the collection to read the server's feed again now. */
  reSync(): void;
}

export interface ClinicReplication {
  collections: readonly CollectionReplication[];
  /** True while any collection is pulling or pushing. */
  active$: Observable<boolean>;
  /** Replication errors as messages a person can read. */
  error$: Observable<string>;
  /** Resolves when every collection has pushed its local changes and pulled the server's. */
  awaitInSync(): Promise<void>;
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

/** Whether a document id names a CouchDB design document, such as the one holding the server's rules. */
export function isDesignDocumentId(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith('_design/');
}

/**
 * What a pulled document becomes locally. CouchDB's `_changes` feed also carries the design
 * document that holds the server's validation rules, and RxDB's pull cannot skip a document: it
 * would be stored as a record of the collection. It is stored as a deleted record instead, which
 * no query returns. Bare tombstones get their placeholders (see fillTombstone).
 */
export function pulledDocument<T>(schema: RxJsonSchema<T>) {
  const fill = fillTombstone(schema);
  const primary = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
  return (doc: WithDeleted<T>): WithDeleted<T> => {
    const id = (doc as Record<string, unknown>)[primary];
    return fill(isDesignDocumentId(id) ? ({ [primary]: id, _deleted: true } as WithDeleted<T>) : doc);
  };
}

/**
 * The design document's local stand-in is never sent back: only the setup command writes design
 * documents. Every other document sent is noted in `sent` until the server confirms it, so a merge
 * after a lost answer has the version the server stored to start from (data/pushedStates.ts).
 */
export function pushedDocument<T>(schema: RxJsonSchema<T>, sent?: PushedStates) {
  const primary = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
  return (doc: WithDeleted<T>): WithDeleted<T> | null => {
    const id = (doc as Record<string, unknown>)[primary];
    if (isDesignDocumentId(id)) return null;
    // The first version sent and not confirmed is the one the server may hold; a later attempt
    // that the server refuses as a conflict must not take its place.
    if (sent && !sent.has(String(id))) sent.set(String(id), doc as Record<string, unknown>);
    return doc;
  };
}

/**
 * Stores what is about to be sent (data/pushedStates.ts) before each write to the server
 * (`_bulk_docs`) leaves, so the version the server may hold survives a restart whatever happens
 * to the answer. A failure to store fails the push, which RxDB tries again.
 */
export function keepingSentFirst(fetch: typeof globalThis.fetch, save: () => Promise<void>): typeof globalThis.fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if ((init?.method ?? 'GET').toUpperCase() === 'POST' && new URL(url).pathname.endsWith('/_bulk_docs')) await save();
    return fetch(input, init);
  };
}

type AllDocsRow = { key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Record<string, unknown> | null };

/** Asks the server for its copies of documents (`_all_docs` with their ids), a few hundred at a time. */
export async function serverCopies(fetch: typeof globalThis.fetch, dbUrl: string, ids: readonly string[]) {
  const copies = new Map<string, { rev: string; deleted: boolean; doc: Record<string, unknown> | null } | null>();
  for (let i = 0; i < ids.length; i += 200) {
    const keys = ids.slice(i, i + 200);
    const response = await fetch(`${dbUrl}_all_docs?include_docs=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ keys }),
    });
    if (!response.ok) throw new Error(`The server did not answer which records it has (${response.status}).`);
    const { rows } = (await response.json()) as { rows: AllDocsRow[] };
    for (const row of rows) {
      copies.set(row.key, row.value && !row.error ? { rev: row.value.rev, deleted: Boolean(row.value.deleted), doc: row.doc ?? null } : null);
    }
  }
  return copies;
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

/** CouchDB's reason in an error answer (`{"error": …, "reason": …}`), if it gave one. */
function reasonOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { reason?: unknown; error?: unknown };
    const reason = typeof parsed.reason === 'string' ? parsed.reason : typeof parsed.error === 'string' ? parsed.error : null;
    return reason?.trim() || null;
  } catch {
    return null;
  }
}

/**
 * RxDB's CouchDB replication reads every answer as a success. An error answer (a 503 from a
 * server that is starting up or from a proxy in front of it, a 500, a 404 for a missing
 * database) then fails on the missing `results` or `rows`; in the live long-poll that happens
 * outside RxDB's own error handling, so it was an unhandled rejection and the collection's live
 * feed stopped for good. This `fetch` turns such an answer into an error, which RxDB reports and
 * retries like a network failure. Refused passwords never get here: main stops them first.
 */
export function failOnErrorAnswers(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const reason = reasonOf(await response.text());
    const status = [response.status, response.statusText].filter(Boolean).join(' ');
    const said = reason ? `: ${reason}` : '';
    throw new Error(`The sync server answered ${status}${said}${/[.!?]$/.test(said) ? '' : '.'}`);
  }) as typeof globalThis.fetch;
}

/** The `last_seq` of a changes-feed answer, which CouchDB writes after the results; null if there is none. */
function lastSeqOf(body: string): string | null {
  const at = body.lastIndexOf('"last_seq"');
  const match = at < 0 ? null : /^"last_seq"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(body.slice(at));
  if (!match?.[1]) return null;
  const value: unknown = JSON.parse(match[1]);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * Whether a changes-feed answer ends the pass that reads it (fewer results than the batch asked
 * for), which is where RxDB ends its pass too. CouchDB's `pending` cannot say it: changes written
 * while the answer was made count there, and no further batch is asked for.
 */
function endsThePass(url: string, body: string): boolean {
  const limit = Number(new URL(url).searchParams.get('limit'));
  if (!Number.isFinite(limit) || limit <= 0) return true;
  try {
    const { results } = JSON.parse(body) as { results?: unknown[] };
    return !Array.isArray(results) || results.length < limit;
  } catch {
    return false;
  }
}

/**
 * RxDB reads a changes feed one batch at a time: it asks for the next batch only once it has
 * written the last one, so the workstation and the server take turns, each idle while the other
 * works, and every batch waits a round trip more. This `fetch` asks for the next batch as soon as
 * a full one arrives (the same request from the sequence the answer ends at, exactly what RxDB
 * asks next), so it is on its way while RxDB writes; RxDB's request is then answered with it. A
 * request for any other batch drops it. Nothing else changes: RxDB still decides what to ask and
 * what to keep.
 */
export function prefetchingChanges(fetch: typeof globalThis.fetch): { fetch: typeof globalThis.fetch; close(): void } {
  let ahead: { key: string; controller: AbortController; response: Promise<Response> } | null = null;
  const drop = () => {
    ahead?.controller.abort();
    ahead = null;
  };
  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = (init?.method ?? 'GET').toUpperCase();
      const isBatch = method === 'GET' && url.includes('/_changes?') && new URL(url).searchParams.get('feed') === 'normal';
      let response: Response;
      if (isBatch && ahead && ahead.key === requestKey(url)) {
        response = await ahead.response;
        ahead = null;
      } else {
        if (isBatch) drop();
        response = await fetch(input, init);
      }
      if (isBatch && response.ok) {
        const limit = Number(new URL(url).searchParams.get('limit'));
        const body = await response.clone().text();
        const seq = lastSeqOf(body);
        if (seq !== null && limit > 0 && !endsThePass(url, body)) {
          const next = new URL(url);
          next.searchParams.set('since', seq);
          const controller = new AbortController();
          const headers = init?.headers;
          const pending = fetch(next.href, { method: 'GET', ...(headers ? { headers } : {}), signal: controller.signal });
          pending.catch(() => undefined);
          ahead = { key: requestKey(next.href), controller, response: pending };
        }
      }
      return response;
    }) as typeof globalThis.fetch,
    close: drop,
  };
}

/** A request's path and parameters, in an order that does not depend on how the URL was written. */
function requestKey(url: string): string {
  const parsed = new URL(url);
  const params = [...parsed.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(params).toString()}`;
}

/** One collection's replication `fetch` whose live feed never starts from "now"; see resumingChangesFeed. */
export interface ResumingFetch {
  fetch: typeof globalThis.fetch;
  /** Ends the long-polls still waiting for the feed to be read to its end: the replication stops. */
  close(): void;
}

/**
 * RxDB's live CouchDB pull long-polls the changes feed from `since=now`, and moves `since` on
 * only when an answer arrives, while its first pass reads the feed from the last checkpoint. Every
 * change the server received between the moment that pass read the feed's end and the moment the
 * long-poll reached the server was never pulled: the workstation lacked those records, with no
 * error, until something asked for a full pass. That happened whenever the long-poll failed before
 * its first answer (a dropped connection) and was sent again from a new "now", and when it reached
 * the server after the first pass (a restart while others were writing). Found by the chaos runs
 * (`npm run chaos`).
 *
 * This `fetch` never sends `since=now`: such a long-poll waits until the first pass has read the
 * feed to its end (an answer with fewer results than its batch, as RxDB decides) and asks from the
 * last sequence the feed gave. A change that arrives twice is applied once.
 */
export function resumingChangesFeed(fetch: typeof globalThis.fetch): ResumingFetch {
  let lastSeq: string | null = null;
  let readToEnd = false;
  let closed = false;
  let waiting: (() => void)[] = [];
  const wake = () => {
    const woken = waiting;
    waiting = [];
    for (const resolve of woken) resolve();
  };
  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const changes = url.includes('/_changes?');
      const fromNow = changes && /[?&]since=now(&|$)/.test(url);
      if (fromNow) {
        while (!readToEnd && !closed) await new Promise<void>((resolve) => waiting.push(resolve));
        if (closed || lastSeq === null) throw new DOMException('The replication was stopped.', 'AbortError');
      }
      const sent = fromNow && lastSeq !== null ? url.replace(/([?&]since=)now(?=&|$)/, `$1${encodeURIComponent(lastSeq)}`) : url;
      const response = await fetch(sent === url ? input : sent, init);
      if (changes && response.ok) {
        const body = await response.clone().text();
        const seq = lastSeqOf(body);
        if (seq !== null) {
          lastSeq = seq;
          if (!readToEnd && (url.includes('feed=longpoll') || endsThePass(url, body))) {
            readToEnd = true;
            wake();
          }
        }
      }
      return response;
    }) as typeof globalThis.fetch,
    close() {
      closed = true;
      wake();
    },
  };
}

/** Documents carry their images (up to ~800 KB of base64 each), so they travel a few at a time. */
const BATCH_SIZE: Partial<Record<SyncedCollection, number>> = { documents: 8 };

/**
 * Starts one live CouchDB replication per synced collection. Every HTTP request goes through
 * `http.fetch`, which main performs, so no browser connection limit applies.
 */
export function startClinicReplication(
  db: ClinicDatabase,
  target: ReplicationTarget,
  http: ReturnType<typeof createMainFetch>,
  /** How many times each database was found re-created on the server: each time, a new replication. */
  generations: Partial<Record<SyncedCollection, number>> = {},
): ClinicReplication {
  const base = target.url.replace(/\/+$/, '');
  // Every synced collection the database has open (all of them in the app).
  const names = SYNCED_COLLECTIONS.filter((name) => name in db.collections);
  const fetches = names.map((name) => {
    const ahead = prefetchingChanges(keepingSentFirst(failOnErrorAnswers(http.fetch), () => savePushedStates(db, name)));
    const resuming = resumingChangesFeed(ahead.fetch);
    return {
      fetch: resuming.fetch,
      close() {
        resuming.close();
        ahead.close();
      },
    };
  });
  const states: RxCouchDBReplicationState<unknown>[] = names.map((name, i) => {
    const schema = db.collections[name].schema.jsonSchema as RxJsonSchema<unknown>;
    return replicateCouchDB({
      replicationIdentifier: `clinicdesk|${base}|${remoteDbName(target.dbPrefix, name)}${generations[name] ? `|${generations[name]}` : ''}`,
      collection: db.collections[name] as RxCollection<unknown>,
      url: `${base}/${remoteDbName(target.dbPrefix, name)}/`,
      fetch: fetches[i]!.fetch,
      live: true,
      retryTime: 2_000,
      waitForLeadership: false,
      pull: {
        batchSize: BATCH_SIZE[name] ?? 200,
        heartbeat: 25_000,
        modifier: pulledDocument(schema),
      },
      push: { batchSize: BATCH_SIZE[name] ?? 200, modifier: pushedDocument(schema, pushedStates(db, name)) },
    });
  });
  // What the server confirmed needs no base of its own any more: RxDB keeps it from here.
  const confirmed = states.map((state, i) => {
    const sent = pushedStates(db, names[i]!);
    const schema = db.collections[names[i]!].schema.jsonSchema as RxJsonSchema<unknown>;
    const primary = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
    return state.sent$.subscribe((doc) => sent.delete(String((doc as Record<string, unknown>)[primary])));
  });
  const collections = names.map((name, i): CollectionReplication => {
    const state = states[i] as RxCouchDBReplicationState<unknown>;
    return {
      name,
      remoteDb: remoteDbName(target.dbPrefix, name),
      dbUrl: `${base}/${remoteDbName(target.dbPrefix, name)}/`,
      active$: state.active$,
      error$: state.error$.pipe(filter((e) => !isOwnAbort(e)), map(describeReplicationError)),
      sent$: state.sent$,
      unsynced: () => countUnsynced(state),
      localCopies: async (ids) => (await db.collections[name].storageInstance.findDocumentsById([...ids], true)) as unknown as Record<string, unknown>[],
      serverCopies: (ids) => serverCopies(http.fetchNow, `${base}/${remoteDbName(target.dbPrefix, name)}/`, ids),
      awaitInSync: async () => {
        await state.awaitInSync();
      },
      awaitFirstSync: async () => {
        await state.awaitInitialReplication();
      },
      reSync: () => state.reSync(),
    };
  });
  return {
    collections,
    active$: combineLatest(states.map((s) => s.active$)).pipe(map((list) => list.some(Boolean))),
    error$: merge(...states.map((s) => s.error$)).pipe(filter((e) => !isOwnAbort(e)), map(describeReplicationError)),
    async awaitInSync() {
      await Promise.all(states.map((s) => s.awaitInSync()));
    },
    reSync() {
      for (const s of states) s.reSync();
    },
    async cancel() {
      for (const f of fetches) f.close();
      http.abortAll();
      await Promise.all(states.map((s) => s.cancel()));
      http.abortAll();
      for (const subscription of confirmed) subscription.unsubscribe();
    },
  };
}
