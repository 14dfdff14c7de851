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
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('clinic_ledger') }), 'http://couch.test/clinic_ledger/_changes?since=0');
  });

  it('passes a refusal from main on as an error', async () => {
    const { client } = fakeClient(() => {
      throw new PlatformError('AUTH', 'Sync is paused');
    });
    const onError = vi.fn();
    const { fetch } = createMainFetch(client, onError);
    await expect(fetch('http://couch.test/clinic_patients/')).rejects.toMatchObject({ code: 'AUTH' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH' }), 'http://couch.test/clinic_patients/');
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

  it('holds requests off the network until released, and lets an aborted one go', async () => {
    const { client, calls } = fakeClient(() => ({ status: 200, statusText: 'OK', headers: {}, body: '{"results":[],"last_seq":"0"}' }));
    const http = createMainFetch(client);
    http.hold();
    const held = http.fetch('http://couch.test/clinic_patients/_changes?feed=normal&since=0');
    const controller = new AbortController();
    const aborted = http.fetch('http://couch.test/clinic_ledger/_changes?feed=normal&since=0', { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.filter((c) => c.channel === 'sync:fetch')).toHaveLength(0);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    http.release();
    expect((await held).status).toBe(200);
    expect(calls.filter((c) => c.channel === 'sync:fetch')).toHaveLength(1);
    expect(http.isHeld()).toBe(false);
  });

  it('reports how many changes a batch of the feed brought and how many the server says remain', async () => {
    const { client } = fakeClient(() => ({ status: 200, statusText: 'OK', headers: {}, body: '{"results":[{"id":"a"},{"id":"b"}],"last_seq":"2-x","pending":40}' }));
    const onChanges = vi.fn();
    const { fetch } = createMainFetch(client, () => undefined, onChanges);
    await fetch('http://couch.test/clinic_patients/_changes?style=all_docs&feed=normal&since=0&limit=2');
    await fetch('http://couch.test/clinic_patients/_changes?feed=longpoll&since=0');
    expect(onChanges).toHaveBeenCalledTimes(1);
    expect(onChanges).toHaveBeenCalledWith({ url: 'http://couch.test/clinic_patients/_changes?style=all_docs&feed=normal&since=0&limit=2', received: 2, pending: 40 });
  });
});
