import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventOf } from '../../shared/ipc/contract';
import type { Dispatch } from '../ipc/registry';
import { contentTypeOf, resolveStaticFile } from '../window/appProtocol';
import { contentSecurityPolicy } from '../window/security';
import { callIdOf, checkUpgrade, WsCallSchema } from './wsProtocol';

export const WS_PATH = '/ipc';
const MAX_MESSAGE_BYTES = 80 * 1024 * 1024;

export interface WebHost {
  /** The address to open, with the start's token in the fragment (never sent to the server). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  broadcast<E extends EventName>(name: E, payload: EventOf<E>): void;
  close(): Promise<void>;
}

/** The port asked for is taken, most likely by another web desk of this workstation. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use: another ClinicDesk web desk may be running. Stop it or choose another port with --port N.`);
    this.name = 'PortInUseError';
  }
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the contract over a WebSocket. The dispatcher
 * is set after start because main's services need `broadcast` from the host.
 */
export async function startWebHost(options: { rendererDir: string; port: number }): Promise<WebHost & { setDispatch(d: Dispatch): void }> {
  const token = randomBytes(32).toString('base64url');
  let dispatch: Dispatch | null = null;
  let origin = '';
  let hostHeader = '';

  const server: Server = createServer(async (req, res) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? resolveStaticFile(options.rendererDir, `${origin}${req.url ?? '/'}`, hostHeader) : null;
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Length': info.size,
      'Content-Security-Policy': contentSecurityPolicy({ connectSrc: [`ws://${hostHeader}${WS_PATH}`] }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, { origin, token, path: WS_PATH });
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', async (data) => {
      // -1 only when the message carries no usable id: nobody is waiting for that answer.
      let id = -1;
      try {
        const message: unknown = JSON.parse(data.toString());
        id = callIdOf(message) ?? -1;
        const call = WsCallSchema.parse(message);
        const envelope = dispatch
          ? await dispatch(call.channel, call.payload, { transport: 'web' })
          : { ok: false as const, error: { code: 'INTERNAL' as const, message: 'The host is still starting.' } };
        ws.send(JSON.stringify({ type: 'result', id, envelope }));
      } catch {
        ws.send(JSON.stringify({ type: 'result', id, envelope: { ok: false, error: { code: 'INVALID_REQUEST', message: 'Malformed message.' } } }));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error);
    server.once('error', refuse);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    setDispatch(d) {
      dispatch = d;
    },
    broadcast(name, payload) {
      const message = JSON.stringify({ type: 'event', name, payload });
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
