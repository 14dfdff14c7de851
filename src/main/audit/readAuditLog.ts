/** The part of `fetch` the reader uses; the global `fetch` fits, and tests can pass a fake. */
export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string> },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Why the audit log could not be read; each kind has its own advice for the person running it. */
export type AuditReadErrorKind =
  | 'bad-url'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'missing-database'
  | 'bad-response'
  | 'bad-file';

/** A failure to read the audit log (as opposed to a log that was read and found broken). */
export class AuditReadError extends Error {
  constructor(
    readonly kind: AuditReadErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AuditReadError';
  }
}

/** A CouchDB server as given on a command line, split into what requests need. */
export type CouchServerAddress = {
  /** Origin and path without credentials or trailing slash, e.g. `https://couch.example.org:6984`. */
  baseUrl: string;
  /** `Basic …` from the URL's user name and password, or null when it has none. */
  authorization: string | null;
  /** The user name from the URL, or `''`. */
  username: string;
};

/** The CouchDB database that holds a clinic's audit entries. */
export function auditDbName(prefix: string): string {
  return `${prefix}_audit`;
}

/**
 * Splits a server URL such as `https://auditor:secret@couch.example.org:6984` into a base URL and a
 * Basic Authorization header, because `fetch` refuses URLs that carry credentials.
 *
 * @throws AuditReadError (`bad-url`) when it is not an http(s) URL.
 */
export function parseServerUrl(raw: string): CouchServerAddress {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AuditReadError('bad-url', `"${raw}" is not a URL; expected e.g. https://auditor:secret@couch.example.org:6984`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AuditReadError('bad-url', `the server URL must start with http:// or https://, not ${url.protocol}//`);
  }
  const username = safeDecode(url.username);
  const password = safeDecode(url.password);
  const authorization =
    username || password ? `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` : null;
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, authorization, username };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A CouchDB document as the audit entry it stores, mirroring RxDB's CouchDB replication
 * (`couchDBDocToRxDocData`): the primary key `id` travels as `_id`, so `_id` becomes `id` unless the
 * document has an `id` of its own; CouchDB's own fields (`_rev`, `_deleted`, `_attachments`, …) go.
 */
export function couchDocToAuditEntry(doc: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!key.startsWith('_')) entry[key] = value;
  }
  if (!doc.id && doc._id !== undefined) entry.id = doc._id;
  return entry;
}

/**
 * The entries of an exported audit log: a JSON array of entries, `{ entries: [...] }`, or RxDB's
 * collection export `{ docs: [...] }`. Documents as CouchDB or RxDB hold them are turned into
 * entries as {@link couchDocToAuditEntry} does; anything else is passed on for verification to judge.
 *
 * @throws AuditReadError (`bad-file`) when the JSON holds no list of entries.
 */
