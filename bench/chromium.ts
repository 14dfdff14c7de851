import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { appointmentSchema } from '../src/renderer/features/schedule/appointmentsCollection';
import { auditSchema } from '../src/renderer/features/audit/auditCollection';
import { catalogSchema } from '../src/renderer/features/catalog/catalogCollection';
import { coverageSchema } from '../src/renderer/features/patients/data/coveragesCollection';
import { documentSchema } from '../src/renderer/features/patients/data/documentsCollection';
import { ledgerSchema } from '../src/renderer/features/payments/ledgerCollection';
import { patientSchema } from '../src/renderer/features/patients/data/patientsCollection';
import { staffSchema } from '../src/renderer/features/staff/staffCollection';
import { IN_FLIGHT_MS } from '../src/renderer/features/patients/finder/patientFinderIndex';
import { syntheticPatients } from '../src/shared/demo/syntheticClinic';
import type { BenchPage, StartResult } from './browser/contract';
import { percentile, round } from './harness';
import { pickIndex, QUERY_KINDS, type QuerySource } from './queries';
import { serveFolder } from './staticServer';

/** The flags the end-to-end tests give Debian's Chromium (playwright.config.ts). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run', '--disable-sync'];
const PREFERRED_PORT = 47_615;
const SEED_BATCH = 2_000;
const STARTS_PER_MODE = 3;
export const TARGETS = { searchP95Ms: 30, readyMs: 1_500, readyAfterMigrationMs: 3_000, heapMb: 300 };

export interface ChromiumSize {
  label: string;
  count: number;
  finderQueries: number;
  endToEndQueries: number;
}

/**
 * The patient finder in Chromium, as the desk runs it: RxDB on Dexie in IndexedDB, the real
 * finder and snapshot code on a bench page built with Vite. For each size: how long until the
 * desk can search (a first start that reads every patient, and a start from the snapshot), query
 * latency by kind (the finder alone, and with reading the rows found), and the renderer's heap.
 * Seeded profiles are kept under the temp folder, so only the first run pays for seeding.
 */
