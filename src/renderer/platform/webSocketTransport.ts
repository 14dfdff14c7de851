import type { Envelope } from '../../shared/ipc/envelope';
import type { PlatformTransport } from './transport';

const TOKEN_KEY = 'clinicdesk.token';

/**
 * Reads the start token from the address (`#token=…`), keeps it for reloads of this tab and
 * takes it out of the address bar.
 */
export function takeTokenFromLocation(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY);
}

type Pending = { resolve: (e: Envelope<unknown>) => void };

/**
 * The contract over the Node host's WebSocket. Calls made while the socket is reconnecting wait
 * for it; if the host is gone they fail with a NETWORK error rather than hang.
 */
export function createWebSocketTransport(url: string): PlatformTransport {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const failAll = (message: string) => {
    for (const [id, p] of pending) {
      p.resolve({ ok: false, error: { code: 'NETWORK', message } });
      pending.delete(id);
    }
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('Cannot reach ClinicDesk host'));
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        failAll('The connection to the ClinicDesk host closed.');
      };
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as
          | { type: 'result'; id: number; envelope: Envelope<unknown> }
          | { type: 'event'; name: string; payload: unknown };
        if (message.type === 'result') {
          pending.get(message.id)?.resolve(message.envelope);
          pending.delete(message.id);
        } else {
          for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
        }
      };
    });
    return opening;
  };

  return {
    host: 'web',
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch (error) {
        return { ok: false, error: { code: 'NETWORK', message: (error as Error).message } };
      }
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ type: 'call', id, channel, payload }));
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      void open().catch(() => undefined);
      return () => set.delete(listener);
    },
  };
}
