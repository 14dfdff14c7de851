import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../support/random';
import { startTcpProxy } from '../../support/tcpProxy';

let server: Server;
let port: number;
const BODY = 'x'.repeat(20_000);

beforeAll(async () => {
  server = createServer((req, res) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => (received += chunk.length));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(BODY.length), 'X-Received': String(received) });
      res.end(BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** One request through the proxy on a fresh connection: the body, or the error's name. */
async function get(url: string, body?: string): Promise<string> {
  try {
    const res = await fetch(url, { method: body ? 'POST' : 'GET', body: body ?? null, headers: { Connection: 'close' } });
    return await res.text();
  } catch (error) {
    return `failed: ${(error as Error).name}`;
  }
}

describe('the chaos TCP proxy', () => {
  it('cuts a connection in the middle of a response after the bytes drawn for it', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port });
    try {
      proxy.chaos({ random: createRandom(1).next, minBytes: 5_000, maxBytes: 5_000 });
      expect(await get(proxy.url('http://127.0.0.1/'))).toBe('failed: TypeError');
      const stats = proxy.stats();
      expect(stats).toMatchObject({ connections: 1, cutInRequest: 0, cutInResponse: 1 });
      // Everything before the cut was passed on: the request, then the response up to byte 5,000.
      expect(stats.bytesUp + stats.bytesDown).toBe(4_999);
    } finally {
      await proxy.stop();
    }
  });

  it('cuts in the middle of a request too, and passes everything once chaos is off', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port });
    try {
      proxy.chaos({ random: createRandom(2).next, minBytes: 300, maxBytes: 300 });
      expect(await get(proxy.url('http://127.0.0.1/'), 'y'.repeat(10_000))).toBe('failed: TypeError');
      expect(proxy.stats()).toMatchObject({ cutInRequest: 1, cutInResponse: 0, bytesUp: 299, bytesDown: 0 });

      proxy.chaos(null);
      expect(await get(proxy.url('http://127.0.0.1/'), 'y'.repeat(10_000))).toBe(BODY);
    } finally {
      await proxy.stop();
    }
  });

  it('draws the same cut points from the same seed', async () => {
    const cutsFor = async (seed: number) => {
      const proxy = await startTcpProxy({ host: '127.0.0.1', port });
      try {
        proxy.chaos({ random: createRandom(seed).next, minBytes: 50, maxBytes: 40_000 });
        const outcomes: string[] = [];
        for (let i = 0; i < 8; i++) outcomes.push((await get(proxy.url('http://127.0.0.1/'))).slice(0, 20));
        return { outcomes, stats: proxy.stats() };
      } finally {
        await proxy.stop();
      }
    };
    const first = await cutsFor(7);
    expect(await cutsFor(7)).toEqual(first);
    expect(first.stats.cutInRequest + first.stats.cutInResponse).toBeGreaterThan(0);
  });
});

describe('the seeded random generator', () => {
  it('repeats its sequence for a seed, and forks independent ones by label', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRandom(42).fork('north').next()).toBe(createRandom(42).fork('north').next());
    expect(createRandom(42).fork('north').next()).not.toBe(createRandom(42).fork('south').next());
    const r = createRandom(3);
    for (let i = 0; i < 1_000; i++) {
      const n = r.logInt(10, 1_000);
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(1_000);
    }
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});
