import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';

/** "Ruiz, Ana" → "A. R.", as the flow board shows a patient until someone shows the name. */
const initials = (name: string) => {
  const [family = '', given = ''] = name.split(',').map((s) => s.trim());
  return [given, family].filter(Boolean).map((s) => `${s[0]!.toUpperCase()}.`).join(' ');
};

async function demoCheckIn(page: Page, url: string): Promise<DeskPage> {
  const desk = new DeskPage(page);
  await desk.open(url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await desk.openDrawer();
  await desk.goTo('Check-in');
  return desk;
}

/** The patients booked today whom the list offers to check in, by name, earliest first. */
/** What the desk types into the finder for a patient: the given name and the first word of the family name. */
const typed = (name: string) => {
  const [family = '', given = ''] = name.split(',').map((s) => s.trim());
  return `${given} ${family.split(/[\s-]/)[0]}`;
};

async function bookedNames(desk: DeskPage): Promise<string[]> {
  await expect(desk.main.getByRole('button', { name: /^Check in / }).first()).toBeVisible();
  const labels = await desk.main.getByRole('button', { name: /^Check in / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Check in /, ''));
}

/** Minutes pass at a desk in use (someone moves the mouse), so the screen does not lock. */
async function minutesPass(page: Page, minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    await page.mouse.move(5 + (i % 2), 5);
    await page.clock.runFor(60_000);
  }
}

test.beforeEach(async ({ page }) => {
  // Wednesday 9:00 at the demo clinic (in the workstation's time zone): the 8 o'clock patients are late, the rest to come.
  await page.clock.install({ time: new Date('2026-12-09T09:00:00') });
});

