import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';



test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-12-09T09:00:00') });
});

test('a payment plan agreed with a manager’s approval; its overdue instalment shows at check-in and is collected there', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();
  await desk.registerPatient({ givenName: 'Plan', familyName: 'Instalmentson', birthDate: '06/07/1975', phone: '5550107788' });
  const name = 'Instalmentson, Plan';
  let account = await desk.openAccount(name);
  await account.getByRole('button', { name: 'Add charge…' }).click();
  const chargeForm = page.getByRole('form', { name: 'Add a charge' });
  await chargeForm.getByLabel('From the fee schedule').selectOption({ label: 'New patient visit — $180.00' });
  await chargeForm.getByRole('button', { name: 'Add charge' }).click();
  await expect(account.getByTestId('account-balance')).toHaveText('$180.00');

  // The plan: three monthly instalments of $60 from 12/15; the front desk needs a manager for it.
  await account.getByRole('button', { name: 'Payment plan…' }).click();
  const planForm = page.getByRole('form', { name: 'Agree a payment plan' });
  await expect(planForm.getByLabel('Amount of the plan ($)')).toHaveValue('180.00');
  await planForm.getByLabel('Instalments').fill('1');
  await planForm.getByRole('button', { name: 'Agree plan' }).click();
  await expect(planForm.getByText('A plan has at least 2 instalments')).toBeVisible();
  await planForm.getByLabel('Instalments').fill('3');
  await planForm.getByLabel('First instalment due').fill('2026-12-15');
  await expect(planForm.getByTestId('plan-preview')).toHaveText('3 instalments: $60.00 each, from 12/15/2026 to 02/15/2027.');
  await expectNoAxeViolations(page, 'the payment plan dialog');
  await planForm.getByRole('button', { name: 'Agree plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Agree a payment plan' });
  await expect(dialog.getByRole('alert').filter({ hasText: 'Not allowed' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Ask a manager' }).click();
  const approval = page.getByRole('form', { name: 'Manager approval' });
  await approval.getByLabel('Manager user name').fill('manager');
  await desk.secretField(approval, 'Manager password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(planForm).toBeHidden();
  const plan = account.getByRole('region', { name: 'Payment plan' });
  await expect(plan).toContainText('Payment plan · $180.00 in 3 instalments');
  await expect(plan).toContainText('On schedule');
  await expect(plan).toContainText('next $60.00 due 12/15/2026');
  await expect(account.getByTestId('account-balance')).toHaveText('$180.00');
  await expect(account.locator('tr[data-kind="plan"]')).toContainText('Payment plan: $180.00 in 3 instalments from 12/15/2026');

  // Eleven days later the first instalment is overdue: the arrivals list and the check-in say so.
  await desk.laterDay('2026-12-20T09:00:00');
  await desk.openDrawer();
  await desk.findWithFinder('Instalmentson', name);
  await page.getByLabel('Selected patient').getByRole('button', { name: 'Book appointment' }).click();
  const book = page.getByRole('form', { name: 'Book appointment' });
  await book.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await book.getByLabel('Time').selectOption('09:30');
  await book.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByText(/^Booked for/)).toBeVisible();
  await desk.goTo('Check-in');
  const arrival = desk.main.getByRole('table', { name: 'Check-in list' }).getByRole('row').filter({ hasText: name });
  await expect(arrival.getByLabel('Alerts')).toContainText('Instalment overdue $60.00');
  await arrival.getByRole('button', { name: `Check in ${name}` }).click();
  const flow = desk.checkInFlow;
  const overdue = flow.getByTestId('checkin-overdue');
  await expect(overdue).toContainText('Payment plan: $60.00 overdue');
  await overdue.getByRole('button', { name: 'Collect instalment…' }).click();
  const pay = overdue.getByRole('form', { name: 'Take payment' });
  await expect(pay.getByLabel('Amount ($)')).toHaveValue('60.00');
  // An instalment pays toward the plan; it is not offered as credit.
  await expect(pay.getByLabel(/Keep it as credit/)).toHaveCount(0);
  await pay.getByLabel('Cash handed over ($)').fill('80');
  await expect(pay.getByText('Change due: $20.00')).toBeVisible();
  await expectNoAxeViolations(page, 'an overdue instalment at check-in');
  await pay.getByRole('button', { name: 'Collect instalment and print receipt' }).click();
  await expect(page.getByText(/^Instalment of \$60\.00 collected, receipt/)).toBeVisible();
  await expect(overdue).toBeHidden();
  await page.keyboard.press('Escape');

  account = await desk.openAccount(name);
  await expect(plan).toContainText('Paid $60.00 · left $120.00 · next $60.00 due 01/15/2027');
  await expect(plan).toContainText('On schedule');
  await expect(account.getByTestId('account-balance')).toHaveText('$120.00');

  // A statement of what is owed: printed, kept, found again from the patient with the receipt.
  await account.getByRole('button', { name: 'Statement…' }).click();
  const statement = page.getByRole('form', { name: 'Print a statement' });
  await expect(statement).toContainText('The first statement for this account: 2 entries. Amount due now: $120.00.');
  await expect(statement.getByLabel('Please pay by')).toHaveValue('2027-01-19');
  await expectNoAxeViolations(page, 'the statement dialog');
  await statement.getByRole('button', { name: 'Print statement' }).click();
  await expect(page.getByText('Statement of $120.00 printed')).toBeVisible();
  await expect(account.locator('tr[data-kind="statement"]')).toContainText('Statement sent: $120.00 due by 01/19/2027');
  const printed = account.getByRole('region', { name: 'Receipts and statements printed here' });
  await expect(printed.getByRole('row')).toHaveCount(2);
  await expect(printed.getByRole('row').first()).toContainText('Statement 12/20/2026 — Instalmentson, Plan');
  await expect(printed.getByRole('row').nth(1)).toContainText(/Receipt [A-Z0-9]+-\d{6} — Instalmentson, Plan/);
  await printed.getByRole('button', { name: 'Reprint Statement 12/20/2026 — Instalmentson, Plan' }).click();
  await expect(printed.getByRole('row').first()).toContainText('1 copy');
  await printed.getByLabel('Kind').selectOption({ label: 'Receipt' });
  await expect(printed.getByRole('row')).toHaveCount(1);
  await expect(printed.getByRole('row').first()).toContainText(/^Receipt/);
  await printed.getByLabel('Kind').selectOption({ label: 'All' });
  await expect(printed.getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(page, 'an account with a payment plan');
  await page.setViewportSize({ width: 1280, height: 1400 });
  await account.screenshot({ path: 'docs/images/payment-plan.png' });

  // Weeks later, the second instalment overdue: the Payments screen offers it.
  await desk.laterDay('2027-01-20T09:00:00');
  await account.getByRole('button', { name: 'Take payment' }).click();
  await expect(page.getByTestId('payment-balance')).toHaveText('Balance due $120.00 · instalment overdue $60.00');
  await page.getByRole('button', { name: 'Pay the overdue instalment, $60.00' }).click();
  await expect(page.getByRole('form', { name: 'Take payment' }).getByLabel('Amount ($)')).toHaveValue('60.00');

  // A service from the fee schedule charged for the visit of 12/20: its date and provider come with it.
  account = await desk.openAccount(name);
  await account.getByRole('button', { name: 'Add charge…' }).click();
  const charge = page.getByRole('form', { name: 'Add a charge' });
  await expect(charge.getByLabel('For the visit')).toHaveValue('');
  await charge.getByLabel('From the fee schedule').selectOption({ label: '36415 Blood draw — $25.00' });
  await charge.getByLabel('For the visit').selectOption({ index: 1 });
  await expect(charge.getByLabel('For the visit').locator('option:checked')).toHaveText(/^12\/20\/2026 9:30 AM · Follow-up/);
  await expect(charge.getByLabel('Date of service')).toHaveValue('2026-12-20');
  await expectNoAxeViolations(page, 'a charge for a visit');
  await charge.getByRole('button', { name: 'Add charge' }).click();
  await expect(account.locator('tr[data-kind="charge"]').first()).toContainText('Blood draw (36415) · 12/20/2026');
  await expect(account.getByTestId('account-balance')).toHaveText('$145.00');
});

test('a guarantor sees everyone they pay for, each with their balance, and opens a dependant’s record from there', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  // In the demo clinic the patient after DM-000008 is their child, whose bills they pay.
  const byMrn = async (mrn: string) => {
    await page.keyboard.press('Control+K');
    const finder = page.getByRole('dialog', { name: 'Find a patient' });
    await finder.getByRole('combobox', { name: 'Find patient' }).fill(mrn);
    await finder.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click();
    await expect(finder).toBeHidden();
    await page.getByRole('tab', { name: /^Account/ }).click();
    return page.getByRole('tabpanel', { name: /^Account/ });
  };
  const account = await byMrn('DM-000008');
  const family = account.getByRole('region', { name: 'Family account' });
  await expect(family).toContainText('Pays for 1 patient');
  await expect(family.getByTestId('family-balance')).toHaveText('$0.00');
  const child = family.getByRole('table', { name: 'Patients this guarantor pays for' }).getByRole('row').nth(1);
  await expect(child).toContainText('$0.00');
  await expectNoAxeViolations(page, 'a guarantor’s account');
  await page.setViewportSize({ width: 1280, height: 900 });
  await account.screenshot({ path: 'docs/images/guarantor.png' });
  const childName = (await child.getByRole('button').textContent()) ?? '';
  await child.getByRole('button').click();
  await expect(page.getByLabel('Selected patient')).toContainText(childName);
});
