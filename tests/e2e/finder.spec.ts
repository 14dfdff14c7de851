import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { ADMIN, DeskPage } from './pages/deskPage';

// Registered first on a new clinic, so MRN N2-000001.
const JOSE = { givenName: 'José', familyName: 'Núñez-García', birthDate: '1961-03-04', phone: '(555) 010-1234' };
// Near neighbours: the same surname, day and month swapped, the same birthday, a phone ending alike.
const JOSEFA = { givenName: 'Josefa', familyName: 'Núñez', birthDate: '1961-04-03', phone: '(555) 010-4321' };
const MARIA = { givenName: 'María', familyName: 'García López', birthDate: '1961-03-04', phone: '(555) 011-1234' };
const JOSE_NAME = 'Núñez-García, José';

test('Ctrl+K finds a patient from any screen by name, date of birth, phone or MRN, and opens the record', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  for (const patient of [JOSE, JOSEFA, MARIA]) await desk.registerPatient(patient);

  const finder = page.getByRole('dialog', { name: 'Find a patient' });
  const input = finder.getByRole('combobox', { name: 'Find patient' });
  const results = finder.getByRole('listbox', { name: 'Search results' });

  // Each row says who it is: name, date of birth and age, phone and MRN.
  await desk.goTo('Schedule');
  await page.keyboard.press('Control+K');
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('placeholder', 'Name, date of birth, phone or MRN');
  await expect(finder).toContainText('Enter open');
  await input.fill('garcia jose');
  await expect(results).not.toHaveAttribute('aria-busy', 'true');
  await expect(results.getByRole('option')).toHaveCount(1);
  const row = results.getByRole('option').first();
  await expect(row).toContainText(JOSE_NAME);
  await expect(row).toContainText('03/04/1961');
  await expect(row).toContainText('(555) 010-1234');
  await expect(row).toContainText('N2-000001');
  await expect(finder.getByRole('status')).toHaveText('1 result');
  await expectNoAxeViolations(page, 'the finder (Ctrl+K), with a result');
  await page.keyboard.press('Escape');
  await expect(finder).toBeHidden();
  await expect(desk.main.getByRole('heading', { level: 2 }).first()).toContainText('Schedule');

  // Name words in any order, without accents or capitals, from several screens; by keyboard alone.
  await desk.findWithFinder('garcia jose', JOSE_NAME);
  await desk.goTo('Check-in');
  await desk.findWithFinder('NUNEZ', JOSE_NAME, { keyboard: true });
  await expect(desk.main.getByRole('heading', { name: 'Patients', level: 2 })).toBeVisible();

  // Dates of birth as typed at a desk: the patient and the other birthday, not the swapped one.
  for (const typed of ['3/4/1961', '1961-03-04', '030461']) {
    await desk.goTo('Schedule');
    await page.keyboard.press('Control+K');
    await input.fill(typed);
    await expect(results).not.toHaveAttribute('aria-busy', 'true');
    await expect(results.getByRole('option')).toHaveCount(2);
    await expect(results).toContainText('García López, María');
    await expect(results).not.toContainText('Núñez, Josefa');
    await page.keyboard.press('Escape');
    await expect(finder).toBeHidden();
    await desk.findWithFinder(typed, JOSE_NAME);
  }

  // Phone digits, partly or as written; the number ending alike does not match.
  await desk.goTo('Payments');
  await desk.findWithFinder('0101234', JOSE_NAME, { keyboard: true });
  await desk.goTo('Schedule');
  await desk.findWithFinder('(555) 010-1234', JOSE_NAME);

  // The MRN, in any case.
  await desk.goTo('Audit log');
  await desk.findWithFinder('n2-000001', JOSE_NAME, { keyboard: true });
  await expect(page.getByTestId('patient-mrn')).toHaveText('MRN: N2-000001');
});

