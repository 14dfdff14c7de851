import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';


/** Opens the actions of the newest line of a kind whose text matches, and picks one. */
async function lineAction(account: Locator, kind: string, text: RegExp, action: string): Promise<void> {
  await account.locator(`tr[data-kind="${kind}"]`).filter({ hasText: text }).first().getByRole('button', { name: /^Actions for/ }).click();
  await account.page().getByRole('menuitem', { name: action }).click();
}

/** Approves the refused action as the demo clinic's manager. */
async function managerApproves(desk: DeskPage, dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Ask a manager' }).click();
  const approval = desk.page.getByRole('form', { name: 'Manager approval' });
  await approval.getByLabel('Manager user name').fill('manager');
  await desk.secretField(approval, 'Manager password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval).toBeHidden();
}

async function pay(page: Page, amount: string, { credit = false, tendered = '' } = {}): Promise<void> {
  const form = page.getByRole('form', { name: 'Take payment' });
  await form.getByLabel('Amount ($)').fill(amount);
  if (tendered) await form.getByLabel('Cash handed over ($)').fill(tendered);
  if (credit) await form.getByLabel(/Keep it as credit/).check();
  await form.getByRole('button', { name: 'Take payment and print receipt' }).click();
  await expect(page.getByTestId('payment-outcome')).toContainText('Payment recorded');
}

test('a patient’s account: a fee-schedule charge, a payment with change that pays it, an adjustment refused then approved, a same-day void, a refund, and credit applied to a later charge', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();
  await desk.registerPatient({ givenName: 'Ledger', familyName: 'Testperson', birthDate: '04/05/1980', phone: '5550104455' });
  const name = 'Testperson, Ledger';
  let account = await desk.openAccount(name);
  await expect(account).toContainText('No charges or payments yet.');

  // A charge from the fee schedule, at its fee: the front desk's to post.
  await account.getByRole('button', { name: 'Add charge…' }).click();
  const chargeForm = page.getByRole('form', { name: 'Add a charge' });
  await chargeForm.getByLabel('From the fee schedule').selectOption({ label: 'New patient visit — $180.00' });
  await expect(chargeForm.getByLabel('Amount ($)')).toHaveValue('180.00');
  await expectNoAxeViolations(page, 'the add-charge dialog');
  await chargeForm.getByRole('button', { name: 'Add charge' }).click();
  await expect(chargeForm).toBeHidden();
  await expect(account.getByTestId('account-balance')).toHaveText('$180.00');

  // Take payment → the Payments screen, with the balance offered; cash with change.
  await account.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByTestId('payment-balance')).toHaveText('Balance due $180.00');
  await page.getByRole('button', { name: 'Pay the balance, $180.00' }).click();
  await page.getByRole('form', { name: 'Take payment' }).getByLabel('Amount ($)').fill('100');
  await page.getByRole('form', { name: 'Take payment' }).getByLabel('Cash handed over ($)').fill('120');
  await expect(page.getByText('Change due: $20.00')).toBeVisible();
  await pay(page, '100', { tendered: '120' });
  await expect(page.getByTestId('payment-balance')).toHaveText('Balance due $80.00');

  account = await desk.openAccount(name);
  await expect(account.getByTestId('account-balance')).toHaveText('$80.00');
  await expect(account.locator('tr[data-kind="payment"]')).toContainText(/Paid New patient visit .* \$100\.00/);
  await expect(account.locator('tr[data-kind="charge"]')).toContainText('Owed $80.00');

  // An adjustment: refused to the front desk, approved by a manager, then made.
  await lineAction(account, 'charge', /New patient visit/, 'Adjust…');
  const adjust = page.getByRole('form', { name: 'Adjust a charge' });
  await adjust.getByLabel('Amount ($)').fill('30');
  await adjust.getByLabel('Reason').selectOption('Financial hardship');
  await adjust.getByLabel('Note').fill('Sliding scale');
  await adjust.getByRole('button', { name: 'Adjust' }).click();
  const adjustDialog = page.getByRole('dialog', { name: 'Adjust a charge' });
  await expect(adjustDialog.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();
  await expectNoAxeViolations(page, 'an adjustment refused');
  await managerApproves(desk, adjustDialog);
  await expect(adjust).toBeHidden();
  await expect(account.getByTestId('account-balance')).toHaveText('$50.00');
  await expect(account.locator('tr[data-kind="adjustment"]')).toContainText('Financial hardship on New patient visit');

  // A void the same day is the desk's own: the payment stays, marked voided, and what it paid is owed again.
  await lineAction(account, 'payment', /receipt/, 'Void…');
  const voidForm = page.getByRole('form', { name: 'Void an entry' });
  await voidForm.getByLabel('Why').fill('Keyed the wrong amount');
  await voidForm.getByRole('button', { name: 'Void' }).click();
  await expect(voidForm).toBeHidden();
  await expect(account.getByTestId('account-balance')).toHaveText('$150.00');
  await expect(account.locator('tr[data-kind="payment"]')).toContainText('Voided');

  // Paid again, split across cash and a card on one receipt, more than owed: the rest is credit.
  await account.getByRole('button', { name: 'Take payment' }).click();
  const form = page.getByRole('form', { name: 'Take payment' });
  await form.getByLabel('Amount ($)').fill('120');
  await form.getByRole('button', { name: 'Split across tenders' }).click();
  await form.getByLabel('Tender 2: Amount ($)').fill('80');
  await form.getByLabel('Tender 2: Method').selectOption('card');
  await form.getByLabel('Tender 2: Card last 4 digits').fill('4242');
  await form.getByLabel('Tender 2: Authorization code').fill('07Q2KX');
  await form.getByLabel('Tender 1: Cash handed over ($)').fill('140');
  await expect(form.getByText('Change due: $20.00')).toBeVisible();
  await expect(form.getByTestId('split-total')).toHaveText('Total $200.00');
  await expectNoAxeViolations(page, 'a payment split across tenders');
  await form.getByRole('button', { name: 'Take payment and print receipt' }).click();
  const outcome = page.getByTestId('payment-outcome');
  await expect(outcome).toContainText('Payment recorded');
  await expect(outcome).toContainText('$200.00 by Cash and Card');
  account = await desk.openAccount(name);
  await expect(account.getByTestId('account-balance')).toHaveText('$50.00');
  await expect(account).toContainText('Credit');
  await expect(account.locator('tr[data-kind="payment"]').filter({ hasText: /receipt/ })).toHaveCount(3);
  // A refund of part of the cash needs a manager.
  await lineAction(account, 'payment', /\$120\.00/, 'Refund…');
  const refund = page.getByRole('form', { name: 'Refund a payment' });
  await refund.getByLabel('Amount ($)').fill('30');
  await refund.getByLabel('Why').fill('Overpaid at the desk');
  await refund.getByRole('button', { name: 'Refund' }).click();
  const refundDialog = page.getByRole('dialog', { name: 'Refund a payment' });
  await expect(refundDialog.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();
  await managerApproves(desk, refundDialog);
  await expect(refund).toBeHidden();
  await expect(account.getByTestId('account-balance')).toHaveText('$20.00');
  await expect(account.locator('tr[data-kind="refund"]')).toContainText('Refund of receipt');

  // The refund took back $30 of what the cash paid, so that is owed again, and the card's $50 is credit.
  await expect(account.getByTestId('account-open')).toHaveText('$30.00');
  await expect(account.getByTestId('account-credit')).toHaveText('$50.00');

  // A later charge ($110); the credit pays what is owed, oldest first, when applied.
  await account.getByRole('button', { name: 'Add charge…' }).click();
  await page.getByRole('form', { name: 'Add a charge' }).getByLabel('From the fee schedule').selectOption({ index: 2 });
  await page.getByRole('form', { name: 'Add a charge' }).getByRole('button', { name: 'Add charge' }).click();
  await expect(account.getByTestId('account-open')).toHaveText('$140.00');
  await account.getByRole('button', { name: 'Apply credit' }).click();
  await expect(account.getByTestId('account-credit')).toHaveText('$0.00');
  await expect(account.getByTestId('account-open')).toHaveText('$90.00');
  await expect(account.getByTestId('account-balance')).toHaveText('$90.00');
  await expect(account.getByRole('button', { name: 'Apply credit' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the account');
  await page.setViewportSize({ width: 1280, height: 1300 });
  await account.screenshot({ path: 'docs/images/account.png' });
});
