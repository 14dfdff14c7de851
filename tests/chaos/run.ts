import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startCouchServer } from '../support/couchServer';
import { chaosRun, convergenceRun, type RunResult } from './scenarios';

/**
 * `npm run chaos` — sync under a bad network, many times over, each run from its own seed.
 * See README ("Chaos runs") for what each run does and checks.
 */
const HELP = `Usage: npm run chaos -- [--runs N] [--seed S] [--operations N] [--workstations 2|3]
                          [--smoke] [--convergence] [--json FILE]

  --runs N          runs to do (default 100; --smoke 3; --convergence 1)
  --seed S          seed of the first run; run i uses S+i (default: drawn at random and printed;
                    --smoke: 1).
                    A failing run is replayed with --seed <its seed> --runs 1 (same operations and
                    cut points; the timing of the network still differs from one run to the next)
  --operations N    operations per workstation in each run (default 30; --smoke 12;
                    --convergence 1000)
  --workstations N  2 or 3 (default: drawn per run; --smoke 2, 2, 3; --convergence 3)
  --smoke           a few short runs, for CI (under a minute)
  --convergence     three workstations offline, N operations each, then reconnected in random order
  --json FILE       also write every run's figures to FILE

Exit code 0 when every run passed, 1 when one failed.`;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    operations: { type: 'string' },
    workstations: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    convergence: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const integer = (text: string | undefined, fallback: number, name: string) => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${text}"\n\n${HELP}`);
    process.exit(2);
  }
  return n;
};

const mode = values.convergence ? 'convergence' : 'chaos';
const runs = integer(values.runs, values.convergence ? 1 : values.smoke ? 3 : 100, 'runs');
const operations = integer(values.operations, values.convergence ? 1_000 : values.smoke ? 12 : 30, 'operations');
const workstations = values.workstations === undefined ? undefined : integer(values.workstations, 3, 'workstations');
if (workstations !== undefined && (workstations < 2 || workstations > 3)) {
  console.error('--workstations must be 2 or 3 (RxDB opens 13 collections per process; each workstation opens 4 or 6)');
  process.exit(2);
}
// CI's smoke runs replay the same operations each time (seeds 1 to 3), so a red smoke run is
// replayed as it was; full runs draw their seeds.
const firstSeed = integer(values.seed, values.smoke ? 1 : Math.floor(Math.random() * 2 ** 31), 'seed');

// Each workstation's patient finder says when it is ready; a run opens several, and the lines would
// bury the figures.
console.info = () => undefined;

const couch = await startCouchServer({ validation: true });
console.log(`chaos: ${runs} ${mode} run(s), ${operations} operations per workstation, first seed ${firstSeed}, server ${couch.kind}`);

const results: RunResult[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const seed = (firstSeed + i) >>> 0;
    // The smoke runs two runs of two workstations (one opens the drawers, one the catalog: see chaosCollections), then one of three.
    const count = workstations ?? (values.smoke ? (i < 2 ? 2 : 3) : undefined);
    const options = { operations, convergeBoundMs: mode === 'convergence' ? 180_000 : 60_000, ...(count ? { workstations: count } : {}), log: (line: string) => console.log(`      ${line}`) };
    const result = mode === 'convergence' ? await convergenceRun(couch, seed, options) : await chaosRun(couch, seed, options);
    results.push(result);
    console.log(line(i + 1, result));
    for (const failure of result.failures) console.log(`      FAIL ${failure}`);
  }
} finally {
  await couch.stop();
}

printSummary(results);
if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
process.exit(results.some((r) => r.failures.length > 0) ? 1 : 0);

function total(r: RunResult) {
  return Object.values(r.operations).reduce((a, b) => a + b, 0);
}

function line(n: number, r: RunResult): string {
  const ops = Object.entries(r.operations).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `#${String(n).padStart(3)} seed ${r.seed}`,
    `${r.workstations} ws${r.clockSkew ? ', clocks apart' : ''}`,
    `${total(r)} ops (${ops}; ${r.refused} refused)`,
    `cuts ${r.cutsInRequest} in requests + ${r.cutsInResponse} in responses, ${r.unavailable} answered 503, ${r.outages} outages, ${r.restarts} restarts`,
    `conflicts ${r.contested.patients} patients + ${r.contested.appointments} appointments (${r.contested.heldForward} kept from moving back) + ${r.contested.flow} on the flow board, ${r.reviewed} kept for review`,
    `converged ${r.convergeMs === null ? 'never' : `${r.convergeMs} ms`}`,
    `cancel ≤ ${r.cancelMaxMs} ms, close ≤ ${r.closeMaxMs} ms`,
    `${(r.ms / 1000).toFixed(1)} s`,
    r.failures.length === 0 ? 'ok' : `${r.failures.length} FAILURES`,
  ].join(' | ');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function printSummary(all: RunResult[]) {
  const converge = all.flatMap((r) => (r.convergeMs === null ? [] : [r.convergeMs])).sort((a, b) => a - b);
  const failed = all.filter((r) => r.failures.length > 0);
  const sum = (f: (r: RunResult) => number) => all.reduce((a, r) => a + f(r), 0);
  console.log('\nsummary');
  console.log(`  runs                  ${all.length} (${failed.length} failed)`);
  console.log(`  operations            ${sum(total)} (${sum((r) => r.refused)} refused by the desk's rules)`);
  console.log(`  random cuts           ${sum((r) => r.cutsInRequest)} in requests, ${sum((r) => r.cutsInResponse)} in responses; ${sum((r) => r.unavailable)} requests answered 503`);
  console.log(`  outages               ${sum((r) => r.outages)}; workstation restarts ${sum((r) => r.restarts)}`);
  console.log(`  conflicts             ${sum((r) => r.contested.patients)} patients, ${sum((r) => r.contested.appointments)} appointments changed on two or more workstations unseen; ${sum((r) => r.contested.heldForward)} appointments whose latest change was on a less advanced copy; ${sum((r) => r.contested.flow)} patients moved on the flow board at two or more workstations; ${sum((r) => r.reviewed)} kept for a person to review`);
  const errors = new Map<string, number>();
  for (const r of all) for (const [kind, n] of Object.entries(r.replicationErrors)) errors.set(kind, (errors.get(kind) ?? 0) + n);
  console.log(`  replication errors    ${[...errors.values()].reduce((a, b) => a + b, 0)} reported while the network was bad:`);
  for (const [kind, n] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${kind}`);
  console.log(`  time to converge      p50 ${percentile(converge, 50)} ms, p95 ${percentile(converge, 95)} ms, max ${converge.at(-1) ?? NaN} ms`);
  console.log(`  cancel / close        max ${Math.max(0, ...all.map((r) => r.cancelMaxMs))} ms / ${Math.max(0, ...all.map((r) => r.closeMaxMs))} ms`);
  console.log(`  wall time             ${(sum((r) => r.ms) / 1000).toFixed(1)} s`);
  if (failed.length > 0) {
    console.log(`  failed seeds          ${failed.map((r) => r.seed).join(', ')}`);
    console.log(`  replay one with       npm run chaos -- --seed ${failed[0]!.seed} --runs 1${mode === 'convergence' ? ' --convergence' : ''} --operations ${operations}`);
  }
}
