import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Random cuts in the middle of traffic. Each connection is given a budget of bytes, drawn on a
 * log scale between `minBytes` and `maxBytes` from `random`, counted in both directions: the byte
 * that exhausts it may fall in a request (headers or body) or in a response, and the connection
 * is cut right there, after the bytes before it were passed on.
 */
export type ChaosSettings = {
  /** Numbers in [0, 1), from a seeded generator so a failing run can be replayed. */
  random: () => number;
  minBytes: number;
  maxBytes: number;
  /**
   * The chance that a new connection never reaches the server: the proxy answers its first
   * request itself with `503 Service Unavailable` and a CouchDB-style JSON error, as a reverse
   * proxy in front of a restarting CouchDB does. 0 by default.
   */
  unavailable?: number;
};

/** How the proxy ended a connection it cut. */
export type CutKind = 'reset' | 'close';

export type TcpProxyStats = {
  connections: number;
  /** Connections cut by chaos, by where the cut fell. */
  cutInRequest: number;
  cutInResponse: number;
  /** Requests the proxy answered with 503 itself. */
  unavailable: number;
  /** Bytes passed on, client to server and back. */
  bytesUp: number;
  bytesDown: number;
};

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
  /**
   * Starts cutting connections at random points (see ChaosSettings), open ones included, or
   * stops with `null`. A cut either resets both sides (RST) or closes them (FIN) after the bytes
   * before it, chosen at random too.
   */
  chaos(settings: ChaosSettings | null): void;
  stats(): TcpProxyStats;
  stop(): Promise<void>;
};

type Pair = {
  client: Socket;
  upstream: Socket;
  /** Bytes this connection may still carry before chaos cuts it; Infinity without chaos. */
  budget: number;
  done: boolean;
};

/**
 * Starts a TCP proxy on 127.0.0.1 in front of a server, so a test can take the network away
 * between a client and the server and give it back, or make it unreliable, without the client's
 * URL changing.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  const held = new Set<Socket>();
  let mode: 'open' | 'refuse' | 'hang' = 'open';
  let port = 0;
  let chaos: ChaosSettings | null = null;
  const stats: TcpProxyStats = { connections: 0, cutInRequest: 0, cutInResponse: 0, unavailable: 0, bytesUp: 0, bytesDown: 0 };

  const drawBudget = () => {
    if (!chaos) return Infinity;
    const low = Math.log(Math.max(1, chaos.minBytes));
    const high = Math.log(Math.max(chaos.minBytes, chaos.maxBytes) + 1);
    return Math.max(1, Math.floor(Math.exp(low + chaos.random() * (high - low))));
  };

  const end = (pair: Pair) => {
    pair.done = true;
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  };

  /** Passes on the bytes before the cut, then ends both sides the chosen way. */
  const cutPair = (pair: Pair, to: Socket, part: Buffer, kind: CutKind) => {
    pair.done = true;
    pairs.delete(pair);
    pair.client.pause();
    pair.upstream.pause();
    const finish = () => {
      if (kind === 'reset') {
        pair.client.resetAndDestroy();
        pair.upstream.resetAndDestroy();
      } else {
        pair.client.end();
        pair.upstream.end();
        // Whatever either side still sends after its FIN goes nowhere.
        setTimeout(() => end(pair), 50).unref();
      }
    };
    if (part.length > 0 && !to.destroyed) to.write(part, finish);
    else finish();
  };

  const forward = (pair: Pair, from: Socket, to: Socket, direction: 'up' | 'down') => {
    from.on('data', (chunk: Buffer) => {
      if (pair.done || mode === 'hang') return;
      if (chunk.length >= pair.budget && chaos) {
        const part = chunk.subarray(0, Math.max(0, pair.budget - 1));
        if (direction === 'up') stats.cutInRequest += 1;
        else stats.cutInResponse += 1;
        if (direction === 'up') stats.bytesUp += part.length;
        else stats.bytesDown += part.length;
        cutPair(pair, to, part, chaos.random() < 0.5 ? 'reset' : 'close');
        return;
      }
      pair.budget -= chunk.length;
      if (direction === 'up') stats.bytesUp += chunk.length;
      else stats.bytesDown += chunk.length;
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => {
          if (!pair.done && mode !== 'hang') from.resume();
        });
      }
    });
    from.on('end', () => {
      if (!pair.done) to.end();
    });
  };

  /** Answers the connection's first request with 503 once its head has arrived, then closes it. */
  const answerUnavailable = (client: Socket) => {
    let head = '';
    held.add(client);
    client.on('close', () => held.delete(client));
    client.on('error', () => undefined);
    client.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      stats.unavailable += 1;
      const body = JSON.stringify({ error: 'service_unavailable', reason: 'The server is starting up.' });
      client.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
  };

  const onConnection = (client: Socket) => {
    if (mode === 'hang') {
      client.pause();
      held.add(client);
      client.on('close', () => held.delete(client));
      client.on('error', () => undefined);
      return;
    }
    stats.connections += 1;
    if (chaos?.unavailable && chaos.random() < chaos.unavailable) return answerUnavailable(client);
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream, budget: drawBudget(), done: false };
    pairs.add(pair);
    const onGone = () => {
      if (!pair.done) end(pair);
    };
    client.on('error', onGone).on('close', onGone);
    upstream.on('error', onGone).on('close', onGone);
    forward(pair, client, upstream, 'up');
    forward(pair, upstream, client, 'down');
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
    for (const pair of [...pairs]) end(pair);
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
    chaos(settings) {
      chaos = settings;
      for (const pair of pairs) pair.budget = drawBudget();
    },
    stats: () => ({ ...stats }),
    async stop() {
      destroyAll();
      await closeListener();
    },
  };
}

/** Runs `body` with a TCP proxy in front of `server` (a URL), and stops the proxy afterwards. */
export async function throughProxy<T>(server: string, body: (proxy: TcpProxy) => Promise<T>): Promise<T> {
  const target = new URL(server);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  try {
    return await body(proxy);
  } finally {
    await proxy.stop();
  }
}
