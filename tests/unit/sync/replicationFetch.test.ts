import { describe, expect, it } from 'vitest';
import { failOnErrorAnswers, resumingChangesFeed } from '../../../src/renderer/features/sync/replication';

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

describe('the live changes feed picks up where the last answer ended', () => {
  it('asks from "now" until the feed has answered, then from the last sequence it gave', async () => {
    const server = fakeServer(new Error('connection reset'), '{"results":[],"last_seq":"17-g1AAAA_x"}', '{"results":[]}');
    const fetch = resumingChangesFeed(server.fetch);
    await expect(fetch(longPoll)).rejects.toThrow('connection reset');
    await fetch(longPoll);
    // RxDB asks from "now" again after a failure; the changes since 17 are not skipped.
    await fetch(longPoll);
    expect(server.asked.map((u) => new URL(u).searchParams.get('since'))).toEqual(['now', 'now', '17-g1AAAA_x']);
  });

  it('takes the sequence from the changes the pull read, numbers too, and leaves other requests alone', async () => {
    const server = fakeServer('{"results":[{"id":"a","doc":{"note":"\\"last_seq\\":99"}}],"last_seq":42,"pending":0}', '{"rows":[]}', '{"results":[]}');
    const fetch = resumingChangesFeed(server.fetch);
    await fetch(`${DB}_changes?style=all_docs&feed=normal&since=0&limit=200`);
    await fetch(`${DB}_all_docs?`, { method: 'POST', body: '{"keys":[]}' });
    await fetch(longPoll);
    expect(server.asked[1]).toBe(`${DB}_all_docs?`);
    expect(new URL(server.asked[2]!).searchParams.get('since')).toBe('42');
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