export async function chromiumFigures(sizes: readonly ChromiumSize[], log: (line: string) => void): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const outDir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-page-'));
  try {
    const built = performance.now();
    await build({ configFile: resolve('bench/browser/vite.config.ts'), build: { outDir } });
    log(`chromium: bench page built in ${round((performance.now() - built) / 1000, 1)} s`);
    const server = await serveFolder(outDir, PREFERRED_PORT);
    try {
      for (const size of sizes) Object.assign(figures, await measureSize(size, server.origin, log));
    } finally {
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  return figures;
}

async function measureSize(size: ChromiumSize, origin: string, log: (line: string) => void): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const name = (figure: string) => `chromium.${figure}.${size.label}`;
  const profile = await seededProfile(size, origin, log);
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    forwardProblems(page, log);
    await openBenchPage(page, origin);
    const seededNow = profile.seeded ? undefined : await seed(page, size, profile.dir, origin, log);
    const stored = await call(page, 'count');
    if (stored !== size.count) throw new Error(`The bench profile holds ${stored} patients, expected ${size.count}; delete ${profile.dir}`);

    const starts: Record<'full' | 'snapshot', StartResult[]> = { full: [], snapshot: [] };
    for (const mode of ['full', 'snapshot'] as const) {
      for (let i = 0; i < STARTS_PER_MODE; i++) {
        await openBenchPage(page, origin);
        const result = await call(page, 'start', mode);
        if (result.ready.source !== mode) log(`warning: a ${mode} start became ready from ${result.ready.source} (${result.ready.discarded ?? ''})`);
        starts[mode].push(result);
        if (mode === 'full' && i === STARTS_PER_MODE - 1) {
          // A snapshot's checkpoint stays behind writes of the last seconds, which the next start reads again.
          const settle = (seededNow ?? 0) + IN_FLIGHT_MS + 1_000 - Date.now();
          if (settle > 0) {
            log(`${size.label}: waiting ${Math.ceil(settle / 1000)} s for the seed writes to settle before the snapshot`);
            await new Promise((resolve) => setTimeout(resolve, settle));
          }
          const saved = await call(page, 'saveSnapshot');
          figures[name('snapshot.export_ms')] = round(saved.exportMs);
          figures[name('snapshot.save_ms')] = round(saved.saveMs);
          figures[name('snapshot.mb')] = round(saved.megabytes);
          log(`${size.label}: snapshot of ${round(saved.megabytes)} MB: export ${round(saved.exportMs)} ms on the page, saved in ${round(saved.saveMs)} ms`);
        }
      }
      const runs = starts[mode];
      figures[name(`ready_ms.${mode}`)] = round(median(runs.map((r) => r.totalMs)));
      figures[name(`ready.open_db_ms.${mode}`)] = round(median(runs.map((r) => r.openMs)));
      figures[name(`ready.finder_ms.${mode}`)] = round(median(runs.map((r) => r.finderMs)));
      log(
        `${size.label}: ready from ${mode === 'full' ? 'every document' : 'the snapshot'} in ${runs.map((r) => Math.round(r.totalMs)).join(' / ')} ms` +
          ` (open ${runs.map((r) => Math.round(r.openMs)).join(' / ')}, finder ${runs.map((r) => Math.round(r.finderMs)).join(' / ')}; caught up ${runs.map((r) => r.ready.caughtUp).join(' / ')})`,
      );
    }

    // The page is now the last start from the snapshot, as the desk would be after a restart.
    const resolution = await call(page, 'timerResolution');
    for (const [kind, make] of Object.entries(QUERY_KINDS)) {
      const texts = queryTexts(size, size.finderQueries, make);
      const finder = await call(page, 'searchFinder', texts);
      figures[name(`search.${kind}.p50_ms`)] = round(percentile(finder, 50), 3);
      figures[name(`search.${kind}.p95_ms`)] = round(percentile(finder, 95), 3);
      const endToEnd = await call(page, 'searchEndToEnd', texts.slice(0, size.endToEndQueries));
      figures[name(`search_e2e.${kind}.p50_ms`)] = round(percentile(endToEnd, 50), 3);
      figures[name(`search_e2e.${kind}.p95_ms`)] = round(percentile(endToEnd, 95), 3);
    }
    const worst = (prefix: string) => Math.max(...Object.keys(QUERY_KINDS).map((k) => figures[name(`${prefix}.${k}.p95_ms`)]!));
    figures[name('search.p95_ms')] = worst('search');
    figures[name('search_e2e.p95_ms')] = worst('search_e2e');
    log(`${size.label}: worst p95 ${figures[name('search.p95_ms')]} ms for the finder, ${figures[name('search_e2e.p95_ms')]} ms for 200 rows and opening the first (timer resolution ${resolution * 1000} µs)`);

    figures[name('heap_mb')] = round(await heapAfterGc(context, page));
    log(`${size.label}: renderer JS heap after GC ${figures[name('heap_mb')]} MB`);
  } finally {
    await context.close();
  }
  Object.assign(figures, await migratedStart(size, profile.dir, origin, log));
  reportTargets(size.label, figures, log);
  return figures;
}

/**
 * A start after a patients schema migration, on a copy of the seeded profile (the cached one
 * stays at this release): the opening migrates every patient, then the finder must be ready.
 */
