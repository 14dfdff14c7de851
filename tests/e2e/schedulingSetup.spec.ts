import { expect } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { test } from './fixtures';
import { ADMIN, DeskPage } from './pages/deskPage';

test('a manager sets up scheduling in Settings: an appointment type, a room, a provider’s hours and a holiday', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.startNewClinic(clinic.host.url, ADMIN);
  await desk.goTo('Settings');

  await desk.main.getByRole('button', { name: 'Add provider' }).click();
  const provider = page.getByRole('form', { name: 'Add provider' });
  await provider.getByLabel('Provider name').fill('Ana Ruiz');
  await provider.getByLabel('Credentials').fill('MD');
  await provider.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Providers' })).toContainText('Ana Ruiz, MD');

  await desk.main.getByRole('button', { name: 'Add appointment type' }).click();
  const type = page.getByRole('form', { name: 'Add appointment type' });
  await type.getByRole('button', { name: 'Save' }).click();
  await expect(type.getByText('Type name is required')).toBeVisible();
  await type.getByLabel('Type name').fill('New patient');
  // Too short a length is raised to the shortest allowed as the field is left.
  await type.getByLabel('Length (minutes)').fill('3');
  await type.getByLabel('Type name').click();
  await expect(type.getByLabel('Length (minutes)')).toHaveValue('5');
  await type.getByLabel('Length (minutes)').fill('40');
  await type.getByRole('combobox', { name: 'Providers who take it' }).click();
  await page.getByRole('option', { name: 'Ana Ruiz, MD' }).click();
  await page.keyboard.press('Escape');
  await type.getByRole('combobox', { name: 'Forms due at check-in' }).click();
  await page.getByRole('option', { name: 'Intake' }).click();
  await page.keyboard.press('Escape');
  await type.getByLabel('Default fee').fill('150');
  await type.getByLabel('Needs a room').check();
  await expectNoAxeViolations(page, 'Settings, adding an appointment type');
  await type.screenshot({ path: test.info().outputPath('appointment-type-form.png') });
  await type.getByRole('button', { name: 'Save' }).click();
  const types = page.getByRole('table', { name: 'Appointment types' });
  await expect(types).toContainText('New patient');
  await expect(types).toContainText('40 min');
  await expect(types).toContainText('Ana Ruiz, MD');
  await expect(types).toContainText('Fee $150.00');

  await desk.main.getByRole('button', { name: 'Add room' }).click();
  const room = page.getByRole('form', { name: 'Add room' });
  await room.getByLabel('Room name').fill('Exam 1');
  await room.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Rooms' })).toContainText('Exam 1');

  await desk.main.getByRole('button', { name: 'Add set of hours' }).click();
  const hours = page.getByRole('form', { name: 'Add set of hours' });
  await hours.getByLabel('Name').fill('Winter hours');
  await hours.getByLabel('First day').fill('2026-12-01');
  // Monday to Friday 9 to 5 to start with; Friday ends at noon, and a Saturday morning is added.
  await hours.getByRole('group', { name: 'Block 5' }).getByLabel('To').fill('12:00');
  await hours.getByRole('button', { name: 'Add block' }).click();
  const added = hours.getByRole('group', { name: 'Block 6' });
  await added.getByLabel('Day').click();
  await page.getByRole('option', { name: 'Saturday' }).click();
  await added.getByLabel('From').fill('08:00');
  await added.getByLabel('To').fill('07:00');
  await hours.getByRole('button', { name: 'Save' }).click();
  await expect(added.getByText('A block must end after it starts')).toBeVisible();
  await added.getByLabel('To').fill('11:00');
  await expectNoAxeViolations(page, 'Settings, adding a provider’s hours');
  await hours.screenshot({ path: test.info().outputPath('hours-form.png') });
  await hours.getByRole('button', { name: 'Save' }).click();
  const templates = page.getByRole('table', { name: 'Provider hours' });
  await expect(templates).toContainText('Winter hours');
  await expect(templates).toContainText('Fri 9:00 AM–12:00 PM · Sat 8:00 AM–11:00 AM');

  await desk.main.getByRole('button', { name: 'Add closure or time off' }).click();
  const closure = page.getByRole('form', { name: 'Add closure or time off' });
  await closure.getByLabel('Name').fill('Christmas');
  await closure.getByLabel('First day').fill('2026-12-25');
  await closure.getByLabel('Last day').fill('2026-12-25');
  await closure.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Closures and time off' })).toContainText('Christmas');
  await expectNoAxeViolations(page, 'Settings with scheduling set up');
  await page.screenshot({ path: test.info().outputPath('settings-scheduling.png'), fullPage: true });

  // Booking with a type and a provider; a second patient at an overlapping time is refused, then
  // booked anyway with a reason (the administrator may overbook).
  const book = async (patient: { givenName: string; familyName: string; birthDate: string; phone: string }, time: string) => {
    await desk.registerPatient(patient);
    await desk.findPatient(patient.familyName, `${patient.familyName}, ${patient.givenName}`);
    await page.getByLabel('Selected patient').getByRole('button', { name: 'Book appointment' }).click();
    const form = page.getByRole('form', { name: 'Book appointment' });
    await form.getByLabel('Type').selectOption({ label: 'New patient (40 min)' });
    await expect(form.getByLabel('Length (minutes)')).toHaveValue('40');
    await expect(form.getByLabel('Reason')).toHaveValue('New patient');
    await form.getByLabel('Provider').selectOption({ label: 'Ana Ruiz, MD' });
    await form.getByLabel('Time').selectOption(time);
    await form.getByRole('button', { name: 'Book', exact: true }).click();
    return form;
  };
  await book({ givenName: 'Jane', familyName: 'Doe', birthDate: '03/04/1961', phone: '5550101234' }, '09:00');
  await expect(page.getByText(/^Booked for/)).toBeVisible();
  const second = await book({ givenName: 'Omar', familyName: 'Haddad', birthDate: '07/08/1990', phone: '5550105678' }, '09:15');
  const taken = second.getByRole('alert').filter({ hasText: 'This time is taken' });
  await expect(taken).toContainText("overlaps the provider's visit at 9:00 AM");
  await expectNoAxeViolations(page, 'Schedule, a booking that overlaps another');
  await second.screenshot({ path: test.info().outputPath('book-overlap.png') });
  await expect(taken.getByRole('button', { name: 'Book anyway' })).toBeDisabled();
  await taken.getByLabel('Reason to book anyway').fill('Urgent: fever');
  await taken.getByRole('button', { name: 'Book anyway' }).click();
  await expect(page.getByText(/^Booked for .* at 9:15 AM/)).toBeVisible();
  await expect(taken).toBeHidden();

  // Today's list shows type and provider; a visit is cancelled with a reason.
  await desk.scheduleView('List');
  const todays = page.getByRole('table', { name: "Today's appointments" });
  await expect(todays.getByRole('row').filter({ hasText: 'Haddad, Omar' })).toContainText('New patient');
  await expect(todays.getByRole('row').filter({ hasText: 'Haddad, Omar' })).toContainText('Ana Ruiz, MD');
  await todays.getByRole('button', { name: 'Cancel the visit of Haddad, Omar' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel appointment' });
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(cancel.getByRole('alert')).toContainText('Choose why the appointment is cancelled.');
  await cancel.getByLabel('Why').selectOption({ label: 'Other' });
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(cancel.getByRole('alert')).toContainText('Say why the appointment is cancelled.');
  await cancel.getByLabel('Note').fill('Moving away');
  await expectNoAxeViolations(page, 'Schedule, cancelling a visit');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(cancel).toBeHidden();
  await expect(todays.getByRole('row').filter({ hasText: 'Haddad, Omar' })).toContainText('cancelled: Other, Moving away');
  await expect(todays.getByRole('row').filter({ hasText: 'Haddad, Omar' })).toContainText('Cancelled');
  await expectNoAxeViolations(page, 'Schedule with a cancelled visit');
  await page.screenshot({ path: test.info().outputPath('schedule-today.png') });

  // Find next available: a type is needed first; then the earliest free times with Ana Ruiz, and
  // Enter books the first one, which is in focus.
  const form = page.getByRole('form', { name: 'Book appointment' });
  await form.getByLabel('Type').selectOption({ value: '' });
  await form.getByRole('button', { name: 'Find next available' }).click();
  await expect(form.getByRole('alert')).toContainText('Choose a type first');
  await form.getByLabel('Type').selectOption({ label: 'New patient (40 min)' });
  await form.getByRole('button', { name: 'Find next available' }).click();
  const choices = form.getByRole('list', { name: /Next available/ });
  await expect(choices.getByRole('button').first()).toBeFocused();
  await expect(choices.getByRole('button').first()).toContainText('with Ana Ruiz, MD');
  const first = await choices.getByRole('button').first().innerText();
  await expectNoAxeViolations(page, 'Schedule, next available times');
  await form.screenshot({ path: test.info().outputPath('next-available.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Booked for/).last()).toBeVisible();
  await expect(choices).toBeHidden();
  expect(first).toMatch(/^\w{3}, \w{3} \d{1,2} at \d{1,2}:\d\d (AM|PM) with Ana Ruiz, MD$/);
});
