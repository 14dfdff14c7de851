import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PortInUseError, startWebHost, type WebHost, WS_PATH } from '../../../src/main/host/webHost';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/registry';

let host: WebHost & { setDispatch(d: ReturnType<typeof createDispatcher>): void };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-host-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ClinicDesk</title>');
  await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({ rendererDir: dir, port: 0 });
  host.setDispatch(createDispatcher({ 'app:info': () => ({ host: 'web', version: '9.9.9' }) } as unknown as Handlers));
});
afterAll(() => host.close());

/** Opens a WebSocket and resolves with it, or with the HTTP status that refused the upgrade. */
function connect(url: string, origin: string | undefined): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

const wsUrl = (token: string) => `${host.origin.replace('http', 'ws')}${WS_PATH}?token=${encodeURIComponent(token)}`;

describe('Node host', () => {
  it('prints an address on 127.0.0.1 carrying the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the renderer with a CSP that allows only its own WebSocket', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ClinicDesk');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src ws://${new URL(host.origin).host}${WS_PATH}`);
    expect(csp).toContain("script-src 'self'");
  });

  it('serves nothing outside the renderer folder', async () => {
    expect((await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${host.origin}/missing.js`)).status).toBe(404);
    expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a WebSocket from another origin even with the right token', async () => {
    expect(await connect(wsUrl(host.token), 'http://evil.example')).toBe(403);
  });

  it('refuses a WebSocket with no Origin header', async () => {
    expect(await connect(wsUrl(host.token), undefined)).toBe(403);
  });

  it('refuses a WebSocket with a wrong or missing token', async () => {
    expect(await connect(wsUrl('x'.repeat(43)), host.origin)).toBe(401);
    expect(await connect(`${host.origin.replace('http', 'ws')}${WS_PATH}`, host.origin)).toBe(401);
  });

  it('carries contract calls for its own page with the token', async () => {
    const ws = await connect(wsUrl(host.token), host.origin);
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    const reply = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ type: 'call', id: 7, channel: 'app:info', payload: {} }));
    expect(await reply).toEqual({ type: 'result', id: 7, envelope: { ok: true, value: { host: 'web', version: '9.9.9' } } });

    const bad = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send('not json');
    expect(await bad).toMatchObject({ type: 'result', envelope: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    socket.close();
  });

  it('answers every call with its own id, a refused one too, so no caller waits forever', async () => {
    const socket = (await connect(wsUrl(host.token), host.origin)) as WebSocket;
    const answer = (message: unknown) =>
      new Promise<unknown>((resolve) => {
        socket.once('message', (data) => resolve(JSON.parse(String(data))));
        socket.send(JSON.stringify(message));
      });

    // A call whose request is `undefined` arrives without `payload`: it is the channel's empty request.
    expect(await answer({ type: 'call', id: 8, channel: 'app:info' })).toEqual({
      type: 'result',
      id: 8,
      envelope: { ok: true, value: { host: 'web', version: '9.9.9' } },
    });
    const invalid = { type: 'result', envelope: { ok: false, error: { code: 'INVALID_REQUEST' } } };
    expect(await answer({ type: 'cal', id: 9, channel: 'app:info', payload: {} })).toMatchObject({ ...invalid, id: 9 });
    expect(await answer({ type: 'call', id: 10, channel: 'x'.repeat(101), payload: {} })).toMatchObject({ ...invalid, id: 10 });
    expect(await answer({ type: 'call', id: 11, payload: {} })).toMatchObject({ ...invalid, id: 11 });
    expect(await answer({ type: 'call', id: 12, channel: 'no:such', payload: {} })).toMatchObject({
      id: 12,
      envelope: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
    });
    // Without a usable id there is no caller to answer: -1.
    expect(await answer({ type: 'call', id: '13', channel: 'app:info', payload: {} })).toMatchObject({ ...invalid, id: -1 });
    expect(await answer({ type: 'call', id: 1.5, channel: 'app:info', payload: {} })).toMatchObject({ ...invalid, id: -1 });
    expect(await answer([1, 2])).toMatchObject({ ...invalid, id: -1 });
    socket.close();
  });

  it('refuses a second host on a port in use with one sentence, and keeps the first one serving', async () => {
    const port = Number(new URL(host.origin).port);
    const second = startWebHost({ rendererDir: dir, port });
    await expect(second).rejects.toBeInstanceOf(PortInUseError);
    await expect(second).rejects.toThrow(
      `Port ${port} is in use: another ClinicDesk web desk may be running. Stop it or choose another port with --port N.`,
    );
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
  });

  it('npm run web on a port in use prints that sentence, no stack trace, and exits 1', async () => {
    const port = new URL(host.origin).port;
    const run = await new Promise<{ code: number | string | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main/host/web.ts', '--port', port, '--data-dir', path.join(dir, 'data'), '--renderer-dir', dir],
        { cwd: path.resolve(import.meta.dirname, '../../..'), timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? (error.code ?? null) : 0, stdout, stderr }),
      );
    });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `Port ${port} is in use: another ClinicDesk web desk may be running. Stop it or choose another port with --port N.\n`,
    });
  });

  it('pushes events to connected pages', async () => {
    const socket = (await connect(wsUrl(host.token), host.origin)) as WebSocket;
    const event = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    host.broadcast('sync:trigger', { reason: 'manual' });
    expect(await event).toEqual({ type: 'event', name: 'sync:trigger', payload: { reason: 'manual' } });
    socket.close();
  });
});
