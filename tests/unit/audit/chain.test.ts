import { describe, expect, it } from 'vitest';
import type { AuditEntry, UnsealedAuditEntry } from '../../../src/shared/audit/auditEntry';
import {
  canonicalJson,
  formatChainReport,
  nextLink,
  sealEntry,
  verifyChains,
  type ChainReport,
} from '../../../src/shared/audit/chain';
import { sha256Hex } from '../../support/sha256';

const WS_A = '3f2a9c1e-7b4d-4e8a-9f00-1c2d3e4f5a6b';
const WS_B = '8d0e5f21-2a3b-4c5d-8e9f-0a1b2c3d4e5f';
const START = Date.parse('2026-03-02T14:00:00.000Z');

/** Which workstation writes each successive entry: 11 on A and 9 on B, interleaved in time. */
const WRITERS = [WS_A, WS_A, WS_B, WS_A, WS_B, WS_B, WS_A, WS_A, WS_B, WS_A, WS_B, WS_A, WS_A, WS_B, WS_B, WS_A, WS_B, WS_A, WS_B, WS_A];

function unsealed(workstationId: string, link: { seq: number; prevHash: string }, minute: number): UnsealedAuditEntry {
  const short = workstationId.slice(0, 4);
  return {
    id: `${short}-${String(link.seq).padStart(4, '0')}`,
    workstationId,
    seq: link.seq,
    at: new Date(START + minute * 60_000).toISOString(),
    siteId: 'main',
    actor: 'desk1',
    actorName: 'Dana Díaz',
    action: link.seq % 3 === 0 ? 'change' : 'view',
    patientId: 'p-100',
    subject: 'patients/p-100',
    changes: link.seq % 3 === 0 ? [{ field: 'phone', before: '555-0100', after: { mobile: '555-0199', tags: ['new'] } }] : [],
    detail: `Step ${minute} on ${short}`,
    approvedBy: null,
    prevHash: link.prevHash,
  };
}

/** A sealed log as the server would hold it, in the order it was written (by time). */
async function buildLog(): Promise<AuditEntry[]> {
  const last = new Map<string, AuditEntry>();
  const log: AuditEntry[] = [];
  for (const [minute, workstationId] of WRITERS.entries()) {
    const entry = await sealEntry(unsealed(workstationId, nextLink(last.get(workstationId) ?? null), minute), sha256Hex);
    last.set(workstationId, entry);
    log.push(entry);
  }
  return log;
}

const log = await buildLog();
const find = (entries: readonly AuditEntry[], workstationId: string, seq: number): AuditEntry => {
  const entry = entries.find((e) => e.workstationId === workstationId && e.seq === seq);
  if (!entry) throw new Error(`no entry ${seq} on ${workstationId}`);
  return entry;
};
const a = (seq: number) => find(log, WS_A, seq);
const b = (seq: number) => find(log, WS_B, seq);
const copy = (): AuditEntry[] => structuredClone(log);
const without = (entries: AuditEntry[], gone: AuditEntry) => entries.filter((e) => e.id !== gone.id);
const replace = (entries: readonly unknown[], old: AuditEntry, ...news: unknown[]): unknown[] =>
  entries.flatMap((e) => ((e as AuditEntry).id === old.id ? news : [e]));
const reseal = (entry: AuditEntry) => sealEntry(entry, sha256Hex);

describe('verifyChains on an intact log', () => {
  it('passes two interleaved workstation chains', async () => {
    expect(WRITERS).toHaveLength(20);
    const report = await verifyChains(log, sha256Hex);
    expect(report.ok).toBe(true);
    expect(report.chains).toEqual([
      { workstationId: WS_A, entries: 11, ok: true, firstBroken: null, head: { seq: 11, hash: a(11).hash } },
      { workstationId: WS_B, entries: 9, ok: true, firstBroken: null, head: { seq: 9, hash: b(9).hash } },
    ]);
  });

  it('does not depend on the order the entries are read in', async () => {
    const shuffled = [...log].reverse();
    shuffled.push(shuffled.splice(7, 1)[0] as AuditEntry);
    expect((await verifyChains(shuffled, sha256Hex)).ok).toBe(true);
  });

  it('reports an empty log as intact with no chains', async () => {
    expect(await verifyChains([], sha256Hex)).toEqual({ ok: true, chains: [] });
  });
});

type Tamper = {
  name: string;
  tamper: () => Promise<unknown[]> | unknown[];
  workstationId: string;
  seq: number;
  id: () => string;
  problem: RegExp;
};

