import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connectivity } from '../../../src/shared/sync/channels';
import {
  createConnectivityMonitor,
  createServerProbe,
  type ConnectivityMonitorDeps,
  type ProbeResult,
} from '../../../src/main/sync/connectivity';
import { basicAuthHeader, type SyncConfig } from '../../../src/main/sync/transport';

type FetchFn = typeof globalThis.fetch;

const START = new Date('2026-03-02T14:00:00.000Z');

function monitorWith(results: ProbeResult[], overrides: Partial<ConnectivityMonitorDeps> = {}) {
  const changes: Connectivity[] = [];
  let reconnects = 0;
  const queue = [...results];
  const probe = vi.fn(async (): Promise<ProbeResult> => {
    const next = queue.shift();
    if (next === undefined) throw new Error('probe called more often than the test expected');
    return next;
  });
  const monitor = createConnectivityMonitor({
    probe,
    now: () => new Date(),
    intervalMs: 10_000,
    onChange: (c) => changes.push(c),
    onReconnect: () => {
      reconnects += 1;
    },
    ...overrides,
  });
  return { monitor, probe, changes, reconnects: () => reconnects };
}

describe('createConnectivityMonitor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks at start and on every interval, and tells only about changes', async () => {
    const { monitor, probe, changes, reconnects } = monitorWith(['online', 'online', 'online', 'offline', 'offline', 'online']);
    expect(monitor.current()).toEqual({ state: 'offline', checkedAt: null, message: 'Not checked yet.' });

    monitor.start();
    monitor.start(); // a second start must not add a second timer
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(probe).toHaveBeenCalledTimes(6);

    expect(changes.map((c) => c.state)).toEqual(['online', 'offline', 'online']);
    expect(changes[0]).toEqual({ state: 'online', checkedAt: START.toISOString(), message: 'Connected to the sync server.' });
    expect(changes[1]?.checkedAt).toBe(new Date(START.getTime() + 30_000).toISOString());
    // The first answer counts as a reconnect (the app syncs at start), then the return after the drop.
    expect(reconnects()).toBe(2);
    expect(monitor.current().checkedAt).toBe(new Date(START.getTime() + 50_000).toISOString());
    monitor.stop();
  });

  it('stops checking after stop()', async () => {
    const { monitor, probe } = monitorWith(['online', 'online']);
    monitor.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).toHaveBeenCalledTimes(2);
    monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('uses injected timers', async () => {
    const callbacks: (() => void)[] = [];
    const cleared: unknown[] = [];
    const { monitor, probe } = monitorWith(['online', 'offline'], {
      setTimer: (callback, ms) => {
        expect(ms).toBe(10_000);
        callbacks.push(callback);
        return 'handle-1';
      },
      clearTimer: (handle) => cleared.push(handle),
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    callbacks[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(monitor.current().state).toBe('offline');
    monitor.stop();
    expect(cleared).toEqual(['handle-1']);
  });

  it('tells about a changed message even when the state stays the same', async () => {
    const missing = { state: 'online' as const, message: 'Server reachable, but the clinic databases are missing: run couchdb:setup.' };
    const { monitor, changes, reconnects } = monitorWith([missing, missing, 'online']);
    await monitor.checkNow();
    await monitor.checkNow();
    await monitor.checkNow();
    expect(changes.map((c) => c.message)).toEqual([missing.message, 'Connected to the sync server.']);
    expect(reconnects()).toBe(1);
  });

  it('takes reports from sync requests, and reconnects when a refused password is fixed', async () => {
    const { monitor, changes, reconnects } = monitorWith(['online', 'online'], {
      initial: { state: 'online', checkedAt: null, message: 'Connected to the sync server.' },
    });
    monitor.report('online', 'Connected to the sync server.');
    expect(changes).toEqual([]);

    monitor.report('auth-failed', 'The sync server refused the sign-in (401).');
    monitor.report('auth-failed', 'The sync server refused the sign-in (401).');
    expect(changes.map((c) => c.state)).toEqual(['auth-failed']);
    expect(reconnects()).toBe(0);

    // A new password was saved: main resets the transport and checks at once.
    const result = await monitor.checkNow();
    expect(result.state).toBe('online');
    expect(changes.map((c) => c.state)).toEqual(['auth-failed', 'online']);
    expect(reconnects()).toBe(1);
  });

  it('does not call a first configuration a reconnect', async () => {
    const { monitor, changes, reconnects } = monitorWith(['not-configured', 'online']);
    await monitor.checkNow();
    await monitor.checkNow();
    expect(changes.map((c) => c.state)).toEqual(['not-configured', 'online']);
    expect(reconnects()).toBe(0);
  });

  it('does not re-send a refused password on schedule, but does when asked', async () => {
    const { monitor, probe } = monitorWith(['auth-failed', 'auth-failed']);
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.current().state).toBe('auth-failed');
    await vi.advanceTimersByTimeAsync(100_000);
    expect(probe).toHaveBeenCalledTimes(1);
    await monitor.checkNow();
    expect(probe).toHaveBeenCalledTimes(2);
    monitor.stop();
  });

  it('shares one probe between overlapping checks', async () => {
    let release: (value: ProbeResult) => void = () => undefined;
    const probe = vi.fn(() => new Promise<ProbeResult>((resolve) => (release = resolve)));
    const { monitor } = monitorWith([], { probe });
    const a = monitor.checkNow();
    const b = monitor.checkNow();
    release('online');
    expect(await a).toBe(await b);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('treats a failing probe as offline', async () => {
    const probe = vi.fn(async (): Promise<ProbeResult> => {
      throw new Error('boom');
    });
    const { monitor } = monitorWith([], { probe, initial: { state: 'online', checkedAt: null, message: 'x' } });
    expect(await monitor.checkNow()).toMatchObject({ state: 'offline', message: 'Cannot check the sync server: boom' });
  });
});

describe('createServerProbe', () => {
  const config: SyncConfig = { url: 'http://127.0.0.1:5984', username: 'desk1', password: 'pw', dbPrefix: 'clinic' };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it("asks for the clinic's patients database with the workstation's credentials", async () => {
    const fetch = vi.fn<FetchFn>(async () => json(200, { db_name: 'clinic_patients' }));
    const probe = createServerProbe({ getConfig: async () => config, fetch, timeoutMs: 1_000 });
    expect(await probe()).toEqual({ state: 'online', message: 'Connected to the sync server.' });
    expect(String(fetch.mock.calls[0]?.[0])).toBe('http://127.0.0.1:5984/clinic_patients');
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('authorization')).toBe(basicAuthHeader('desk1', 'pw'));
  });

  it('keeps the base path of a server behind a reverse proxy', async () => {
    const fetch = vi.fn<FetchFn>(async () => json(200, {}));
    const probe = createServerProbe({ getConfig: async () => ({ ...config, url: 'https://h.example/couch/' }), fetch, timeoutMs: 1_000 });
    await probe();
    expect(String(fetch.mock.calls[0]?.[0])).toBe('https://h.example/couch/clinic_patients');
  });

  it.each([
    [401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }, 'auth-failed', /Name or password is incorrect/],
    [403, { error: 'forbidden', reason: 'You are not allowed to access this db.' }, 'auth-failed', /not allowed to access/],
    [404, { error: 'not_found', reason: 'Database does not exist.' }, 'online', /databases are missing: run couchdb:setup/],
    [503, { error: 'unavailable' }, 'offline', /503/],
  ] as const)('maps %i to %s', async (status, body, state, message) => {
    const probe = createServerProbe({ getConfig: async () => config, fetch: async () => json(status, body), timeoutMs: 1_000 });
    const result = await probe();
    expect(result.state).toBe(state);
    expect(result.message).toMatch(message);
  });

  it('maps a refused connection and a silent server to offline', async () => {
    const refused = createServerProbe({
      getConfig: async () => config,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      },
      timeoutMs: 1_000,
    });
    expect(await refused()).toEqual({ state: 'offline', message: 'Cannot reach the sync server: the connection was refused (ECONNREFUSED).' });

    const silent = createServerProbe({
      getConfig: async () => config,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
      timeoutMs: 20,
    });
    expect(await silent()).toEqual({ state: 'offline', message: 'Cannot reach the sync server: no answer within 20 ms.' });
  });

  it('does not touch the network when not configured or while the password is refused', async () => {
    const fetch = vi.fn<FetchFn>(async () => json(200, {}));
    expect(await createServerProbe({ getConfig: async () => null, fetch, timeoutMs: 1_000 })()).toMatchObject({ state: 'not-configured' });
    expect(
      await createServerProbe({ getConfig: async () => config, fetch, timeoutMs: 1_000, isAuthPaused: () => true })(),
    ).toMatchObject({ state: 'auth-failed' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
