import path from 'node:path';
import { remoteDbName } from '../../src/shared/sync/collections';
import { readPdf } from '../support/printing';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { ADMIN, DeskPage } from './pages/deskPage';

test('registration takes the full record, refuses malformed input field by field, and the patient page shows it', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.startNewClinic(clinic.host.url, ADMIN);
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
  await expectNoAxeViolations(page, 'the patient page');

  // Typed straight after Ctrl+K, with another search box focused: every key lands in the finder.
  await desk.main.getByLabel('Find patient').click();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('nunez maj');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Find a patient' })).toBeHidden();
  await expect(desk.main.getByLabel('Find patient')).toHaveValue('');
  await expect(card).toContainText('Núñez, María');
});

test('the same member id is flagged as a possible duplicate, and a merge keeps chosen values, moves the insurance and reaches the server', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.startNewClinic(clinic.host.url, ADMIN);
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });

  await desk.addPayer('Acme Health Plan');
  await expectNoAxeViolations(page, 'Settings, with sync set up and a payer');

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
  await expectNoAxeViolations(page, 'the merge dialog');
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

test('a card photo is shrunk and compressed, shown on the coverage, and reaches the server as a document; a file that is not a picture is refused', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.startNewClinic(clinic.host.url, ADMIN);
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });
  await desk.addPayer('Acme Health Plan');

  await desk.registerPatient({ givenName: 'Omar', familyName: 'Haddad', birthDate: '1988-08-08', phone: '555-010-8888' });
  const card = page.getByLabel('Selected patient');
  await card.getByRole('tab', { name: /Insurance/ }).click();
  await card.getByRole('button', { name: 'Add coverage' }).click();
  const coverage = page.getByRole('form', { name: 'Add coverage' });
  await coverage.getByRole('combobox', { name: 'Insurance company' }).fill('Acme');
  await page.getByRole('option', { name: 'Acme Health Plan' }).click();
  await coverage.getByLabel('Member id').fill('ACM-900-111');
  await coverage.getByRole('button', { name: 'Add coverage' }).click();
  await expect(coverage).toBeHidden();
  await expect(card.getByRole('tab', { name: 'Insurance (1)' })).toBeVisible();

  // A phone photo: 2400 × 1600, busy enough (noise in 4-pixel blocks) to be a few MB as PNG.
  const photo = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2400, 1600);
    const context = canvas.getContext('2d')!;
    for (let y = 0; y < 1600; y += 4) {
      for (let x = 0; x < 2400; x += 4) {
        context.fillStyle = `rgb(${Math.floor(Math.random() * 256)},${Math.floor(Math.random() * 256)},${Math.floor(Math.random() * 256)})`;
        context.fillRect(x, y, 4, 4);
      }
    }
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const url = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsDataURL(blob);
    });
    return url.slice(url.indexOf(',') + 1);
  });
  const png = Buffer.from(photo, 'base64');
  expect(png.length).toBeGreaterThan(1_000_000);
  const coverageCard = card.getByLabel('Primary coverage Acme Health Plan');
  const chooser = page.waitForEvent('filechooser');
  await coverageCard.getByRole('button', { name: 'Add image of the card front for Acme Health Plan' }).click();
  await (await chooser).setFiles({ name: 'card-front.png', mimeType: 'image/png', buffer: png });
  await expect(coverageCard.getByRole('img', { name: 'Insurance card front' })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page, 'the patient’s insurance, with a card image');

  await expect(async () => {
    const [document] = await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'documents'));
    expect(document).toMatchObject({ kind: 'insurance-card-front', contentType: 'image/jpeg', width: 1600, height: 1067 });
    expect(document?.['bytes']).toBeLessThanOrEqual(600 * 1024);
    const [onServer] = await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'coverages'));
    expect(onServer?.['cardFrontId']).toBe(document?.['_id']);
  }).toPass({ timeout: 20_000 });

  const textChooser = page.waitForEvent('filechooser');
  await coverageCard.getByRole('button', { name: 'Add image of the card back for Acme Health Plan' }).click();
  await (await textChooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(page.getByText('Choose a picture file (JPEG, PNG or WebP).')).toBeVisible();

  // A copy of the card for the paper chart: the coverage, the front as stored, the back missing.
  await coverageCard.getByRole('button', { name: 'Print card copy: Acme Health Plan' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Insurance card copy printed' });
  await expect(notice).toContainText('saved as a PDF');
  const fileName = /\((\d{4}-\d{2}-\d{2}\/card-copy-[\w-]+\.pdf)\)/.exec((await notice.textContent()) ?? '')![1]!;
  const pdf = await readPdf(path.join(clinic.host.dataDir, 'printed', fileName));
  expect(pdf.pages).toBe(1);
  for (const text of ['Haddad, Omar', 'Acme Health Plan', 'ACM-900-111', 'No picture of the back on file']) expect(pdf.text).toContain(text);
  expect(pdf.text).not.toContain('No picture of the front on file');
});