const TAMPERS: Tamper[] = [
  {
    name: 'a field edited',
    tamper: () => {
      const entries = copy();
      find(entries, WS_A, 5).detail = 'Nothing happened here';
      return entries;
    },
    workstationId: WS_A,
    seq: 5,
    id: () => a(5).id,
    problem: /the entry was changed after it was written/,
  },
  {
    name: 'a nested change value edited',
    tamper: () => {
      const entries = copy();
      const changes = find(entries, WS_B, 6).changes;
      (changes[0] as { after: unknown }).after = { mobile: '555-0000', tags: ['new'] };
      return entries;
    },
    workstationId: WS_B,
    seq: 6,
    id: () => b(6).id,
    problem: /changed after it was written/,
  },
  {
    name: 'an entry edited and its hash recomputed',
    tamper: async () => replace(copy(), a(5), await reseal({ ...a(5), detail: 'Nothing happened here' })),
    workstationId: WS_A,
    seq: 6,
    id: () => a(6).id,
    problem: /does not follow on from entry 5: .*entry 5 was replaced or changed and re-sealed/,
  },
  {
    name: 'an entry removed from the middle',
    tamper: () => without(copy(), a(5)),
    workstationId: WS_A,
    seq: 6,
    id: () => a(6).id,
    problem: /entry 5 is missing between entry 4 and entry 6: removed/,
  },
  {
    name: 'three entries removed from the middle',
    tamper: () => without(without(without(copy(), b(4)), b(5)), b(6)),
    workstationId: WS_B,
    seq: 7,
    id: () => b(7).id,
    problem: /entries 4 to 6 are missing between entry 3 and entry 7/,
  },
  {
    name: 'two entries swapped and re-sealed (re-ordered)',
    tamper: async () =>
      replace(replace(copy(), a(5), await reseal({ ...a(5), seq: 6 })), a(6), await reseal({ ...a(6), seq: 5 })),
    workstationId: WS_A,
    seq: 5,
    id: () => a(6).id,
    problem: /does not follow on from entry 4: entries were re-ordered/,
  },
  {
    name: 'two entries swapped without re-sealing',
    tamper: () => replace(replace(copy(), a(5), { ...a(5), seq: 6 }), a(6), { ...a(6), seq: 5 }),
    workstationId: WS_A,
    seq: 5,
    id: () => a(6).id,
    problem: /changed after it was written/,
  },
  {
    name: 'a duplicate seq (an entry copied under a new id)',
    tamper: () => [...copy(), { ...b(3), id: 'zz-copy' }],
    workstationId: WS_B,
    seq: 3,
    id: () => 'zz-copy',
    problem: new RegExp(`2 entries claim to be entry 3 \\(ids ${b(3).id}, zz-copy\\): one was added`),
  },
  {
    name: 'a duplicate seq (a forged entry that links correctly)',
    tamper: async () => [...copy(), await reseal({ ...b(3), id: '0-forged', detail: 'Forged' })],
    workstationId: WS_B,
    seq: 3,
    id: () => '0-forged',
    problem: /2 entries claim to be entry 3 \(ids 0-forged, 8d0e-0003\)/,
  },
  {
    name: 'a first entry with seq 2 (the first entry removed)',
    tamper: () => without(copy(), a(1)),
    workstationId: WS_A,
    seq: 2,
    id: () => a(2).id,
    problem: /the chain starts at entry 2, not 1: entry 1 is missing/,
  },
  {
    name: 'a first entry whose prevHash is not empty',
    tamper: async () => replace(copy(), b(1), await reseal({ ...b(1), prevHash: 'f'.repeat(64) })),
    workstationId: WS_B,
    seq: 1,
    id: () => b(1).id,
    problem: /the first entry points back to an earlier entry/,
  },
  {
    name: 'a malformed entry (a field missing)',
    tamper: () => {
      const { detail: _detail, ...rest } = b(4);
      return replace(copy(), b(4), rest);
    },
    workstationId: WS_B,
    seq: 4,
    id: () => b(4).id,
    problem: new RegExp(`entry ${b(4).id} is not a valid audit entry: detail is missing`),
  },
  {
    name: 'a malformed entry (a field added)',
    tamper: () => replace(copy(), a(9), { ...a(9), note: 'added later' }),
    workstationId: WS_A,
    seq: 9,
    id: () => a(9).id,
    problem: /is not a valid audit entry: it has a field an audit entry does not have \(note\)/,
  },
  {
    name: 'a malformed entry (a wrong type)',
    tamper: () => replace(copy(), a(3), { ...a(3), at: 'yesterday' }),
    workstationId: WS_A,
    seq: 3,
    id: () => a(3).id,
    problem: /is not a valid audit entry: at: /,
  },
  {
    name: 'a malformed entry (no usable seq)',
    tamper: () => replace(copy(), a(8), { ...a(8), seq: 'eight' }),
    workstationId: WS_A,
    seq: 0,
    id: () => a(8).id,
    problem: /is not a valid audit entry: seq: /,
  },
];

