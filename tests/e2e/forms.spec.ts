import { execFile } from 'node:child_process';
import { copyFile, readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { readPdf } from '../support/printing';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';
const FORMS = ['Patient intake', 'Consent to treat', 'HIPAA notice of privacy practices acknowledgment', 'Financial policy', 'Authorization to release health information'];

test('every patient form prints filled in from the record and blank, each kept as a PDF that reads back', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.registerPatient({ givenName: 'Fiona', familyName: 'Formsworth', birthDate: '09/10/1975', phone: '5550104411' });
  await desk.findWithFinder('Formsworth', 'Formsworth, Fiona');

  await page.getByLabel('Selected patient').getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Print forms…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forms for Formsworth, Fiona' });
  await expectNoAxeViolations(page, 'the forms dialog');
  await dialog.screenshot({ path: 'docs/images/forms-dialog.png' });

  // Filled in: each is kept with the patient's documents.
  const kept: Record<string, string> = {};
  const row = (form: string) => dialog.getByRole('row').filter({ has: page.getByText(form, { exact: true }) });
  for (const form of FORMS) {
    await dialog.getByRole('button', { name: `Print ${form}`, exact: true }).click();
    const outcome = row(form).getByTestId('form-outcome');
    await expect(outcome).toContainText('Kept: No document printer is set up; the form was saved as a PDF.');
    kept[form] = /\((\d{4}-\d{2}-\d{2}\/form-[\w-]+\.pdf)\)/.exec((await outcome.textContent()) ?? '')![1]!;
  }
  await expectNoAxeViolations(page, 'the forms dialog after printing');
  const roi = await readPdf(path.join(clinic.host.dataDir, 'printed', kept['Authorization to release health information']!));
  expect(roi.pages).toBe(1);
  for (const text of ['Formsworth, Fiona', 'DOB 09/10/1975', 'I authorize', 'WHAT MAY BE RELEASED', 'Signature of patient or legal representative']) expect(roi.text).toContain(text);
  const intake = await readPdf(path.join(clinic.host.dataDir, 'printed', kept['Patient intake']!));
  expect(intake.pages).toBe(2);
  expect(intake.text).toContain('Self-pay (no insurance on file)');

  // Blank: nobody's details on them.
  await dialog.getByText('Blank', { exact: true }).click();
  for (const form of FORMS) {
    await dialog.getByRole('button', { name: `Print ${form} (blank)` }).click();
    await expect(row(form).getByTestId('form-outcome')).toContainText('saved as a PDF');
  }
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // The filled-in ones are found again from the patient; every one from the day's list.
  await page.getByRole('tab', { name: /^Account/ }).click();
  const printedHere = page.getByRole('region', { name: 'Receipts and statements printed here' });
  await printedHere.getByLabel('Kind').selectOption({ label: 'Form' });
  await expect(printedHere.getByRole('row')).toHaveCount(5);
  await desk.goTo('Payments');
  const printed = page.getByRole('region', { name: 'Printed on this workstation' });
  await printed.getByLabel('Kind').selectOption({ label: 'Form' });
  await expect(printed.getByRole('row')).toHaveCount(10);
  const blankRow = printed.getByRole('row').filter({ hasText: 'Authorization to release health information — blank' });
  await expect(blankRow).toHaveCount(1);

  // Blank forms from the Patients screen, with no patient open.
  await desk.goTo('Patients');
  await desk.main.getByRole('button', { name: 'Blank forms…' }).click();
  const blank = page.getByRole('dialog', { name: 'Blank forms' });
  await blank.getByRole('button', { name: 'Print Consent to treat (blank)' }).click();
  const outcome = blank.getByTestId('form-outcome');
  await expect(outcome).toContainText('saved as a PDF');
  const consent = await readPdf(path.join(clinic.host.dataDir, 'printed', /\((\d{4}-\d{2}-\d{2}\/form-[\w-]+\.pdf)\)/.exec((await outcome.textContent()) ?? '')![1]!));
  expect(consent.text).toContain('Please fill in your details in capital letters');
  expect(consent.text).not.toContain('Formsworth');
  await expectNoAxeViolations(page, 'the blank forms dialog');
});

