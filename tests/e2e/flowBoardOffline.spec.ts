import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, openSyncedDesk, test } from './fixtures';

type Entry = { step: string; at: string; by: string; roomId: string; reason: string };

test('a patient moved at two workstations while offline keeps both steps after sync, and stands at the furthest', async ({ page, clinic }) => {
  const desk = await openSyncedDesk(page, clinic);
  await desk.registerPatient({ givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phone: '555-010-1234' });
  await desk.findPatient('doe', 'Doe, Jane');
  await desk.bookToday('17:00', 'Follow-up');
  await desk.checkIn('Doe, Jane');
  const visits = remoteDbName(clinic.dbPrefix, 'visits');
  await expect.poll(async () => (await clinic.couch.allDocs(visits)).length, { timeout: 20_000 }).toBe(1);
  const [stored] = await clinic.couch.allDocs(visits);

  // Offline, this desk sends the patient to the waiting room.
  await clinic.proxy.cut();
  await expect(desk.connectivity).toHaveText('Offline', { timeout: 20_000 });
  const board = desk.main.getByRole('region', { name: 'Flow board' });
  await board.getByRole('button', { name: 'Waiting: J. D.' }).click();
  await expect(board.getByRole('row', { name: 'J. D., Waiting' })).toBeVisible();

  // Meanwhile the desk at the south entrance records that she went home.
  const now = new Date().toISOString();
  const left: Entry = { step: 'left', at: now, by: 'South Desk', roomId: '', reason: 'Went home' };
  const put = await clinic.couch.request('PUT', `/${visits}/${stored!._id}`, {
    ...stored,
    step: 'left',
    timeline: [...(stored!['timeline'] as Entry[]), left],
    updatedAt: now,
    updatedBy: 'staff-south',
    siteId: 'south',
  });
  expect(put.status).toBe(201);
  await clinic.proxy.restore();

  // Both steps stand: she waited, then left; the board no longer lists her.
  await expect(board.getByTestId('wait-figures')).toContainText('Left without being seen: 1', { timeout: 30_000 });
  await expect(board.getByText('Nobody is waiting or being seen.')).toBeVisible();
  await expectNoAxeViolations(page, 'the flow board after a merge');
  await expect
    .poll(async () => {
      const [visit] = await clinic.couch.allDocs(visits);
      return { step: visit?.['step'], steps: (visit?.['timeline'] as Entry[] | undefined)?.map((e) => `${e.step} by ${e.by}`).sort() };
    }, { timeout: 20_000 })
    .toEqual({ step: 'left', steps: ['checked-in by Robin Admin', 'left by South Desk', 'waiting by Robin Admin'] });
});