describe('verifyChains names the first broken link', () => {
  it.each(TAMPERS)('$name', async ({ tamper, workstationId, seq, id, problem }) => {
    const report = await verifyChains(await tamper(), sha256Hex);
    expect(report.ok).toBe(false);
    const chain = report.chains.find((c) => c.workstationId === workstationId);
    expect(chain?.ok).toBe(false);
    expect(chain?.head).toBeNull();
    expect(chain?.firstBroken).toMatchObject({ seq, id: id() });
    expect(chain?.firstBroken?.problem).toMatch(problem);
    // The other workstation's chain is not affected.
    const other = report.chains.filter((c) => c.workstationId !== workstationId);
    expect(other.map((c) => c.ok)).toEqual([true]);
  });

  it('reports the earliest of several breaks', async () => {
    const entries = without(copy(), a(9));
    find(entries, WS_A, 4).detail = 'edited';
    const chain = (await verifyChains(entries, sha256Hex)).chains[0];
    expect(chain?.firstBroken).toMatchObject({ seq: 4, id: a(4).id });
  });

  it('collects entries without a workstation id, and things that are not entries, separately', async () => {
    const { workstationId: _ws, ...noWorkstation } = b(2);
    const report = await verifyChains([...without(copy(), b(2)), noWorkstation, null], sha256Hex);
    const stray = report.chains.find((c) => c.workstationId === '');
    expect(stray).toMatchObject({ entries: 2, ok: false, firstBroken: { seq: 0, id: '' } });
    expect(stray?.firstBroken?.problem).toMatch(/not an audit entry at all \(null\)/);
    // And B's chain shows the hole the stray entry left.
    expect(report.chains.find((c) => c.workstationId === WS_B)?.firstBroken).toMatchObject({ seq: 3 });
  });
});

describe('verifyChains with expectedHeads', () => {
  it('cannot see the last entry removed from the chain alone', async () => {
    expect((await verifyChains(without(copy(), a(11)), sha256Hex)).ok).toBe(true);
  });

  it('detects the last entries removed when the head is known', async () => {
    const entries = without(without(copy(), a(11)), a(10));
    const report = await verifyChains(entries, sha256Hex, { expectedHeads: { [WS_A]: { seq: 11, hash: a(11).hash } } });
    expect(report.ok).toBe(false);
    expect(report.chains[0]).toMatchObject({ workstationId: WS_A, entries: 9, ok: false, head: null });
    expect(report.chains[0]?.firstBroken).toEqual({
      seq: 10,
      id: '',
      problem: 'entries 10 to 11 are missing from the end of the chain: this workstation is known to have written up to entry 11',
    });
    expect(report.chains[1]?.ok).toBe(true);
  });

  it('accepts a chain that has grown past the known head', async () => {
    const report = await verifyChains(log, sha256Hex, { expectedHeads: { [WS_A]: { seq: 8, hash: a(8).hash }, [WS_B]: { seq: 9, hash: b(9).hash } } });
    expect(report.ok).toBe(true);
  });

  it('detects a chain re-written from the known head on', async () => {
    const report = await verifyChains(log, sha256Hex, { expectedHeads: { [WS_B]: { seq: 7, hash: 'e'.repeat(64) } } });
    expect(report.chains[1]?.firstBroken).toMatchObject({ seq: 7, id: b(7).id, problem: expect.stringMatching(/re-written/) });
  });

  it('reports a known workstation with no entries at all', async () => {
    const report = await verifyChains(log, sha256Hex, { expectedHeads: { 'ws-gone': { seq: 3, hash: 'a'.repeat(64) } } });
    expect(report.ok).toBe(false);
    expect(report.chains.find((c) => c.workstationId === 'ws-gone')).toMatchObject({
      entries: 0,
      ok: false,
      firstBroken: { seq: 1, id: '', problem: expect.stringMatching(/^entries 1 to 3 are missing from the end/) },
    });
  });
});

