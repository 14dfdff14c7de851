import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';
const run = promisify(execFile);

async function takePayment(page: Page, amount: string, method: 'cash' | 'check', reference = ''): Promise<void> {
  const form = page.getByRole('form', { name: 'Take payment' });
  await form.getByLabel('Amount ($)').fill(amount);
  await form.getByLabel('Method').selectOption(method);
  if (reference) await form.getByLabel('Check number').fill(reference);
  await form.getByRole('button', { name: 'Take payment and print receipt' }).click();
}

test('the cash drawer: opened with a float, counted and closed short with a note, a closed drawer refusing cash, reopened by a manager', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.registerPatient({ givenName: 'Drawer', familyName: 'Testperson', birthDate: '02/03/1975', phone: '5550107788' });
  await desk.findWithFinder('Testperson', 'Testperson, Drawer');
  await page.getByLabel('Selected patient').getByRole('button', { name: 'Take payment' }).first().click();

  // Not open yet: cash is refused with the way out.
  const drawer = page.getByRole('region', { name: 'Cash drawer' });
  await expect(drawer.getByTestId('drawer-status')).toHaveText('Not open today');
  await takePayment(page, '40', 'cash');
  await expect(page.getByRole('form', { name: 'Take payment' }).getByRole('alert')).toContainText('Open this workstation’s cash drawer first');
  await expectNoAxeViolations(page, 'Payments, the drawer not open');

  await drawer.getByLabel('Float ($)').fill('100');
  await drawer.getByRole('button', { name: 'Open drawer' }).click();
  await expect(drawer.getByTestId('drawer-status')).toHaveText('Open');
  await takePayment(page, '40', 'cash');
  await expect(page.getByTestId('payment-outcome')).toContainText('Payment recorded');
  await takePayment(page, '45.50', 'check', '1042');
  await expect(page.getByTestId('payment-outcome')).toContainText('$45.50 by Check');
  await expect(drawer).toContainText('should hold $140.00 in cash and 1 check ($45.50)');

  // Counted $2 short: a note is needed.
  await drawer.getByRole('button', { name: 'Count and close…' }).click();
  const count = page.getByRole('form', { name: 'Count and close the drawer' });
  await count.getByLabel('$20', { exact: true }).fill('6');
  await count.getByLabel('$1', { exact: true }).fill('18');
  await expect(count.getByTestId('counted-cash')).toHaveText('$138.00');
  await expect(count.getByLabel('Check 1 number')).toHaveValue('1042');
  await expect(count.getByTestId('over-short')).toHaveText('Short $2.00');
  await expectNoAxeViolations(page, 'the drawer count');
  await page.getByRole('dialog', { name: 'Count and close the drawer' }).screenshot({ path: 'docs/images/drawer-close.png' });
  await count.getByRole('button', { name: 'Close drawer' }).click();
  await expect(count.getByRole('alert')).toContainText('The drawer is short $2.00: say why in the note');
  await count.getByLabel('Note').fill('Gave change for a $20 twice');
  await count.getByRole('button', { name: 'Close drawer' }).click();
  await expect(count).toBeHidden();
  await expect(drawer.getByTestId('drawer-status')).toHaveText('Closed');
  await expect(drawer.getByTestId('drawer-result')).toContainText('cash $138.00 counted of $140.00, checks $45.50 of $45.50 · Short $2.00');
  await expect(page.getByRole('table', { name: 'Drawers of every site' }).getByRole('row').nth(1)).toContainText('Short $2.00');

  // Closed: no more cash today, until a manager reopens it.
  await takePayment(page, '10', 'cash');
  await expect(page.getByRole('form', { name: 'Take payment' }).getByRole('alert')).toContainText('closed for today. A manager can reopen it');
  await drawer.getByRole('button', { name: 'Reopen…' }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen the drawer' });
  await reopen.getByLabel('Why').fill('A patient came back to pay');
  await reopen.getByRole('button', { name: 'Reopen drawer' }).click();
  await expect(reopen.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();
  await reopen.getByRole('button', { name: 'Ask a manager' }).click();
  const approval = page.getByRole('form', { name: 'Manager approval' });
  await approval.getByLabel('Manager user name').fill('manager');
  await desk.secretField(approval, 'Manager password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(reopen).toBeHidden();
  await expect(drawer.getByTestId('drawer-status')).toHaveText('Open');
  await takePayment(page, '10', 'cash');
  await expect(page.getByTestId('payment-outcome')).toContainText('$10.00 by Cash');
  await expect(page.getByRole('table', { name: 'Drawers of every site' })).toContainText('Open (reopened)');
  await expectNoAxeViolations(page, 'Payments, the drawer reopened');
  await page.screenshot({ path: test.info().outputPath('payments.png'), fullPage: true, style: '.mantine-Notifications-root { display: none; }' });

  // The day sheet and deposit slip, kept as a PDF by main: every payment, the drawer's count, the check to deposit.
  await page.getByRole('button', { name: 'Print day sheet and deposit slip' }).click();
  await expect(page.getByText('Day sheet printed')).toBeVisible();
  const printed = path.join(clinic.host.dataDir, 'printed');
  const file = (await readdir(printed, { recursive: true })).find((f) => path.basename(f).startsWith('day-sheet-') && f.endsWith('.pdf'));
  expect(file).toBeTruthy();
  const pdf = path.join(printed, file!);
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  const text = stdout.replace(/\s+/g, ' ');
  for (const expected of ['Day sheet ·', 'Testperson, Drawer', 'Check 1042', 'Tenders add up to the payments: $95.50.', 'Open, not counted yet', 'Deposit slip ·', 'Total deposit $95.50', 'not every drawer is counted yet']) expect(text).toContain(expected);
  await run('pdftoppm', ['-png', '-r', '80', pdf, 'docs/images/day-sheet']);
});
