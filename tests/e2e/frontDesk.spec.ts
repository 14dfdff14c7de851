import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, test, type Clinic } from './fixtures';
import { ADMIN, DeskPage, type NewPatient } from './pages/deskPage';

const run = promisify(execFile);

async function findPdf(dir: string, receiptNumber: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true });
  const match = entries.find((e) => e.endsWith('.pdf') && path.basename(e).startsWith(`${receiptNumber}-`) && !e.includes('-copy'));
  if (!match) throw new Error(`No PDF for ${receiptNumber} in ${dir}`);
  return path.join(dir, match);
}

/** Reads what the server holds for one of this clinic's collections. */
async function serverDocs(clinic: Clinic, collection: 'patients' | 'appointments' | 'ledger') {
  return clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, collection));
}

/** The whole slice: register, find, book today, check in, take a co-pay, print the receipt. */
async function frontDeskSlice(desk: DeskPage, patient: NewPatient, search: string, copay: { amount: string; method: 'cash' | 'card' | 'check'; reference?: string; authCode?: string }) {
  const name = `${patient.familyName}, ${patient.givenName}`;
  await desk.registerPatient(patient);
  await desk.findPatient(search, name);
  await desk.bookToday('17:45', 'Follow-up');
  await desk.checkIn(name);
  return desk.collectCopay(name, copay.amount, copay.method, copay.reference, copay.authCode);
}

test('a day at the front desk, online and then offline, reaches the server', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await expect(page.getByRole('form', { name: 'New clinic' })).toBeVisible();
  await expectNoAxeViolations(page, 'the first-run screen');
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.openDrawer();
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });
  await expect(desk.connectivity).toHaveText('Online');

  // Online: everything reaches the server as it happens.
  const jane = { givenName: 'Jane', familyName: 'Okafor', birthDate: '1961-03-04', phone: '(555) 010-1234' };
  const firstReceipt = await frontDeskSlice(desk, jane, 'oka ja', { amount: '25', method: 'card', reference: '4242', authCode: '07Q2KX' });
  await expectNoAxeViolations(page, 'Payments, with a payment just taken');
  await desk.goTo('Check-in');
  await expectNoAxeViolations(page, 'Check-in, with the patient arrived');
  await desk.goTo('Schedule');
  await expectNoAxeViolations(page, 'Schedule, with the day’s appointment');
  await expect(desk.syncState).toHaveText('All changes synced');
  await expect(async () => {
    const patients = await serverDocs(clinic, 'patients');
    expect(patients.map((p) => p['familyName'])).toContain('Okafor');
    // The co-pay, the appointment's co-pay charge it paid, and what joins them.
    const ledger = await serverDocs(clinic, 'ledger');
    expect(ledger.filter((e) => e['kind'] === 'payment')).toEqual([expect.objectContaining({ receiptNumber: firstReceipt, amountCents: 2500, method: 'card', reference: '4242', authCode: '07Q2KX' })]);
    expect(ledger.map((e) => [e['kind'], e['amountCents']]).sort()).toEqual([
      ['allocation', 2500],
      ['charge', 2500],
      ['payment', 2500],
    ]);
    const appointments = await serverDocs(clinic, 'appointments');
    expect(appointments).toEqual([expect.objectContaining({ status: 'arrived', arrivedAt: expect.any(String) })]);
  }).toPass({ timeout: 20_000 });

  // The patient got this workstation's first MRN, and the finder knows it.
  await desk.findPatient('n2-000001', 'Okafor, Jane');
  await expect(page.getByTestId('patient-mrn')).toHaveText('MRN: N2-000001');
  await expectNoAxeViolations(page, 'Patients, with a search and the selected patient');

  // The receipt was kept as a PDF that says what was paid.
  const pdf = await findPdf(path.join(clinic.host.dataDir, 'printed'), firstReceipt);
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
  expect(text).toContain(firstReceipt);
  expect(text).toContain('Okafor, Jane');
  expect(text).toContain('$25.00');
  expect(text).toContain('4242');

  // The internet goes down: the desk keeps working and says what is waiting.
  clinic.proxy.cut();
  await expect(desk.connectivity).toHaveText('Offline', { timeout: 20_000 });
  const luis = { givenName: 'Luis', familyName: 'Martínez', birthDate: '1990-12-31', phone: '555-010-9876' };
  const secondReceipt = await frontDeskSlice(desk, luis, 'martinez', { amount: '40.50', method: 'check', reference: '1042' });
  expect(secondReceipt).not.toBe(firstReceipt);
  await expect(desk.syncState).toHaveText(/changes? waiting to sync/);
  expect((await serverDocs(clinic, 'patients')).map((p) => p['familyName'])).not.toContain('Martínez');

  // Back online: everything done offline reaches the server, once.
  await clinic.proxy.restore();
  await expect(desk.connectivity).toHaveText('Online', { timeout: 30_000 });
  await expect(async () => {
    const patients = await serverDocs(clinic, 'patients');
    expect(patients.map((p) => p['familyName']).sort()).toEqual(['Martínez', 'Okafor']);
    const ledger = await serverDocs(clinic, 'ledger');
    expect(ledger.map((e) => e['receiptNumber']).sort()).toEqual([firstReceipt, secondReceipt].sort());
    expect(ledger.find((e) => e['receiptNumber'] === secondReceipt)).toMatchObject({ amountCents: 4050, method: 'check', reference: '1042' });
    const appointments = await serverDocs(clinic, 'appointments');
    expect(appointments.map((a) => a['status'])).toEqual(['arrived', 'arrived']);
  }).toPass({ timeout: 30_000 });
  await expect(desk.syncState).toHaveText('All changes synced', { timeout: 30_000 });
});