test('the finder says when nothing matches, opens from a text field and the Patients screen, and never over the lock screen', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.registerPatient(JOSE);

  const finder = page.getByRole('dialog', { name: 'Find a patient' });
  const input = finder.getByRole('combobox', { name: 'Find patient' });

  // Ctrl+K works while typing in another field.
  await desk.goTo('Patients');
  await desk.main.getByLabel('Find patient').fill('some');
  await desk.main.getByLabel('Find patient').press('Control+K');
  await expect(input).toBeFocused();
  await input.fill('Zebedee');
  await expect(finder.getByRole('status')).toHaveText('No patient matches “Zebedee”.');
  await input.press('Escape');
  await expect(finder).toBeHidden();

  // The button on the Patients screen opens it too, empty each time.
  await desk.main.getByRole('button', { name: 'Find (Ctrl+K)' }).click();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');

  // Locking closes it, and Ctrl+K does nothing behind the lock screen.
  await input.fill('nunez');
  await expect(finder.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Control+L');
  const lock = page.getByRole('dialog', { name: 'Screen locked' });
  await expect(lock).toBeVisible();
  // Closed, not just hidden with the desk: what was typed is gone from the page.
  await expect(page.getByRole('combobox', { name: 'Find patient', includeHidden: true })).toHaveCount(0);
  await page.keyboard.press('Control+K');
  await expect(finder).toHaveCount(0);
  await desk.secretField(lock, 'PIN').fill(ADMIN.pin);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(finder).toHaveCount(0);

  // And it still works after unlocking.
  await desk.goTo('Staff');
  await desk.findWithFinder('nunez', JOSE_NAME);

  // An MRN typed or scanned with Enter straight after opens the record without waiting for the list.
  await desk.goTo('Schedule');
  await page.keyboard.press('Control+K');
  await input.fill('N2-000001');
  await input.press('Enter');
  await expect(finder).toBeHidden();
  await expect(page.getByLabel('Selected patient')).toContainText(JOSE_NAME);
});

test('a long list of matches renders only the rows in view and moves by page and to either end', async ({ page, clinic }) => {
  // Registering enough people to fill more than two pages takes a while.
  test.setTimeout(240_000);
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  // One family name: the finder lists them by first name, so in this order.
  const given = ['Ada', 'Ben', 'Cai', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jan', 'Kai', 'Lou', 'Max', 'Ned', 'Oda', 'Pia', 'Quinn', 'Yael'];
  for (const [i, name] of given.entries()) {
    const day = String(i + 1).padStart(2, '0');
    await desk.registerPatient({ givenName: name, familyName: 'Okonkwo', birthDate: `1980-01-${day}`, phone: `(555) 020-${1000 + i}` });
  }

  await desk.goTo('Schedule');
  await page.keyboard.press('Control+K');
  const finder = page.getByRole('dialog', { name: 'Find a patient' });
  const input = finder.getByRole('combobox', { name: 'Find patient' });
  const results = finder.getByRole('listbox', { name: 'Search results' });
  await input.fill('okonkwo');
  await expect(finder.getByRole('status')).toHaveText('18 results');
  await expect(results.getByRole('option', { name: /Okonkwo, Ada/ })).toBeVisible();
  expect(await results.getByRole('option').count()).toBeLessThan(given.length);

  const highlighted = results.getByRole('option', { selected: true });
  const expectHighlighted = async (position: number) => {
    await expect(highlighted).toHaveAttribute('aria-posinset', String(position));
    await expect(highlighted).toContainText(`Okonkwo, ${given[position - 1]}`);
    await expect(highlighted).toBeInViewport();
    await expect(input).toHaveAttribute('aria-activedescendant', (await highlighted.getAttribute('id')) ?? '');
  };
  await expectHighlighted(1);
  await input.press('ArrowUp');
  await expectHighlighted(1);
  await input.press('PageDown');
  await expectHighlighted(9);
  await input.press('Control+End');
  await expectHighlighted(18);
  // The top rows scrolled out and are no longer rendered.
  await expect(results.getByRole('option', { name: /Okonkwo, Ada/ })).toHaveCount(0);
  await input.press('ArrowDown');
  await expectHighlighted(18);
  await input.press('PageUp');
  await expectHighlighted(10);
  await input.press('Control+Home');
  await expectHighlighted(1);
  // Plain End moves the caret in the box, not the highlight.
  await input.press('End');
  await expectHighlighted(1);

  // Scrolling with the mouse brings the last rows in; clicking one opens it.
  await results.hover();
  await page.mouse.wheel(0, 2_000);
  await results.getByRole('option', { name: /Okonkwo, Yael/ }).click();
  await expect(finder).toBeHidden();
  await expect(page.getByLabel('Selected patient')).toContainText('Okonkwo, Yael');
});
