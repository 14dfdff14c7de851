import type { SyncFetchRequest, SyncFetchResponse } from '../../shared/sync/channels';
import { AppError } from '../../shared/ipc/envelope';
import { checkSyncRequest, type SyncTarget } from './allowList';
import { authRefusedMessage, couchReason, describeNetworkError, formatDuration, isAuthRefusal } from './couchErrors';

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
  "Sync is paused: the server refused this workstation's password. Ask your manager to re-enter it in Settings.";
export const ONLINE_MESSAGE = 'Connected to the sync server.';
export const CANCELLED_MESSAGE = 'The sync request was cancelled.';
export const NOT_CONFIGURED_MESSAGE = 'Sync is not set up: enter the server address in Settings.';

/** An HTTP Basic `Authorization` value; user name and password are sent as UTF-8. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
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
  // Credentials are tried by one request before any other is sent: every collection's
  // replication starts at once, and as many simultaneous refusals of a mistyped password would
  // lock the account on CouchDB (5 failed logins from one address).
  let provenFor: string | null = null;
  let trial: Promise<void> | null = null;
  const credentialsOf = (config: SyncConfig) => `${config.url}\n${config.username}\n${config.password}`;

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
    const credentials = credentialsOf(config);
    while (provenFor !== credentials && trial) {
      await trial;
      if (authFailed) throw new AppError('AUTH', AUTH_PAUSED_MESSAGE);
    }
    if (entry.cancelled) throw new AppError('NETWORK', CANCELLED_MESSAGE);
    // Until these credentials were accepted once, this request tries them and the others wait.
    const attempt: { settle: ((accepted: boolean) => void) | null } = { settle: null };
    if (provenFor !== credentials) {
      trial = new Promise<void>((resolve) => {
        attempt.settle = (accepted) => {
          if (accepted) provenFor = credentials;
          trial = null;
          attempt.settle = null;
          resolve();
        };
      });
    }

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
      // Any answer but a refusal proves the password as soon as its headers arrive: a long-poll
      // need not end first. A refusal is read to the end to tell a wrong password from a refused
      // document, and the waiting requests go on only once that is decided.
      const refusal = response.status === 401 || response.status === 403;
      if (!refusal) attempt.settle?.(true);
      const body = req.method === 'HEAD' ? '' : await readText(response, rearm);

      if (refusal) {
        const reason = couchReason(body);
        if (!isAuthRefusal(response.status, req.method, reason)) attempt.settle?.(true);
        else {
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
      // A request that failed before an answer proves nothing: the next one tries again.
      attempt.settle?.(false);
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
      provenFor = null;
    },
    authPaused() {
      return authFailed;
    },
  };
}
