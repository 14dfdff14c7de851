import { performance } from 'node:perf_hooks';
import { PatientFinder } from '../src/shared/patients/patientFinder';
import { syntheticPatients } from '../tests/fixtures/syntheticPatients';
import { chromiumFigures, type ChromiumSize } from './chromium';
import { heapUsedMb, percentile, round, type BenchGroup } from './harness';
import { pickIndex, QUERY_KINDS } from './queries';

const SIZES = [
  { label: '10k', count: 10_000 },
  { label: '100k', count: 100_000 },
];
const QUERIES_PER_KIND = 300;
const CHROMIUM_SIZES: ChromiumSize[] = [
  { label: '10k', count: 10_000, finderQueries: QUERIES_PER_KIND, endToEndQueries: 100 },
  { label: '100k', count: 100_000, finderQueries: QUERIES_PER_KIND, endToEndQueries: 100 },
];
const CHROMIUM_SMOKE: ChromiumSize[] = [{ label: '1k', count: 1_000, finderQueries: 50, endToEndQueries: 20 }];

/**
 * The patient finder's in-memory index on made-up patients: how long it takes to build, what it
 * holds in the heap, and the latency of each kind of query the desk types, first in Node (the
 * index alone), then in Chromium on IndexedDB as the desk runs it (bench/chromium.ts).
 */
export const patientsGroup: BenchGroup = {
  name: 'patients',
  description: 'patient finder: index build, heap and query latency in Node; in Chromium, time to ready (full and from snapshot), latency, heap',
  async run(log, { smoke }) {
    const figures: Record<string, number> = {};
    for (const size of smoke ? [{ label: '1k', count: 1_000 }] : SIZES) {
      const patients = syntheticPatients(size.count);
      const before = heapUsedMb();
      const start = performance.now();
      const finder = new PatientFinder();
      finder.load(patients);
      const buildMs = performance.now() - start;
      const heapMb = heapUsedMb() - before;
      figures[`index.build_ms.${size.label}`] = round(buildMs);
      figures[`index.heap_mb.${size.label}`] = round(heapMb);
      log(`${size.label}: built in ${round(buildMs)} ms, heap +${round(heapMb)} MB`);

      for (const [kind, make] of Object.entries(QUERY_KINDS)) {
        const samples: number[] = [];
        for (let i = 0; i < QUERIES_PER_KIND; i++) {
          const text = make(patients[pickIndex(i, patients.length)]!);
          const t0 = performance.now();
          finder.search(text, 50);
          samples.push(performance.now() - t0);
        }
        figures[`search.${kind}.p50_ms.${size.label}`] = round(percentile(samples, 50), 3);
        figures[`search.${kind}.p95_ms.${size.label}`] = round(percentile(samples, 95), 3);
      }
      const worst = Math.max(...Object.keys(QUERY_KINDS).map((k) => figures[`search.${k}.p95_ms.${size.label}`]!));
      figures[`search.p95_ms.${size.label}`] = worst;
      log(`${size.label}: worst p95 over query kinds ${worst} ms`);
    }
    Object.assign(figures, await chromiumFigures(smoke ? CHROMIUM_SMOKE : CHROMIUM_SIZES, log));
    return figures;
  },
};
