import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnswerLosingProxy {
  /** The proxy's base URL for the server's `baseUrl` (path kept). */
  url(baseUrl: string): string;
  /**
   * The next write to the server (`POST …/_bulk_docs`) is passed on and answered by the server,
   * but the answer never reaches the client: the connection is cut after the server stored it.
   */
  loseNextWriteAnswer(): void;
  /** Resolves when an answer was lost. */
  lost: () => Promise<void>;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy in front of the sync server that passes everything on, except that it can lose
 * the answer to one write: the case where the server stored what was pushed and the workstation
 * never heard so.
 */
export async function startAnswerLosingProxy(target: string): Promise<AnswerLosingProxy> {
  const upstream = new URL(target);
  let armed = false;
  let markLost: () => void = () => undefined;
  let lostPromise = new Promise<void>((resolve) => (markLost = resolve));
  const server: Server = createServer((req, res) => {
    const loseThis = armed && req.method === 'POST' && (req.url ?? '').split('?')[0]!.endsWith('/_bulk_docs');
    if (loseThis) armed = false;
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer: IncomingMessage) => {
        if (loseThis) {
          answer.resume();
          answer.on('end', () => {
            req.socket.destroy();
            markLost();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => req.socket.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url(baseUrl) {
      const url = new URL(baseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.href.replace(/\/$/, '');
    },
    loseNextWriteAnswer() {
      armed = true;
      lostPromise = new Promise<void>((resolve) => (markLost = resolve));
    },
    lost: () => lostPromise,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
