import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, openSyncedDesk, test, type Clinic } from './fixtures';
import { ADMIN } from './pages/deskPage';

const serverFamilies = async (clinic: Clinic) => (await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'patients'))).map((p) => p['familyName']);

test('the sync screen shows, for each kind of record, what is not on the server yet and when it last synced', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);
  await page.keyboard.press('Alt+8');
  await expect(desk.main.getByRole('heading', { name: 'Sync', level: 2 })).toBeVisible();
  const table = desk.main.getByRole('table', { name: 'Sync by kind of record' });
  const row = (label: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await expect(row('Patients')).toContainText('Up to date', { timeout: 20_000 });
  await expect(row('Patients').getByTestId('pending')).toHaveText('0');
  await expect(row('Payments and ledger')).toContainText('Up to date');

  // Offline: what is done here is counted as waiting, kind by kind.
  clinic.proxy.cut();
  await expect(desk.connectivity).toHaveText('Offline', { timeout: 20_000 });
  await desk.registerPatient({ givenName: 'Ines', familyName: 'Moreau', birthDate: '1975-06-01', phone: '555-010-4455' });
  await desk.goTo('Sync');
  await expect(row('Patients').getByTestId('pending')).toHaveText('1');
  await expect(desk.main.getByRole('alert')).toContainText('Keep working');
  await expect(desk.syncState).toHaveText(/changes? waiting to sync/);
  await expectNoAxeViolations(page, 'the sync screen, offline with changes waiting');
  await page.screenshot({ path: test.info().outputPath('sync-offline.png'), fullPage: false });

  await clinic.proxy.restore();
  await expect(row('Patients').getByTestId('pending')).toHaveText('0', { timeout: 30_000 });
  await expect(row('Patients')).toContainText('Up to date');
  expect(await serverFamilies(clinic)).toContain('Moreau');
});

test('a satellite workstation syncs only at its set times and on Sync now, and keeps working in between', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);
  await desk.goTo('Sync');
  const form = desk.main.getByRole('form', { name: 'When this workstation syncs' });
  await form.getByText('At set times').click();
  const times = form.getByLabel('Sync times (24-hour)');
  await times.fill('7pm');
  await times.press('Enter');
  await form.getByRole('button', { name: 'Save sync times' }).click();
  await expect(form.getByRole('alert')).toContainText('Use a 24-hour time');
  await times.press('Backspace');
  await times.fill('19:00');
  await times.press('Enter');
  await form.getByRole('button', { name: 'Save sync times' }).click();
  await expect(page.getByText('Sync times saved')).toBeVisible();
  await expect(desk.main.getByText(/At set times: .*19:00, on Sync now and at close of day · next at/)).toBeVisible();
  await expectNoAxeViolations(page, 'the sync screen, set to sync at set times');
  await page.screenshot({ path: test.info().outputPath('sync-scheduled.png'), fullPage: false });

  await desk.registerPatient({ givenName: 'Omar', familyName: 'Haddad', birthDate: '1988-09-09', phone: '555-010-7788' });
  await desk.goTo('Sync');
  const patients = desk.main.getByRole('table', { name: 'Sync by kind of record' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'Patients', exact: true }) });
  await expect(patients.getByTestId('pending')).toHaveText('1');
  await expect(patients).toContainText('Waiting for the next sync');
  await expect(desk.syncState).toHaveText(/^\d+ changes? waiting to sync$/);
  await page.waitForTimeout(2_000);
  expect(await serverFamilies(clinic)).not.toContain('Haddad');

  await desk.main.getByRole('button', { name: 'Sync now' }).click();
  await expect(patients.getByTestId('pending')).toHaveText('0', { timeout: 30_000 });
  expect(await serverFamilies(clinic)).toContain('Haddad');
  await expect(desk.syncState).toHaveText('Synced at set times');
});

test('close day and sync: the server confirms every record written here today, the report is kept, and the manager sees the workstation', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);
  await desk.registerPatient({ givenName: 'Priya', familyName: 'Nair', birthDate: '1969-04-12', phone: '555-010-3030' });
  // The drawer was opened today: the day does not close until it is counted and closed.
  await desk.openDrawer('100.00');
  await desk.goTo('Sync');
  await desk.main.getByRole('button', { name: 'Close day and sync' }).click();
  await expect(desk.main.getByRole('alert')).toContainText('Count and close this workstation’s cash drawer first');
  await desk.goTo('Payments');
  await page.getByRole('region', { name: 'Cash drawer' }).getByRole('button', { name: 'Count and close…' }).click();
  const count = page.getByRole('form', { name: 'Count and close the drawer' });
  await count.getByLabel('$20', { exact: true }).fill('5');
  await expect(count.getByTestId('over-short')).toHaveText('Balanced');
  await count.getByRole('button', { name: 'Close drawer' }).click();
  await expect(count).toBeHidden();
  await desk.goTo('Sync');
  await desk.main.getByRole('button', { name: 'Close day and sync' }).click();
  const report = desk.main.getByTestId('day-close-report');
  await expect(desk.main.getByTestId('day-close-drawer')).toHaveText('Cash drawer: cash $100.00 counted of $100.00 (float $100.00), checks $0.00 of $0.00; Balanced.', { timeout: 60_000 });
  await expect(report).toContainText(/All \d+ records written at this workstation that day are on the server/, { timeout: 60_000 });
  const patients = report.getByRole('table', { name: 'Day close by kind of record' }).getByRole('row').filter({ hasText: 'Patients' });
  await expect(patients).toContainText(/Patients\s*1\s*1\s*0/);
  const sites = desk.main.getByRole('table', { name: 'Sites and workstations' });
  await desk.main.getByRole('button', { name: 'Refresh' }).click();
  await expect(sites.getByRole('row').filter({ hasText: '(this one)' })).toContainText('Confirmed');
  await expectNoAxeViolations(page, 'the sync screen with a day-close report');
  await report.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('day-close.png') });

  // The report is kept: it is there after a reload.
  await page.reload();
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.goTo('Sync');
  await expect(desk.main.getByTestId('day-close-report')).toContainText('Day closed and confirmed');
});
