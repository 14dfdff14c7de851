import { DbPrefixSchema } from '../../shared/settings/channels';
import { SYNCED_COLLECTIONS, remoteDbName, type SyncedCollection } from '../../shared/sync/collections';
import { SetupError, canonicalJson, ensureDatabase, getDocOrNull, type CouchRequester } from './couchRequester';

/*
 * An office keeps working across its own workstations when its internet is down by syncing with a
 * CouchDB server in the office, which replicates both ways with headquarters' server. CouchDB's own
 * replicator does that, driven by documents in the office server's `_replicator` database: two per
 * clinic database, one sending and one receiving, continuous, so they resume by themselves when
 * the line comes back.
 */

export const REPLICATOR_DB = '_replicator';

/**
 * Design documents stay on their server: each server gets its rules from its own setup run, and
 * only admins may write them (the rules refuse anyone else), so a replicator signed in as a clinic
 * user would be refused them anyway. `_local` documents (checkpoints, the database's mark) never
 * replicate at all.
 */
export const REPLICATION_SELECTOR = { _id: { $regex: '^(?!_design/)' } } as const;

/** A CouchDB server and the user the replicator signs in as there. */
export type ServerLogin = {
  /** Base URL without credentials, e.g. `https://hq.example.org` or `https://hq.example.org/couch`. */
  url: string;
  username: string;
  password: string;
};

export type ReplicationDirection = 'push' | 'pull';

/** One side of a replication as CouchDB 3.x reads it: the database URL and a Basic auth header. */
export type ReplicationEndpoint = { url: string; headers: { Authorization: string } };

export type ReplicationDocument = {
  _id: string;
  source: ReplicationEndpoint;
  target: ReplicationEndpoint;
  continuous: true;
  selector: typeof REPLICATION_SELECTOR;
};

export type ReplicationOptions = {
  /** This server's clinic prefix. */
  prefix: string;
  /** The clinic's prefix on the other server (default: the same). */
  remotePrefix?: string;
  /** How this server's replicator reaches this server itself, and as whom. */
  local: ServerLogin;
  /** The other server (headquarters) and the user the replicator signs in as there. */
  remote: ServerLogin;
};

/** The `_replicator` document id for one database and direction, e.g. `clinicdesk-clinic_patients-push`. */
export function replicationDocId(localDb: string, direction: ReplicationDirection): string {
  return `clinicdesk-${localDb}-${direction}`;
}

/**
 * Splits a server URL with credentials (`https://user:secret@host/base`) into its base URL and
 * login. Percent-encoded characters in the user name and password are decoded.
 */
export function loginFromUrl(raw: string): ServerLogin {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SetupError(`"${raw.replace(/\/\/[^@/]*@/, '//…@')}" is not a URL; expected e.g. https://user:secret@hq.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SetupError('a server URL must start with http:// or https://');
  if (url.search || url.hash) throw new SetupError(`${url.origin}${url.pathname}: a server URL has no query or fragment`);
  return {
    url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

function basicAuth(login: ServerLogin): string {
  return `Basic ${Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64')}`;
}

function endpoint(login: ServerLogin, db: string): ReplicationEndpoint {
  return { url: `${login.url.replace(/\/+$/, '')}/${encodeURIComponent(db)}`, headers: { Authorization: basicAuth(login) } };
}

function checkLogin(login: ServerLogin, which: string): void {
  if (!login.username || !login.password) {
    throw new SetupError(`${which} needs a user name and password in its URL: the replicator signs in with them.`);
  }
  if (login.username.includes(':')) throw new SetupError(`${which}: a user name with ":" cannot sign in with Basic auth.`);
}

/**
 * The replication documents of a clinic: for every synced collection, one that sends this server's
 * database to the other server's and one that receives the other way.
 */
export function replicationDocuments(options: ReplicationOptions): ReplicationDocument[] {
  const prefix = DbPrefixSchema.parse(options.prefix);
  const remotePrefix = DbPrefixSchema.parse(options.remotePrefix ?? options.prefix);
  checkLogin(options.local, 'this server');
  checkLogin(options.remote, 'the other server');
  if (options.local.url.replace(/\/+$/, '') === options.remote.url.replace(/\/+$/, '') && prefix === remotePrefix) {
    throw new SetupError('the other server is this server, with the same prefix: a database cannot replicate with itself.');
  }
  return SYNCED_COLLECTIONS.flatMap((collection) => {
    const here = endpoint(options.local, remoteDbName(prefix, collection));
    const there = endpoint(options.remote, remoteDbName(remotePrefix, collection));
    const db = remoteDbName(prefix, collection);
    const doc = (direction: ReplicationDirection, source: ReplicationEndpoint, target: ReplicationEndpoint): ReplicationDocument => ({
      _id: replicationDocId(db, direction),
      source,
      target,
      continuous: true,
      selector: REPLICATION_SELECTOR,
    });
    return [doc('push', here, there), doc('pull', there, here)];
  });
}

/** The fields of a replication document that describe the replication, without CouchDB's own. */
function describedReplication(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).filter(([key]) => key !== '_id' && key !== '_rev' && key !== 'owner' && !key.startsWith('_replication_')),
  );
}