export function entriesFromExport(json: unknown): unknown[] {
  let list: unknown = json;
  if (isRecord(json)) list = Array.isArray(json.entries) ? json.entries : json.docs;
  if (!Array.isArray(list)) {
    throw new AuditReadError('bad-file', 'the file holds no audit entries: expected a JSON array of entries, or { "entries": [...] }');
  }
  return list.map((item: unknown) => (isRecord(item) ? couchDocToAuditEntry(item) : item));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type ReadAuditLogOptions = {
  /** The CouchDB server URL, with the credentials of a user who may read the audit database. */
  server: string;
  /** The clinic's database prefix; entries are read from `<prefix>_audit`. */
  prefix: string;
  fetch: FetchLike;
  /** Documents per request; the default suits logs of hundreds of thousands of entries. */
  pageSize?: number;
  /** Called after each page with the number of documents read so far and the database's count. */
  onProgress?: (read: number, total: number | null) => void;
};

export type AuditLog = {
  /** The server as shown to people: no credentials. */
  server: string;
  database: string;
  /** Every audit document of the database as an entry, design documents left out. */
  entries: Record<string, unknown>[];
};

type CouchRow = { id?: unknown; doc?: unknown };

/**
 * Reads every document of a clinic's `<prefix>_audit` CouchDB database, a page at a time by
 * `startkey`, and returns them as audit entries (see {@link couchDocToAuditEntry}).
 *
 * @throws AuditReadError with a message for the person running it: bad URL, server unreachable,
 *   credentials refused (401), user not allowed (403), database missing (404), not CouchDB.
 */
export async function readAuditLog(options: ReadAuditLogOptions): Promise<AuditLog> {
  const address = parseServerUrl(options.server);
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 2000));
  const database = auditDbName(options.prefix);
  const dbUrl = `${address.baseUrl}/${encodeURIComponent(database)}`;
  const context: ErrorContext = { address, database };

  const info = await getJson(options.fetch, dbUrl, context);
  const total = isRecord(info) && typeof info.doc_count === 'number' ? info.doc_count : null;

  const entries: Record<string, unknown>[] = [];
  let read = 0;
  let startKey: string | null = null;
  for (;;) {
    // One row more than a page: its key starts the next page, so no document is read twice.
    const query = `include_docs=true&limit=${pageSize + 1}${
      startKey === null ? '' : `&startkey=${encodeURIComponent(JSON.stringify(startKey))}`
    }`;
    const page = await getJson(options.fetch, `${dbUrl}/_all_docs?${query}`, context);
    const rows = isRecord(page) && Array.isArray(page.rows) ? (page.rows as CouchRow[]) : null;
    if (!rows) throw new AuditReadError('bad-response', `${address.baseUrl} did not list ${database} the way CouchDB does`);

    for (const row of rows.slice(0, pageSize)) {
      if (typeof row.id !== 'string' || row.id.startsWith('_design/') || !isRecord(row.doc)) continue;
      entries.push(couchDocToAuditEntry(row.doc));
    }
    read += Math.min(rows.length, pageSize);
    options.onProgress?.(read, total);

    const next = rows[pageSize];
    if (!next) break;
    if (typeof next.id !== 'string') {
      throw new AuditReadError('bad-response', `${address.baseUrl} listed a document of ${database} without an id`);
    }
    startKey = next.id;
  }
  return { server: address.baseUrl, database, entries };
}

type ErrorContext = { address: CouchServerAddress; database: string };

async function getJson(fetchFn: FetchLike, url: string, context: ErrorContext): Promise<unknown> {
  const { address, database } = context;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (address.authorization) headers.Authorization = address.authorization;

  let status: number;
  let text: string;
  try {
    const response = await fetchFn(url, { method: 'GET', headers });
    status = response.status;
    text = await response.text();
  } catch (err) {
    throw new AuditReadError(
      'unreachable',
      `cannot reach ${address.baseUrl}: ${connectionProblem(err)}. Is CouchDB running, and is the address right?`,
    );
  }

  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new AuditReadError(
      'bad-response',
      `${address.baseUrl} answered ${status} with something other than JSON: is this the address of the CouchDB server?`,
    );
  }
  if (status === 200) return body;

  const reason = isRecord(body) && typeof body.reason === 'string' ? body.reason : '';
  const said = reason ? `${status}: ${reason}` : String(status);
  switch (status) {
    case 401:
      throw new AuditReadError(
        'unauthorized',
        address.authorization
          ? `the server refused the user name or password in the URL (${said}).`
          : `the server wants a user name and password; put them in the URL, e.g. https://auditor:secret@couch.example.org:6984 (${said}).`,
      );
    case 403:
      throw new AuditReadError(
        'forbidden',
        `${address.username ? `the user "${address.username}"` : 'this user'} may not read ${database} (${said}); ` +
          `use a user with the clinic's role, or a server admin.`,
      );
    case 404:
      throw new AuditReadError(
        'missing-database',
        `there is no database ${database} on ${address.baseUrl} (${said}). ` +
          `Check --prefix: it must be the database prefix set in the workstations' Settings.`,
      );
    default:
      throw new AuditReadError('bad-response', `${address.baseUrl} answered ${said} when reading ${database}.`);
  }
}

/** The innermost reason a request failed, e.g. `connect ECONNREFUSED 127.0.0.1:5984`. */
function connectionProblem(err: unknown): string {
  let current: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  // Node's fetch reports "fetch failed" and keeps the socket error as its cause.
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    // Trying IPv6 and IPv4 in turn ends in an AggregateError whose own message may be empty.
    current = current instanceof AggregateError && current.errors.length > 0 ? current.errors[0] : current.cause;
  }
  return message;
}
