import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type TcpProxy = {
  port: number;
  /** `baseUrl` with its host and port replaced by the proxy's (path kept). */
  url(baseUrl: string): string;
  /**
   * Simulates the network going down. `refuse` (default) destroys every open connection and
   * stops listening, so new connections are refused at once. `hang` keeps listening but stops
   * forwarding bytes either way on every connection, old and new, the way a dead link drops
   * packets, so only timeouts notice.
   */
  cut(mode?: 'refuse' | 'hang'): void;
  /** Brings the network back on the same port; connections held by `hang` are closed. */
  restore(): Promise<void>;
  stop(): Promise<void>;
};

type Pair = { client: Socket; upstream: Socket };

/**
 * Starts a TCP proxy on 127.0.0.1 in front of a server, so a test can take the network away
 * between a client and the server and give it back, without the client's URL changing.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  const held = new Set<Socket>();
  let mode: 'open' | 'refuse' | 'hang' = 'open';
  let port = 0;

  const onConnection = (client: Socket) => {
    if (mode === 'hang') {
      client.pause();
      held.add(client);
      client.on('close', () => held.delete(client));
      client.on('error', () => undefined);
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  let server: Server = createServer(onConnection);
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const closeListener = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const destroyAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    for (const socket of held) socket.destroy();
    held.clear();
  };

  await listen();

  return {
    get port() {
      return port;
    },
    url(baseUrl) {
      const u = new URL(baseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.href.replace(/\/$/, '');
    },
    cut(next = 'refuse') {
      if (next === 'refuse') {
        mode = 'refuse';
        destroyAll();
        void closeListener();
        return;
      }
      mode = 'hang';
      for (const pair of pairs) {
        pair.client.unpipe(pair.upstream);
        pair.upstream.unpipe(pair.client);
        pair.client.pause();
        pair.upstream.pause();
      }
    },
    async restore() {
      destroyAll();
      if (mode === 'refuse') {
        await closeListener();
        server = createServer(onConnection);
        mode = 'open';
        await listen();
      }
      mode = 'open';
    },
    async stop() {
      destroyAll();
      await closeListener();
    },
  };
}
