import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { ScheduleBenchPage, ScheduleBenchPlan } from './browser/scheduleContract';
import { CHROMIUM_ARGS } from './chromium';
import { startCpuProfile, startTrace } from './firstSync';
import { percentile, round, type BenchGroup } from './harness';
import { serveFolder } from './staticServer';

const PREFERRED_PORT = 47_625;
export const SCHEDULING_TARGETS = { dayOpenP95Ms: 100, nextAvailableP95Ms: 50, dragP95Ms: 50 };
/** A person looks at a day before clicking on to the next; the screen readies the days either side meanwhile. */
const BETWEEN_CLICKS_MS = 600;
/** About three years of weekdays of 8 providers with 40 visits each: some 200,000 visits. */
const FULL: ScheduleBenchPlan & { days: number; jumps: number; jumpDays: number; searches: number; drags: number; cursorKeys: number } = {
  weekdays: 630,
  daysAhead: 120,
  providers: 8,
  perProviderPerDay: 40,
  patients: 5_000,
  timeZone: 'America/Chicago',
  days: 30,
  jumps: 30,
  jumpDays: 9,
  searches: 200,
  drags: 40,
  cursorKeys: 40,
};
const SMOKE: typeof FULL = { weekdays: 15, daysAhead: 14, providers: 8, perProviderPerDay: 40, patients: 400, timeZone: 'America/Chicago', days: 4, jumps: 3, jumpDays: 3, searches: 20, drags: 5, cursorKeys: 10 };

/**
 * The Schedule screen in Chromium over IndexedDB, as the desk runs it (RxDB on Dexie, encrypted
 * fields, the real screen and calendar on a bench page): opening a day of 8 providers with 40
 * visits each until every visit is drawn with its patient's name, by Next day (a moment after the
 * day before was drawn) and by typing a date a few weeks away (nothing ready for it); "find next available" over 8
 * providers and 60 days; moving a visit by dragging it with the mouse, from the drop until it
 * is saved (with its audit entry) and drawn at its new time.
 */
