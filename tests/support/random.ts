/**
 * A small seeded random generator (mulberry32), so that a test that makes random choices can be
 * run again with the same choices from the seed it printed.
 */
export interface Random {
  readonly seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** An element chosen by weight; weights need not add up to 1. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  /** The list in a random order (a new array). */
  shuffle<T>(list: readonly T[]): T[];
  /** An integer in [min, max] drawn on a log scale, so small and large values are both common. */
  logInt(min: number, max: number): number;
  /**
   * An independent generator for one part of a test (one workstation, one proxy), so that what
   * one part draws does not shift what another draws.
   */
  fork(label: string): Random;
}

function hash(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return Math.imul(h ^ (h >>> 16), 0xc2b2ae35) >>> 0;
}

/** A generator from a 32-bit seed; the same seed gives the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick(list) {
      if (list.length === 0) throw new RangeError('Cannot pick from an empty list');
      return list[Math.floor(next() * list.length)] as (typeof list)[number];
    },
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let at = next() * total;
      for (const [key, w] of entries) {
        at -= w;
        if (at < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    shuffle(list) {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    logInt(min, max) {
      const low = Math.log(Math.max(1, min));
      const high = Math.log(Math.max(1, max) + 1);
      return Math.min(max, Math.floor(Math.exp(low + next() * (high - low))));
    },
    fork: (label) => createRandom(hash(label, seed >>> 0)),
  };
  return random;
}
