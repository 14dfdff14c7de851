import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { decodeCode128 } from '../support/barcode';
import { readPdf } from '../support/printing';
import { expectNoAxeViolations } from './axe';
import { expect, test, withPrinterDesk } from './fixtures';

test('labels: a test label, chart labels on the label printer and a sheet of patient labels, each with a barcode that scans as the MRN', async ({ page }) => {
  const newestPdf = async (folder: string) => path.join(folder, (await readdir(folder)).filter((f) => f.endsWith('.pdf')).sort().at(-1)!);
  /** The first page of a PDF as a 200 dpi picture, and what a scanner reads off it. */
  const scan = async (pdf: string) => {
    const read = await readPdf(pdf, { pngInto: path.dirname(pdf), dpi: 200 });
    return { ...read, barcode: await decodeCode128(path.join(path.dirname(pdf), `${path.basename(pdf, '.pdf')}-1.png`)) };
  };
  await withPrinterDesk(page, ['Zebra'], async (desk, { Zebra: zebra }, host) => {
    await desk.goTo('Settings');
    const form = page.getByRole('form', { name: 'Workstation' });
    await form.getByLabel('Label printer').fill('Zebra');
    await form.getByLabel('Label stock').selectOption({ label: '4 × 6 in' });
    await form.getByRole('button', { name: 'Save workstation' }).click();
    await expect(page.getByText('Workstation settings saved')).toBeVisible();
    await form.getByRole('button', { name: 'Test label on the label printer' }).click();
    await expect(page.getByText('Test page sent to "Zebra".')).toBeVisible();
    const testLabel = await scan(await newestPdf(zebra));
    expect(testLabel.barcode).toBe('TEST-000001');
    expect(testLabel.text).toContain('4 × 6 in');

    await desk.registerPatient({ givenName: 'Lena', familyName: 'Labelle', birthDate: '07/08/1990', phone: '5550102299' });
    await desk.findWithFinder('Labelle', 'Labelle, Lena');
    const mrn = /MRN: ([A-Z][A-Z0-9]{0,3}-\d{6,})/.exec((await page.getByTestId('patient-mrn').textContent()) ?? '')![1]!;

    // Chart labels on the label printer.
    await page.getByLabel('Selected patient').getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Print labels…' }).click();
    const dialog = page.getByRole('form', { name: 'Print labels' });
    await dialog.getByText('Chart labels', { exact: true }).click();
    await expect(dialog.getByRole('radio', { name: 'Chart labels' })).toBeChecked();
    await expect(dialog.getByText('Label printer (4 × 6 in)')).toBeVisible();
    await dialog.getByLabel('How many').fill('2');
    await expectNoAxeViolations(page, 'the labels dialog');
    await page.getByRole('dialog', { name: /^Labels for/ }).screenshot({ path: 'docs/images/labels-dialog.png' });
    await dialog.getByRole('button', { name: 'Print' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Chart labels printed' })).toContainText('Sent to printer "Zebra".');
    const chart = await scan(await newestPdf(zebra));
    expect(chart.barcode).toBe(mrn);
    expect(chart.pages).toBe(2);
    expect(chart.text).toContain('LABELLE');
    expect(chart.text).toContain(`MRN ${mrn}`);

    // A letter sheet of patient labels from the 4th label: no document printer here, so kept as a PDF.
    await page.getByLabel('Selected patient').getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Print labels…' }).click();
    await dialog.getByText('Letter sheet of 30', { exact: true }).click();
    await dialog.getByLabel('Start at label').fill('4');
    await dialog.getByLabel('How many').fill('28');
    await dialog.getByRole('button', { name: 'Print' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('From label 4, 1 to 27 labels fit on the sheet.');
    await dialog.getByLabel('How many').fill('27');
    await dialog.getByRole('button', { name: 'Print' }).click();
    const kept = page.getByRole('alert').filter({ hasText: 'Patient labels printed' });
    await expect(kept).toContainText('No document printer is set up; the labels were saved as a PDF.');
    const fileName = /\((\d{4}-\d{2}-\d{2}\/labels-[\w-]+\.pdf)\)/.exec((await kept.textContent()) ?? '')![1]!;
    const sheet = await scan(path.join(host.dataDir, 'printed', fileName));
    expect(sheet.barcode).toBe(mrn);
    expect(sheet.text.match(new RegExp(`MRN ${mrn}`, 'g'))).toHaveLength(27);

    // Both are found again among the patient's printed documents.
    await page.getByRole('tab', { name: /^Account/ }).click();
    const printedHere = page.getByRole('region', { name: 'Receipts and statements printed here' });
    await printedHere.getByLabel('Kind').selectOption({ label: 'Labels' });
    await expect(printedHere.getByRole('row')).toHaveCount(2);
  });
});
