import type { SyncFetchRequest } from '../../../shared/sync/channels';
import type { PlatformClient } from '../../platform/client';
import { PlatformError } from '../../platform/client';

export type SyncErrorListener = (error: PlatformError) => void;

/**
 * A `fetch` for RxDB's CouchDB replication that asks main to perform the request: the renderer
 * itself may connect nowhere, and never sees the password. In-flight requests can all be aborted,
 * because RxDB's long-poll does not pass an AbortSignal and would otherwise stay open after
 * the replication is cancelled.
 */
export function createMainFetch(client: Pick<PlatformClient, 'call'>, onError: SyncErrorListener = () => undefined) {
  const inFlight = new Set<string>();
  let counter = 0;

  const mainFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
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
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const onAbort = () => void client.call('sync:abort', { requestId }).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    inFlight.add(requestId);
    try {
      const response = await client.call('sync:fetch', request);
      if (response.status === 404 && /no_db_file|Database does not exist/.test(response.body)) {
        // RxDB would retry this forever without saying why; the person at the desk needs to know.
        const db = new URL(url).pathname.split('/').filter((part) => part && !part.startsWith('_')).at(-1) ?? url;
        onError(new PlatformError('NOT_FOUND', `The clinic's database ${db} is missing on the server. Ask your administrator to run couchdb:setup.`));
      }
      if (request.method === 'POST' && url.includes('/_bulk_docs') && response.status < 300) {
        // CouchDB refuses single documents inside a successful bulk answer; RxDB only says
        // "should not happen", so the server's own reason is passed on here.
        const refused = refusedRows(response.body);
        if (refused) onError(new PlatformError('FORBIDDEN', `The server refused a change: ${refused}`));
      }
      return new Response(response.status === 204 || response.status === 304 ? null : response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (error instanceof PlatformError) onError(error);
      throw error;
    } finally {
      inFlight.delete(requestId);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    fetch: mainFetch as typeof fetch,
    /** Ends every request still waiting in main (long-polls included). */
    abortAll(): void {
      for (const requestId of inFlight) void client.call('sync:abort', { requestId }).catch(() => undefined);
      inFlight.clear();
    },
  };
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
