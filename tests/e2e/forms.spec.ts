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
