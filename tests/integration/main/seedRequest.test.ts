import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMain } from '../../../src/main/composition';
import { createSeedRequestStore } from '../../../src/main/demo/seedRequestStore';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { keyFileSecretBox } from '../../../src/main/settings/secretBox';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const fakePdf: PdfRenderer = { render: async () => new Uint8Array(), close: async () => undefined };

async function start() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-seed-main-'));
  const main = await createMain({
    host: 'web',
    version: '1.0.0',
    dataDir,
    secrets: keyFileSecretBox(path.join(dataDir, 'secret.key')),
    pdf: fakePdf,
    printer: null,
    fetch: globalThis.fetch,
    broadcast: vi.fn(),
    connectivityIntervalMs: 60_000,
  });
  stops.push(main.stop);
  const call = (channel: string, payload: unknown = {}) => main.dispatch(channel, payload, { transport: 'web' });
  return { call, dataDir, store: createSeedRequestStore(dataDir) };
}

const REQUEST = { patients: 10_000, seed: 42, requestedAt: '2026-11-23T14:00:00.000Z' };

describe('the seed request channels', () => {
  it('answers null while nothing is waiting', async () => {
    const { call } = await start();
    expect(await call('demo:seedRequest')).toEqual({ ok: true, value: null });
  });

  it('hands the desk the waiting request, before anyone has signed in, and clears it when loaded', async () => {
    const { call, store, dataDir } = await start();
    await store.write(REQUEST);
    expect(await call('demo:seedRequest')).toEqual({ ok: true, value: REQUEST });
    expect(await call('demo:seedDone', { requestedAt: REQUEST.requestedAt })).toEqual({ ok: true, value: { cleared: true } });
    expect(await call('demo:seedRequest')).toEqual({ ok: true, value: null });
    expect(await readdir(dataDir)).not.toContain('seed-request.json');
  });

  it('keeps a newer request that replaced the one loaded', async () => {
    const { call, store } = await start();
    const newer = { ...REQUEST, patients: 20_000, requestedAt: '2026-11-23T14:05:00.000Z' };
    await store.write(newer);
    expect(await call('demo:seedDone', { requestedAt: REQUEST.requestedAt })).toEqual({ ok: true, value: { cleared: false } });
    expect(await call('demo:seedRequest')).toEqual({ ok: true, value: newer });
  });

  it('says how to fix a damaged request file', async () => {
    const { call, dataDir } = await start();
    await writeFile(path.join(dataDir, 'seed-request.json'), JSON.stringify({ patients: -1 }));
    expect(await call('demo:seedRequest')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('Run npm run seed again to replace it, or npm run seed -- --cancel to remove it') },
    });
  });

  it('refuses a malformed done request', async () => {
    const { call } = await start();
    expect(await call('demo:seedDone', { requestedAt: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('demo:seedDone', {})).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