export type ReplicationChange = 'created' | 'updated' | 'unchanged';

export type ReplicationSetupResult = {
  id: string;
  /** This server's database. */
  db: string;
  collection: SyncedCollection;
  direction: ReplicationDirection;
  change: ReplicationChange;
  /** The other server's database, without credentials. */
  remoteDb: string;
};

/**
 * Creates or updates the clinic's replication documents in this server's `_replicator` database
 * (creating it if missing). A document that already describes the same replication is left alone,
 * so a running replication is not restarted; a changed password or address updates it.
 */
export async function setupReplication(server: CouchRequester, options: ReplicationOptions): Promise<ReplicationSetupResult[]> {
  const wanted = replicationDocuments(options);
  await ensureDatabase(server, REPLICATOR_DB);
  const results: ReplicationSetupResult[] = [];
  for (const [index, doc] of wanted.entries()) {
    const collection = SYNCED_COLLECTIONS[Math.floor(index / 2)] as SyncedCollection;
    const direction: ReplicationDirection = index % 2 === 0 ? 'push' : 'pull';
    const existing = await getDocOrNull(server, REPLICATOR_DB, doc._id);
    let change: ReplicationChange = 'unchanged';
    if (!existing) {
      await server.request({ db: REPLICATOR_DB, doc: doc._id, method: 'PUT', body: doc });
      change = 'created';
    } else if (canonicalJson(describedReplication(existing)) !== canonicalJson(describedReplication(doc))) {
      await server.request({ db: REPLICATOR_DB, doc: doc._id, method: 'PUT', body: { ...doc, _rev: existing._rev } });
      change = 'updated';
    }
    const remote = direction === 'push' ? doc.target : doc.source;
    results.push({ id: doc._id, db: remoteDbName(DbPrefixSchema.parse(options.prefix), collection), collection, direction, change, remoteDb: remote.url });
  }
  return results;
}

export type ReplicationStopResult = { id: string; removed: boolean };

/** Removes the clinic's replication documents from this server; CouchDB stops those replications. */
export async function stopReplication(server: CouchRequester, options: { prefix: string }): Promise<ReplicationStopResult[]> {
  const prefix = DbPrefixSchema.parse(options.prefix);
  const results: ReplicationStopResult[] = [];
  for (const collection of SYNCED_COLLECTIONS) {
    for (const direction of ['push', 'pull'] as const) {
      const id = replicationDocId(remoteDbName(prefix, collection), direction);
      const existing = await getDocOrNull(server, REPLICATOR_DB, id);
      if (existing && typeof existing._rev === 'string') {
        await server.request({ db: REPLICATOR_DB, doc: id, method: 'DELETE', qs: { rev: existing._rev } });
      }
      results.push({ id, removed: Boolean(existing) });
    }
  }
  return results;
}
