import type { SyncFetchRequest } from '../../../shared/sync/channels';
import type { PlatformClient } from '../../platform/client';
import { PlatformError } from '../../platform/client';

export type SyncErrorListener = (error: PlatformError, url: string) => void;

/** What a batch of the server's changes feed said: how many came, and how many are still to come. */
export type ChangesBatch = { url: string; received: number; pending: number | null };

/**
 * A `fetch` for RxDB's CouchDB replication that asks main to perform the request: the renderer
 * itself may connect nowhere, and never sees the password. In-flight requests can all be aborted,
 * because RxDB's long-poll does not pass an AbortSignal and would otherwise stay open after
 * the replication is cancelled.
 */
export function createMainFetch(
  client: Pick<PlatformClient, 'call'>,
  onError: SyncErrorListener = () => undefined,
  onChanges: (batch: ChangesBatch) => void = () => undefined,
) {
  const inFlight = new Set<string>();
  let counter = 0;
  // While held (a workstation that syncs at set times, between them), requests wait here and
  // nothing goes on the network; releasing lets them all go.
  let held = false;
  let waiting: { release: () => void; abort: () => void }[] = [];

  const passGate = (signal: AbortSignal | null | undefined) =>
    new Promise<void>((resolve, reject) => {
      const entry = {
        release: () => {
          signal?.removeEventListener('abort', entry.abort);
          resolve();
        },
        abort: () => {
          waiting = waiting.filter((w) => w !== entry);
          reject(new DOMException('Aborted', 'AbortError'));
        },
      };
      waiting.push(entry);
      signal?.addEventListener('abort', entry.abort, { once: true });
    });

  const send = async (input: RequestInfo | URL, init: RequestInit, gated: boolean): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const requestId = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
    const request: SyncFetchRequest = {
      requestId,
      url,
      method: (init.method ?? 'GET').toUpperCase() as SyncFetchRequest['method'],
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : null,
    };
    const signal = init.signal;
    if (held && gated) await passGate(signal);
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const onAbort = () => void client.call('sync:abort', { requestId }).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    inFlight.add(requestId);
    try {
      const response = await client.call('sync:fetch', request);
      if (response.status === 404 && /no_db_file|Database does not exist/.test(response.body)) {
        // RxDB would retry this forever without saying why; the person at the desk needs to know.
        const db = new URL(url).pathname.split('/').filter((part) => part && !part.startsWith('_')).at(-1) ?? url;
        onError(new PlatformError('NOT_FOUND', `The clinic's database ${db} is missing on the server. Ask your administrator to run couchdb:setup.`), url);
      }
      if (request.method === 'POST' && url.includes('/_bulk_docs') && response.status < 300) {
        // CouchDB refuses single documents inside a successful bulk answer; RxDB only says
        // "should not happen", so the server's own reason is passed on here.
        const refused = refusedRows(response.body);
        if (refused) onError(new PlatformError('FORBIDDEN', `The server refused a change: ${refused}`), url);
      }
      if (request.method === 'GET' && url.includes('/_changes?') && url.includes('feed=normal') && response.status === 200) {
        const batch = changesBatch(url, response.body);
        if (batch) onChanges(batch);
      }
      return new Response(response.status === 204 || response.status === 304 ? null : response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (error instanceof PlatformError) onError(error, url);
      throw error;
    } finally {
      inFlight.delete(requestId);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    fetch: ((input: RequestInfo | URL, init: RequestInit = {}) => send(input, init, true)) as typeof fetch,
    /** A request of the desk's own (close of day), which goes even while the replication is held. */
    fetchNow: ((input: RequestInfo | URL, init: RequestInit = {}) => send(input, init, false)) as typeof fetch,
    /** Ends every request still waiting in main (long-polls included). */
    abortAll(): void {
      for (const requestId of inFlight) void client.call('sync:abort', { requestId }).catch(() => undefined);
      inFlight.clear();
      for (const w of waiting) w.abort();
      waiting = [];
    },
    /** Holds every request from now on until `release()`; in-flight ones are aborted. */
    hold(): void {
      held = true;
      for (const requestId of inFlight) void client.call('sync:abort', { requestId }).catch(() => undefined);
      inFlight.clear();
    },
    release(): void {
      held = false;
      const released = waiting;
      waiting = [];
      for (const w of released) w.release();
    },
    isHeld: () => held,
  };
}

/** Reads a changes-feed answer: CouchDB 2+ says how many changes remain after it (`pending`). */
function changesBatch(url: string, body: string): ChangesBatch | null {
  try {
    const parsed = JSON.parse(body) as { results?: unknown[]; pending?: unknown };
    if (!Array.isArray(parsed.results)) return null;
    return { url, received: parsed.results.length, pending: typeof parsed.pending === 'number' ? parsed.pending : null };
  } catch {
    return null;
  }
}

/** The reason of the first row a `_bulk_docs` answer refused, if any. */
function refusedRows(body: string): string | null {
  try {
    const rows = JSON.parse(body) as unknown;
    if (!Array.isArray(rows)) return null;
    const refused = rows.find((r: { error?: string }) => r && (r.error === 'forbidden' || r.error === 'unauthorized')) as { reason?: string; id?: string } | undefined;
    return refused ? `${refused.reason ?? 'not allowed'} (${refused.id ?? 'a record'})` : null;
  } catch {
    return null;
  }
}
