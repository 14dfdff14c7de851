import { DbPrefixSchema } from '../../shared/settings/channels';
import { SYNCED_COLLECTIONS, remoteDbName, type SyncedCollection } from '../../shared/sync/collections';
import { ensureDatabase, getDocOrNull, type CouchRequester } from './couchRequester';
import { rulesFor, validateDocUpdateSource } from './validateDocUpdate';

export type { CouchRequester } from './couchRequester';

/** The design document that carries the clinic's write rules in every database. */
export const DESIGN_DOC_ID = '_design/clinicdesk';
/**
 * Bumped whenever the rules change, so a setup run can tell an outdated server apart. Setup also
 * compares the function's text, so a changed collection schema reaches the server at its next run.
 */
export const DESIGN_DOC_VERSION = 3;
export const DEFAULT_ROLE = 'clinicdesk';

/** The `_security` object CouchDB uses to decide who may read and write a database. */
export type CouchSecurity = {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
};

/** The CouchDB database names of a clinic, one per synced collection. */
export function clinicDatabaseNames(prefix: string): string[] {
  return SYNCED_COLLECTIONS.map((collection) => remoteDbName(prefix, collection));
}

/** Checks a role name: CouchDB reserves names that start with `_`. */
export function checkRole(role: string): string {
  if (!/^[a-z][a-z0-9_-]{0,63}$/i.test(role)) {
    throw new Error(`"${role}" is not a usable role name: use letters, digits, - and _ (start with a letter).`);
  }
  return role;
}

/** Only members with the clinic's role (and server admins, always) may read or write. */
export function securityObject(role: string): CouchSecurity {
  return {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [checkRole(role)] },
  };
}

export type DesignDocument = {
  _id: string;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
  clinicdesk: { version: number; collection: SyncedCollection };
};

/** The design document installed in one collection's database. */
export function designDocument(collection: SyncedCollection): DesignDocument {
  return {
    _id: DESIGN_DOC_ID,
    language: 'javascript',
    validate_doc_update: validateDocUpdateSource(rulesFor(collection)),
    clinicdesk: { version: DESIGN_DOC_VERSION, collection },
  };
}

export type DatabaseSetupResult = {
  db: string;
  created: boolean;
  securityChanged: boolean;
  designChanged: boolean;
};

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares security objects by their lists, ignoring key and list order. */
export function sameSecurity(current: unknown, wanted: CouchSecurity): boolean {
  const lists = (sec: unknown): string[][] => {
    const s = (sec ?? {}) as Partial<Record<'admins' | 'members', { names?: unknown; roles?: unknown }>>;
    return [s.admins?.names, s.admins?.roles, s.members?.names, s.members?.roles].map((list) =>
      Array.isArray(list) ? list.map(String).sort() : [],
    );
  };
  return sameJson(lists(current), lists(wanted));
}

/**
 * Creates the clinic's databases that are missing, restricts each to the clinic's role (replacing
 * any other members and database admins, so that the role alone decides access), and installs or
 * updates its write rules. Running it again changes nothing that is already right.
 */
export async function setupClinicDatabases(
  server: CouchRequester,
  options: { prefix: string; role: string },
): Promise<DatabaseSetupResult[]> {
  const prefix = DbPrefixSchema.parse(options.prefix);
  const security = securityObject(options.role);
  const results: DatabaseSetupResult[] = [];

  for (const collection of SYNCED_COLLECTIONS) {
    const db = remoteDbName(prefix, collection);

    const created = await ensureDatabase(server, db);

    const currentSecurity = await server.request({ db, path: '_security' });
    const securityChanged = !sameSecurity(currentSecurity, security);
    if (securityChanged) await server.request({ db, path: '_security', method: 'PUT', body: security });

    const wanted = designDocument(collection);
    const existing = (await getDocOrNull(server, db, DESIGN_DOC_ID)) as Partial<DesignDocument> | null;
    const designChanged =
      !existing ||
      existing.validate_doc_update !== wanted.validate_doc_update ||
      !sameJson(existing.clinicdesk, wanted.clinicdesk);
    if (designChanged) {
      await server.request({
        db,
        doc: DESIGN_DOC_ID,
        method: 'PUT',
        body: existing?._rev ? { ...wanted, _rev: existing._rev } : wanted,
      });
    }

    results.push({ db, created, securityChanged, designChanged });
  }
  return results;
}