test('a form signed on screen at check-in is kept as a signed PDF in the patient’s documents, with its witness and wording version', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  const name = await desk.walkIn('DM-000006');
  const flow = desk.checkInFlow;
  await desk.confirmIdentityAndInsurance();

  const forms = flow.getByRole('region', { name: 'Forms' });
  // Every form due at once: one packet, one job, one PDF.
  await forms.getByRole('button', { name: 'Print all due' }).click();
  const packet = page.getByRole('alert').filter({ hasText: /^\d forms printed/ });
  await expect(packet).toContainText('the forms were saved as a PDF');
  const packetPdf = await readPdf(path.join(clinic.host.dataDir, 'printed', /\((\d{4}-\d{2}-\d{2}\/form-packet-[\w-]+\.pdf)\)/.exec((await packet.textContent()) ?? '')![1]!));
  for (const label of ['Consent to treat', 'Financial policy']) expect(packetPdf.text).toContain(label);
  expect(packetPdf.pages).toBeGreaterThanOrEqual(3);
  await forms.getByRole('button', { name: 'Sign on screen: Consent to treat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign on screen: Consent to treat' });
  // The patient reads the form as it prints, filled in from the record.
  const preview = dialog.frameLocator('iframe[title="Consent to treat as it prints"]');
  await expect(preview.getByRole('heading', { name: 'Consent to treat' })).toBeVisible();
  await expect(preview.getByText('I agree to be examined and treated')).toBeVisible();
  const signButton = dialog.getByRole('button', { name: 'Sign and keep' });
  await expect(signButton).toBeDisabled();

  // A signature drawn with the mouse.
  const pad = dialog.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 100);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + 40 + i * 12, box.y + 100 - Math.sin(i / 3) * 35, { steps: 2 });
  await page.mouse.up();
  await expect(signButton).toBeEnabled();
  await dialog.getByLabel('Name of the person signing').fill('Pat Signer');
  await dialog.getByLabel('Relationship to the patient').fill('Mother');
  await expectNoAxeViolations(page, 'signing a form on screen');
  await dialog.screenshot({ path: 'docs/images/sign-on-screen.png' });
  await signButton.click();
  await expect(dialog).toBeHidden();
  await expect(forms).toContainText('Consent to treat · signed today (on screen)');

  // The other forms on paper, the co-pay left for check-out: check-in completes.
  while (await forms.getByRole('button', { name: /signed on paper$/ }).first().isVisible()) await forms.getByRole('button', { name: /signed on paper$/ }).first().click();
  const money = flow.getByRole('region', { name: 'Co-pay and balance' });
  if (await money.getByRole('form', { name: 'Take payment' }).isVisible()) {
    await money.getByLabel('Or defer it').selectOption('Pays at check-out');
    await money.getByRole('button', { name: 'Defer co-pay' }).click();
  }
  await flow.getByRole('button', { name: 'Complete check-in' }).click();
  await expect(flow).toBeHidden();

  // Found again in the patient's documents, and among the printed documents to print a copy.
  const [family, given] = name.split(', ');
  await desk.findWithFinder(family!, name);
  await page.getByRole('tab', { name: /^Documents/ }).click();
  const documents = page.getByRole('tabpanel', { name: /^Documents/ });
  await expect(documents).toContainText('Consent to treat — signed');
  await desk.goTo('Payments');
  const printed = page.getByRole('region', { name: 'Printed on this workstation' });
  await printed.getByLabel('Kind').selectOption({ label: 'Signed form' });
  const row = printed.getByRole('row').filter({ hasText: `Consent to treat — ${name} (signed)` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('button', { name: /^Print / })).toBeVisible();

  const folder = path.join(clinic.host.dataDir, 'printed');
  const file = (await readdir(folder, { recursive: true })).find((f) => /signed-form-consent-to-treat-[\w-]+\.pdf$/.test(String(f)));
  expect(file).toBeTruthy();
  const pdf = await readPdf(path.join(folder, String(file)), { pngInto: test.info().outputPath(), dpi: 80 });
  expect(pdf.pages).toBe(1);
  for (const text of ['Pat Signer', 'Mother', 'witnessed by', 'Form wording version 1', given!]) expect(pdf.text).toContain(text);
});

test('a manager changes the consent’s wording with a preview; it is saved as version 2 and forms print with it', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.goTo('Settings');
  const editor = page.getByRole('textbox', { name: 'Wording' });
  await expect(page.getByTestId('wording-in-use')).toHaveText('In use: the built-in wording (version 1)');
  await expect(editor).toHaveValue(/^I agree to be examined and treated/);
  await editor.fill('At {clinic} we ask every patient to agree to care.\n\n- We explain what we propose.\n- You may say **no** at any time.');
  await page.getByRole('textbox', { name: 'What the person signing declares' }).fill('I agree to be cared for by the clinic.');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.frameLocator('iframe[title="Consent to treat preview"]');
  await expect(preview.getByText('At Riverside Family Clinic (demo) we ask every patient to agree to care.')).toBeVisible();
  await expect(preview.getByText('I agree to be cared for by the clinic.')).toBeVisible();
  await expectNoAxeViolations(page, 'the form wording preview');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByTestId('wording-in-use')).toHaveText('In use: version 2');
  await expect(page.getByRole('table', { name: 'Versions of the wording' }).getByRole('row')).toHaveCount(3);
  await expectNoAxeViolations(page, 'the form wording editor');
  await page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Form wording' }) }).screenshot({ path: 'docs/images/form-wording.png' });

  await desk.registerPatient({ givenName: 'Wanda', familyName: 'Wording', birthDate: '01/02/1970', phone: '5550106677' });
  await desk.findWithFinder('Wording', 'Wording, Wanda');
  await page.getByLabel('Selected patient').getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Print forms…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forms for Wording, Wanda' });
  await dialog.getByRole('button', { name: 'Print Consent to treat', exact: true }).click();
  const outcome = dialog.getByRole('row').filter({ has: page.getByText('Consent to treat', { exact: true }) }).getByTestId('form-outcome');
  await expect(outcome).toContainText('saved as a PDF');
  const pdf = await readPdf(path.join(clinic.host.dataDir, 'printed', /\((\d{4}-\d{2}-\d{2}\/form-[\w-]+\.pdf)\)/.exec((await outcome.textContent()) ?? '')![1]!));
  for (const text of ['At Riverside Family Clinic (demo) we ask every patient to agree to care.', 'You may say no at any time.', 'I agree to be cared for by the clinic.']) expect(pdf.text).toContain(text);
  expect(pdf.text).not.toContain('I agree to be examined and treated');
});

