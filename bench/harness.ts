/** One benchmark group: runs and returns figures named with their unit, e.g. `search.p95_ms.100k`. */
export interface BenchGroup {
  name: string;
  description: string;
  /** False: left out of `--smoke` runs of every group (run it with `--only`). */
  inSmoke?: boolean;
  /** `smoke`: a small, quick run that only proves the group works (CI runs it). */
  run(log: (line: string) => void, options: { smoke: boolean }): Promise<Record<string, number>>;
}

/** The p-th percentile (0-100) of samples, by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Heap in use after a full collection when `--expose-gc` is on (the npm script turns it on). */
export function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
