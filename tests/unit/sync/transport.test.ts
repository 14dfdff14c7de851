import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncFetchRequest } from '../../../src/shared/sync/channels';
import { AppError } from '../../../src/shared/ipc/envelope';
import {
  AUTH_PAUSED_MESSAGE,
  basicAuthHeader,
  createSyncTransport,
  type SyncConfig,
  type SyncStatus,
  type SyncTransportDeps,
} from '../../../src/main/sync/transport';

type FetchFn = typeof globalThis.fetch;

const CONFIG: SyncConfig = { url: 'http://127.0.0.1:5984', username: 'desk1', password: 's3cret', dbPrefix: 'clinic' };
const BASE = 'http://127.0.0.1:5984';

let nextId = 0;
function request(url: string, method: SyncFetchRequest['method'] = 'GET', extra: Partial<SyncFetchRequest> = {}): SyncFetchRequest {
  nextId += 1;
  return { requestId: `r${nextId}`, url, method, headers: {}, body: null, ...extra };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fetch that never answers and rejects the way fetch does when its signal aborts. */
function hangingFetch(): FetchFn {
  return (_input, init) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
    });
}

/**
 * A fetch that answers the database's info request (which proves the credentials) itself and
 * hands every other request to `inner`, whose calls the test inspects.
 */
function provingFetch(inner: FetchFn): FetchFn {
  return (input, init) => (String(input) === `${BASE}/clinic_staff/` ? Promise.resolve(json(200, { db_name: 'clinic_staff' })) : inner(input, init));
}

/** The credentials accepted once, as after the first answer from the server. */
async function prove(transport: { perform(req: SyncFetchRequest): Promise<unknown> }) {
  await transport.perform(request(`${BASE}/clinic_staff/`));
}

function setup(overrides: Partial<SyncTransportDeps> & { config?: SyncConfig | null } = {}) {
  const statuses: SyncStatus[] = [];
  const fetch = vi.fn<FetchFn>(async () => json(200, { ok: true }));
  const { config = CONFIG, ...rest } = overrides;
  const transport = createSyncTransport({
    getConfig: async () => config,
    fetch,
    onStatus: (s) => statuses.push(s),
    ...rest,
  });
  // Tests that pass their own fetch inspect it themselves.
  return { transport, fetch, statuses };
}