test('registration refuses bad input with clear messages and saves nothing', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.main.getByRole('button', { name: 'Register patient' }).click();
  const form = page.getByRole('form', { name: 'Register patient' });
  await form.getByLabel('First name').fill('Ann');
  await form.getByLabel('Date of birth').fill('2999-01-01');
  await form.getByRole('textbox', { name: 'Phone', exact: true }).fill('555-1234');
  await form.getByRole('button', { name: 'Save patient' }).click();
  await expect(form.getByText('Last name is required')).toBeVisible();
  await expect(form.getByText('Date of birth cannot be in the future')).toBeVisible();
  await expect(form.getByText('Enter a 10-digit phone number')).toBeVisible();
  await expectNoAxeViolations(page, 'the registration form, with its errors');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await desk.main.getByLabel('Find patient').fill('Ann');
  await expect(page.getByText('No patient matches')).toBeVisible();
});

test('registration shows possible duplicates before saving; the desk can use the existing record or register anyway', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.registerPatient({ givenName: 'Grace', familyName: 'Okonkwo', birthDate: '1975-02-14', phone: '555-010-3333' });

  const fill = async (familyName: string, phone: string) => {
    await desk.main.getByRole('button', { name: 'Register patient' }).click();
    const form = page.getByRole('form', { name: 'Register patient' });
    await form.getByLabel('First name').fill('Grace');
    await form.getByLabel('Last name').fill(familyName);
    await form.getByLabel('Date of birth').fill('1975-02-14');
    await form.getByRole('textbox', { name: 'Phone', exact: true }).fill(phone);
    await form.getByRole('button', { name: 'Save patient' }).click();
    return form;
  };

  // Same person typed again: the desk is shown the record and uses it.
  let form = await fill('Okonkwo', '555-010-4444');
  const panel = form.getByRole('region', { name: 'Possible duplicates' });
  await expect(panel).toContainText('Same date of birth and a similar name');
  await expectNoAxeViolations(page, 'the registration form, with possible duplicates');
  await panel.getByRole('button', { name: 'Use Okonkwo, Grace' }).click();
  await expect(page.getByLabel('Selected patient')).toContainText('Okonkwo, Grace');

  // A different spelling the desk decides is someone else: registered after the warning.
  form = await fill('Okonkwa', '555-010-5555');
  await expect(form.getByRole('region', { name: 'Possible duplicates' })).toBeVisible();
  await form.getByRole('button', { name: 'Register as a new patient' }).click();
  await expect(form).toBeHidden();
  await desk.main.getByLabel('Find patient').fill('grace okonk');
  await expect(page.getByRole('table', { name: 'Search results' }).getByRole('row')).toHaveCount(3);

  // A correction is kept in the record's history: who, which field, before and after.
  const card = page.getByLabel('Selected patient');
  await expect(card).toContainText('Okonkwa, Grace');
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit patient' });
  await edit.getByRole('textbox', { name: 'Phone', exact: true }).fill('555-010-6666');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await card.getByRole('tab', { name: 'History' }).click();
  const history = card.getByRole('table', { name: 'Edit history' });
  await expect(history.getByRole('row').filter({ hasText: 'Phones' }).first()).toContainText('(555) 010-5555 (mobile) → (555) 010-6666 (mobile)');
  await expect(history.getByRole('row').filter({ hasText: 'Phones' }).first()).toContainText('Robin Admin');
  await expectNoAxeViolations(page, 'the patient’s edit history');
});
