import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';

/** A CouchDB document as the tests read it back. */
export type CouchDoc = { _id: string; _rev?: string; _deleted?: boolean; [field: string]: unknown };

export type CouchServer = {
  /** Which server answers: a real Apache CouchDB (`COUCHDB_URL`) or express-pouchdb in this process. */
  kind: 'couchdb' | 'express-pouchdb';
  /** Base URL without credentials, e.g. `http://127.0.0.1:5984`. */
  url: string;
  username: string;
  password: string;
  /** `Basic …` for `username`/`password`; fetch refuses credentials in URLs. */
  authHeader: string;
  /** Sends one authenticated request; `path` is relative to `url` and starts with `/`. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  createDb(name: string): Promise<void>;
  /** Deletes a database; a missing one is not an error. */
  deleteDb(name: string): Promise<void>;
  getDoc(db: string, id: string): Promise<CouchDoc | null>;
  /** Every document of a database except design documents, with its body. */
  allDocs(db: string): Promise<CouchDoc[]>;
  /** Creates or updates a document (pass `_rev` to update); throws `CouchRequestError` on failure. */
  putDoc(db: string, doc: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
  /**
   * Failed logins the server has seen for `username` since it started: counted by the embedded
   * server when started with `checkPasswords`; `null` for a real CouchDB, which does not say.
   */
  failedLogins(): number | null;
  /** Deletes the databases made with `createDb` and, for the embedded server, stops it. */
  stop(): Promise<void>;
};

export type StartCouchServerOptions = {
  /**
   * Embedded server only: also run `validate_doc_update` functions and store `_security`
   * (express-pouchdb's `validation` and `routes/security` parts). Real CouchDB always does both;
   * the embedded server still never enforces `_security`.
   */
  validation?: boolean;
  /**
   * Embedded server only: refuse a wrong password (401) and lock the account after 5 failed
   * logins (403 "Account is temporarily locked…", as CouchDB 3.x does for 5 minutes), so tests
   * catch a client that would lock a clinic out. Real CouchDB always does both.
   */
  checkPasswords?: boolean;
  /**
   * Embedded server only: CouchDB's users, server admin and replicator. express-pouchdb's
   * authentication parts check every password against the server admin (the test credentials)
   * and the `_users` database, `_security` members are enforced (an outsider gets 401 where
   * CouchDB answers 403), `/_config/admins` lists the admin, and documents in `_replicator` run
   * replications (pouchdb-replicator, which replicates with PouchDB). Implies `validation`.
   */
  users?: boolean;
  /**
   * Embedded server only: a server of its own (its own databases, users and replicator), so that
   * a test can run two, e.g. an office and headquarters. A real CouchDB is one server for all.
   */
  instance?: string;
};

/** CouchDB 3.x locks an account after this many failed logins from one address. */
const LOCKOUT_AFTER = 5;

/** Puts CouchDB's password check and lockout in front of the embedded server. */
function withPasswordCheck(app: RequestListener, counter: { failures: number }): RequestListener {
  return (req, res) => {
    const header = req.headers.authorization ?? '';
    const [user, ...rest] = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (user !== TEST_USERNAME) return answer(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    if (counter.failures >= LOCKOUT_AFTER) return answer(403, { error: 'forbidden', reason: 'Account is temporarily locked due to multiple authentication failures' });
    if (rest.join(':') !== TEST_PASSWORD) {
      counter.failures += 1;
      return answer(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    }
    app(req, res);
  };
}

/** A CouchDB request that did not succeed, with the server's status and answer. */
export class CouchRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} failed with ${status}: ${JSON.stringify(body)}`);
    this.name = 'CouchRequestError';
  }
}

/** Fixed credentials for the embedded server, which accepts any. */
const TEST_USERNAME = 'clinicdesk-test';
const TEST_PASSWORD = 'test-password';

/**
 * A database prefix unique to this test run (`t_` and 12 random characters), so that tests sharing
 * one real CouchDB never see each other's databases. Fits `^[a-z][a-z0-9_]{0,30}$`.
 */
export function uniqueDbPrefix(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** A running PouchDB replication: a promise of its outcome that can be cancelled. */
type PouchReplication = PromiseLike<unknown> & {
  then: PromiseLike<unknown>['then'];
  catch(onRejected: (err: unknown) => unknown): Promise<unknown>;
  cancel(): void;
};
type BulkDocs = (this: unknown, docs: unknown, ...rest: unknown[]) => unknown;
type PouchStatic = {
  plugin(plugin: unknown): PouchStatic;
  defaults(options: Record<string, unknown>): PouchStatic;
  replicate(source: unknown, target: unknown, options?: Record<string, unknown>): PouchReplication;
  new (name: string): { info(): Promise<{ update_seq: number | string }> };
};
type ExpressPouchApp = RequestListener & {
  couchConfig?: { set(section: string, key: string, value: string, done: (err?: unknown) => void): void };
  dbWrapper: { registerWrapper(wrapper: (name: string, db: { bulkDocs: BulkDocs; _bulkDocs: BulkDocs }, next: () => unknown) => unknown): void };
};
type ExpressPouchDb = (
  pouch: PouchStatic,
  options: { mode: 'minimumForPouchDB'; inMemoryConfig?: boolean; logPath?: string; overrideMode?: { include?: string[] } },
) => ExpressPouchApp;

/**
 * express-pouchdb keeps module-level state, so a second app made in the same process answers
 * 404 for databases the first one created (seen when several end-to-end tests share a worker).
 * One app per mode (and instance) is made and shared by every server started in the process.
 */
const apps = new Map<string, Promise<RequestListener>>();

/**
 * CouchDB 2+ says with each batch of a normal changes feed how many changes remain after it
 * (`pending`); PouchDB does not. This adds it, from the database's update sequence, so the tests
 * see the feed a real CouchDB gives.
 */
function withChangesPending(app: RequestListener, pouch: PouchStatic): RequestListener {
  return (req, res) => {
    const match = req.method === 'GET' ? /^\/([^/?_][^/?]*)\/_changes\?(.*)$/.exec(req.url ?? '') : null;
    if (!match || !/(^|&)feed=normal(&|$)/.test(match[2] ?? '')) return app(req, res);
    const db = decodeURIComponent(match[1] ?? '');
    // The answer is read and rewritten here, so it must come uncompressed.
    delete req.headers['accept-encoding'];
    const chunks: Buffer[] = [];
    const end = res.end.bind(res) as (chunk?: unknown) => typeof res;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    let head: unknown[] | null = null;
    res.writeHead = ((...args: unknown[]) => {
      head = args;
      return res;
    }) as typeof res.writeHead;
    res.write = ((chunk: unknown) => {
      chunks.push(Buffer.from(chunk as Buffer | string));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Buffer | string));
      const body = Buffer.concat(chunks).toString('utf8');
      void (async () => {
        let out = body;
        try {
          const parsed = JSON.parse(body) as { last_seq?: number | string; results?: unknown[] };
          if (res.statusCode === 200 && Array.isArray(parsed.results)) {
            const { update_seq } = await new pouch(db).info();
            out = JSON.stringify({ ...parsed, pending: Math.max(0, Number(update_seq) - Number(parsed.last_seq ?? 0)) });
          }
        } catch {
          // Not a changes answer: sent as it was.
        }
        const length = String(Buffer.byteLength(out));
        if (head) {
          const headers = head.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null);
          for (const key of Object.keys(headers ?? {})) if (key.toLowerCase() === 'content-length' && headers) headers[key] = length;
          res.removeHeader('Content-Length');
          res.setHeader('Content-Length', length);
          writeHead(...head);
        } else {
          res.setHeader('Content-Length', length);
        }
        end(out);
      })();
      return res;
    }) as typeof res.end;
    app(req, res);
  };
}


/**
 * CouchDB 2+ filters a changes feed by a Mango selector posted with `filter=_selector`, which
 * replication with a `selector` uses; express-pouchdb's `_changes` route reads only `doc_ids` from
 * the body and PouchDB then looks for a design document named `_selector`. This passes the posted
 * selector on as a query parameter, which the route hands to PouchDB's own selector filter.
 */
function withChangesSelector(app: RequestListener): RequestListener {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || !/^\/[^/?_][^/?]*\/_changes\?/.test(url) || !/[?&]filter=_selector(&|$)/.test(url)) return app(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: { selector?: unknown } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { selector?: unknown };
      } catch {
        // Not JSON: the route answers as it would have.
      }
      if (body.selector !== undefined) req.url = `${url}&selector=${encodeURIComponent(JSON.stringify(body.selector))}`;
      // The body is read: express-pouchdb's JSON parser takes it from here instead of the stream.
      Object.assign(req, { body, _body: true });
      app(req, res);
    });
  };
}

/**
 * How the embedded server's replicator (pouchdb-replicator) starts the replication a `_replicator`
 * document describes, with two fixes. Its source and target are URLs and must go over HTTP, which
 * the server's memory-adapter default would otherwise turn into in-memory databases named after
 * the URLs. And when a document is deleted it cancels the replication, then reads the deleted
 * document back without catching the 404, an unhandled rejection that would fail the test run; a
 * cancelled replication therefore never settles here.
 */
function replicateOverHttp(pouch: PouchStatic): PouchStatic['replicate'] {
  return (source, target, options) => {
    const replication = pouch.replicate(source, target, options);
    let cancelled = false;
    const outcome = new Promise<unknown>((resolve, reject) => {
      replication.then(
        (result) => {
          if (!cancelled) resolve(result);
        },
        (err: unknown) => {
          if (!cancelled) reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
    const cancel = replication.cancel.bind(replication);
    return Object.assign(replication, {
      then: outcome.then.bind(outcome),
      catch: outcome.catch.bind(outcome),
      cancel: () => {
        cancelled = true;
        cancel();
      },
    });
  };
}

function bulkDocsList(docs: unknown): Record<string, unknown>[] {
  const list = Array.isArray(docs) ? docs : (docs as { docs?: unknown } | null)?.docs;
  return Array.isArray(list) ? list.filter((doc): doc is Record<string, unknown> => doc !== null && typeof doc === 'object') : [];
}

/**
 * pouchdb-validation 4.2 sets a document's `_revisions` to those of the stored document before it
 * runs the validation functions, so a replicated update (`new_edits: false`, whose `_revisions`
 * carry the new revision's history) is stored as the revision the server already has: answered
 * 201 and silently dropped. CouchDB keeps the incoming history. The embedded server notes each
 * incoming document's `_revisions` (by id and revision) before validation and puts them back
 * before the adapter stores the document.
 */
function keepIncomingRevisions(app: ExpressPouchApp): void {
  // Registered after the validation part's, so it wraps the validating bulkDocs from outside; the
  // adapter's own `_bulkDocs`, which stores the documents, runs after validation.
  app.dbWrapper.registerWrapper((_name, db, next) => {
    const incoming = new Map<string, unknown>();
    const key = (doc: Record<string, unknown>) => `${String(doc._id)} ${String(doc._rev)}`;
    const validating = db.bulkDocs;
    db.bulkDocs = function (this: unknown, docs: unknown, ...rest: unknown[]) {
      for (const doc of bulkDocsList(docs)) {
        if (doc._revisions !== undefined) incoming.set(key(doc), doc._revisions);
      }
      return validating.call(this, docs, ...rest);
    };
    const store = db._bulkDocs;
    db._bulkDocs = function (this: unknown, request: unknown, ...rest: unknown[]) {
      for (const doc of bulkDocsList(request)) {
        if (!incoming.has(key(doc))) continue;
        doc._revisions = incoming.get(key(doc));
        incoming.delete(key(doc));
      }
      return store.call(this, request, ...rest);
    };
    return next();
  });
}

async function makeEmbeddedApp(options: StartCouchServerOptions): Promise<RequestListener> {
  // These packages ship no type definitions; only the calls below are used.
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb') as PouchStatic;
  const memoryAdapter: unknown = require('pouchdb-adapter-memory');
  const expressPouchDb = require('express-pouchdb') as ExpressPouchDb;
  // The memory adapter keeps databases per process, shared by every server started in it: another
  // reason for unique database names and for `stop()` deleting what a test created. An instance's
  // databases carry its name as a prefix, so two instances keep theirs apart.
  const MemoryPouch = PouchDB.plugin(memoryAdapter).defaults({
    adapter: 'memory',
    ...(options.instance ? { prefix: `${options.instance}-` } : {}),
  });
  const parts = options.users
    ? ['validation', 'routes/security', 'config-infrastructure', 'logging-infrastructure', 'routes/authentication', 'routes/authorization', 'routes/config', 'replicator']
    : options.validation
      ? ['validation', 'routes/security']
      : [];
  if (options.users) MemoryPouch.replicate = replicateOverHttp(PouchDB);
  const app = expressPouchDb(MemoryPouch, {
    mode: 'minimumForPouchDB',
    ...(options.users ? { inMemoryConfig: true, logPath: devNull } : {}),
    ...(parts.length > 0 ? { overrideMode: { include: parts } } : {}),
  });
  if (parts.includes('validation')) keepIncomingRevisions(app);
  const config = app.couchConfig;
  if (options.users && config) {
    await new Promise<void>((resolve, reject) =>
      config.set('admins', TEST_USERNAME, TEST_PASSWORD, (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())),
    );
  }
  const withPending = withChangesPending(app, MemoryPouch);
  return options.users ? withChangesSelector(withPending) : withPending;
}

function embeddedApp(options: StartCouchServerOptions): Promise<RequestListener> {
  const mode = options.users ? 'users' : options.validation ? 'validation' : 'minimum';
  const key = `${mode}:${options.instance ?? ''}`;
  const existing = apps.get(key);
  if (existing) return existing;
  const made = makeEmbeddedApp(options);
  apps.set(key, made);
  return made;
}

async function startEmbedded(options: StartCouchServerOptions, counter: { failures: number }): Promise<{ url: string; close(): Promise<void> }> {
  if (options.users && options.checkPasswords) throw new Error('checkPasswords and users are two different password checks: use one');
  const app = await embeddedApp(options);
  const server: Server = createServer(options.checkPasswords ? withPasswordCheck(app, counter) : app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Long-polls would hold close() open until their heartbeat ends them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts the CouchDB-compatible server the sync tests run against: the real CouchDB named by
 * `COUCHDB_URL` (admin credentials in the URL, e.g. `http://admin:pw@127.0.0.1:5984`), or else
 * express-pouchdb in its minimum mode on PouchDB's memory adapter, on 127.0.0.1 and a free port.
 */
export async function startCouchServer(options: StartCouchServerOptions = {}): Promise<CouchServer> {
  let kind: CouchServer['kind'];
  let url: string;
  let username: string;
  let password: string;
  let close: () => Promise<void> = async () => {};
  const counter = { failures: 0 };

  const couchdbUrl = process.env.COUCHDB_URL;
  if (couchdbUrl) {
    const parsed = new URL(couchdbUrl);
    if (!parsed.username || !parsed.password) {
      throw new Error('COUCHDB_URL must carry the admin credentials, e.g. http://admin:password@127.0.0.1:5984');
    }
    kind = 'couchdb';
    username = decodeURIComponent(parsed.username);
    password = decodeURIComponent(parsed.password);
    url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } else {
    const embedded = await startEmbedded(options, counter);
    kind = 'express-pouchdb';
    username = TEST_USERNAME;
    password = TEST_PASSWORD;
    url = embedded.url;
    close = embedded.close;
  }
  const authHeader = basic(username, password);
  const created = new Set<string>();

  async function request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: authHeader,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text so a failing test shows what the server said.
    }
    return { status: response.status, body: parsed };
  }

  const dbPath = (db: string) => `/${encodeURIComponent(db)}`;
  const docPath = (db: string, id: string) =>
    `${dbPath(db)}/${id.startsWith('_design/') ? `_design/${encodeURIComponent(id.slice(8))}` : encodeURIComponent(id)}`;

  const couch: CouchServer = {
    kind,
    url,
    username,
    password,
    authHeader,
    request,
    async createDb(name) {
      const res = await request('PUT', dbPath(name));
      if (res.status !== 201 && res.status !== 202) throw new CouchRequestError(res.status, res.body, `Creating ${name}`);
      created.add(name);
    },
    async deleteDb(name) {
      const res = await request('DELETE', dbPath(name));
      if (res.status !== 200 && res.status !== 202 && res.status !== 404) {
        throw new CouchRequestError(res.status, res.body, `Deleting ${name}`);
      }
      created.delete(name);
    },
    async getDoc(db, id) {
      const res = await request('GET', docPath(db, id));
      if (res.status === 404) return null;
      if (res.status !== 200) throw new CouchRequestError(res.status, res.body, `Reading ${db}/${id}`);
      return res.body as CouchDoc;
    },
    async allDocs(db) {
      const res = await request('GET', `${dbPath(db)}/_all_docs?include_docs=true`);
      if (res.status !== 200) throw new CouchRequestError(res.status, res.body, `Listing ${db}`);
      const rows = (res.body as { rows: { id: string; doc?: CouchDoc }[] }).rows;
      return rows.filter((row) => !row.id.startsWith('_design/') && row.doc).map((row) => row.doc as CouchDoc);
    },
    async putDoc(db, doc) {
      const id = doc._id;
      const res =
        typeof id === 'string' ? await request('PUT', docPath(db, id), doc) : await request('POST', dbPath(db), doc);
      if (res.status !== 201 && res.status !== 202) {
        throw new CouchRequestError(res.status, res.body, `Writing to ${db}`);
      }
      return res.body as { ok: boolean; id: string; rev: string };
    },
    failedLogins: () => (kind === 'express-pouchdb' ? counter.failures : null),
    async stop() {
      for (const name of [...created]) await couch.deleteDb(name).catch(() => undefined);
      await close();
    },
  };
  return couch;
}
