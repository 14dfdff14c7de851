import { remoteDbName } from '../../src/shared/sync/collections';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const ADMIN = { name: 'Robin Admin', initials: 'RA', username: 'robin', password: 'correct horse battery', pin: '2468' };

test('registration takes the full record, refuses malformed input field by field, and the patient page shows it', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.main.getByRole('button', { name: 'Register patient' }).click();
  const form = page.getByRole('form', { name: 'Register patient' });
  await form.getByLabel('First name').fill('María');
  await form.getByLabel('Middle name').fill('José');
  await form.getByLabel('Last name').fill('Núñez');
  await form.getByLabel('Preferred name').fill('Majo');
  await form.getByLabel('Date of birth').fill('2/30/1961');
  await form.getByRole('textbox', { name: 'Phone', exact: true }).fill('555-010');
  await form.getByRole('textbox', { name: 'Email', exact: true }).fill('majo@');
  await form.getByLabel('Street address').fill('12 Elm St');
  await form.getByLabel('ZIP code').fill('6270');
  await form.getByRole('button', { name: 'Save patient' }).click();
  await expect(form.getByText('This date does not exist')).toBeVisible();
  await expect(form.getByText('Enter a 10-digit phone number')).toBeVisible();
  await expect(form.getByText('Enter an email address like name@example.com')).toBeVisible();
  await expect(form.getByText('City is required when an address is given')).toBeVisible();
  await expect(form.getByText('ZIP code must be 5 digits or ZIP+4 (12345-6789)')).toBeVisible();

  await form.getByLabel('Date of birth').fill('3/4/1961');
  await form.getByRole('textbox', { name: 'Phone', exact: true }).fill('(555) 010-7788');
  await form.getByLabel('Phone 1 may receive texts').check();
  await form.getByRole('button', { name: 'Add another phone' }).click();
  await form.getByRole('textbox', { name: 'Phone 2', exact: true }).fill('555-010-7799');
  await form.getByRole('textbox', { name: 'Email', exact: true }).fill('majo@example.com');
  await form.getByLabel('City').fill('Springfield');
  await form.getByRole('combobox', { name: 'State' }).fill('IL');
  await page.getByRole('option', { name: 'IL' }).click();
  await form.getByLabel('ZIP code').fill('62701');
  await form.getByRole('combobox', { name: 'Preferred language' }).fill('Span');
  await page.getByRole('option', { name: 'Spanish' }).click();
  await form.getByLabel('Needs an interpreter').check();
  await form.getByLabel('Text messages').check();
  await form.getByLabel('Contact name').fill('Luis Núñez');
  await form.getByLabel('Relationship', { exact: true }).fill('Brother');
  await form.getByLabel('Contact phone').fill('555-010-1212');
  await form.getByRole('combobox', { name: 'Front-desk alerts' }).fill('Needs wheelchair');
  await page.keyboard.press('Enter');
  await form.getByRole('button', { name: 'Save patient' }).click();
  await expect(form).toBeHidden();

  const card = page.getByLabel('Selected patient');
  await expect(card).toContainText('Núñez, María');
  await expect(card).toContainText('“Majo”');
  await expect(card).toContainText('Born 03/04/1961');
  await expect(card.getByLabel('Alerts')).toContainText('Needs wheelchair');
  await expect(card.getByLabel('Alerts')).toContainText('Interpreter: Spanish');
  await expect(card).toContainText('(555) 010-7788 · mobile · texts OK');
  await expect(card).toContainText('(555) 010-7799');
  await expect(card).toContainText('12 Elm St, Springfield, IL 62701');
  await expect(card).toContainText('Luis Núñez (Brother) · (555) 010-1212');
  await expect(card).toContainText(/Texts: yes \(\d\d\/\d\d\/\d{4}\)/);
});

