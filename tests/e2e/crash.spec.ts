import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/renderer/features/demo/demoStaff';
import { syntheticPatients } from '../../src/shared/demo/syntheticClinic';
import { remoteDbName } from '../../src/shared/sync/collections';
import { expect, test } from './fixtures';
import { storedDocuments as stored } from '../support/indexedDbStore';
import { ADMIN, DeskPage } from './pages/deskPage';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Debian's Chromium as its own process on a profile folder that outlives it, so a test can kill it
 * the way a power cut or the task manager would (SIGKILL: no unload, no flush) and start it again on
 * the same IndexedDB.
 */
async function launchBrowser(profile: string): Promise<{ browser: Browser; page: Page; kill(): Promise<void> }> {
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless=new',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const page = await browser.contexts()[0]!.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  return {
    browser,
    page,
    async kill() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      child.kill('SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
  };
}

test.describe('a workstation killed mid-way', () => {
  let profile: string;
  test.beforeEach(async () => {
    profile = await mkdtemp(path.join(tmpdir(), 'clinicdesk-profile-'));
  });
  test.afterEach(async () => {
    // A killed Chromium's helper processes may still be writing into the profile for a moment: retried until they are gone.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  test('in the middle of its first sync starts again where it was and ends with every record whole, once', async ({ clinic }) => {
    const COUNT = 4_000;
    const { patients } = syntheticPatients(0, COUNT, { siteId: 'main' });
    const remote = remoteDbName(clinic.dbPrefix, 'patients');
    for (let i = 0; i < patients.length; i += 1_000) {
      const res = await clinic.couch.request('POST', `/${remote}/_bulk_docs`, { docs: patients.slice(i, i + 1_000).map(({ id, ...doc }) => ({ _id: id, ...doc })) });
      expect(res.status).toBe(201);
    }

    let run = await launchBrowser(profile);
    let desk = new DeskPage(run.page);
    await desk.open(clinic.host.url);
    await desk.setUpNewClinic(ADMIN);
    await desk.signIn(ADMIN.username, ADMIN.password);
    await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });
    // Killed once some of the clinic's patients are here, and before all of them are.
    await expect.poll(async () => (await stored(run.page, 'patients', ['id'])).count, { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0);
    await run.kill();

    run = await launchBrowser(profile);
    desk = new DeskPage(run.page);
    const before = await (async () => {
      await desk.open(clinic.host.url);
      return stored(run.page, 'patients', ['id']);
    })();
    expect(before.count, 'the first sync was cut short').toBeLessThan(COUNT);
    await desk.signIn(ADMIN.username, ADMIN.password);
    await desk.goTo('Sync');
    const row = desk.main.getByRole('table', { name: 'Sync by kind of record' }).getByRole('row').filter({ has: run.page.getByRole('cell', { name: 'Patients', exact: true }) });
    await expect(row).toContainText('Up to date', { timeout: 90_000 });
    const after = await stored(run.page, 'patients', ['id', 'givenName', 'familyName', 'birthDate', 'mrn', 'updatedAt', 'siteId']);
    expect(after).toEqual({ count: COUNT, broken: [] });
    await desk.findWithFinder(patients[COUNT - 1]!.familyName.toLowerCase(), `${patients[COUNT - 1]!.familyName}, ${patients[COUNT - 1]!.givenName}`);
    await run.kill();
  });

  test('in the middle of loading thousands of records starts again with each record whole and its audit chain unbroken', async ({ clinic }) => {
    let run = await launchBrowser(profile);
    let desk = new DeskPage(run.page);
    await desk.open(clinic.host.url);
    await run.page.getByRole('radiogroup', { name: 'Demo clinic size' }).locator('label').filter({ hasText: /^10,000$/ }).click();
    await expect(run.page.getByRole('radio', { name: '10,000' })).toBeChecked();
    await run.page.getByRole('button', { name: 'Load the demo clinic' }).click();
    await expect(run.page.getByText(/Loading patients: [1-9][\d,]* of 10,000/)).toBeVisible({ timeout: 60_000 });
    await run.kill();

    run = await launchBrowser(profile);
    desk = new DeskPage(run.page);
    await desk.open(clinic.host.url);
    await expect(run.page.getByRole('form', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
    const patients = await stored(run.page, 'patients', ['id', 'givenName', 'familyName', 'birthDate', 'mrn', 'updatedAt', 'siteId']);
    expect(patients.count).toBeGreaterThan(0);
    expect(patients.count).toBeLessThan(10_000);
    expect(patients.broken).toEqual([]);
    await desk.signIn('admin', DEMO_PASSWORD);
    await desk.goTo('Audit log');
    await desk.main.getByRole('button', { name: 'Check the chains' }).click();
    const report = desk.main.getByRole('status').filter({ hasText: 'Chain check' });
    await expect(report).toContainText(/All \d+ workstation chains? (is|are) intact/, { timeout: 30_000 });
    await expect(report).not.toContainText('BROKEN');
    await run.kill();
  });
});
