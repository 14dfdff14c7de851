import { expect, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';

const step = (flow: Locator, name: string) => flow.getByRole('region', { name });
const isDone = (section: Locator) => expect(section.getByText('Done', { exact: true })).toBeVisible();


test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-12-09T09:00:00') });
});

test('a new patient verifies insurance, signs the forms and pays; a week later, nothing changed, they are checked in with at most 5 actions', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();

  // First visit (a walk-in): every step has something to do.
  const name = await desk.walkIn('DM-000002');
  const flow = desk.checkInFlow;
  await expect(step(flow, 'Identity')).toContainText(name);
  await expect(step(flow, 'Insurance')).toContainText('Never verified');
  await expect(step(flow, 'Forms')).toContainText('Consent to treat · due: never signed');
  await expect(step(flow, 'Co-pay and balance')).toContainText('Co-pay for this visit: $25.00');
  await expect(flow.getByRole('button', { name: 'Complete check-in' })).toBeDisabled();
  await expectNoAxeViolations(page, 'the check-in flow of a new patient');
  // The whole flow for the README, on a desk's usual 1080-line screen.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await flow.screenshot({ path: test.info().outputPath('checkin-flow-new.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  await expect(flow.getByRole('button', { name: 'Identity confirmed' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(flow.getByRole('button', { name: 'Nothing changed' })).toBeFocused();
  await page.keyboard.press('Enter');
  await isDone(step(flow, 'Demographics'));

  const verify = step(flow, 'Insurance').getByRole('form', { name: 'Record verification' });
  await verify.getByLabel('Verified by').selectOption({ label: 'Phone call to the payer' });
  await verify.getByRole('button', { name: 'Record verification' }).click();
  await expect(verify.getByText('Enter the reference the payer gave (call reference or trace number)')).toBeVisible();
  await verify.getByLabel('Reference').fill('CALL-778');
  await verify.getByRole('button', { name: 'Record verification' }).click();
  await isDone(step(flow, 'Insurance'));
  await expect(step(flow, 'Insurance')).toContainText('Verified today');
  await expect(step(flow, 'Insurance')).toContainText('ref. CALL-778: active');

  await expect(flow.getByRole('button', { name: 'All signed on paper' })).toBeFocused();
  await page.keyboard.press('Enter');
  await isDone(step(flow, 'Forms'));
  await expect(step(flow, 'Forms')).toContainText('HIPAA notice of privacy practices acknowledgment · signed today (on paper)');

  await expect(flow.getByRole('button', { name: 'Collect $25.00 and print receipt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(step(flow, 'Co-pay and balance')).toContainText('$25.00 collected by');
  await expect(flow.getByRole('button', { name: 'Complete check-in' })).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(flow).toBeHidden();
  await expect(page.getByText(`${name} checked in`, { exact: true })).toBeVisible();
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  await expect(board.getByRole('row', { name: /, Checked in$/ })).toHaveCount(1);

  // A week later the patient is booked and comes back with nothing changed.
  await desk.laterDay('2026-12-16T09:00:00');
  await desk.openDrawer();
  const [given = '', family = ''] = name.split(', ').reverse();
  await desk.findWithFinder(`${given} ${family.split(/[\s-]/)[0]}`, name);
  await page.getByLabel('Selected patient').getByRole('button', { name: 'Book appointment' }).click();
  const book = page.getByRole('form', { name: 'Book appointment' });
  await book.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await book.getByLabel('Time').selectOption('09:30');
  await book.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByText(/^Booked for/)).toBeVisible();
  await desk.goTo('Check-in');
  // Nothing for the check-in to ask beyond the co-pay: no marker on the arrivals list.
  const arrival = desk.main.getByRole('table', { name: 'Check-in list' }).getByRole('row').filter({ hasText: name });
  await expect(arrival.getByRole('button', { name: `Check in ${name}` })).toBeVisible();
  await expect(arrival.getByLabel('Alerts')).toHaveCount(0);

  // The actions a person takes, counted: clicks and key presses.
  let actions = 0;
  const click = async (target: Locator) => {
    actions++;
    await target.click();
  };
  const press = async (key: string) => {
    actions++;
    await page.keyboard.press(key);
  };
  await click(desk.main.getByRole('button', { name: `Check in ${name}` }));
  await expect(step(flow, 'Demographics')).toContainText('Last confirmed 12/09/2026 by');
  await expect(step(flow, 'Insurance')).toContainText('Verified 7 days ago (12/09/2026)');
  await isDone(step(flow, 'Insurance'));
  await isDone(step(flow, 'Forms'));
  await expect(step(flow, 'Forms')).toContainText('Consent to treat · signed 12/09/2026');
  await expectNoAxeViolations(page, 'the check-in flow of a returning patient');
  await flow.screenshot({ path: test.info().outputPath('checkin-flow-returning.png') });
  await expect(flow.getByRole('button', { name: 'Identity confirmed' })).toBeFocused();
  await press('Enter'); // identity
  await press('Enter'); // nothing changed
  await expect(flow.getByRole('button', { name: 'Collect $25.00 and print receipt' })).toBeFocused();
  await press('Enter'); // the co-pay, cash
  await expect(step(flow, 'Co-pay and balance')).toContainText('$25.00 collected by');
  await press('Control+Enter');
  await expect(flow).toBeHidden();
  expect(actions).toBeLessThanOrEqual(5);
  await expect(board.getByRole('row', { name: /, Checked in$/ })).toHaveCount(1);
  await expect(desk.main.getByRole('table', { name: 'Check-in list' }).getByRole('row').filter({ hasText: name }).getByText('Arrived', { exact: true })).toBeVisible();
});

test('a patient with a changed address and expired forms: the record is edited from the flow, insurance verified again, forms signed again, co-pay deferred', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  const name = await desk.walkIn('DM-000003');
  await desk.completeCheckIn();

  // Thirteen months later: the forms signed then have expired, the verification is old.
  await desk.laterDay('2028-01-12T10:00:00');
  await desk.walkIn('DM-000003');
  const flow = desk.checkInFlow;
  await expect(step(flow, 'Forms')).toContainText('Consent to treat · due: expired 2027-12-09');
  await expect(step(flow, 'Insurance')).toContainText('Verified 399 days ago (12/09/2026)');
  await expect(step(flow, 'Insurance')).toContainText('to verify (the clinic verifies every 30 days)');
  await flow.getByRole('button', { name: 'Identity confirmed' }).click();

  await step(flow, 'Demographics').getByRole('button', { name: 'Edit details…' }).click();
  const edit = page.getByRole('form', { name: 'Edit patient' });
  await edit.getByLabel('Street address').fill('48 Harbor Lane');
  await edit.getByLabel('City').fill('Charleston');
  await edit.getByLabel('ZIP code').fill('29401');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(step(flow, 'Demographics')).toContainText('48 Harbor Lane');
  await expect(step(flow, 'Demographics')).toContainText('Changed and confirmed by');

  const verify = step(flow, 'Insurance').getByRole('form', { name: 'Record verification' });
  await verify.getByLabel('Verified by').selectOption({ label: 'Payer’s web portal' });
  await verify.getByRole('button', { name: 'Record verification' }).click();
  await isDone(step(flow, 'Insurance'));

  // The forms due print filled in with what is on file (the new address too), through main.
  await step(flow, 'Forms').getByRole('button', { name: 'Print Consent to treat' }).click();
  await expect(page.getByText('Consent to treat printed')).toBeVisible();
  for (const form of ['Consent to treat', 'HIPAA notice of privacy practices acknowledgment']) await step(flow, 'Forms').getByRole('button', { name: `${form} signed on paper` }).click();
  await expect(flow.getByRole('button', { name: 'Complete check-in' })).toBeDisabled();
  await step(flow, 'Forms').getByRole('button', { name: 'Financial policy signed on paper' }).click();
  await isDone(step(flow, 'Forms'));

  const money = step(flow, 'Co-pay and balance');
  await money.getByRole('button', { name: 'Defer co-pay' }).click();
  await expect(money.getByText('Say why the co-pay is deferred')).toBeVisible();
  await money.getByLabel('Or defer it').selectOption('Cannot pay today');
  await expectNoAxeViolations(page, 'the check-in flow with a changed address');
  await money.getByRole('button', { name: 'Defer co-pay' }).click();
  await expect(money).toContainText('Deferred (Cannot pay today) by');
  await flow.getByRole('button', { name: 'Complete check-in' }).click();
  await expect(flow).toBeHidden();

  // The record has the new address, with its history; the audit log says what the check-in confirmed.
  await desk.findWithFinder(name.split(', ').reverse().join(' ').split(/[\s-]/).slice(0, 2).join(' '), name);
  await expect(page.getByLabel('Selected patient')).toContainText('48 Harbor Lane');
});

