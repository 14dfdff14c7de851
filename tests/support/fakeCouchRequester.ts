import type { CouchRequester } from '../../src/main/sync/couchRequester';

type Doc = Record<string, unknown>;

export type FakeCouchOptions = {
  /** The server admins' names, as CouchDB 3.x lists them (with their password hashes). */
  admins?: string[];
  /** Where the admins are listed: CouchDB 3.x, CouchDB 1.x / express-pouchdb, or nowhere. */
  adminsAt?: '_node/_local/_config/admins' | '_config/admins' | null;
};

/**
 * A stand-in for nano's server scope that keeps databases in memory and answers like CouchDB 3.x:
 * 412 for an existing database, 404 for a missing one or a missing document, 409 for a stale
 * revision, and in `_users` a `password` turned into a hash the way CouchDB does it.
 */
export function fakeCouchRequester(options: FakeCouchOptions = {}) {
  const adminsAt = options.adminsAt === undefined ? '_node/_local/_config/admins' : options.adminsAt;
  const admins = Object.fromEntries((options.admins ?? ['admin']).map((name) => [name, '-pbkdf2-hash,salt,600000']));
  const dbs = new Map<string, Map<string, Doc>>();
  const calls: string[] = [];
  const error = (statusCode: number) => Object.assign(new Error(`status ${statusCode}`), { statusCode });
  let hashes = 0;

  const requester: CouchRequester = {
    async request({ db = '', path, doc, method = 'GET', body, qs }) {
      calls.push(`${method} ${db ? `/${db}` : ''}${path ? `/${path}` : ''}${doc ? `/${doc}` : ''}${qs ? `?${new URLSearchParams(qs).toString()}` : ''}`);
      if (!db) {
        if (path === adminsAt && method === 'GET') return { ...admins };
        throw error(404);
      }
      if (!path && !doc) {
        if (method !== 'PUT') throw error(405);
        if (dbs.has(db)) throw error(412);
        dbs.set(db, new Map());
        return { ok: true };
      }
      const store = dbs.get(db);
      if (!store) throw error(404);
      const id = doc ?? path ?? '';
      const existing = store.get(id);
      if (method === 'GET') {
        if (!existing) throw error(404);
        return structuredClone(existing);
      }
      if (method === 'DELETE') {
        if (!existing) throw error(404);
        if (qs?.rev !== existing._rev) throw error(409);
        store.delete(id);
        return { ok: true };
      }
      const next = structuredClone(body) as Doc;
      if (existing && next._rev !== existing._rev) throw error(409);
      if (!existing && next._rev !== undefined) throw error(409);
      if (db === '_users' && typeof next.password === 'string') {
        hashes += 1;
        Object.assign(next, { password_scheme: 'pbkdf2', iterations: 600000, derived_key: `key-of-${next.password}`, salt: `salt-${hashes}` });
        delete next.password;
      }
      const generation = existing ? Number(String(existing._rev).split('-')[0]) + 1 : 1;
      store.set(id, { ...next, _id: id, _rev: `${generation}-x` });
      return { ok: true, id, rev: `${generation}-x` };
    },
  };

  return {
    requester,
    calls,
    /** A stored document, as the server holds it. */
    doc: (db: string, id: string): Doc | undefined => dbs.get(db)?.get(id),
    /** Stores a document as if someone else had written it. */
    put: (db: string, id: string, value: Doc) => {
      if (!dbs.has(db)) dbs.set(db, new Map());
      dbs.get(db)?.set(id, { ...value, _id: id });
    },
    hasDb: (db: string) => dbs.has(db),
    writes: () => calls.filter((c) => !c.startsWith('GET')),
  };
}
