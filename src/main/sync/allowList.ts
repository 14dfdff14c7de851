import { AppError } from '../../shared/ipc/envelope';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../shared/sync/collections';

/** Where the clinic's databases are: the server address in Settings and the database name prefix. */
export type ClinicServer = {
  /** Server base, e.g. `http://127.0.0.1:5984` or `https://host/couch` (no credentials). */
  url: string;
  dbPrefix: string;
};

/** The origin and base path every sync request must stay under. */
export type ServerBase = {
  /** e.g. `https://host` */
  origin: string;
  /** `''` for a server at the root, otherwise e.g. `/couch` (no trailing slash). */
  basePath: string;
};

/**
 * Splits a configured server URL into the origin and base path that sync requests must stay under.
 * Throws NOT_CONFIGURED when the stored address is unusable, so nothing is sent anywhere.
 */
export function serverBase(url: string): ServerBase {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('NOT_CONFIGURED', 'The sync server address in Settings is not a valid URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('NOT_CONFIGURED', 'The sync server address in Settings must start with http:// or https://.');
  }
  if (parsed.username || parsed.password) {
    throw new AppError('NOT_CONFIGURED', 'The sync server address in Settings must not contain a user name or password.');
  }
  return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/+$/, '') };
}

/** The URL of one of the clinic's databases on the configured server. */
export function databaseUrl(config: Pick<ClinicServer, 'url'>, dbName: string): string {
  const base = serverBase(config.url);
  return `${base.origin}${base.basePath}/${encodeURIComponent(dbName)}`;
}

/** What a sync request addresses inside one clinic database. */
export type SyncTarget =
  | { kind: 'database'; db: string }
  | { kind: 'endpoint'; db: string; endpoint: string }
  | { kind: 'document'; db: string; id: string }
  | { kind: 'local'; db: string; id: string };

/** The database-level endpoints replication uses, and the methods each accepts. */
const ENDPOINT_METHODS: Record<string, readonly string[]> = {
  _changes: ['GET', 'POST'],
  _all_docs: ['GET', 'POST'],
  _bulk_docs: ['POST'],
  _bulk_get: ['POST'],
  _revs_diff: ['POST'],
};
const DATABASE_METHODS = ['GET', 'HEAD'];
const DOCUMENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE'];

/** Characters that URL parsers silently rewrite (`\` becomes `/`, tabs and newlines are dropped). */
function hasSuspiciousChars(url: string): boolean {
  for (const char of url) {
    const code = char.charCodeAt(0);
    if (char === '\\' || /\s/.test(char) || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function refuse(message: string): never {
  throw new AppError('ORIGIN_REFUSED', message);
}

function decodeSegment(segment: string, shownUrl: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return refuse(`Refused a sync request to ${shownUrl}: the path is not validly encoded.`);
  }
}

/** The URL without any user name or password, for messages and logs. */
function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/**
 * Checks that a request from the renderer stays inside the clinic's databases on the configured
 * server, and says what it addresses. Anything else (another host or port, another scheme,
 * `/_users`, `/_config`, another clinic's databases, design documents, `..` in any encoding,
 * credentials in the URL) throws ORIGIN_REFUSED naming what was refused.
 */
export function checkSyncRequest(
  rawUrl: string,
  method: string,
  config: ClinicServer,
): { url: URL; target: SyncTarget } {
  const base = serverBase(config.url);
  if (hasSuspiciousChars(rawUrl)) {
    refuse('Refused a sync request: the URL contains spaces, control characters or backslashes.');
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse('Refused a sync request: the URL is not valid.');
  }
  const shown = withoutCredentials(url);
  if (url.username || url.password) {
    refuse(`Refused a sync request to ${shown}: the URL carries a user name or password; main adds the credentials itself.`);
  }
  if (url.origin !== base.origin) {
    refuse(`Refused a sync request to ${url.origin}: only the server in Settings (${base.origin}) may be contacted.`);
  }

  // The URL parser has already resolved dot segments, so look for them in the raw text: a request
  // that needs `..` is never one that replication makes.
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(rawUrl)?.[1] ?? '';
  for (const segment of rawPath.split('/')) {
    const decoded = decodeSegment(segment, shown);
    if (decoded === '.' || decoded === '..') {
      refuse(`Refused a sync request to ${shown}: the path contains "${segment}".`);
    }
  }

  const prefix = `${base.basePath}/`;
  if (!url.pathname.startsWith(prefix)) {
    refuse(`Refused a sync request to ${url.pathname}: it is outside ${prefix} on the sync server.`);
  }
  const [dbSegment = '', ...rest] = url.pathname.slice(prefix.length).split('/');
  const db = decodeSegment(dbSegment, shown);
  const allowed = SYNCED_COLLECTIONS.map((c) => remoteDbName(config.dbPrefix, c));
  if (!allowed.includes(db)) {
    refuse(
      `Refused a sync request to ${base.basePath}/${dbSegment}: only this clinic's databases (${allowed.join(', ')}) may be used.`,
    );
  }

  const target = classifyTarget(db, rest.map((s) => decodeSegment(s, shown)), url.pathname);
  const methods =
    target.kind === 'database'
      ? DATABASE_METHODS
      : target.kind === 'endpoint'
        ? (ENDPOINT_METHODS[target.endpoint] ?? [])
        : DOCUMENT_METHODS;
  if (!methods.includes(method)) {
    refuse(`Refused a sync request: ${method} ${url.pathname} is not part of replication.`);
  }
  url.hash = '';
  return { url, target };
}

function classifyTarget(db: string, rest: string[], pathname: string): SyncTarget {
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return { kind: 'database', db };
  const [first = '', second] = rest;
  if (rest.length === 1 && first !== '') {
    if (!first.startsWith('_')) return { kind: 'document', db, id: first };
    if (Object.hasOwn(ENDPOINT_METHODS, first)) return { kind: 'endpoint', db, endpoint: first };
  }
  if (rest.length === 2 && first === '_local' && second) return { kind: 'local', db, id: second };
  if (first === '_design') {
    return refuse(`Refused a sync request to ${pathname}: design documents are installed by the setup command, not by replication.`);
  }
  return refuse(`Refused a sync request to ${pathname}: it is not a document or an endpoint replication uses.`);
}
