import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { createSeedRequestStore } from '../../src/main/demo/seedRequestStore';
import { expectNoAxeViolations } from './axe';
import { startHostProcess, type WebHostProcess } from './fixtures';
import { ADMIN, DeskPage } from './pages/deskPage';

const run = promisify(execFile);
const DEMO_PASSWORD = 'demo-clinic-2026';
const seed = (host: WebHostProcess, ...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--data-dir', host.dataDir, ...args]);
const requestWaiting = (host: WebHostProcess) =>
  access(path.join(host.dataDir, 'seed-request.json')).then(
    () => true,
    () => false,
  );

let host: WebHostProcess;
test.beforeEach(async () => {
  host = await startHostProcess();
});
test.afterEach(async () => {
  await host.stop();
});

test('npm run seed sets the demo clinic’s size at first run, and a later request loads at sign-in with progress', async ({ page }) => {
  const asked = await seed(host, '--patients', '1200');
  expect(asked.stdout).toContain('it loads 1,200 synthetic patients into the demo clinic');

  const desk = new DeskPage(page);
  await desk.open(host.url);
  await expect(page.getByText('npm run seed asked for a demo clinic of 1,200 synthetic patients')).toBeVisible();
  await expect(page.getByRole('radio', { name: '1,200' })).toBeChecked();
  await expectNoAxeViolations(page, 'the first-run screen, with a demo clinic asked for');
  await desk.loadDemoClinic();
  expect(await requestWaiting(host)).toBe(false);

  await seed(host, '--patients', '1500');
  await desk.signIn('manager', DEMO_PASSWORD);
  const done = page.getByRole('alert').filter({ hasText: 'Synthetic clinic loaded' });
  await expect(done).toContainText('300 patients added, 1,200 were already here', { timeout: 30_000 });
  expect(await requestWaiting(host)).toBe(false);

  await desk.goTo('Audit log');
  const rows = page.getByRole('table', { name: 'Audit entries' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Loaded 1,200 synthetic patients' })).toContainText('Alex Kim');
  await expect(rows.filter({ hasText: 'Loaded 300 synthetic patients' })).toContainText('Morgan Lee');
});

test('a real clinic refuses synthetic patients: the script writes nothing, and the desk loads nothing and keeps the request', async ({ page }) => {
  const desk = new DeskPage(page);
  await desk.open(host.url);
  await desk.setUpNewClinic(ADMIN);

  const refused = await seed(host, '--patients', '100').then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(refused?.code).toBe(1);
  expect(refused?.stderr).toContain('holds a real clinic, "Lakeside Health"');
  expect(await requestWaiting(host)).toBe(false);

  // A request that got there anyway (copied in by hand) is refused by the desk and left in place.
  await createSeedRequestStore(host.dataDir).write({ patients: 100, seed: 42, requestedAt: new Date().toISOString() });
  await desk.signIn(ADMIN.username, ADMIN.password);
  const refusal = page.getByRole('alert').filter({ hasText: 'Synthetic patients refused' });
  await expect(refusal).toContainText('“Lakeside Health” is not a demo clinic. ClinicDesk loads made-up patients only into the demo clinic');
  await expect(refusal).toContainText('npm run seed -- --cancel');
  expect(await requestWaiting(host)).toBe(true);
});
