import { describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../../../src/renderer/platform/client';
import { createMainFetch } from '../../../src/renderer/features/sync/mainFetch';

type Call = { channel: string; request: Record<string, unknown> };

function fakeClient(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const call = vi.fn(async (channel: string, request: unknown) => {
    const c = { channel, request: request as Record<string, unknown> };
    calls.push(c);
    return answer(c);
  });
  return { client: { call } as never, calls };
}

describe('the replication fetch that main performs', () => {
  it('sends method, headers and body, and builds a Response from the answer', async () => {
    const { client, calls } = fakeClient(() => ({ status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' }, body: '[{"ok":true}]' }));
    const { fetch } = createMainFetch(client);
    const response = await fetch('http://couch.test/clinic_patients/_bulk_docs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"docs":[]}' });
    expect(calls[0]).toMatchObject({ channel: 'sync:fetch', request: { method: 'POST', url: 'http://couch.test/clinic_patients/_bulk_docs', body: '{"docs":[]}', headers: { 'content-type': 'application/json' } } });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual([{ ok: true }]);
  });

  it('says which clinic database is missing instead of retrying in silence', async () => {
    const { client } = fakeClient(() => ({ status: 404, statusText: 'Object Not Found', headers: {}, body: '{"error":"not_found","reason":"no_db_file"}' }));
    const onError = vi.fn();
    const { fetch } = createMainFetch(client, onError);
    await fetch('http://couch.test/clinic_ledger/_changes?since=0');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('clinic_ledger') }));
  });

  it('passes a refusal from main on as an error', async () => {
    const { client } = fakeClient(() => {
      throw new PlatformError('AUTH', 'Sync is paused');
    });
    const onError = vi.fn();
    const { fetch } = createMainFetch(client, onError);
    await expect(fetch('http://couch.test/clinic_patients/')).rejects.toMatchObject({ code: 'AUTH' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH' }));
  });

  it('aborts every request still waiting in main', async () => {
    let release: (v: unknown) => void = () => undefined;
    const { client, calls } = fakeClient((c) => (c.channel === 'sync:fetch' ? new Promise((r) => (release = r)) : {}));
    const http = createMainFetch(client);
    const pending = http.fetch('http://couch.test/clinic_patients/_changes?feed=longpoll');
    await Promise.resolve();
    http.abortAll();
    const abort = calls.find((c) => c.channel === 'sync:abort');
    expect(abort?.request['requestId']).toBe(calls[0]?.request['requestId']);
    release({ status: 200, statusText: 'OK', headers: {}, body: '{"results":[]}' });
    await pending;
  });
});
