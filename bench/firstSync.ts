import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { syntheticPatients, syntheticProviders, syntheticScheduling, syntheticServices } from '../src/shared/demo/syntheticClinic';
import { APPOINTMENT_BLANKS, type Appointment } from '../src/shared/schedule/appointment';
import type { LedgerEntry } from '../src/shared/payments/ledger';
import { instalmentsFor } from '../src/shared/payments/account';
import type { Visit } from '../src/shared/checkin/visit';
import { remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../src/shared/sync/collections';
import { ADMIN, DeskPage } from '../tests/e2e/pages/deskPage';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../tests/support/couchServer';
import { storedCount } from '../tests/support/indexedDbStore';
import { startHostProcess } from '../tests/support/webHost';
import { CHROMIUM_ARGS } from './chromium';
import { round, type BenchGroup } from './harness';
import { BUILT_IN_WORDING, EDITABLE_FORMS, FormWordingSchema } from '../src/shared/catalog/formWording';
import { FormLogoSchema } from '../src/shared/catalog/formLogo';
import { logoPng } from '../tests/support/pictures';

/** The goals: the whole clinic here within a minute, the finder searching within 3 s of that. */
const GOALS = { syncMs: 60_000, finderMs: 3_000 };

/**
 * A clinic's history on the server: its providers, visit types, rooms, hours and a holiday; its
 * patients and coverages, two visits (with a provider and a type) and a co-pay each (its charge,
 * payment and allocation), the later visit's way through the clinic (check-in to done, five
 * steps), and each day's cash drawer opened and closed.
 */
function clinicRecords(count: number): Partial<Record<SyncedCollection, Record<string, unknown>[]>> {
  const { patients, coverages } = syntheticPatients(0, count, { siteId: 'main' });
  const providers = syntheticProviders({ siteId: 'main' });
  const scheduling = syntheticScheduling({ siteId: 'main' });
  // Each form's wording as a clinic that changed it once keeps it: version 2 beside the built-in one.
  const wordings = EDITABLE_FORMS.map((form, i) =>
    FormWordingSchema.parse({ id: `01936b2e-0009-7000-8000-${i.toString(16).padStart(12, '0')}`, kind: 'form-wording', name: `${form}, version 2`, form, wordingVersion: 2, ...BUILT_IN_WORDING[form], createdAt: '2026-06-01T12:00:00.000Z', updatedAt: '2026-06-01T12:00:00.000Z', updatedBy: 'bench', siteId: 'main' }),
  );
  // And the logo its forms print with.
  const logo = FormLogoSchema.parse({ id: '01936b2e-0009-7000-8000-0000000000ff', kind: 'form-logo', name: 'Forms logo, version 1', logoVersion: 1, png: logoPng(600, 180), createdAt: '2026-06-01T12:00:00.000Z', updatedAt: '2026-06-01T12:00:00.000Z', updatedBy: 'bench', siteId: 'main' });
  const catalog = [...providers, ...syntheticServices(), ...scheduling.types, ...scheduling.rooms, ...scheduling.templates, scheduling.holiday, ...wordings, logo];
  const appointments: Appointment[] = [];
  const ledger: LedgerEntry[] = [];
  const visits: Visit[] = [];
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  patients.forEach((p, i) => {
    for (const visit of [0, 1]) {
      const start = new Date(Date.UTC(2026, visit === 0 ? 5 : 9, 1 + (i % 28), 14 + (i % 8), (i % 3) * 20));
      appointments.push({
        id: `01936b2e-${hex(visit, 4)}-7000-8000-${hex(i, 12)}` as Appointment['id'],
        patientId: p.id,
        start: start.toISOString(),
        end: new Date(start.getTime() + 20 * 60_000).toISOString(),
        timeZone: 'America/Chicago',
        reason: 'Follow-up',
        status: 'fulfilled',
        arrivedAt: start.toISOString(),
        ...APPOINTMENT_BLANKS,
        providerId: providers[i % providers.length]!.id,
        typeId: scheduling.types[(i + visit) % scheduling.types.length]!.id,
        locationId: 'main',
        createdAt: start.toISOString(),
        updatedAt: start.toISOString(),
        updatedBy: 'bench',
        siteId: 'main',
      });
    }
    const seen = appointments[appointments.length - 1]!;
    const at = (minutes: number) => new Date(Date.parse(seen.start) + minutes * 60_000).toISOString();
    const steps = [['checked-in', -10], ['waiting', -9], ['roomed', 5], ['with-provider', 12], ['done', 35]] as const;
    visits.push({
      id: `01936b2e-0003-7000-8000-${hex(i, 12)}`,
      patientId: p.id,
      appointmentId: seen.id,
      providerId: seen.providerId,
      typeId: seen.typeId,
      locationId: 'main',
      date: seen.start.slice(0, 10),
      timeZone: 'America/Chicago',
      step: 'done',
      timeline: steps.map(([step, minutes]) => ({ step, at: at(minutes), by: 'Bench Desk', roomId: step === 'roomed' ? scheduling.rooms[i % scheduling.rooms.length]!.id : '', reason: '' })),
      // A full check-in, as the desk records it: every step confirmed, two forms signed, the co-pay taken.
      checkin: {
        identity: { at: at(-12), by: 'Bench Desk' },
        demographics: { at: at(-12), by: 'Bench Desk', changed: false },
        insurance: { at: at(-11), by: 'Bench Desk', coverageId: `01936b2e-0004-7000-8000-${hex(i, 12)}` },
        verification: { coverageId: `01936b2e-0004-7000-8000-${hex(i, 12)}`, method: 'phone', reference: `REF${hex(i, 8)}`, result: 'active', at: at(-11), by: 'Bench Desk' },
        forms: (['consent-to-treat', 'hipaa-notice'] as const).map((form) => ({ form, how: 'paper' as const, documentId: '', at: at(-11), by: 'Bench Desk' })),
        money: { copayCents: 2500, paymentId: `01936b2e-0002-7000-8000-${hex(i, 12)}`, deferredReason: '', at: at(-10), by: 'Bench Desk' },
      },
      checkout: { followUpAppointmentId: '', noFollowUpReason: 'None needed', paymentId: '', at: at(35), by: 'Bench Desk' },
      createdAt: at(-10),
      updatedAt: at(35),
      updatedBy: 'bench',
      siteId: 'main',
    });
    ledger.push({
      id: `01936b2e-0002-7000-8000-${hex(i, 12)}` as LedgerEntry['id'],
      kind: 'payment',
      purpose: 'copay',
      patientId: p.id,
      appointmentId: appointments[appointments.length - 1]!.id,
      amountCents: 2500,
      method: 'card',
      reference: '4242',
      tenderedCents: 0,
      authCode: 'A1B2C3',
      receiptNumber: `M1-${String(i + 1).padStart(6, '0')}`,
      transactionId: `01936b2e-0002-7000-8000-${hex(i, 12)}`,
      drawerId: '',
      createdAt: appointments[appointments.length - 1]!.start,
      createdBy: 'bench',
      siteId: 'main',
    } as LedgerEntry);
    // The co-pay charge the payment paid, and what joins them, as the desk writes a co-pay.
    const start = appointments[appointments.length - 1]!.start;
    ledger.push({ id: `01936b2e-0003-7000-8000-${hex(i, 12)}`, kind: 'charge', patientId: p.id, amountCents: 2500, description: 'Co-pay', code: 'copay', appointmentId: appointments[appointments.length - 1]!.id, providerId: '', serviceDate: start.slice(0, 10), createdAt: start, createdBy: 'bench', siteId: 'main' } as LedgerEntry);
    ledger.push({ id: `01936b2e-0004-7000-8000-${hex(i, 12)}`, kind: 'allocation', patientId: p.id, amountCents: 2500, paymentId: `01936b2e-0002-7000-8000-${hex(i, 12)}`, chargeId: `01936b2e-0003-7000-8000-${hex(i, 12)}`, createdAt: start, createdBy: 'bench', siteId: 'main' } as LedgerEntry);
    // One patient in twenty owes for a visit, was sent a statement and pays it in instalments.
    if (i % 20 === 0) {
      const day = start.slice(0, 10);
      const owed = { patientId: p.id, amountCents: 9000, createdAt: start, createdBy: 'bench', siteId: 'main' };
      ledger.push({ ...owed, id: `01936b2e-0007-7000-8000-${hex(i, 12)}`, kind: 'charge', description: 'Office visit', code: '', appointmentId: null, providerId: '', serviceDate: day } as LedgerEntry);
      ledger.push({ ...owed, id: `01936b2e-0008-7000-8000-${hex(i, 12)}`, kind: 'statement', dueDate: day } as LedgerEntry);
      ledger.push({ ...owed, id: `01936b2e-0009-7000-8000-${hex(i, 12)}`, kind: 'plan', instalments: instalmentsFor(9000, 3, 'monthly', day), note: '' } as LedgerEntry);
    }
  });
  // Each day's cash drawer at the front desk, opened and closed.
  const days = [...new Set(ledger.map((e) => e.createdAt.slice(0, 10)))].sort();
  const drawers = days.flatMap((day, i) => {
    const id = `01936b2e-0005-7000-8000-${hex(i, 12)}`;
    const base = { sessionId: id, workstationId: 'ws-main', workstationName: 'M1', siteId: 'main', businessDate: day, createdBy: 'bench', note: '' };
    return [
      { ...base, id, kind: 'open', floatCents: 10_000, createdAt: `${day}T13:00:00.000Z` },
      { ...base, id: `01936b2e-0006-7000-8000-${hex(i, 12)}`, kind: 'close', counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], checks: [], countedCashCents: 10_000, countedChecksCents: 0, expectedCashCents: 10_000, expectedChecksCents: 0, overShortCents: 0, createdAt: `${day}T23:00:00.000Z` },
    ];
  });
  return { catalog, patients, coverages, appointments, ledger, visits, drawers } as unknown as Partial<Record<SyncedCollection, Record<string, unknown>[]>>;
}

