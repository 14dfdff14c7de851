import { describe, expect, it } from 'vitest';
import { failOnErrorAnswers, prefetchingChanges, resumingChangesFeed } from '../../../src/renderer/features/sync/replication';

const DB = 'https://couch.example.org/clinic_patients/';
const longPoll = `${DB}_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&heartbeat=25000&limit=200`;

/** A server that answers every request with `bodies` in turn (200, or [status, body]), and keeps the URLs it was asked. */
function fakeServer(...bodies: (string | [number, string] | Error)[]) {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    const next = bodies.shift() ?? '{}';
    if (next instanceof Error) throw next;
    const [status, body] = typeof next === 'string' ? [200, next] : next;
    return new Response(body, { status, statusText: status === 503 ? 'Service Unavailable' : '' });
  }) as typeof globalThis.fetch;
  return { asked, fetch };
}

const normal = (since: string) => `${DB}_changes?style=all_docs&feed=normal&include_docs=true&since=${since}&limit=200`;
const sinceOf = (url: string | undefined) => new URL(url ?? '').searchParams.get('since');

describe('the live changes feed never starts from "now"', () => {
  it('waits until the first pass has read the feed to its end, then asks from where it ended', async () => {
    const batch = (n: number, lastSeq: string, pending: number) => JSON.stringify({ results: Array.from({ length: n }, (_, i) => ({ id: `p${i}` })), last_seq: lastSeq, pending });
    // The second batch is not full, so it ends the pass, although changes written meanwhile count in `pending`.
    const server = fakeServer(batch(200, '200-g1AAAA_a', 150), batch(150, '350-g1AAAA_b', 3), '{"results":[],"last_seq":"351-g1AAAA_c"}');
    const { fetch } = resumingChangesFeed(server.fetch);
    let answered = false;
    const live = fetch(longPoll).then(() => (answered = true));
    await fetch(normal('0'));
    await new Promise((r) => setTimeout(r, 10));
    // A full batch does not release it: the pass is still reading.
    expect(answered).toBe(false);
    await fetch(normal('200-g1AAAA_a'));
    await live;
    expect(server.asked.map(sinceOf)).toEqual(['0', '200-g1AAAA_a', '350-g1AAAA_b']);
  });

  it('asks from the last sequence any answer gave when a long-poll that never answered is sent again', async () => {
    const server = fakeServer('{"results":[],"last_seq":"17-g1AAAA_x","pending":0}', new Error('connection reset'), '{"results":[{"id":"a"}],"last_seq":"18-g1AAAA_y"}', '{"results":[]}');
    const { fetch } = resumingChangesFeed(server.fetch);
    await fetch(normal('0'));
    await expect(fetch(longPoll)).rejects.toThrow('connection reset');
    // RxDB asks from "now" again after a failure; the changes since 17 are not skipped.
    await fetch(longPoll);
    await fetch(longPoll);
    expect(server.asked.map(sinceOf)).toEqual(['0', '17-g1AAAA_x', '17-g1AAAA_x', '18-g1AAAA_y']);
  });

  it('takes numbers as sequences too, finds the sequence after the results, and leaves other requests alone', async () => {
    const server = fakeServer('{"results":[{"id":"a","doc":{"note":"\\"last_seq\\":99"}}],"last_seq":42,"pending":0}', '{"rows":[]}', '{"results":[]}');
    const { fetch } = resumingChangesFeed(server.fetch);
    await fetch(normal('0'));
    await fetch(`${DB}_all_docs?`, { method: 'POST', body: '{"keys":[]}' });
    await fetch(longPoll);
    expect(server.asked[1]).toBe(`${DB}_all_docs?`);
    expect(sinceOf(server.asked[2])).toBe('42');
  });

  it('ends a waiting long-poll when the replication stops, without asking the server', async () => {
    const server = fakeServer();
    const resuming = resumingChangesFeed(server.fetch);
    const live = resuming.fetch(longPoll);
    resuming.close();
    await expect(live).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.asked).toEqual([]);
  });
});

