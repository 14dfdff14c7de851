import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, openSyncedDesk, test } from './fixtures';

test('a name changed at two workstations offline is kept both ways for review, and the choice is saved in the record and its history', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);

  await page.keyboard.press('Alt+9');
  await expect(desk.main.getByRole('heading', { name: 'Review conflicts', level: 2 })).toBeVisible();
  await expect(desk.main.getByText('Nothing to review')).toBeVisible();

  await desk.registerPatient({ givenName: 'Ines', familyName: 'Moreau', birthDate: '1975-06-01', phone: '555-010-4455' });
  const patients = remoteDbName(clinic.dbPrefix, 'patients');
  await expect.poll(async () => (await clinic.couch.allDocs(patients)).map((p) => p['familyName']), { timeout: 20_000 }).toEqual(['Moreau']);

  // Offline here, the desk corrects the last name; meanwhile another workstation changed it too.
  await clinic.proxy.cut();
  await expect(desk.connectivity).toHaveText('Offline', { timeout: 20_000 });
  await desk.findPatient('moreau', 'Moreau, Ines');
  const card = page.getByLabel('Selected patient');
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit patient' });
  await edit.getByLabel('Last name').fill('Moreau-Blanc');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  const [onServer] = await clinic.couch.allDocs(patients);
  const put = await clinic.couch.request('PUT', `/${patients}/${onServer!._id}`, {
    ...onServer,
    familyName: 'Morel',
    updatedAt: new Date(Date.now() + 60_000).toISOString(),
    updatedBy: 'staff-south',
    siteId: 'south',
  });
  expect(put.status).toBe(201);
  await clinic.proxy.restore();

  // Sync keeps the later name in the record and both for a person; the status bar says so anywhere.
  await desk.goTo('Patients');
  await expect(page.getByTestId('conflicts-to-review')).toHaveText('1 conflict to review', { timeout: 30_000 });
  await page.getByTestId('conflicts-to-review').click();
  const conflict = desk.main.getByTestId('conflict');
  await expect(conflict).toHaveCount(1, { timeout: 30_000 });
  await expect(conflict.getByRole('heading', { level: 3 })).toHaveText(/Ines.* · Name$/);
  await expect(conflict.getByTestId('version-value')).toHaveText(['Ines Moreau-Blanc', 'Ines Morel']);
  await expect(conflict).toContainText('Robin Admin at site main');
  await expect(conflict).toContainText('staff-south at site south');
  await expect(conflict.getByText('In the record now')).toHaveCount(1);
  await expect(conflict.getByTestId('version').nth(1)).toContainText('In the record now');
  await expectNoAxeViolations(page, 'the conflicts to review');
  await page.screenshot({ path: test.info().outputPath('review-conflicts.png'), fullPage: true });

  // Keeping the name typed here writes it into the record, everywhere, and into its history.
  await conflict.getByRole('button', { name: 'Keep version A: Ines Moreau-Blanc' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('conflicts-to-review')).toHaveCount(0);
  await expect(desk.main.getByText('Nothing to review')).toBeVisible();
  const decided = desk.main.getByRole('table', { name: 'Decided recently' });
  await expect(decided.getByRole('row').nth(1)).toContainText('Ines Moreau-Blanc');
  await expect(decided.getByRole('row').nth(1)).toContainText('Robin Admin');
  await expectNoAxeViolations(page, 'a decided conflict');
  await page.screenshot({ path: test.info().outputPath('review-conflicts-decided.png'), fullPage: true });
  await expect.poll(async () => (await clinic.couch.allDocs(patients)).map((p) => p['familyName']), { timeout: 20_000 }).toEqual(['Moreau-Blanc']);
  const [decision] = await clinic.couch.allDocs(remoteDbName(clinic.dbPrefix, 'conflicts'));
  expect(decision).toMatchObject({ status: 'resolved', kept: 0 });

  await desk.findPatient('moreau', 'Moreau-Blanc, Ines');
  await card.getByRole('tab', { name: 'History' }).click();
  const history = card.getByRole('table', { name: 'Edit history' });
  await expect(history.getByRole('row').filter({ hasText: 'Morel → Moreau-Blanc' })).toHaveCount(1);
});