async function loadServer(couch: CouchServer, prefix: string, records: Partial<Record<SyncedCollection, Record<string, unknown>[]>>): Promise<number> {
  let total = 0;
  for (const [collection, docs] of Object.entries(records) as [SyncedCollection, Record<string, unknown>[]][]) {
    for (let i = 0; i < docs.length; i += 2_000) {
      const res = await couch.request('POST', `/${remoteDbName(prefix, collection)}/_bulk_docs`, { docs: docs.slice(i, i + 2_000).map(({ id, ...doc }) => ({ _id: id, ...doc })) });
      if (res.status !== 201) throw new Error(`Loading ${collection} on the server failed with ${res.status}`);
    }
    total += docs.length;
  }
  return total;
}

/**
 * A new workstation's first sync of a whole clinic, through the real app in Debian's Chromium
 * (RxDB on Dexie in IndexedDB, every request through main's transport in the host): from "Save and
 * connect" in Settings until every record is in IndexedDB, then until the finder finds the last
 * patient by name.
 */
export const firstSyncGroup: BenchGroup = {
  name: 'first-sync',
  // Minutes at full size; the smoke run's small clinic proves it works.
  inSmoke: true,
  description: "a new workstation's first sync of a whole clinic into IndexedDB in Chromium through the app: time until every record is here, then until the finder finds one",
  async run(log, { smoke }) {
    const figures: Record<string, number> = {};
    const count = smoke ? 500 : Number(process.env['BENCH_FIRST_SYNC_PATIENTS'] ?? 50_000);
    const couch = await startCouchServer();
    const outDir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-renderer-'));
    const profile = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-profile-'));
    try {
      const prefix = uniqueDbPrefix();
      for (const name of SYNCED_COLLECTIONS) await couch.createDb(remoteDbName(prefix, name));
      const records = clinicRecords(count);
      const loadStart = performance.now();
      const total = await loadServer(couch, prefix, records);
      log(`${count.toLocaleString('en-US')} patients, ${total.toLocaleString('en-US')} records on the server (${couch.kind}), loaded in ${round((performance.now() - loadStart) / 1000, 1)} s`);

      await build({ configFile: resolve('vite.renderer.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
      const host = await startHostProcess({ rendererDir: outDir });
      const context = await chromium.launchPersistentContext(profile, { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('pageerror', (error) => log(`page error: ${error.message}`));
        const desk = new DeskPage(page);
        await desk.open(host.url);
        await desk.setUpNewClinic(ADMIN);
        await desk.signIn(ADMIN.username, ADMIN.password);

        const cpuProfile = process.env['BENCH_CPU_PROFILE'] ? await startCpuProfile(context, page) : undefined;
        const start = performance.now();
        await desk.configureSync({ url: couch.url, username: couch.username, password: couch.password, dbPrefix: prefix });
        const wanted = Object.entries(records).map(([c, docs]) => [c, docs.length] as const);
        const deadline = start + (smoke ? 120_000 : 900_000);
        let last = -1;
        for (;;) {
          const counts = await Promise.all(wanted.map(([c]) => storedCount(page, c)));
          if (counts.every((n, i) => n >= wanted[i]![1])) break;
          const here = counts.reduce((a, b) => a + b, 0);
          if (performance.now() > deadline) throw new Error(`The first sync did not finish: ${here} of ${total} records here`);
          const tenth = Math.floor((10 * here) / total);
          if (tenth !== last) log(`  ${here.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} after ${round((performance.now() - start) / 1000, 1)} s`);
          last = tenth;
          await page.waitForTimeout(250);
        }
        const syncMs = performance.now() - start;
        if (cpuProfile) await cpuProfile.stop(process.env['BENCH_CPU_PROFILE']!, log);

        // The last patient received, by MRN, in the finder (Ctrl+K), as the desk would look them up.
        const lastPatient = (records.patients as { givenName: string; familyName: string; mrn: string }[])[count - 1]!;
        const finderStart = performance.now();
        await page.keyboard.press('Control+K');
        const finder = page.getByRole('dialog', { name: 'Find a patient' });
        await finder.getByRole('combobox', { name: 'Find patient' }).fill(lastPatient.mrn);
        await finder
          .getByRole('listbox', { name: 'Search results' })
          .getByRole('option')
          .filter({ has: page.getByText(`${lastPatient.familyName}, ${lastPatient.givenName}`, { exact: true }) })
          .waitFor({ timeout: 120_000 });
        const finderMs = performance.now() - finderStart;

        figures['first_sync.records'] = total;
        figures['first_sync.ms'] = round(syncMs, 0);
        figures['first_sync.records_per_s'] = round(total / (syncMs / 1000), 0);
        figures['first_sync.finder_found_ms'] = round(finderMs, 0);
        const verdict = (value: number, goal: number) => (value < goal ? `met` : `MISSED`);
        log(`first sync: ${total.toLocaleString('en-US')} records in ${round(syncMs / 1000, 1)} s (${figures['first_sync.records_per_s']}/s; goal < ${GOALS.syncMs / 1000} s for 50,000 patients: ${smoke ? 'not measured at this size' : verdict(syncMs, GOALS.syncMs)})`);
        log(`finder: found the last patient ${round(finderMs, 0)} ms after the sync ended (goal < ${GOALS.finderMs} ms: ${verdict(finderMs, GOALS.finderMs)})`);
      } finally {
        await context.close();
        await host.stop();
      }
    } finally {
      await couch.stop();
      await rm(outDir, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    }
    return figures;
  },
};

/**
 * A CPU profile of the renderer during the sync (`BENCH_CPU_PROFILE=<file>`): written for Chrome's
 * DevTools, with the functions that took the most time printed.
 */
export async function startCpuProfile(context: BrowserContext, page: Page): Promise<{ stop(file: string, log: (line: string) => void): Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env['BENCH_PROFILE_INTERVAL_US'] ?? 1_000) });
  await cdp.send('Profiler.start');
  return {
    async stop(file, log) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      const selfMs = new Map<string, number>();
      const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples?.length ?? 1);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const id of profile.samples ?? []) {
        const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
        const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
        selfMs.set(key, (selfMs.get(key) ?? 0) + interval);
      }
      const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
      log(`renderer CPU profile written to ${file}; most self time of ${round(total / 1000, 1)} s:`);
      for (const [key, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`  ${round(ms / 1000, 1)} s  ${round((100 * ms) / total, 1)}%  ${key}`);
      await cdp.detach();
    },
  };
}

/** Records a Chromium trace of the page (main thread tasks, style, layout, paint, IndexedDB), for chrome://tracing or Perfetto. */
export async function startTrace(context: BrowserContext, page: Page): Promise<{ stop(file: string, log: (line: string) => void): Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'IndexedDB', 'v8.execute', 'toplevel', 'blink.user_timing', 'latencyInfo', 'input'];
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReturnAsStream' });
  return {
    async stop(file, log) {
      const complete = new Promise<string>((done) => cdp.once('Tracing.tracingComplete', (e) => done(e.stream!)));
      await cdp.send('Tracing.end');
      const stream = await complete;
      const chunks: string[] = [];
      for (;;) {
        const { data, eof } = await cdp.send('IO.read', { handle: stream });
        chunks.push(data);
        if (eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await writeFile(file, chunks.join(''));
      log(`renderer trace written to ${file}`);
      await cdp.detach();
    },
  };
}