async function migratedStart(size: ChromiumSize, seededDir: string, origin: string, log: (line: string) => void): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-migrated-'));
  try {
    await cp(seededDir, dir, { recursive: true });
    const context = await chromium.launchPersistentContext(dir, { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      forwardProblems(page, log);
      await openBenchPage(page, origin);
      const result = await call(page, 'start', 'migrated');
      if (result.ready.source !== 'migration') log(`warning: the start after a migration became ready from ${result.ready.source} (${result.ready.discarded ?? ''})`);
      const figures = {
        [`chromium.migration_ms.${size.label}`]: round(result.openMs),
        [`chromium.ready_ms.after_migration.${size.label}`]: round(result.finderMs),
      };
      log(`${size.label}: the patients schema migration took ${round(result.openMs / 1000, 1)} s; the finder was ready ${Math.round(result.finderMs)} ms after it, from ${result.ready.source} (${result.ready.patients} patients, ${result.ready.caughtUp} caught up)`);
      return figures;
    } finally {
      await context.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Every collection's schema, hashed: RxDB refuses to open a stored collection whose schema changed
 * in any way (an encrypted field added, an index), so a cached profile is only good for the same.
 */
const SCHEMAS_HASH = createHash('sha256')
  .update(JSON.stringify([patientSchema, appointmentSchema, ledgerSchema, staffSchema, auditSchema, catalogSchema, coverageSchema, documentSchema]))
  .digest('hex')
  .slice(0, 12);

/** A profile folder for this size and these schemas: reused when a complete seed is on record. */
async function seededProfile(size: ChromiumSize, origin: string, log: (line: string) => void): Promise<{ dir: string; seeded: boolean }> {
  const dir = join(tmpdir(), 'clinicdesk-bench', `chromium-patients-${size.label}-schemas-${SCHEMAS_HASH}`);
  const marker = await readMarker(dir);
  if (marker && marker.patients === size.count && marker.origin === origin) {
    log(`${size.label}: reusing the profile seeded ${marker.seededAt} (${marker.seedSeconds} s to seed) in ${dir}`);
    return { dir, seeded: true };
  }
  if (marker && marker.origin !== origin) log(`${size.label}: the cached profile was seeded for ${marker.origin}, this run serves ${origin}: seeding again`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return { dir, seeded: false };
}

interface SeedMarker {
  patients: number;
  origin: string;
  seededAt: string;
  seedSeconds: number;
}

async function readMarker(dir: string): Promise<SeedMarker | undefined> {
  const file = join(dir, 'bench-seed.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SeedMarker;
  } catch {
    return undefined;
  }
}

/**
 * Inserts the made-up clinic in batches; the next batch is made in Node while the page writes.
 * Returns when the last write was made (ms since the epoch).
 */
async function seed(page: Page, size: ChromiumSize, dir: string, origin: string, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  let lastReport = started;
  let next = syntheticPatients(0, Math.min(SEED_BATCH, size.count)).patients;
  for (let from = 0; from < size.count; from += SEED_BATCH) {
    const writing = call(page, 'insert', next);
    const following = from + SEED_BATCH;
    next = following < size.count ? syntheticPatients(following, Math.min(SEED_BATCH, size.count - following)).patients : [];
    await writing;
    const done = Math.min(following, size.count);
    if (performance.now() - lastReport > 10_000 || done === size.count) {
      lastReport = performance.now();
      const seconds = (lastReport - started) / 1000;
      log(`${size.label}: seeded ${done.toLocaleString('en-US')} of ${size.count.toLocaleString('en-US')} patients in ${round(seconds, 1)} s (${Math.round(done / seconds)} docs/s)`);
    }
  }
  const marker: SeedMarker = { patients: size.count, origin, seededAt: new Date().toISOString(), seedSeconds: round((performance.now() - started) / 1000, 1) };
  await writeFile(join(dir, 'bench-seed.json'), `${JSON.stringify(marker, null, 2)}\n`);
  return Date.now();
}

function queryTexts(size: ChromiumSize, count: number, make: (p: QuerySource) => string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const p = syntheticPatients(pickIndex(i, size.count), 1).patients[0]!;
    return make({ ...p, phones: p.phones.map((ph) => ph.number) });
  });
}

async function openBenchPage(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => document.title === 'bench ready');
}

/** Calls a method of the page's `window.clinicBench` with JSON-able arguments. */
async function call<K extends keyof BenchPage>(page: Page, method: K, ...args: Parameters<BenchPage[K]>): Promise<Awaited<ReturnType<BenchPage[K]>>> {
  const result = await page.evaluate(
    ([m, a]) => (window as unknown as { clinicBench: Record<string, (...x: unknown[]) => unknown> }).clinicBench[m]!(...a),
    [method, args] as [string, unknown[]],
  );
  return result as Awaited<ReturnType<BenchPage[K]>>;
}

async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

function forwardProblems(page: Page, log: (line: string) => void): void {
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || (message.type() === 'warning' && !text.includes('RxDB Open Core'))) log(`page ${message.type()}: ${text.slice(0, 300)}`);
  });
}

function reportTargets(label: string, figures: Record<string, number>, log: (line: string) => void): void {
  const verdict = (value: number, target: number) => (value < target ? `met (${value})` : `MISSED by ${round(value - target)} (${value})`);
  const at = (figure: string) => figures[`chromium.${figure}.${label}`]!;
  log(`${label} targets: finder p95 < ${TARGETS.searchP95Ms} ms: ${verdict(at('search.p95_ms'), TARGETS.searchP95Ms)}; 200 rows and opening the first: ${verdict(at('search_e2e.p95_ms'), TARGETS.searchP95Ms)}`);
  log(`${label} targets: ready < ${TARGETS.readyMs} ms from the snapshot: ${verdict(at('ready_ms.snapshot'), TARGETS.readyMs)}; first start: ${verdict(at('ready_ms.full'), TARGETS.readyMs)}`);
  log(`${label} targets: ready < ${TARGETS.readyAfterMigrationMs} ms after a patients schema migration: ${verdict(at('ready_ms.after_migration'), TARGETS.readyAfterMigrationMs)}`);
  log(`${label} targets: heap < ${TARGETS.heapMb} MB: ${verdict(at('heap_mb'), TARGETS.heapMb)}`);
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}
