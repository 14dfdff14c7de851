import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';

test('a workstation that prints receipts on demand on letter paper keeps each receipt and prints it with Print receipt', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('manager', DEMO_PASSWORD);

  await desk.goTo('Settings');
  const form = page.getByRole('form', { name: 'Workstation' });
  await expect(form.getByLabel('Receipt paper')).toHaveValue('thermal-80mm');
  await expect(form.getByLabel('Print the receipt as soon as a payment is taken')).toBeChecked();
  await form.getByLabel('Receipt printer').fill('Front desk laser');
  await form.getByLabel('Receipt paper').selectOption({ label: 'Letter (8½ × 11 in)' });
  await form.getByLabel('Print the receipt as soon as a payment is taken').uncheck();
  await expectNoAxeViolations(page, 'the workstation settings');
  await form.getByRole('button', { name: 'Test page on the document printer' }).click();
  await expect(page.getByText('No document printer is set up.')).toBeVisible();
  await form.getByLabel('Document printer').fill('Office laser');
  await expect(form.getByLabel('Document paper')).toHaveValue('letter');
  await form.getByLabel('Document paper').selectOption({ label: 'A4 (210 × 297 mm)' });
  await form.getByRole('button', { name: 'Save workstation' }).click();
  await expect(page.getByText('Workstation settings saved')).toBeVisible();
  // The browser host has no printers to list or print to; the desktop app lists the system's.
  await form.getByRole('button', { name: 'Test page on the document printer' }).click();
  await expect(page.getByText('Printing is not available here.')).toBeVisible();
  await expect(form.getByLabel('Document printer')).toHaveValue('Office laser');
  // Kept by main: the settings read again after a reload.
  await page.reload();
  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.goTo('Settings');
  await expect(form.getByLabel('Document paper')).toHaveValue('a4');
  await form.getByLabel('Document paper').selectOption({ label: 'Letter (8½ × 11 in)' });
  await form.getByRole('button', { name: 'Save workstation' }).click();
  await expect(page.getByText('Workstation settings saved')).toBeVisible();
  await form.screenshot({ path: test.info().outputPath('workstation-settings.png') });

  // The fee schedule: the demo clinic's services, and one more.
  const fees = page.getByRole('table', { name: 'Fee schedule' });
  await expect(fees.getByRole('row')).toHaveCount(6);
  await page.getByRole('button', { name: 'Add service' }).click();
  const service = page.getByRole('form', { name: 'Add service' });
  await service.getByLabel('Code').fill('99000');
  await service.getByLabel('Service').fill('Specimen handling');
  await service.getByLabel('Fee ($)').fill('twelve');
  await service.getByRole('button', { name: 'Save' }).click();
  await expect(service.getByText('Enter the fee, like 25 or 25.00')).toBeVisible();
  await service.getByLabel('Fee ($)').fill('12.50');
  await service.getByRole('button', { name: 'Save' }).click();
  await expect(fees.getByRole('row').filter({ hasText: '99000' })).toContainText('Specimen handling$12.50');

  await desk.openDrawer();
  await desk.registerPatient({ givenName: 'Rita', familyName: 'Receiptson', birthDate: '02/03/1990', phone: '5550103344' });
  await desk.findWithFinder('Receiptson', 'Receiptson, Rita');
  await page.getByRole('tab', { name: /^Account/ }).click();
  const account = page.getByRole('tabpanel', { name: /^Account/ });
  await account.getByRole('button', { name: 'Add charge…' }).click();
  const charge = page.getByRole('form', { name: 'Add a charge' });
  await charge.getByLabel('From the fee schedule').selectOption({ label: '99000 Specimen handling — $12.50' });
  await expect(charge.getByLabel('Description')).toHaveValue('Specimen handling (99000)');
  await charge.getByRole('button', { name: 'Add charge' }).click();
  await expect(account.getByTestId('account-balance')).toHaveText('$12.50');
  await account.getByRole('button', { name: 'Take payment' }).click();
  const pay = page.getByRole('form', { name: 'Take payment' });
  await pay.getByLabel('Amount ($)').fill('12.50');
  await pay.getByRole('button', { name: 'Take payment and print receipt' }).click();
  const outcome = page.getByTestId('payment-outcome');
  await expect(outcome).toContainText('This workstation prints receipts on demand: the receipt was saved as a PDF. Use Print receipt to print it.');
  await outcome.getByRole('button', { name: 'Print receipt' }).click();
  // The browser host has no printer: the kept receipt stays the original, ready for a desktop with one.
  await expect(outcome).toContainText('Printing is not available here; the receipt was saved as a PDF.');
  const printed = page.getByRole('region', { name: 'Printed on this workstation' });
  await expect(printed.getByRole('row').first()).toContainText(/Receipt [A-Z0-9]+-\d{6}/);
  await expect(printed.getByRole('row').first()).not.toContainText('cop');
  // Not printed yet, so the list offers it to print as the original, not a reprint.
  await expect(printed.getByRole('row').first().getByRole('button', { name: /^Print Receipt [A-Z0-9]+-\d{6} — Receiptson, Rita$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the Payments screen with a receipt kept to print on demand');
});