describe('sealEntry and nextLink', () => {
  it('links the first entry to nothing and later ones to the entry before', () => {
    expect(nextLink(null)).toEqual({ seq: 1, prevHash: '' });
    expect(nextLink(a(4))).toEqual({ seq: 5, prevHash: a(4).hash });
  });

  it('hashes the canonical JSON of everything but the hash', async () => {
    const { hash, ...content } = a(3);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await sha256Hex(canonicalJson(content)));
    // A hash already present is replaced, not hashed.
    expect((await sealEntry({ ...content, hash: 'x' } as UnsealedAuditEntry, sha256Hex)).hash).toBe(hash);
  });

  it('gives the same hash on every platform for the same entry', async () => {
    // Pinned: a change here means entries sealed before the change no longer verify. Python's
    // json.dumps(entry, sort_keys=True, separators=(',', ':'), ensure_ascii=False) hashes the same.
    const entry = await sealEntry(
      {
        id: 'e-1',
        workstationId: 'ws-1',
        seq: 1,
        at: '2026-03-02T14:30:00.000Z',
        siteId: 'main',
        actor: 'desk1',
        actorName: 'José Nuñez',
        action: 'change',
        patientId: 'p-1',
        subject: 'patients/p-1',
        changes: [{ field: 'name', before: 'Zoë', after: '佐藤 花子' }],
        detail: '',
        approvedBy: null,
        prevHash: '',
      },
      sha256Hex,
    );
    expect(canonicalJson(entry)).toBe(
      '{"action":"change","actor":"desk1","actorName":"José Nuñez","approvedBy":null,"at":"2026-03-02T14:30:00.000Z",' +
        '"changes":[{"after":"佐藤 花子","before":"Zoë","field":"name"}],"detail":"","hash":"' +
        entry.hash +
        '","id":"e-1","patientId":"p-1","prevHash":"","seq":1,"siteId":"main","subject":"patients/p-1","workstationId":"ws-1"}',
    );
    expect(entry.hash).toBe('5e4cc838d29b54a8c1cd56c32d839abdf62afca7eb0bbfded6c97ad8b3216ea4');
  });

  it('agrees with WebCrypto, as a browser would hash', async () => {
    const text = canonicalJson(a(2));
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe(await sha256Hex(text));
  });

  it('refuses an entry that would not verify', async () => {
    const { hash: _hash, ...content } = a(2);
    await expect(sealEntry({ ...content, seq: 0 }, sha256Hex)).rejects.toThrow();
    await expect(sealEntry({ ...content, extra: 1 } as UnsealedAuditEntry, sha256Hex)).rejects.toThrow();
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const one = { b: 1, a: { y: [1, { q: true, p: null }], x: 'x' } };
    const two = { a: { x: 'x', y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"a":{"x":"x","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it('keeps arrays in order', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson([[], {}, [3, [4]]])).toBe('[[],{},[3,[4]]]');
  });

  it('keeps unicode as it is and escapes what JSON must', () => {
    expect(canonicalJson({ name: 'José 👩‍⚕️ 東京', note: 'line\n"quoted"\\' })).toBe(
      '{"name":"José 👩‍⚕️ 東京","note":"line\\n\\"quoted\\"\\\\"}',
    );
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    // Keys sort by UTF-16 code units, the same in every JavaScript engine.
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '😀': 4, 'ﬀ': 5 })).toBe('{"Z":3,"z":2,"é":1,"😀":4,"ﬀ":5}');
  });

  it('omits undefined fields and follows JSON.stringify for the rest', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: NaN, d: -0, e: 1e21 })).toBe(
      '{"b":[null,null],"c":null,"d":0,"e":1e+21}',
    );
    const value = { when: new Date('2026-03-02T14:30:00.000Z'), list: [1, 'two', { three: 3 }], none: null };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('is stable: the same value gives the same text every time', () => {
    const value = structuredClone(log);
    expect(canonicalJson(value)).toBe(canonicalJson(log));
  });

  it('refuses what has no JSON form', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('formatChainReport', () => {
  const report: ChainReport = {
    ok: false,
    chains: [
      { workstationId: '3f2a', entries: 1204, ok: true, firstBroken: null, head: { seq: 1204, hash: 'a'.repeat(64) } },
      {
        workstationId: '8d0e',
        entries: 1,
        ok: false,
        firstBroken: { seq: 57, id: 'e-57', problem: 'the entry was changed after it was written' },
        head: null,
      },
      { workstationId: '', entries: 2, ok: false, firstBroken: { seq: 0, id: '', problem: 'no id' }, head: null },
    ],
  };

  it('gives one line per workstation and a summary', () => {
    expect(formatChainReport(report).split('\n')).toEqual([
      'Workstation 3f2a: 1,204 entries, chain intact',
      'Workstation 8d0e: 1 entry, BROKEN at entry 57 (id e-57): the entry was changed after it was written',
      'Entries without a workstation id: 2 entries, BROKEN at an entry with no sequence number: no id',
      '2 of 3 workstation chains are BROKEN.',
    ]);
  });

  it('says when all chains are intact, and when there is nothing to verify', async () => {
    expect(formatChainReport(await verifyChains(log, sha256Hex)).split('\n').at(-1)).toBe('All 2 workstation chains are intact.');
    expect(formatChainReport({ ok: true, chains: [] })).toBe('No audit entries to verify.');
  });
});