test('check-out books the follow-up the visit’s type suggests, prints its card and collects the deferred co-pay; the visit is done', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();
  const name = await desk.walkIn('DM-000004');
  await desk.completeCheckIn();
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  await board.getByRole('button', { name: /^Show name: / }).click();
  const row = board.getByRole('row', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `) });
  await row.getByRole('button', { name: `Room: ${name}` }).click();
  const roomForm = page.getByRole('form', { name: `Room ${name}` });
  await roomForm.getByLabel('Room').selectOption({ label: 'Exam 1' });
  await roomForm.getByRole('button', { name: 'Room the patient' }).click();
  await row.getByRole('button', { name: `With provider: ${name}` }).click();
  await row.getByRole('button', { name: `Ready for check-out: ${name}` }).click();
  await row.getByRole('button', { name: `Check out: ${name}` }).click();

  const checkout = page.getByRole('dialog', { name: `Check out · ${name}` });
  await expect(checkout.getByRole('region', { name: 'Follow-up' })).toContainText('Follow-up suggests a follow-up in 12 weeks: around 03/03/2027.');
  await expect(checkout.getByRole('button', { name: 'Finish check-out' })).toBeDisabled();
  await expectNoAxeViolations(page, 'check-out, before anything is done');
  await checkout.getByRole('button', { name: 'Book follow-up…' }).click();
  const book = checkout.getByRole('form', { name: 'Book appointment' });
  // The scheduler opens at the suggested date, with the visit's type.
  await expect(book.getByLabel('Date')).toHaveValue('2027-03-03');
  await expect(book.getByLabel('Type').locator('option:checked')).toHaveText('Follow-up (20 min)');
  await book.getByLabel('Provider').selectOption({ index: 1 });
  await book.getByLabel('Time').selectOption('10:00');
  await book.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(checkout.getByRole('region', { name: 'Follow-up' })).toContainText('Booked 03/03/2027 at 10:00 AM with');
  await checkout.getByRole('button', { name: 'Print appointment card' }).click();
  await expect(page.getByText('Appointment card printed')).toBeVisible();

  const payment = checkout.getByRole('region', { name: 'Payment' });
  await expect(payment).toContainText('Co-pay deferred at check-in (Pays at check-out): $25.00');
  // A whole card number is never taken, wherever it is typed.
  const pay = payment.getByRole('form', { name: 'Take payment' });
  await pay.getByLabel('Method').selectOption('other');
  await pay.getByLabel('Paid with (e.g. HSA card)').fill('4111 1111 1111 1111');
  await pay.getByRole('button', { name: 'Collect $25.00 and print receipt' }).click();
  await expect(pay.getByText('That looks like a whole card number: enter only the last 4 digits (ClinicDesk never keeps card numbers)')).toBeVisible();
  // Cash: $40 handed over, $15 back.
  await pay.getByLabel('Method').selectOption('cash');
  await pay.getByLabel('Cash handed over ($)').fill('40');
  await expect(pay.getByText('Change due: $15.00')).toBeVisible();
  await pay.getByRole('button', { name: 'Collect $25.00 and print receipt' }).click();
  await expect(payment).toContainText('$25.00 collected, receipt ');
  await checkout.getByRole('button', { name: 'Print visit summary' }).click();
  await expect(page.getByText('Visit summary printed')).toBeVisible();
  await expectNoAxeViolations(page, 'check-out, ready to finish');
  await checkout.screenshot({ path: test.info().outputPath('checkout.png'), style: '.mantine-Notifications-root { display: none; }' });
  await page.keyboard.press('Control+Enter');
  await expect(checkout).toBeHidden();
  await expect(page.getByText(`${name} checked out`)).toBeVisible();
  await expect(board.getByTestId('wait-figures')).toContainText('Done: 1');
});

test('a walk-in who paid and whose check-in was closed unfinished is not asked to pay twice', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();
  const verify = async () => {
    const form = step(desk.checkInFlow, 'Insurance').getByRole('form', { name: 'Record verification' });
    await form.getByLabel('Verified by').selectOption({ label: 'Payer’s web portal' });
    await form.getByRole('button', { name: 'Record verification' }).click();
  };
  await desk.walkIn('DM-000005');
  const flow = desk.checkInFlow;
  await verify();
  const money = step(flow, 'Co-pay and balance');
  await expect(money).toContainText('Co-pay for this visit: $25.00');
  await money.getByRole('button', { name: 'Collect $25.00 and print receipt' }).click();
  await expect(money).toContainText('$25.00 collected by');
  // Closed before completing (the patient stepped away); opened again for the same walk-in.
  await flow.getByRole('button', { name: 'Close' }).click();
  await expect(flow).toBeHidden();
  await desk.walkIn('DM-000005');
  await verify();
  await expect(money.getByRole('status')).toContainText(/^Already paid today: \$25\.00 \(receipt [A-Z0-9]+-\d{6}\)\. If that was the co-pay, defer it as “Paid earlier today”\.$/);
  await money.getByLabel('Or defer it').selectOption('Paid earlier today');
  await money.getByRole('button', { name: 'Defer co-pay' }).click();
  await expect(money).toContainText('Deferred (Paid earlier today) by');
});