test('the same member id is flagged as a possible duplicate, and a merge keeps chosen values, moves the insurance and reaches the server', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });

  // The clinic's payer list.
  const payers = page.getByRole('table', { name: 'Payers' });
  await desk.main.getByRole('button', { name: 'Add payer' }).click();
  const payerForm = page.getByRole('form', { name: 'Add payer' });
  await payerForm.getByLabel('Payer name').fill('Acme Health Plan');
  await payerForm.getByRole('button', { name: 'Save' }).click();
  await expect(payers).toContainText('Acme Health Plan');

  const register = async (p: { given: string; family: string; dob: string; phone: string; memberId: string }) => {
    await desk.goTo('Patients');
    await desk.main.getByRole('button', { name: 'Register patient' }).click();
    const form = page.getByRole('form', { name: 'Register patient' });
    await form.getByLabel('First name').fill(p.given);
    await form.getByLabel('Last name').fill(p.family);
    await form.getByLabel('Date of birth').fill(p.dob);
    await form.getByRole('textbox', { name: 'Phone', exact: true }).fill(p.phone);
    await form.getByRole('combobox', { name: 'Insurance company' }).fill('Acme');
    await page.getByRole('option', { name: 'Acme Health Plan' }).click();
    await form.getByLabel('Member id').fill(p.memberId);
    await form.getByRole('button', { name: 'Save patient' }).click();
    return form;
  };

  let form = await register({ given: 'Grace', family: 'Okonkwo', dob: '02/14/1975', phone: '555-010-3333', memberId: 'ACM 555 123' });
  await expect(form).toBeHidden();
  // A typo in the date of birth and a new phone: only the member id ties the two together.
  form = await register({ given: 'Grace', family: 'Okonkwo', dob: '02/14/1957', phone: '555-010-4444', memberId: 'acm555123' });
  const panel = form.getByRole('region', { name: 'Possible duplicates' });
  await expect(panel).toContainText('Same insurance member id');
  await form.getByRole('button', { name: 'Register as a new patient' }).click();
  await expect(form).toBeHidden();
  const card = page.getByLabel('Selected patient');
  await expect(card.getByTestId('patient-mrn')).toHaveText('MRN: N2-000002');

  // Merge the new record into the first one, keeping the newer phone.
  await card.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Merge with a duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicate records' });
  await dialog.getByRole('combobox', { name: 'The other record of this person' }).fill('n2-000001');
  await page.getByRole('option', { name: /Okonkwo, Grace · 02\/14\/1975 · N2-000001/ }).click();
  await dialog.getByLabel('Okonkwo, Grace · N2-000001').check();
  await dialog.getByRole('radio', { name: 'Phones: keep (555) 010-4444 (mobile)' }).check();
  await dialog.getByRole('button', { name: 'Merge records' }).click();
  await expect(dialog).toBeHidden();

  await expect(card.getByTestId('patient-mrn')).toHaveText('MRN: N2-000001');
  await expect(card).toContainText('(555) 010-4444');
  await expect(card.getByRole('tab', { name: 'Insurance (1)' })).toBeVisible();
  await card.getByRole('tab', { name: 'History' }).click();
  await expect(card).toContainText('Merged Okonkwo, Grace (N2-000002) into Okonkwo, Grace (N2-000001)');

  // The finder offers one Grace Okonkwo now.
  await desk.main.getByLabel('Find patient').fill('okonkwo grace');
  await expect(page.getByRole('table', { name: 'Search results' }).getByRole('row')).toHaveCount(2);

  // The merge reached the server: the merged record points at the survivor.
  await expect(async () => {
    const patients = await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'patients'));
    const merged = patients.find((p) => p['mrn'] === 'N2-000002');
    const kept = patients.find((p) => p['mrn'] === 'N2-000001');
    expect(merged).toMatchObject({ status: 'merged-into', mergedInto: kept?.['_id'] });
    const coverages = await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'coverages'));
    expect(coverages.map((c) => [c['patientId'], c['status']]).sort()).toEqual([[kept?.['_id'], 'active'], [kept?.['_id'], 'inactive']]);
  }).toPass({ timeout: 20_000 });
});