describe("the replication's requests fail on an error answer instead of passing it on as a success", () => {
  it('throws with the status and the server’s reason, so RxDB retries it like a network failure', async () => {
    const fetch = failOnErrorAnswers(fakeServer([503, '{"error":"service_unavailable","reason":"The server is starting up."}'], [500, 'oops'], [404, '{"error":"not_found","reason":"Database does not exist."}']).fetch);
    await expect(fetch(longPoll)).rejects.toThrow('The sync server answered 503 Service Unavailable: The server is starting up.');
    await expect(fetch(longPoll)).rejects.toThrow(/^The sync server answered 500\.$/);
    await expect(fetch(`${DB}_bulk_docs?`, { method: 'POST', body: '{"docs":[]}' })).rejects.toThrow('answered 404: Database does not exist.');
  });

  it('passes every success on as it came', async () => {
    const fetch = failOnErrorAnswers(fakeServer([201, '[{"ok":true,"id":"a","rev":"1-x"}]']).fetch);
    const response = await fetch(`${DB}_bulk_docs?`, { method: 'POST', body: '{"docs":[]}' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual([{ ok: true, id: 'a', rev: '1-x' }]);
  });
});

describe('the next batch of the changes feed is asked for while the last one is written', () => {
  const batch = (n: number, lastSeq: string) => JSON.stringify({ results: Array.from({ length: n }, (_, i) => ({ id: `p${lastSeq}-${i}` })), last_seq: lastSeq });
  /** A server that answers each changes request from the sequence asked, and records every request with whether it was aborted. */
  function pagedServer(pages: Record<string, string | Error>) {
    const asked: { url: string; aborted: () => boolean }[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      asked.push({ url, aborted: () => Boolean(init?.signal?.aborted) });
      const page = pages[sinceOf(url) ?? ''] ?? '{"results":[],"last_seq":"end"}';
      if (page instanceof Error) throw page;
      return new Response(page);
    }) as typeof globalThis.fetch;
    return { asked, fetch };
  }

  it('answers RxDB’s next request with the batch already asked for, and asks for none after the last', async () => {
    const server = pagedServer({ '0': batch(200, '200-a'), '200-a': batch(200, '400-b'), '400-b': batch(7, '407-c') });
    const { fetch } = prefetchingChanges(server.fetch);
    const first = await fetch(normal('0'));
    expect(((await first.json()) as { last_seq: string }).last_seq).toBe('200-a');
    // Already on its way before RxDB asks.
    expect(server.asked.map((a) => sinceOf(a.url))).toEqual(['0', '200-a']);
    // RxDB writes its parameters in its own order: the same request all the same.
    const second = await fetch(`${DB}_changes?since=200-a&style=all_docs&feed=normal&include_docs=true&limit=200`);
    expect(((await second.json()) as { last_seq: string }).last_seq).toBe('400-b');
    expect(server.asked.map((a) => sinceOf(a.url))).toEqual(['0', '200-a', '400-b']);
    const third = await fetch(normal('400-b'));
    expect(((await third.json()) as { results: unknown[] }).results).toHaveLength(7);
    // The pass ended with a batch that was not full: nothing more is asked.
    expect(server.asked).toHaveLength(3);
  });

  it('drops the batch asked ahead when RxDB asks for another, leaves writes alone, and stops on close', async () => {
    const server = pagedServer({ '0': batch(200, '200-a'), '200-a': batch(200, '400-b'), '5': batch(200, '205-z') });
    const { fetch, close } = prefetchingChanges(server.fetch);
    await fetch(normal('0'));
    await fetch(`${DB}_bulk_docs?`, { method: 'POST', body: '{"docs":[]}' });
    expect(server.asked[1]!.aborted()).toBe(false);
    // A restarted pass from another checkpoint.
    await fetch(normal('5'));
    expect(server.asked[1]!.aborted()).toBe(true);
    expect(server.asked.map((a) => sinceOf(a.url) ?? 'write')).toEqual(['0', '200-a', 'write', '5', '205-z']);
    close();
    expect(server.asked[4]!.aborted()).toBe(true);
  });

  it('gives the error of a batch asked ahead to the request that wanted it, and none before', async () => {
    const server = pagedServer({ '0': batch(200, '200-a'), '200-a': new Error('connection reset') });
    const { fetch } = prefetchingChanges(server.fetch);
    await fetch(normal('0'));
    await new Promise((r) => setTimeout(r, 10));
    await expect(fetch(normal('200-a'))).rejects.toThrow('connection reset');
  });
});

