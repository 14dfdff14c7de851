import { performance } from 'node:perf_hooks';
import { PatientFinder } from '../src/shared/patients/patientFinder';
import { syntheticPatients } from '../tests/fixtures/syntheticPatients';
import { heapUsedMb, percentile, round, type BenchGroup } from './harness';

const SIZES = [
  { label: '10k', count: 10_000 },
  { label: '100k', count: 100_000 },
];
const QUERIES_PER_KIND = 300;

/**
 * The patient finder's in-memory index on made-up patients: how long it takes to build, what it
 * holds in the heap, and the latency of each kind of query the desk types. Measured in Node; the
 * figures for Chromium's IndexedDB (time until the app can search, renderer heap) are a separate
 * group still to come.
 */
export const patientsGroup: BenchGroup = {
  name: 'patients',
  description: 'patient finder index: build time, heap, query latency by kind',
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

      const pick = (i: number) => patients[(i * 7919) % patients.length]!;
      const kinds: Record<string, (i: number) => string> = {
        'name_prefix': (i) => pick(i).familyName.slice(0, 3),
        'name_two_words': (i) => `${pick(i).familyName.slice(0, 4)} ${pick(i).givenName.slice(0, 2)}`,
        'name_single_letter': (i) => `${pick(i).familyName} ${pick(i).givenName.slice(0, 1)}`,
        'dob_us': (i) => {
          const [y, m, d] = pick(i).birthDate.split('-');
          return `${Number(m)}/${Number(d)}/${y}`;
        },
        'dob_compact': (i) => {
          const [y, m, d] = pick(i).birthDate.split('-');
          return `${m}${d}${y!.slice(2)}`;
        },
        'phone': (i) => pick(i).phones[0]!.slice(-7),
        'mrn': (i) => pick(i).mrn!,
      };
      for (const [kind, make] of Object.entries(kinds)) {
        const samples: number[] = [];
        for (let i = 0; i < QUERIES_PER_KIND; i++) {
          const text = make(i);
          const t0 = performance.now();
          finder.search(text, 50);
          samples.push(performance.now() - t0);
        }
        figures[`search.${kind}.p50_ms.${size.label}`] = round(percentile(samples, 50), 3);
        figures[`search.${kind}.p95_ms.${size.label}`] = round(percentile(samples, 95), 3);
      }
      const worst = Math.max(...Object.keys(kinds).map((k) => figures[`search.${k}.p95_ms.${size.label}`]!));
      figures[`search.p95_ms.${size.label}`] = worst;
      log(`${size.label}: worst p95 over query kinds ${worst} ms`);
    }
    return figures;
  },
};
