import type { SyncFetchRequest, SyncFetchResponse } from '../../shared/sync/channels';
import { AppError } from '../../shared/ipc/envelope';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../shared/sync/collections';

/** The sync server and credentials of this workstation, as main keeps them. */
export type SyncConfig = {
  /** Server base, e.g. `http://127.0.0.1:5984` or `https://host/couch` (no credentials). */
  url: string;
  username: string;
  password: string;
  dbPrefix: string;
};

/** What the transport learns about the server from each request. */
export type SyncStatus = { state: 'online' | 'offline' | 'auth-failed'; message: string };

export type SyncTransportDeps = {
  getConfig: () => Promise<SyncConfig | null>;
  fetch: typeof globalThis.fetch;
  /** How long a normal request may go without receiving a byte. */
  requestTimeoutMs?: number;
  /** How long a `_changes?feed=longpoll` request may go without receiving a byte (heartbeats count). */
  longPollTimeoutMs?: number;
  onStatus?: (status: SyncStatus) => void;
};

export type SyncTransport = {
  /** Performs one HTTP request of the replication against the configured server. */
  perform(req: SyncFetchRequest): Promise<SyncFetchResponse>;
  /** Cancels an in-flight request; its `perform` rejects with NETWORK. Unknown ids are ignored. */
  abort(requestId: string): void;
  /** Cancels every in-flight request (settings changed, app quitting). */
  abortAll(): void;
  /** Lets requests reach the server again after a refused password (call when a new one is saved). */
  resetAuthFailure(): void;
  /** True while requests are refused because the server refused the password. */
  authPaused(): boolean;
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_LONG_POLL_TIMEOUT_MS = 90_000;
/** A long-poll never waits longer than this for a byte, whatever heartbeat the URL asks for. */
const MAX_LONG_POLL_TIMEOUT_MS = 10 * 60_000;

export const AUTH_PAUSED_MESSAGE =
  'Sync is paused: the server refused the password. Enter it again in Settings.';
export const ONLINE_MESSAGE = 'Connected to the sync server.';
export const CANCELLED_MESSAGE = 'The sync request was cancelled.';
export const NOT_CONFIGURED_MESSAGE = 'Sync is not set up: enter the server address in Settings.';

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
export function databaseUrl(config: Pick<SyncConfig, 'url'>, dbName: string): string {
  const base = serverBase(config.url);
  return `${base.origin}${base.basePath}/${encodeURIComponent(dbName)}`;
}

/** An HTTP Basic `Authorization` value; user name and password are sent as UTF-8. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
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
  config: Pick<SyncConfig, 'url' | 'dbPrefix'>,
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

/** Request headers the renderer may not choose: credentials are main's, framing is fetch's. */
const DROPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'origin',
  'referer',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/** Response headers that would be wrong (body already decoded) or secret once the body is text. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

function isLongPoll(url: URL, target: SyncTarget): boolean {
  return target.kind === 'endpoint' && target.endpoint === '_changes' && url.searchParams.get('feed') === 'longpoll';
}

function longPollIdleMs(url: URL, requestTimeoutMs: number, longPollTimeoutMs: number): number {
  // The server stays silent for up to `heartbeat` (or `timeout`) ms by design, so wait at least that
  // long plus the normal allowance before calling the connection dead.
  const asked = ['heartbeat', 'timeout']
    .map((name) => Number(url.searchParams.get(name)))
    .filter((n) => Number.isFinite(n) && n > 0);
  const needed = Math.max(longPollTimeoutMs, ...asked.map((n) => n + requestTimeoutMs));
  return Math.min(needed, MAX_LONG_POLL_TIMEOUT_MS);
}

async function readText(response: Response, onBytes: () => void): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onBytes();
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The `reason` (or `error`) CouchDB puts in an error body, if the body is CouchDB's JSON. */
export function couchReason(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const { reason, error } = parsed as { reason?: unknown; error?: unknown };
      if (typeof reason === 'string' && reason) return reason;
      if (typeof error === 'string' && error) return error;
    }
  } catch {
    // Not JSON (a proxy's HTML page, for example): fall through to the trimmed text.
  }
  const trimmed = body.trim().slice(0, 200);
  return trimmed || null;
}

/** The message shown when the server refuses the credentials, with the server's own reason. */
export function authRefusedMessage(status: number, reason: string | null): string {
  return `The sync server refused the sign-in (${status}${reason ? `: ${reason}` : ''}). Enter the password again in Settings.`;
}

/** CouchDB's 403 reasons that are about the account, not about one document. */
const ACCOUNT_403 = /not allowed to access|locked|authenticat|password|credential|session/i;

/**
 * Whether a 401/403 means the credentials are not accepted. A 403 on a write whose reason is not
 * about the account is a `validate_doc_update` rejection of that one document: RxDB handles it,
 * and pausing all sync for it would stop the clinic for no reason.
 */
function isAuthRefusal(status: number, method: string, reason: string | null): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  const isWrite = method === 'PUT' || method === 'POST' || method === 'DELETE';
  return !isWrite || reason === null || ACCOUNT_403.test(reason);
}

/** `1500` → `2 s`, `20` → `20 ms`: for messages about timeouts. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** A person-readable reason a request never got an answer, e.g. `the connection was refused (ECONNREFUSED)`. */
export function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  const source = cause instanceof Error ? cause : err instanceof Error ? err : null;
  const rawCode: unknown = source ? (source as Error & { code?: unknown }).code : undefined;
  const code = typeof rawCode === 'string' ? rawCode : null;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the server name was not found',
    EAI_AGAIN: 'the server name could not be looked up',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_SOCKET: 'the connection closed unexpectedly',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  if (source?.message) return source.message;
  return String(err);
}