test('a patient checked in moves through the clinic on the flow board, with wait timers, initials until shown, and every step', async ({ page, clinic }) => {
  const desk = await demoCheckIn(page, clinic.host.url);
  const list = desk.main.getByRole('table', { name: 'Check-in list' });
  await expect(list.getByRole('row')).not.toHaveCount(1);
  await expect(list.getByText(/^Late \d+ min$/).first()).toBeVisible();
  const [first, second] = (await bookedNames(desk)) as [string, string];
  // Never checked in here: the forms every visit asks for are marked before anyone clicks.
  await expect(list.getByRole('row').filter({ hasText: first }).getByLabel('Alerts')).toContainText('3 forms to sign');

  await desk.main.getByRole('button', { name: `Check in ${first}` }).click();
  await desk.completeCheckIn();
  await expect(list.getByRole('row').filter({ hasText: first }).getByText('Arrived', { exact: true })).toBeVisible();
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  const row = board.getByRole('row', { name: `${initials(first)}, Checked in` });
  await expect(row).toBeVisible();
  // Initials only, until someone shows the name.
  await expect(board).not.toContainText(first);
  await expect(row.getByText('0 min')).toBeVisible();

  // Twenty minutes later the wait is past the amber threshold (15), then the red one (30) for the next patient.
  await desk.main.getByRole('button', { name: `Check in ${second}` }).click();
  await desk.completeCheckIn();
  await minutesPass(page, 20);
  // The board's clock moves on the minute: 19 or 20 minutes after the check-in.
  await expect(row.getByText(/^(19|20) min \(long\)$/)).toBeVisible();
  await expect(row).toHaveAttribute('data-wait', 'amber');
  await expectNoAxeViolations(page, 'Check-in with the flow board');
  await page.screenshot({ path: test.info().outputPath('checkin.png') });

  await row.getByRole('button', { name: `Show name: ${initials(first)}` }).click();
  const named = board.getByRole('row', { name: new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `) });
  await expect(named).toContainText(first);
  await named.getByRole('button', { name: `Waiting: ${first}` }).click();
  await expect(board.getByRole('row', { name: `${first}, Waiting` })).toBeVisible();

  // Roomed: the room is asked for; the wait stops there.
  await named.getByRole('button', { name: `Room: ${first}` }).click();
  const roomForm = page.getByRole('form', { name: `Room ${first}` });
  await roomForm.getByRole('button', { name: 'Room the patient' }).click();
  await expect(roomForm.getByRole('alert')).toHaveText('Choose the room.');
  await roomForm.getByLabel('Room').selectOption({ label: 'Exam 2' });
  await expectNoAxeViolations(page, 'the room chooser');
  await roomForm.getByRole('button', { name: 'Room the patient' }).click();
  await expect(roomForm).toBeHidden();
  await expect(named).toContainText('Roomed');
  await expect(named).toContainText('Exam 2');
  await minutesPass(page, 15);
  // The wait stopped when the patient was roomed, 20 minutes after the check-in.
  await expect(named.getByText('20 min', { exact: true })).toBeVisible();
  await named.getByRole('button', { name: `With provider: ${first}` }).click();
  await named.getByRole('button', { name: `Ready for check-out: ${first}` }).click();
  // Check-out: no follow-up for this one; the co-pay deferred at check-in is collected now.
  await named.getByRole('button', { name: `Check out: ${first}` }).click();
  const checkout = page.getByRole('dialog', { name: `Check out · ${first}` });
  await checkout.getByLabel('No follow-up because').selectOption('None needed');
  await checkout.getByRole('button', { name: 'No follow-up' }).click();
  await expect(checkout.getByRole('region', { name: 'Payment' })).toContainText('Co-pay deferred at check-in (Pays at check-out): $25.00');
  await expectNoAxeViolations(page, 'check-out');
  await checkout.getByRole('button', { name: 'Collect $25.00 and print receipt' }).click();
  await expect(checkout.getByRole('region', { name: 'Payment' })).toContainText('$25.00 collected, receipt ');
  await checkout.getByRole('button', { name: 'Finish check-out' }).click();
  await expect(checkout).toBeHidden();
  await expect(named).toBeHidden();
  await expect(board.getByTestId('wait-figures')).toContainText('Done: 1');
  // Her appointment is done too.
  await expect(list.getByRole('row').filter({ hasText: first }).getByText('Done', { exact: true })).toBeVisible();

  // The second patient has waited 35 minutes: red. They leave without being seen, with a reason.
  const other = board.getByRole('row', { name: `${initials(second)}, Checked in` });
  await expect(other.getByText(/^3[45] min \(too long\)$/)).toBeVisible();
  await expect(other).toHaveAttribute('data-wait', 'red');
  await other.getByRole('button', { name: `Left: ${initials(second)}` }).click();
  const leftForm = page.getByRole('form', { name: `${initials(second)} left without being seen` });
  await leftForm.getByLabel('Why did the patient leave?').fill('Waited too long');
  await leftForm.getByRole('button', { name: 'Record that they left' }).click();
  await expect(other).toBeHidden();
  await expect(board.getByTestId('wait-figures')).toContainText('Left without being seen: 1');
  await expect(board.getByTestId('wait-figures')).toContainText(/Longest: 3[45] min/);
  await expect(board.getByText('Nobody is waiting or being seen.')).toBeVisible();
});

test('a walk-in is checked in without an appointment and joins the flow board', async ({ page, clinic }) => {
  const desk = await demoCheckIn(page, clinic.host.url);
  await desk.main.getByRole('button', { name: 'Walk-in…' }).click();
  const form = page.getByRole('form', { name: 'Walk-in' });
  await form.getByRole('button', { name: 'Continue to check-in' }).click();
  await expect(form.getByRole('alert')).toContainText('Choose the patient');
  await form.getByRole('combobox', { name: 'Patient' }).fill('dm-000003');
  const option = page.getByRole('option').filter({ hasText: 'DM-000003' });
  const name = ((await option.textContent()) ?? '').split(' · ')[0]!;
  await option.click();
  await form.getByRole('button', { name: 'Continue to check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose what the visit is for.');
  await form.getByLabel('Visit type').selectOption({ index: 1 });
  await expectNoAxeViolations(page, 'the walk-in form');
  await form.getByRole('button', { name: 'Continue to check-in' }).click();
  await expect(form).toBeHidden();
  await expect(desk.checkInFlow).toHaveAccessibleName(new RegExp(` · ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · walk-in, `));
  await desk.completeCheckIn();
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  await expect(board.getByRole('row', { name: `${initials(name)}, Checked in` })).toBeVisible();
  await expect(board.getByTestId('wait-figures')).toContainText('Waiting now: 1');
});

test('a manager sets the clinic’s wait thresholds, and the flow board turns amber and red by them', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.goTo('Settings');
  const rules = page.getByRole('form', { name: 'Front desk rules' });
  await rules.getByLabel('Wait turns amber after (minutes)').fill('5');
  await rules.getByLabel('Wait turns red after (minutes)').fill('5');
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules.getByRole('alert')).toContainText('Red must come after amber');
  await expectNoAxeViolations(page, 'Settings with the front desk rules refused');
  await rules.screenshot({ path: test.info().outputPath('desk-rules.png') });
  await rules.getByLabel('Wait turns red after (minutes)').fill('10');
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByText('Front desk rules saved for the whole clinic')).toBeVisible();
  await expect(rules.getByRole('alert')).toBeHidden();

  await desk.goTo('Check-in');
  const [first] = (await bookedNames(desk)) as [string];
  await desk.main.getByRole('button', { name: `Check in ${first}` }).click();
  await desk.completeCheckIn();
  const row = desk.main.getByRole('region', { name: 'Flow board' }).getByRole('row', { name: `${initials(first)}, Checked in` });
  await minutesPass(page, 6);
  await expect(row).toHaveAttribute('data-wait', 'amber');
  await minutesPass(page, 5);
  await expect(row).toHaveAttribute('data-wait', 'red');
  await expect(row.getByText(/^1[01] min \(too long\)$/)).toBeVisible();
});

test('a patient found with Ctrl+K is checked in from their page; one who came on the wrong day is told when, and their visit is moved to today’s next free time', async ({ page, clinic }) => {
  const desk = await demoCheckIn(page, clinic.host.url);
  const todays = await bookedNames(desk);
  // The finder's rows leave out a suffix ("Sr."): someone without one, to find by their name as listed.
  const plain = (name: string) => !/\b(Sr|Jr)\.|\b(II|III|IV|V)\b/.test(name.split(',')[0]!);
  const first = todays.find(plain)!;

  // Tomorrow's first patient who has no visit today: the wrong day.
  await desk.goTo('Schedule');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(desk.main.getByRole('heading', { name: 'Thursday, December 10, 2026' })).toBeVisible();
  // Drawn with every name (not the placeholder of a name still being read).
  await expect(desk.main.locator('.clinic-calendar .visit-name').first()).toBeVisible();
  await expect(desk.main.locator('.clinic-calendar .visit-name').filter({ hasText: /^…$/ })).toHaveCount(0);
  const tomorrow = await desk.main.locator('.clinic-calendar .visit-name').evaluateAll((spans) => spans.map((s) => s.textContent ?? ''));
  const early = tomorrow.find((name) => name !== '…' && plain(name) && !todays.includes(name));
  expect(early, 'someone is booked tomorrow and not today').toBeDefined();

  await desk.findWithFinder(typed(first), first);
  const card = page.getByRole('region', { name: 'Selected patient' });
  // A front-desk alert on her record shows on the arrivals list before anyone opens it.
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit patient' });
  await edit.getByRole('combobox', { name: 'Front-desk alerts' }).fill('Needs wheelchair');
  await page.keyboard.press('Enter');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await card.getByRole('button', { name: /^Check in for \d/ }).click();
  await desk.completeCheckIn();
  await expect(page.getByText(`${first} checked in`, { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: /^Check in/ })).toBeHidden();

  await desk.findWithFinder(typed(early!), early!);
  await card.getByRole('button', { name: 'Check in…' }).click();
  const dialog = page.getByRole('dialog', { name: `Check in ${early}` });
  await expect(dialog.getByRole('status')).toContainText(`${early} has no appointment today. Their next visit is Thursday, December 10 at`);
  // Offered their own visit at today's next free time (or to be seen as a walk-in).
  await expect(dialog.getByText(/^Next free time today: \d{1,2}:\d{2} [AP]M today with /)).toBeVisible();
  await dialog.getByLabel('Visit type').selectOption({ index: 1 });
  await expectNoAxeViolations(page, 'check-in of a patient on the wrong day');
  await dialog.screenshot({ path: test.info().outputPath('wrong-day.png') });
  await dialog.getByRole('button', { name: 'Move visit to today and check in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Visit moved to \d{1,2}:\d{2} [AP]M today/)).toBeVisible();
  await expect(desk.checkInFlow).toHaveAccessibleName(new RegExp(`^Check in · ${early!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · \\d`));
  await desk.completeCheckIn();

  await desk.goTo('Check-in');
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  await expect(board.getByRole('row', { name: `${initials(first)}, Checked in` })).toBeVisible();
  await expect(board.getByRole('row', { name: `${initials(early!)}, Checked in` })).toBeVisible();
  const arrival = desk.main.getByRole('table', { name: 'Check-in list' }).getByRole('row').filter({ hasText: first });
  await expect(arrival.getByLabel('Alerts')).toContainText('Needs wheelchair');
  await expectNoAxeViolations(page, 'the arrivals list with an alert');
  await page.screenshot({ path: test.info().outputPath('arrivals-alert.png') });
});