function sentHeaders(fetch: ReturnType<typeof vi.fn<FetchFn>>, call = 0): Headers {
  return new Headers(fetch.mock.calls[call]?.[1]?.headers);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected the request to be refused');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createSyncTransport: which requests may leave main', () => {
  const refused: [string, string, SyncFetchRequest['method']?][] = [
    ['another host', 'http://evil.example:5984/clinic_patients/_changes'],
    ['another port', 'http://127.0.0.1:5985/clinic_patients/_changes'],
    ['https instead of http', 'https://127.0.0.1:5984/clinic_patients/_changes'],
    ['localhost instead of 127.0.0.1', 'http://localhost:5984/clinic_patients/_changes'],
    ['the users database', `${BASE}/_users/org.couchdb.user:desk1`],
    ['the server configuration', `${BASE}/_node/_local/_config`],
    ['the list of databases', `${BASE}/_all_dbs`],
    ['the server root', `${BASE}/`],
    ["another clinic's database", `${BASE}/other_patients/_changes`],
    ['a look-alike database name', `${BASE}/clinic_patientsx/_changes`],
    ['a look-alike prefix', `${BASE}/clinicx_patients/_changes`],
    ['a database that is not synced', `${BASE}/clinic_secrets/`],
    ['.. out of a clinic database', `${BASE}/clinic_patients/../_users`],
    ['.. between two clinic databases', `${BASE}/clinic_patients/../clinic_ledger/_changes`],
    ['encoded %2e%2e', `${BASE}/clinic_patients/%2e%2e/_users`],
    ['encoded %2E%2E', `${BASE}/clinic_patients/%2E%2E/_users`],
    ['half-encoded .%2e', `${BASE}/clinic_patients/.%2e/_users`],
    ['an encoded slash in the database name', `${BASE}/clinic_patients%2F..%2F_users/`],
    ['backslashes', `${BASE}/clinic_patients\\..\\_users`],
    ['a tab the URL parser would drop', `${BASE}/clinic_patients/.\t./_users`],
    ['a newline the URL parser would drop', `${BASE}/clinic_patients/.\n./_users`],
    ['a NUL character', `${BASE}/clinic_patients/\u0000`],
    ['credentials in the URL', 'http://desk1:s3cret@127.0.0.1:5984/clinic_patients/_changes'],
    ['a user name in the URL', 'http://admin@127.0.0.1:5984/clinic_patients/_changes'],
    ['a design document', `${BASE}/clinic_ledger/_design/clinicdesk`, 'PUT'],
    ['the security object', `${BASE}/clinic_ledger/_security`, 'PUT'],
    ['deleting a clinic database', `${BASE}/clinic_ledger`, 'DELETE'],
    ['creating a database', `${BASE}/clinic_ledger/`, 'PUT'],
    ['compaction', `${BASE}/clinic_ledger/_compact`, 'POST'],
    ['purge', `${BASE}/clinic_ledger/_purge`, 'POST'],
    ['an attachment path', `${BASE}/clinic_patients/doc1/photo.jpg`],
    ['a relative URL', '/clinic_patients/_changes'],
    ['a file URL', 'file:///etc/passwd'],
  ];

  it.each(refused)('refuses %s', async (_name, url, method = 'GET') => {
    const { transport, fetch } = setup();
    expect(await codeOf(transport.perform(request(url, method)))).toBe('ORIGIN_REFUSED');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('names the refused origin and never repeats a password from the URL', async () => {
    const { transport } = setup();
    await expect(transport.perform(request('http://evil.example:5984/clinic_patients/'))).rejects.toThrow(
      /http:\/\/evil\.example:5984.*http:\/\/127\.0\.0\.1:5984/,
    );
    await expect(transport.perform(request('http://desk1:s3cret@127.0.0.1:5984/clinic_patients/'))).rejects.toThrow(
      /user name or password/,
    );
    await transport.perform(request('http://desk1:s3cret@127.0.0.1:5984/clinic_patients/')).catch((err: Error) => {
      expect(err.message).not.toContain('s3cret');
    });
    await expect(transport.perform(request(`${BASE}/_users/x`))).rejects.toThrow(/\/_users.*clinic_patients/);
  });

  const allowed: [string, string, SyncFetchRequest['method']][] = [
    ['the live changes feed', `${BASE}/clinic_patients/_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&heartbeat=60000&limit=20`, 'GET'],
    ['a changes batch', `${BASE}/clinic_appointments/_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=100`, 'GET'],
    ['_all_docs by keys', `${BASE}/clinic_ledger/_all_docs?`, 'POST'],
    ['_all_docs with conflicts', `${BASE}/clinic_ledger/_all_docs?include_docs=true&conflicts=true`, 'GET'],
    ['_bulk_docs', `${BASE}/clinic_ledger/_bulk_docs?`, 'POST'],
    ['_revs_diff', `${BASE}/clinic_patients/_revs_diff`, 'POST'],
    ['database info', `${BASE}/clinic_patients/`, 'GET'],
    ['database info without the slash', `${BASE}/clinic_patients`, 'HEAD'],
    ['one document', `${BASE}/clinic_patients/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`, 'GET'],
    ['writing one document', `${BASE}/clinic_appointments/appt-1`, 'PUT'],
    ['a document id with an encoded slash', `${BASE}/clinic_patients/a%2Fb`, 'GET'],
    ['a checkpoint document', `${BASE}/clinic_patients/_local/checkpoint-1`, 'PUT'],
  ];

  it.each(allowed)('sends %s to the configured server', async (_name, url, method) => {
    const { transport, fetch } = setup();
    const response = await transport.perform(request(url, method, method === 'POST' ? { body: '{}' } : {}));
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0]?.[0])).toBe(new URL(url).href);
    expect(fetch.mock.calls[0]?.[1]?.redirect).toBe('manual');
  });

  it('keeps requests under the base path of a server behind a reverse proxy', async () => {
    const config: SyncConfig = { ...CONFIG, url: 'https://couch.example.org/couch/' };
    const { transport, fetch } = setup({ config });
    await transport.perform(request('https://couch.example.org/couch/clinic_patients/_changes?feed=normal'));
    expect(fetch).toHaveBeenCalledTimes(1);
    for (const url of [
      'https://couch.example.org/clinic_patients/_changes',
      'https://couch.example.org/couchx/clinic_patients/_changes',
      'https://couch.example.org/couch/../clinic_patients/_changes',
      'https://couch.example.org/couch/_users/x',
      'http://couch.example.org/couch/clinic_patients/_changes',
    ]) {
      expect(await codeOf(transport.perform(request(url)))).toBe('ORIGIN_REFUSED');
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses a feed that never ends', async () => {
    const { transport, fetch } = setup();
    expect(await codeOf(transport.perform(request(`${BASE}/clinic_patients/_changes?feed=continuous`)))).toBe('INVALID_REQUEST');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says NOT_CONFIGURED when no server is set up', async () => {
    const { transport, fetch } = setup({ config: null });
    expect(await codeOf(transport.perform(request(`${BASE}/clinic_patients/`)))).toBe('NOT_CONFIGURED');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('createSyncTransport: headers and answers', () => {
  it('replaces the credentials and cookies the renderer sent with its own', async () => {
    const { transport, fetch } = setup();
    await transport.perform(
      request(`${BASE}/clinic_ledger/_bulk_docs`, 'POST', {
        headers: {
          Authorization: 'Basic ZXZpbDpldmls',
          cookie: 'AuthSession=stolen',
          Host: 'evil.example',
          'Proxy-Authorization': 'Basic x',
          'Content-Type': 'application/json',
          'X-Request-Tag': 'push',
        },
        body: '{"docs":[]}',
      }),
    );
    const headers = sentHeaders(fetch);
    expect(headers.get('authorization')).toBe(basicAuthHeader('desk1', 's3cret'));
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('desk1:s3cret').toString('base64')}`);
    expect(headers.has('cookie')).toBe(false);
    expect(headers.has('host')).toBe(false);
    expect(headers.has('proxy-authorization')).toBe(false);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-request-tag')).toBe('push');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"docs":[]}');
  });

  it('returns status, headers as a plain object and the body as text, without cookies', async () => {
    const fetch = vi.fn<FetchFn>(async () =>
      json(201, [{ ok: true, id: 'a', rev: '1-x' }], { 'Set-Cookie': 'AuthSession=abc', ETag: '"1-x"' }),
    );
    const { transport } = setup({ fetch });
    const response = await transport.perform(request(`${BASE}/clinic_ledger/_bulk_docs`, 'POST', { body: '{"docs":[]}' }));
    expect(response.status).toBe(201);
    expect(response.body).toBe('[{"ok":true,"id":"a","rev":"1-x"}]');
    expect(response.headers).toEqual({ 'content-type': 'application/json', etag: '"1-x"' });
    expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype);
  });

  it.each([404, 409, 412, 500])('returns a %i to RxDB as an answer', async (status) => {
    const fetch = vi.fn<FetchFn>(async () => json(status, { error: 'x', reason: 'y' }));
    const { transport, statuses } = setup({ fetch });
    const response = await transport.perform(request(`${BASE}/clinic_patients/doc1`));
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error: 'x', reason: 'y' });
    expect(statuses.at(-1)?.state).toBe('online');
  });

  it('reports offline, but still answers, when a proxy says the server is down', async () => {
    const fetch = vi.fn<FetchFn>(async () => new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    const { transport, statuses } = setup({ fetch });
    const response = await transport.perform(request(`${BASE}/clinic_patients/`));
    expect(response.status).toBe(502);
    expect(statuses).toEqual([{ state: 'offline', message: 'The sync server is not answering (502 Bad Gateway).' }]);
  });

  it('reports online after a successful answer', async () => {
    const { transport, statuses } = setup();
    await transport.perform(request(`${BASE}/clinic_patients/`));
    expect(statuses).toEqual([{ state: 'online', message: 'Connected to the sync server.' }]);
  });

  it('asks for an uncompressed long-poll so heartbeats arrive', async () => {
    const { transport, fetch } = setup();
    await transport.perform(request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now`));
    expect(sentHeaders(fetch).get('accept-encoding')).toBe('identity');
  });
});

describe('createSyncTransport: a refused password pauses sync', () => {
  it('stops sending after a 401 until the password is entered again', async () => {
    const fetch = vi.fn<FetchFn>(async () => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    const { transport, statuses } = setup({ fetch });
    const url = `${BASE}/clinic_patients/_changes?feed=normal&since=0`;

    const first = transport.perform(request(url));
    await expect(first).rejects.toMatchObject({ code: 'AUTH', message: expect.stringContaining('Name or password is incorrect.') });
    expect(statuses.at(-1)?.state).toBe('auth-failed');
    expect(transport.authPaused()).toBe(true);

    // RxDB retries every few seconds; none of these may reach CouchDB and count towards its lockout.
    for (let i = 0; i < 10; i++) {
      await expect(transport.perform(request(url))).rejects.toMatchObject({ code: 'AUTH', message: AUTH_PAUSED_MESSAGE });
    }
    expect(fetch).toHaveBeenCalledTimes(1);

    transport.resetAuthFailure();
    fetch.mockImplementation(async () => json(200, { results: [], last_seq: '0' }));
    const response = await transport.perform(request(url));
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(statuses.at(-1)?.state).toBe('online');
  });

  it.each([
    ['a user outside the members', 'GET', 'You are not allowed to access this db.'],
    ['a locked account on a write', 'POST', 'Account is temporarily locked due to multiple authentication failures'],
  ] as const)('pauses on a 403 for %s', async (_name, method, reason) => {
    const fetch = vi.fn<FetchFn>(async () => json(403, { error: 'forbidden', reason }));
    const { transport } = setup({ fetch });
    const url = method === 'GET' ? `${BASE}/clinic_patients/` : `${BASE}/clinic_patients/_bulk_docs`;
    await expect(transport.perform(request(url, method, method === 'POST' ? { body: '{}' } : {}))).rejects.toMatchObject({
      code: 'AUTH',
      message: expect.stringContaining(reason),
    });
    await expect(transport.perform(request(`${BASE}/clinic_patients/`))).rejects.toMatchObject({ message: AUTH_PAUSED_MESSAGE });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('tries new credentials with one request while the others wait, so a wrong password is refused once, not once per collection', async () => {
    const fetch = vi.fn<FetchFn>(async () => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    const { transport } = setup({ fetch });
    const collections = ['patients', 'appointments', 'ledger', 'staff', 'audit', 'catalog', 'coverages', 'documents'];
    const results = await Promise.all(collections.map((c) => codeOf(transport.perform(request(`${BASE}/clinic_${c}/_local/checkpoint`)))));
    expect(results).toEqual(collections.map(() => 'AUTH'));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('lets the others go as soon as the first answer shows the credentials are accepted, even a long-poll still open', async () => {
    const encoder = new TextEncoder();
    let endLongPoll!: () => void;
    const fetch = vi.fn<FetchFn>(async (input) => {
      if (String(input).includes('feed=longpoll')) {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            endLongPoll = () => {
              controller.enqueue(encoder.encode('{"results":[],"last_seq":"1"}'));
              controller.close();
            };
          },
        });
        return new Response(body, { status: 200 });
      }
      return json(200, { ok: true });
    });
    const { transport } = setup({ fetch });
    const longPoll = transport.perform(request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now`));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const others = Promise.all(['ledger', 'audit', 'staff'].map((c) => transport.perform(request(`${BASE}/clinic_${c}/`))));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(4));
    expect((await others).map((r) => r.status)).toEqual([200, 200, 200]);
    endLongPoll();
    expect((await longPoll).status).toBe(200);
  });

  it('tries again with the next request when the first failed before any answer', async () => {
    const fetch = vi.fn<FetchFn>(async () => json(200, { ok: true }));
    fetch.mockImplementationOnce(async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const { transport } = setup({ fetch });
    const [first, second] = await Promise.all([codeOf(transport.perform(request(`${BASE}/clinic_patients/`))), transport.perform(request(`${BASE}/clinic_ledger/`))]);
    expect(first).toBe('NETWORK');
    expect(second.status).toBe(200);
  });

  it('returns a validation rule refusing one document as an answer, without pausing', async () => {
    const reason = 'Ledger entries are append-only: record a void or refund instead';
    const fetch = vi.fn<FetchFn>(async () => json(403, { error: 'forbidden', reason }));
    const { transport } = setup({ fetch });
    const response = await transport.perform(request(`${BASE}/clinic_ledger/pay-1`, 'PUT', { body: '{}' }));
    expect(response.status).toBe(403);
    expect(transport.authPaused()).toBe(false);
  });
});

describe('createSyncTransport: network failures, timeouts and aborts', () => {
  it('turns a refused connection into NETWORK and reports offline', async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5984'), { code: 'ECONNREFUSED' });
    const fetch = vi.fn<FetchFn>(async () => {
      throw new TypeError('fetch failed', { cause });
    });
    const { transport, statuses } = setup({ fetch });
    await expect(transport.perform(request(`${BASE}/clinic_patients/`))).rejects.toMatchObject({
      code: 'NETWORK',
      message: 'Cannot reach the sync server: the connection was refused (ECONNREFUSED).',
    });
    expect(statuses).toEqual([{ state: 'offline', message: 'Cannot reach the sync server: the connection was refused (ECONNREFUSED).' }]);
    // A network failure is not a refused password: the next request is sent.
    await transport.perform(request(`${BASE}/clinic_patients/`)).catch(() => undefined);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('gives up on a silent normal request after requestTimeoutMs', async () => {
    vi.useFakeTimers();
    const { transport, statuses } = setup({ fetch: hangingFetch(), requestTimeoutMs: 1_000 });
    const result = transport.perform(request(`${BASE}/clinic_patients/`)).catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(999);
    expect(statuses).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(await result).toMatchObject({ code: 'NETWORK', message: 'Cannot reach the sync server: no answer within 1 s.' });
    expect(statuses.at(-1)?.state).toBe('offline');
  });

  it('gives a long-poll longer, and longer still when it asks for a long heartbeat', async () => {
    vi.useFakeTimers();
    const { transport } = setup({ fetch: provingFetch(hangingFetch()), requestTimeoutMs: 1_000, longPollTimeoutMs: 5_000 });
    await prove(transport);
    let plainDone = false;
    let heartbeatDone = false;
    const plain = transport
      .perform(request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now`))
      .catch((err: unknown) => err)
      .finally(() => (plainDone = true));
    const withHeartbeat = transport
      .perform(request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now&heartbeat=10000`))
      .catch((err: unknown) => err)
      .finally(() => (heartbeatDone = true));

    await vi.advanceTimersByTimeAsync(4_900);
    expect(plainDone).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(plainDone).toBe(true);
    expect(await plain).toMatchObject({ code: 'NETWORK' });

    await vi.advanceTimersByTimeAsync(5_800); // 10.9 s in
    expect(heartbeatDone).toBe(false);
    await vi.advanceTimersByTimeAsync(200); // 11.1 s: heartbeat + requestTimeoutMs
    expect(await withHeartbeat).toMatchObject({ code: 'NETWORK' });
  });

  it('keeps a request alive while bytes keep arriving (an idle timeout, not a deadline)', async () => {
    vi.useFakeTimers();
    const encoder = new TextEncoder();
    const fetch = vi.fn<FetchFn>(async () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 800));
          sent += 1;
          if (sent < 5) controller.enqueue(encoder.encode('\n'));
          else {
            controller.enqueue(encoder.encode('{"results":[],"last_seq":"9"}'));
            controller.close();
          }
        },
      });
      return new Response(body, { status: 200 });
    });
    const { transport } = setup({ fetch, requestTimeoutMs: 1_000 });
    const result = transport.perform(request(`${BASE}/clinic_patients/_changes?feed=normal`));
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).body).toBe('\n\n\n\n{"results":[],"last_seq":"9"}');
  });

  it('abort(requestId) cancels that request only, without reporting offline', async () => {
    const fetch = vi.fn<FetchFn>(hangingFetch());
    const { transport, statuses } = setup({ fetch: provingFetch(fetch) });
    await prove(transport);
    statuses.length = 0;
    const longPoll = request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now`);
    const other = request(`${BASE}/clinic_ledger/_changes?feed=longpoll&since=now`);
    const first = transport.perform(longPoll).catch((err: unknown) => err);
    const second = transport.perform(other).catch((err: unknown) => err);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));

    transport.abort(longPoll.requestId);
    expect(await first).toMatchObject({ code: 'NETWORK', message: 'The sync request was cancelled.' });
    expect(fetch.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
    expect(fetch.mock.calls[1]?.[1]?.signal?.aborted).toBe(false);
    expect(statuses).toEqual([]);

    transport.abort('unknown-id');
    transport.abortAll();
    expect(await second).toMatchObject({ code: 'NETWORK', message: 'The sync request was cancelled.' });
  });

  it('honours an abort sent right after the request, before it reached the network', async () => {
    const fetch = vi.fn<FetchFn>(hangingFetch());
    const { transport } = setup({ fetch });
    const req = request(`${BASE}/clinic_patients/_changes?feed=longpoll&since=now`);
    const result = transport.perform(req).catch((err: unknown) => err);
    transport.abort(req.requestId);
    expect(await result).toMatchObject({ code: 'NETWORK', message: 'The sync request was cancelled.' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a second request with the id of one still in flight', async () => {
    const { transport } = setup({ fetch: hangingFetch() });
    const req = request(`${BASE}/clinic_patients/_changes?feed=longpoll`);
    const first = transport.perform(req).catch(() => undefined);
    expect(await codeOf(transport.perform(req))).toBe('INVALID_REQUEST');
    transport.abortAll();
    await first;
  });
});