type InFlight = { controller: AbortController; cancelled: boolean; timedOut: boolean };

/**
 * Creates main's side of RxDB's CouchDB replication: each request the renderer asks for is checked
 * against the configured server and the clinic's databases, sent with main's credentials, and
 * answered with status, headers and body text. Connection failures become NETWORK errors; a refused
 * password stops all further requests until `resetAuthFailure()`, because CouchDB locks an account
 * after a few failed logins from one address and replication retries forever.
 */
export function createSyncTransport(deps: SyncTransportDeps): SyncTransport {
  const requestTimeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const longPollTimeoutMs = deps.longPollTimeoutMs ?? DEFAULT_LONG_POLL_TIMEOUT_MS;
  const inFlight = new Map<string, InFlight>();
  let authFailed = false;

  const report = (status: SyncStatus) => deps.onStatus?.(status);

  function buildHeaders(req: SyncFetchRequest, config: SyncConfig, longPoll: boolean): Headers {
    const headers = new Headers();
    try {
      for (const [name, value] of Object.entries(req.headers)) {
        if (!DROPPED_REQUEST_HEADERS.has(name.toLowerCase())) headers.set(name, value);
      }
    } catch {
      throw new AppError('INVALID_REQUEST', 'The sync request has a header that is not valid.');
    }
    headers.set('Authorization', basicAuthHeader(config.username, config.password));
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    if (req.body !== null && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    // A compressing server or proxy buffers the heartbeat newlines, and the idle timer would then
    // end a healthy long-poll.
    if (longPoll) headers.set('Accept-Encoding', 'identity');
    return headers;
  }

  function perform(req: SyncFetchRequest): Promise<SyncFetchResponse> {
    if (inFlight.has(req.requestId)) {
      return Promise.reject(
        new AppError('INVALID_REQUEST', `A sync request with id ${req.requestId} is already in progress.`),
      );
    }
    // Registered before the first await, so that an abort sent right after the request (RxDB
    // cancelling a long-poll it has just started) is never lost.
    const entry: InFlight = { controller: new AbortController(), cancelled: false, timedOut: false };
    inFlight.set(req.requestId, entry);
    return send(req, entry).finally(() => {
      if (inFlight.get(req.requestId) === entry) inFlight.delete(req.requestId);
    });
  }

  async function send(req: SyncFetchRequest, entry: InFlight): Promise<SyncFetchResponse> {
    const config = await deps.getConfig();
    if (!config) throw new AppError('NOT_CONFIGURED', NOT_CONFIGURED_MESSAGE);
    const { url, target } = checkSyncRequest(req.url, req.method, config);
    const feed = url.searchParams.get('feed');
    if (feed === 'continuous' || feed === 'eventsource') {
      throw new AppError('INVALID_REQUEST', `The ${feed} changes feed never ends; use feed=longpoll.`);
    }
    if (authFailed) throw new AppError('AUTH', AUTH_PAUSED_MESSAGE);
    if (entry.cancelled) throw new AppError('NETWORK', CANCELLED_MESSAGE);

    const longPoll = isLongPoll(url, target);
    const headers = buildHeaders(req, config, longPoll);
    const idleMs = longPoll ? longPollIdleMs(url, requestTimeoutMs, longPollTimeoutMs) : requestTimeoutMs;

    // An idle timer rather than a deadline: a large pull that keeps receiving bytes is healthy, and
    // a connection that went silent (cable out, Wi-Fi gone) is not, however long it has run.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        entry.timedOut = true;
        entry.controller.abort();
      }, idleMs);
    };

    try {
      rearm();
      const hasBody = req.body !== null && req.method !== 'GET' && req.method !== 'HEAD';
      const response = await deps.fetch(url.href, {
        method: req.method,
        headers,
        body: hasBody ? req.body : undefined,
        // A redirect could lead anywhere; replication never needs one.
        redirect: 'manual',
        signal: entry.controller.signal,
      });
      rearm();
      const body = req.method === 'HEAD' ? '' : await readText(response, rearm);

      if (response.status === 401 || response.status === 403) {
        const reason = couchReason(body);
        if (isAuthRefusal(response.status, req.method, reason)) {
          authFailed = true;
          const message = authRefusedMessage(response.status, reason);
          report({ state: 'auth-failed', message });
          throw new AppError('AUTH', message);
        }
      }

      if (response.status === 502 || response.status === 503 || response.status === 504) {
        const statusLine = [response.status, response.statusText].filter(Boolean).join(' ');
        report({ state: 'offline', message: `The sync server is not answering (${statusLine}).` });
      } else {
        report({ state: 'online', message: ONLINE_MESSAGE });
      }

      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) responseHeaders[name] = value;
      });
      return { status: response.status, statusText: response.statusText, headers: responseHeaders, body };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (entry.cancelled) throw new AppError('NETWORK', CANCELLED_MESSAGE);
      const message = entry.timedOut
        ? `Cannot reach the sync server: no answer within ${formatDuration(idleMs)}.`
        : `Cannot reach the sync server: ${describeNetworkError(err)}.`;
      report({ state: 'offline', message });
      throw new AppError('NETWORK', message);
    } finally {
      clearTimeout(timer);
    }
  }

  function cancel(entry: InFlight) {
    entry.cancelled = true;
    entry.controller.abort();
  }

  return {
    perform,
    abort(requestId) {
      const entry = inFlight.get(requestId);
      if (entry) cancel(entry);
    },
    abortAll() {
      for (const entry of inFlight.values()) cancel(entry);
    },
    resetAuthFailure() {
      authFailed = false;
    },
    authPaused() {
      return authFailed;
    },
  };
}