test('a manager adds the clinic’s logo with a preview; it is saved as version 1, forms print with it, and a picture that is not one is refused', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.goTo('Settings');
  const card = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Forms logo' }) });
  await expect(card.getByTestId('logo-in-use')).toHaveText('In use: no logo (the forms print the clinic’s name)');

  // A logo as a clinic has it: a mark and the name, on a wide white margin.
  const logo = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(900, 300);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 900, 300);
    g.fillStyle = '#0b7285';
    g.beginPath();
    g.roundRect(60, 60, 180, 180, 28);
    g.fill();
    g.fillStyle = '#fff';
    g.fillRect(130, 85, 40, 130);
    g.fillRect(85, 130, 130, 40);
    g.fillStyle = '#0b3d4a';
    g.font = 'bold 64px "DejaVu Sans", sans-serif';
    g.fillText('RIVERSIDE', 270, 145);
    g.fillStyle = '#0b7285';
    g.font = '40px "DejaVu Sans", sans-serif';
    g.fillText('FAMILY CLINIC', 272, 205);
    return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())];
  });
  const choose = async (name: string, mimeType: string, buffer: Buffer) => {
    const chooser = page.waitForEvent('filechooser');
    await card.getByRole('button', { name: /^Choose (a|another) picture…$/ }).click();
    await (await chooser).setFiles({ name, mimeType, buffer });
  };

  await choose('notes.png', 'image/png', Buffer.from('these are notes, not a picture'));
  await expect(card.getByRole('alert')).toHaveText('This file could not be read as a picture (use PNG, JPEG or WebP).');
  await choose('riverside-logo.png', 'image/png', Buffer.from(logo));
  // The white margin is cut off: only the mark and the name are kept.
  const candidate = card.getByTestId('logo-candidate');
  await expect(candidate).toContainText(/New logo from riverside-logo\.png: \d+ × 18\d pixels/);
  const width = Number(/: (\d+) ×/.exec((await candidate.textContent()) ?? '')![1]);
  expect(width).toBeGreaterThan(550);
  expect(width).toBeLessThan(800);
  await card.getByRole('button', { name: 'Preview on a form' }).click();
  const preview = page.frameLocator('iframe[title="Form preview with the logo"]');
  await expect(preview.locator('img.logo')).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Consent to treat' })).toBeVisible();
  await expectNoAxeViolations(page, 'the logo preview');
  await page.keyboard.press('Escape');
  await card.getByRole('button', { name: 'Save as version 1' }).click();
  await expect(card.getByTestId('logo-in-use')).toContainText(/In use: version 1 \(PNG \d+ × 18\d px, \d+ KB\)/);
  await expect(card.getByRole('table', { name: 'Versions of the logo' }).getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(page, 'the forms logo editor');
  await card.screenshot({ path: 'docs/images/forms-logo.png' });

  await desk.registerPatient({ givenName: 'Lola', familyName: 'Logan', birthDate: '03/04/1981', phone: '5550107788' });
  await desk.findWithFinder('Logan', 'Logan, Lola');
  await page.getByLabel('Selected patient').getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Print forms…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forms for Logan, Lola' });
  await dialog.getByRole('button', { name: 'Print Consent to treat', exact: true }).click();
  const outcome = dialog.getByRole('row').filter({ has: page.getByText('Consent to treat', { exact: true }) }).getByTestId('form-outcome');
  await expect(outcome).toContainText('saved as a PDF');
  const file = path.join(clinic.host.dataDir, 'printed', /\((\d{4}-\d{2}-\d{2}\/form-[\w-]+\.pdf)\)/.exec((await outcome.textContent()) ?? '')![1]!);
  const pdf = await readPdf(file, { pngInto: test.info().outputPath(), dpi: 90 });
  for (const text of ['Riverside Family Clinic (demo)', 'Logan, Lola', 'Consent to treat']) expect(pdf.text).toContain(text);
  const { stdout: images } = await promisify(execFile)('pdfimages', ['-list', file]);
  expect(images.trim().split('\n').slice(2)).toHaveLength(1);
  await copyFile(path.join(test.info().outputPath(), `${path.basename(file, '.pdf')}-1.png`), 'docs/images/form-consent-logo.png');
});