export const schedulingGroup: BenchGroup = {
  name: 'scheduling',
  description: 'Schedule screen in Chromium: open a day (8 providers × 40 visits), next available (8 providers × 60 days), drag to move; about 200,000 visits',
  async run(log, { smoke }) {
    const plan = smoke ? SMOKE : FULL;
    const figures: Record<string, number> = {};
    const outDir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-schedule-page-'));
    const profile = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-schedule-profile-'));
    try {
      // A CPU profile (`BENCH_CPU_PROFILE=<file>`) reads better unminified.
      await build({ configFile: resolve('bench/browser/vite.config.ts'), build: { outDir, ...(process.env['BENCH_CPU_PROFILE'] ? { minify: false } : {}) } });
      const server = await serveFolder(outDir, PREFERRED_PORT);
      const context = await chromium.launchPersistentContext(profile, { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1600, height: 1000 } });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('pageerror', (error) => log(`page error: ${error.message}`));
        page.on('console', (m) => m.type() === 'error' && log(`page error: ${m.text().slice(0, 300)}`));
        await page.goto(`${server.origin}/schedule.html`);
        await page.waitForFunction(() => document.title === 'schedule bench ready');
        const t0 = performance.now();
        const seeded = await call(page, 'seed', plan);
        log(`${seeded.visits.toLocaleString('en-US')} visits of ${plan.providers} providers over ${plan.weekdays} weekdays, ${plan.patients.toLocaleString('en-US')} patients, seeded in ${round((performance.now() - t0) / 1000, 1)} s`);
        figures['scheduling.visits'] = seeded.visits;
        const mounted = await call(page, 'mount', plan);
        log(`Schedule screen mounted on today in ${round(mounted.mountMs)} ms`);

        // `BENCH_CPU_PROFILE=<file>` profiles one phase, `BENCH_TRACE=<file>` traces it: `BENCH_PROFILE_PHASE` day (the default), jump, search or drag.
        const profiled = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
          const traced = process.env['BENCH_TRACE'];
          const file = traced ?? process.env['BENCH_CPU_PROFILE'];
          if (!file || (process.env['BENCH_PROFILE_PHASE'] ?? 'day') !== phase) return work();
          const profile = await (traced ? startTrace : startCpuProfile)(context, page);
          const result = await work();
          await profile.stop(file, log);
          return result;
        };
        const opens: number[] = [];
        await profiled('day', async () => {
          while (opens.length < plan.days) {
            await page.waitForTimeout(BETWEEN_CLICKS_MS);
            const day = await call(page, 'nextDay');
            if (day) opens.push(day.ms);
          }
        });
        figures['scheduling.day_open.p50_ms'] = round(percentile(opens, 50));
        figures['scheduling.day_open.p95_ms'] = round(percentile(opens, 95));
        log(`open the next day (${plan.providers} × ${plan.perProviderPerDay} visits, each drawn with its name): p50 ${figures['scheduling.day_open.p50_ms']} ms, p95 ${figures['scheduling.day_open.p95_ms']} ms over ${opens.length} days`);
        const search = await profiled('search', () => call(page, 'nextAvailable', plan.searches));
        figures['scheduling.next_available.first_ms'] = round(search.firstMs);
        figures['scheduling.next_available.p50_ms'] = round(percentile(search.samples, 50));
        figures['scheduling.next_available.p95_ms'] = round(percentile(search.samples, 95));
        log(`next available over ${plan.providers} providers × 60 days: first ${figures['scheduling.next_available.first_ms']} ms, then p50 ${figures['scheduling.next_available.p50_ms']} ms, p95 ${figures['scheduling.next_available.p95_ms']} ms (${search.found} of ${plan.searches} found a time)`);

        const steps = await keyboardCursor(page, plan.cursorKeys, plan.providers);
        figures['scheduling.keyboard_cursor.p50_ms'] = round(percentile(steps, 50));
        figures['scheduling.keyboard_cursor.p95_ms'] = round(percentile(steps, 95));
        log(`move the keyboard's cursor on the day's grid, key to drawn: p50 ${figures['scheduling.keyboard_cursor.p50_ms']} ms, p95 ${figures['scheduling.keyboard_cursor.p95_ms']} ms over ${steps.length} keys`);
        const { samples: drags, failed } = await profiled('drag', () => dragIntoGaps(page, plan.drags, log));
        figures['scheduling.drag.failed'] = failed;
        figures['scheduling.drag.p50_ms'] = round(percentile(drags, 50));
        figures['scheduling.drag.p95_ms'] = round(percentile(drags, 95));
        log(`drag a visit a quarter hour later, drop to saved and drawn: p50 ${figures['scheduling.drag.p50_ms']} ms, p95 ${figures['scheduling.drag.p95_ms']} ms over ${drags.length} moves${failed ? `, ${failed} drags that did not move their visit` : ''}`);

        // Back through the seeded weeks, never onto a day shown before or next to one.
        const jumps: number[] = [];
        await profiled('jump', async () => {
          for (let i = 0; jumps.length < plan.jumps && i < plan.jumps * 3; i++) {
            await page.waitForTimeout(BETWEEN_CLICKS_MS);
            const day = await call(page, 'goToDate', -plan.jumpDays);
            if (day) jumps.push(day.ms);
          }
        });
        figures['scheduling.day_jump.p50_ms'] = round(percentile(jumps, 50));
        figures['scheduling.day_jump.p95_ms'] = round(percentile(jumps, 95));
        log(`open a date typed into Go to date, nothing ready for it: p50 ${figures['scheduling.day_jump.p50_ms']} ms, p95 ${figures['scheduling.day_jump.p95_ms']} ms over ${jumps.length} days`);

        const verdict = (value: number, target: number) => (value < target ? `met (${value})` : `MISSED by ${round(value - target)} (${value})`);
        log(
          `targets: day open p95 < ${SCHEDULING_TARGETS.dayOpenP95Ms} ms: next day ${verdict(figures['scheduling.day_open.p95_ms'], SCHEDULING_TARGETS.dayOpenP95Ms)}, typed date ${verdict(figures['scheduling.day_jump.p95_ms'], SCHEDULING_TARGETS.dayOpenP95Ms)}; ` +
            `next available p95 < ${SCHEDULING_TARGETS.nextAvailableP95Ms} ms: ${verdict(figures['scheduling.next_available.p95_ms'], SCHEDULING_TARGETS.nextAvailableP95Ms)}; ` +
            `drag p95 < ${SCHEDULING_TARGETS.dragP95Ms} ms: ${verdict(figures['scheduling.drag.p95_ms'], SCHEDULING_TARGETS.dragP95Ms)}`,
        );
      } finally {
        await context.close();
        await server.close();
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    }
    return figures;
  },
};

