import { describe, expect, it } from 'vitest';
import { compareEpochs, EPOCH_DOC, serverEpoch } from '../../../src/renderer/features/sync/serverEpoch';

function fakeServer(answers: { status: number; body?: unknown }[]) {
  const calls: string[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('the mark of a clinic database', () => {
  it('is read when there, and written when the database has none', async () => {
    expect(await serverEpoch(fakeServer([{ status: 200, body: { epoch: 'e1' } }]).fetch, 'http://s/db/', () => 'new')).toBe('e1');
    const server = fakeServer([{ status: 404, body: {} }, { status: 201, body: { ok: true } }]);
    expect(await serverEpoch(server.fetch, 'http://s/db/', () => 'new')).toBe('new');
    expect(server.calls).toEqual([`GET http://s/db/${EPOCH_DOC}`, `PUT http://s/db/${EPOCH_DOC}`]);
  });

  it('takes the mark another workstation wrote first, and refuses a damaged one or a server error', async () => {
    const race = fakeServer([{ status: 404 }, { status: 409 }, { status: 200, body: { epoch: 'theirs' } }]);
    expect(await serverEpoch(race.fetch, 'http://s/db/', () => 'mine')).toBe('theirs');
    await expect(serverEpoch(fakeServer([{ status: 200, body: { epoch: 5 } }]).fetch, 'http://s/db/', () => 'x')).rejects.toThrow('damaged');
    await expect(serverEpoch(fakeServer([{ status: 503 }]).fetch, 'http://s/db/', () => 'x')).rejects.toThrow('(503)');
  });

  it('counts a database as created again only when its mark changed from the one remembered', () => {
    const first = compareEpochs({}, { patients: 'a', ledger: 'b' });
    expect(first).toEqual({ next: { patients: { epoch: 'a', generation: 0 }, ledger: { epoch: 'b', generation: 0 } }, recreated: [] });
    const later = compareEpochs(first.next, { patients: 'a2', ledger: 'b' });
    expect(later.recreated).toEqual(['patients']);
    expect(later.next.patients).toEqual({ epoch: 'a2', generation: 1 });
    expect(compareEpochs(later.next, { patients: 'a3' }).next.patients).toEqual({ epoch: 'a3', generation: 2 });
  });
});
