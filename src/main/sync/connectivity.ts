import type { Connectivity } from '../../shared/sync/channels';
import { remoteDbName } from '../../shared/sync/collections';
import { databaseUrl } from './allowList';
import { authRefusedMessage, couchReason, describeNetworkError, formatDuration } from './couchErrors';
import { AUTH_PAUSED_MESSAGE, NOT_CONFIGURED_MESSAGE, ONLINE_MESSAGE, basicAuthHeader, type SyncConfig } from './transport';

export type ConnectivityState = Connectivity['state'];

/** A probe may answer with a bare state (a default message is used) or with its own message. */
export type ProbeResult = ConnectivityState | { state: ConnectivityState; message: string };

export type ConnectivityMonitorDeps = {
  probe: () => Promise<ProbeResult>;
  now: () => Date;
  intervalMs: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Called when the state or its message changes. */
  onChange: (connectivity: Connectivity) => void;
  /** Called when the server becomes reachable again after being offline or refusing the password. */
  onReconnect: () => void;
  /** The state before the first check; by default offline with `checkedAt: null`. */
  initial?: Connectivity;
};

export type ConnectivityMonitor = {
  /** Checks now and then every `intervalMs`. Calling it twice has no further effect. */
  start(): void;
  stop(): void;
  /** Probes the server now; concurrent calls share one probe. */
  checkNow(): Promise<Connectivity>;
  current(): Connectivity;
  /** Records what a sync request just learned (wire the transport's `onStatus` here). */
  report(state: ConnectivityState, message: string): void;
};

const DEFAULT_MESSAGES: Record<ConnectivityState, string> = {
  online: ONLINE_MESSAGE,
  offline: 'Cannot reach the sync server.',
  'auth-failed': AUTH_PAUSED_MESSAGE,
  'not-configured': NOT_CONFIGURED_MESSAGE,
};

function defaultSetTimer(callback: () => void, ms: number): unknown {
  const handle = setInterval(callback, ms);
  // A status check alone should not keep a Node process (tests, the web host's shutdown) alive.
  handle.unref();
  return handle;
}

function defaultClearTimer(handle: unknown): void {
  clearInterval(handle as ReturnType<typeof setInterval>);
}

/**
 * Keeps the last known connectivity to the sync server, from periodic probes and from what sync
 * requests report, and says when it changes and when the server is back so that main can start
 * a sync pass. Scheduled probes skip while the password is refused: each one would count as a
 * failed login, and CouchDB locks the account after five.
 */
export function createConnectivityMonitor(deps: ConnectivityMonitorDeps): ConnectivityMonitor {
  const setTimer = deps.setTimer ?? defaultSetTimer;
  const clearTimer = deps.clearTimer ?? defaultClearTimer;
  let state: Connectivity = deps.initial ?? { state: 'offline', checkedAt: null, message: 'Not checked yet.' };
  let timer: unknown = null;
  let pending: Promise<Connectivity> | null = null;

  function update(next: ConnectivityState, message: string): Connectivity {
    const previous = state;
    state = { state: next, message, checkedAt: deps.now().toISOString() };
    if (previous.state !== next || previous.message !== message) deps.onChange(state);
    if (next === 'online' && (previous.state === 'offline' || previous.state === 'auth-failed')) {
      deps.onReconnect();
    }
    return state;
  }

  function checkNow(): Promise<Connectivity> {
    pending ??= (async () => {
      try {
        const result = await deps.probe();
        const next = typeof result === 'string' ? { state: result, message: DEFAULT_MESSAGES[result] } : result;
        return update(next.state, next.message);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        return update('offline', `Cannot check the sync server: ${reason}`);
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  function tick() {
    if (state.state === 'auth-failed') return;
    void checkNow();
  }

  return {
    start() {
      if (timer !== null) return;
      timer = setTimer(tick, deps.intervalMs);
      void checkNow();
    },
    stop() {
      if (timer === null) return;
      clearTimer(timer);
      timer = null;
    },
    checkNow,
    current: () => state,
    report(next, message) {
      update(next, message);
    },
  };
}

export type ServerProbeDeps = {
  getConfig: () => Promise<SyncConfig | null>;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  /** When true the probe answers auth-failed without sending the refused password again. */
  isAuthPaused?: () => boolean;
};

/**
 * Creates a probe that asks the configured server for the clinic's patients database with the
 * workstation's credentials: 200 is online, 401/403 auth-failed, no answer offline. A 404 is
 * online (the server answers) with a message that the clinic's databases still need creating.
 */
export function createServerProbe(deps: ServerProbeDeps): () => Promise<{ state: ConnectivityState; message: string }> {
  return async () => {
    const config = await deps.getConfig();
    if (!config) return { state: 'not-configured', message: NOT_CONFIGURED_MESSAGE };
    if (deps.isAuthPaused?.()) return { state: 'auth-failed', message: AUTH_PAUSED_MESSAGE };
    let url: string;
    try {
      url = databaseUrl(config, remoteDbName(config.dbPrefix, 'patients'));
    } catch (err) {
      return { state: 'not-configured', message: err instanceof Error ? err.message : String(err) };
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    try {
      const response = await deps.fetch(url, {
        method: 'GET',
        headers: { Authorization: basicAuthHeader(config.username, config.password), Accept: 'application/json' },
        redirect: 'manual',
        signal: controller.signal,
      });
      const body = await response.text();
      const reason = couchReason(body);
      if (response.status === 401 || response.status === 403) {
        return { state: 'auth-failed', message: authRefusedMessage(response.status, reason) };
      }
      if (response.status === 404) {
        return {
          state: 'online',
          message: 'Server reachable, but the clinic databases are missing: run couchdb:setup.',
        };
      }
      if (response.status >= 500) {
        return { state: 'offline', message: `The sync server is not answering properly (${response.status}).` };
      }
      if (response.status >= 300) {
        return { state: 'online', message: `The sync server answered ${response.status}${reason ? `: ${reason}` : ''}.` };
      }
      return { state: 'online', message: ONLINE_MESSAGE };
    } catch (err) {
      if (controller.signal.aborted) {
        return { state: 'offline', message: `Cannot reach the sync server: no answer within ${formatDuration(deps.timeoutMs)}.` };
      }
      return { state: 'offline', message: `Cannot reach the sync server: ${describeNetworkError(err)}.` };
    } finally {
      clearTimeout(timer);
    }
  };
}