/** Puts the keyboard's cursor on the day's grid (Enter) and moves it with the arrow keys, down the day and across the providers. */
async function keyboardCursor(page: Page, count: number, providers: number): Promise<number[]> {
  const grid = page.getByRole('group', { name: 'Day calendar' });
  await grid.evaluate((el) => (el.scrollTop = 0));
  await grid.focus();
  const samples: number[] = [];
  for (let i = 0; i <= count; i++) {
    await call(page, 'armCursorStopwatch');
    // Down a quarter hour at a time, and every fifth key one provider to the right (while there is one).
    await page.keyboard.press(i === 0 ? 'Enter' : i % 5 === 0 && i / 5 < providers ? 'ArrowRight' : 'ArrowDown');
    const ms = await call(page, 'cursorMoved');
    if (i > 0) samples.push(ms);
  }
  await page.keyboard.press('Escape');
  return samples;
}

/** Drags visits that have a free quarter hour after them down into it, one provider after another. */
async function dragIntoGaps(page: Page, count: number, log: (line: string) => void): Promise<{ samples: number[]; failed: number }> {
  const gaps = await call(page, 'gaps');
  const byProvider = new Map<number, typeof gaps>();
  for (const g of gaps) byProvider.set(g.providerIndex, [...(byProvider.get(g.providerIndex) ?? []), g]);
  const order: typeof gaps = [];
  for (let round = 0; order.length < Math.min(count, gaps.length); round++) for (const list of byProvider.values()) if (list[round] && order.length < count) order.push(list[round]!);
  const quarter = (await page.locator('.rbc-time-gutter .rbc-timeslot-group').first().boundingBox())!.height / 4;
  const samples: number[] = [];
  let failed = 0;
  for (const gap of order) {
    const event = page.locator(`.rbc-event:has([data-visit-id="${gap.visitId}"])`);
    // In the middle of the grid's scrolled area, so the quarter hour below is on screen too.
    await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await event.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const moved = page.evaluate(([id, start]) => (window as unknown as { scheduleBench: ScheduleBenchPage }).scheduleBench.awaitMoved(id, start), [gap.visitId, gap.start] as const);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 3, { steps: 2 });
    // A third of a slot past the boundary: dropped right on it, the visit may land in either slot.
    await page.mouse.move(x, y + quarter * 1.3, { steps: 4 });
    await page.mouse.up();
    try {
      samples.push(await moved);
    } catch (error) {
      failed++;
      const shot = join(tmpdir(), `clinicdesk-bench-drag-${failed}.png`);
      await page.screenshot({ path: shot });
      log(`a drag did not move its visit (${(error as Error).message.split('\n')[0]}); the page: ${shot}`);
      await page.keyboard.press('Escape');
    }
  }
  return { samples, failed };
}

async function call<K extends keyof ScheduleBenchPage>(page: Page, method: K, ...args: Parameters<ScheduleBenchPage[K]>): Promise<Awaited<ReturnType<ScheduleBenchPage[K]>>> {
  const result = await page.evaluate(
    ([m, a]) => (window as unknown as { scheduleBench: Record<string, (...x: unknown[]) => unknown> }).scheduleBench[m]!(...a),
    [method, args] as [string, unknown[]],
  );
  return result as Awaited<ReturnType<ScheduleBenchPage[K]>>;
}
