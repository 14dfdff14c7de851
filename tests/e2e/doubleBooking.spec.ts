import { APPOINTMENT_BLANKS } from '../../src/shared/schedule/appointment';
import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, openSyncedDesk, test } from './fixtures';

test('a time booked at two workstations while offline is kept twice and listed under Needs attention until one is cancelled', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);
  await desk.goTo('Settings');
  await desk.main.getByRole('button', { name: 'Add provider' }).click();
  const provider = page.getByRole('form', { name: 'Add provider' });
  await provider.getByLabel('Provider name').fill('Ana Ruiz');
  await provider.getByRole('button', { name: 'Save' }).click();
  await desk.registerPatient({ givenName: 'Omar', familyName: 'Haddad', birthDate: '1990-07-08', phone: '555-010-5678' });
  await desk.registerPatient({ givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phone: '555-010-1234' });
  const patients = remoteDbName(clinic.dbPrefix, 'patients');
  const catalog = remoteDbName(clinic.dbPrefix, 'catalog');
  await expect.poll(async () => (await clinic.couch.allDocs(patients)).length, { timeout: 20_000 }).toBe(2);
  await expect.poll(async () => (await clinic.couch.allDocs(catalog)).some((d) => d['kind'] === 'provider'), { timeout: 20_000 }).toBe(true);
  const omar = (await clinic.couch.allDocs(patients)).find((p) => p['familyName'] === 'Haddad')!;
  const ana = (await clinic.couch.allDocs(catalog)).find((d) => d['kind'] === 'provider')!;

  // Offline, the desk books Jane with Ana Ruiz at 17:00; another workstation booked Omar with her at 17:15.
  await clinic.proxy.cut();
  await expect(desk.connectivity).toHaveText('Offline', { timeout: 20_000 });
  await desk.findPatient('doe', 'Doe, Jane');
  await page.getByLabel('Selected patient').getByRole('button', { name: 'Book appointment' }).click();
  const form = page.getByRole('form', { name: 'Book appointment' });
  await form.getByLabel('Provider').selectOption({ label: 'Ana Ruiz' });
  await form.getByLabel('Time').selectOption('17:00');
  await form.getByLabel('Length (minutes)').selectOption('30');
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByText(/^Booked for/)).toBeVisible();
  const day = await form.getByLabel('Date').inputValue();
  const now = new Date().toISOString();
  const put = await clinic.couch.request('PUT', `/${remoteDbName(clinic.dbPrefix, 'appointments')}/0193a000-0000-7000-8000-0000000000b2`, {
    patientId: omar._id,
    start: `${day}T17:15:00.000Z`,
    end: `${day}T17:45:00.000Z`,
    timeZone: 'UTC',
    reason: 'Sick visit',
    status: 'booked',
    arrivedAt: null,
    ...APPOINTMENT_BLANKS,
    providerId: ana._id,
    locationId: 'south',
    createdAt: now,
    updatedAt: now,
    updatedBy: 'staff-south',
    siteId: 'south',
  });
  expect(put.status).toBe(201);
  await clinic.proxy.restore();

  // Both bookings stand; the schedule lists the pair until one is dealt with.
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toContainText('a double booking', { timeout: 30_000 });
  await expect(attention).toContainText('Doe, Jane at 5:00 PM');
  await expect(attention).toContainText('Haddad, Omar at 5:15 PM');
  await expect(attention).toContainText('same provider');
  await desk.scheduleView('List');
  const todays = page.getByRole('table', { name: "Today's appointments" });
  await expect(todays.getByRole('row')).toHaveCount(3);
  await expectNoAxeViolations(page, 'Schedule with a double booking to sort out');
  await page.screenshot({ path: test.info().outputPath('needs-attention.png') });

  await todays.getByRole('button', { name: 'Cancel the visit of Haddad, Omar' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel appointment' });
  await cancel.getByLabel('Why').selectOption({ label: 'Clinic cancelled' });
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(attention).toBeHidden();
  await expect
    .poll(async () => (await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'appointments'))).find((a) => a._id === '0193a000-0000-7000-8000-0000000000b2')?.['status'], { timeout: 20_000 })
    .toBe('cancelled');
});
