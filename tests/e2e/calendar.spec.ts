import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { test } from './fixtures';
import { DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';
const run = promisify(execFile);
/** The demo clinic's providers keep 8:00 to 17:00 on weekdays, so the grid starts at 8 AM. */
const FIRST_HOUR = 8;

/** The middle of a 15-minute slot of a provider's column in the day view. */
async function slotPoint(page: Page, column: number, time: string, offsetY = 0.5): Promise<{ x: number; y: number }> {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const hour = page.locator('.rbc-time-gutter .rbc-timeslot-group').nth(h - FIRST_HOUR);
  const col = page.locator('.rbc-time-content > .rbc-day-slot').nth(column);
  await hour.scrollIntoViewIfNeeded();
  const hb = (await hour.boundingBox())!;
  const cb = (await col.boundingBox())!;
  return { x: cb.x + cb.width / 2, y: hb.y + (hb.height * (m + 15 * offsetY)) / 60 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Keeps the workstation's appointments store busy (a write transaction that does not end) until the
 * returned function is called: every read and write of appointments waits, as on a slow disk.
 */
async function holdAppointmentsStore(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.includes('--appointments'));
    if (!name) throw new Error('No appointments database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const held = window as unknown as { appointmentsHeld: boolean };
    held.appointmentsHeld = true;
    // Every store of it (documents, changes, attachments): reads wait as well as writes.
    const store = db.transaction(Array.from(db.objectStoreNames), 'readwrite').objectStore(db.objectStoreNames[0]!);
    const keepBusy = () => {
      if (held.appointmentsHeld) store.count().onsuccess = keepBusy;
      else db.close();
    };
    keepBusy();
  });
  return async () => {
    await page.evaluate(() => {
      (window as unknown as { appointmentsHeld: boolean }).appointmentsHeld = false;
    });
  };
}

/** The demo clinic loaded on a new workstation, signed in, on the Schedule screen. */
async function demoSchedule(page: Page, url: string, user: 'frontdesk' | 'manager'): Promise<DeskPage> {
  const desk = new DeskPage(page);
  await desk.open(url);
  await desk.loadDemoClinic();
  await desk.signIn(user, DEMO_PASSWORD);
  await desk.goTo('Schedule');
  return desk;
}

test.beforeEach(async ({ page }) => {
  // A Wednesday morning before opening, so every provider's day is ahead.
  await page.clock.install({ time: new Date('2026-12-09T07:30:00') });
});

test('the day calendar: book an open time of a provider by click, drag it later, stretch it, move it by keyboard; the week of one provider', async ({ page, clinic }) => {
  const desk = await demoSchedule(page, clinic.host.url, 'frontdesk');
  const calendar = page.getByRole('group', { name: 'Day calendar' });
  await expect(page.getByRole('heading', { name: 'Wednesday, December 9, 2026' })).toBeVisible();
  await expect(calendar.locator('.rbc-event.visit').first()).toBeVisible({ timeout: 20_000 });
  await expect(calendar.locator('.rbc-row-resource')).toContainText(['Dr. Ana Ruiz, MD', 'Dr. Miriam Cohen, MD', 'Dr. Samuel Okoye, DO', 'Lena Park, NP']);
  await page.screenshot({ path: test.info().outputPath('day.png') });
  await expectNoAxeViolations(page, 'the day calendar');
  const someone = (await calendar.locator('.rbc-event.visit .visit-name').first().textContent())!;

  // Click Lena Park's 4:00 PM: the booking form opens for her at that time.
  const at4 = await slotPoint(page, 3, '16:00');
  await page.mouse.click(at4.x, at4.y);
  const form = page.getByRole('form', { name: 'Book appointment' });
  await expect(page.getByRole('dialog', { name: 'Book with Lena Park, NP' })).toBeVisible();
  await expect(form.getByLabel('Provider')).toHaveValue(/.+/);
  await expect(form.getByLabel('Time')).toHaveValue('16:00');
  const [family, given] = someone.split(', ') as [string, string];
  await form.getByRole('combobox', { name: 'Patient' }).fill(family.split(' ')[0]!);
  await page.getByRole('option').filter({ hasText: family.split(' ')[0]! }).filter({ hasText: given }).first().click();
  await form.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await expectNoAxeViolations(page, 'booking from the calendar');
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // The grid's own drawing of the visit (a dropped visit's drag preview stays a moment, while it is saved).
  const booked = calendar.locator('.rbc-day-slot').nth(3).locator('.rbc-event.visit:not(.rbc-addons-dnd-drag-preview)').filter({ hasText: someone });
  await expect(booked).toHaveAttribute('title', /^4:00 PM – 4:20 PM:/);

  // Drag it an hour earlier, then stretch its end by 20 minutes. Watched: whether it is marked as
  // saving, and whether, once dropped, it is ever drawn back where it was (the drag preview gone).
  const visitId = (await booked.locator('[data-visit-id]').getAttribute('data-visit-id'))!;
  await page.evaluate((id) => {
    const seen = window as unknown as { savingMarked: boolean; dropped: string | null; drawnBack: boolean };
    Object.assign(seen, { savingMarked: false, dropped: null, drawnBack: false });
    const visit = () => Array.from(document.querySelectorAll(`[data-visit-id="${id}"]`), (e) => e.closest('.rbc-event')).find((e) => e && !e.classList.contains('rbc-addons-dnd-drag-preview'));
    window.addEventListener('mousedown', () => (seen.dropped = null), true);
    window.addEventListener('mouseup', () => (seen.dropped = visit()?.getAttribute('title') ?? ''), true);
    new MutationObserver(() => {
      if (document.querySelector('.visit-saving')) seen.savingMarked = true;
      if (seen.dropped && !document.querySelector('.rbc-addons-dnd-drag-preview') && visit()?.getAttribute('title') === seen.dropped) seen.drawnBack = true;
    }).observe(document.querySelector('.clinic-calendar')!, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'title'] });
  }, visitId);
  const watched = () =>
    page.evaluate(() => {
      const { savingMarked, drawnBack } = window as unknown as { savingMarked: boolean; drawnBack: boolean };
      return { savingMarked, drawnBack };
    });
  const box = (await booked.boundingBox())!;
  const to3 = await slotPoint(page, 3, '15:00', 0.2);
  await drag(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, { x: box.x + box.width / 2, y: to3.y + box.height / 2 });
  await expect(booked).toHaveAttribute('title', /^3:00 PM – 3:20 PM:/);
  // A quick save is not marked as saving (the mark would only flicker).
  expect(await watched()).toEqual({ savingMarked: false, drawnBack: false });

  // Stretched while the disk is held busy: drawn stretched after a moment, marked as saving until
  // the save is done, never drawn back meanwhile.
  const moved = (await booked.boundingBox())!;
  await booked.hover();
  const edge = booked.locator('.rbc-addons-dnd-resize-ns-anchor').last();
  const eb = (await edge.boundingBox())!;
  const to345 = await slotPoint(page, 3, '15:45', 0.2);
  const releaseForResize = await holdAppointmentsStore(page);
  await drag(page, { x: eb.x + eb.width / 2, y: eb.y + eb.height / 2 }, { x: moved.x + moved.width / 2, y: to345.y });
  await expect(booked).toHaveAttribute('title', /^3:00 PM – 3:45 PM:/);
  await expect(booked).toHaveClass(/visit-saving/);
  await releaseForResize();
  await expect(booked).not.toHaveClass(/visit-saving/);
  await expect(booked).toHaveAttribute('title', /^3:00 PM – 3:45 PM:/);
  expect((await watched()).drawnBack).toBe(false);

  // Keyboard: Alt+Down moves it a slot later; Enter opens it. The disk is held busy meanwhile: the
  // visit is drawn where it goes at once, marked as saving until the save is done.
  const release = await holdAppointmentsStore(page);
  await booked.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(booked).toHaveAttribute('title', /^3:15 PM – 4:00 PM:/);
  await expect(booked).toHaveClass(/visit-saving/);
  await release();
  await expect(booked).not.toHaveClass(/visit-saving/);
  await expect(booked).toHaveAttribute('title', /^3:15 PM – 4:00 PM:/);
  await booked.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: new RegExp(someone) });
  await expect(panel.getByRole('table', { name: 'Visit' })).toContainText('3:15 PM to 4:00 PM');
  await expectNoAxeViolations(page, 'a visit opened from the calendar');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Dropped on Dr. Ana Ruiz's 3:30, taken: refused (the dialog asks whether to move it anyway), and
  // the visit is where it was, the drag's preview gone.
  const taken = await slotPoint(page, 0, '15:30', 0.2);
  const before = (await booked.boundingBox())!;
  await drag(page, { x: before.x + before.width / 2, y: before.y + before.height / 2 }, { x: taken.x, y: taken.y + before.height / 2 });
  const refused = page.getByRole('dialog', { name: 'Move this visit?' });
  await expect(refused).toBeVisible();
  await expect(calendar.locator('.rbc-addons-dnd-drag-preview')).toHaveCount(0);
  await expect(booked).toHaveAttribute('title', /^3:15 PM – 4:00 PM:/);
  await page.keyboard.press('Escape');
  await expect(refused).toBeHidden();
  await expect(booked).toHaveAttribute('title', /^3:15 PM – 4:00 PM:/);

  // Keyboard on the grid: Enter puts a cursor on the first open time, arrows move it, Enter books it.
  await calendar.focus();
  await page.keyboard.press('Enter');
  const columns = calendar.locator('.rbc-time-content > .rbc-day-slot');
  await expect(columns.nth(0).locator('.slot-cursor')).toHaveCount(1);
  await expect(page.getByText('Dr. Ana Ruiz, MD, 8:00 AM, open')).toBeAttached();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
  await expect(page.getByText('Dr. Samuel Okoye, DO, 8:30 AM, open')).toBeAttached();
  await expect(calendar.locator('.slot-cursor')).toHaveCount(1);
  await expect(columns.nth(2).locator('.slot-cursor')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Book with Dr. Samuel Okoye, DO' })).toBeVisible();
  await expect(form.getByLabel('Time')).toHaveValue('08:30');
  // Escape closes the form; once it is closed and the grid has the focus back, Escape takes the cursor off.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(calendar).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(calendar.locator('.slot-cursor')).toHaveCount(0);

  // The next day, and a date typed in, are drawn in the same columns (their elements are kept,
  // only the visits change), each once with its own visits.
  const firstColumn = columns.first();
  await firstColumn.evaluate((el) => el.setAttribute('data-kept', 'yes'));
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByRole('heading', { name: 'Thursday, December 10, 2026' })).toBeVisible();
  await expect(calendar.locator('.rbc-event.visit').first()).toBeVisible();
  await page.getByLabel('Go to date').fill('2026-12-16');
  await expect(page.getByRole('heading', { name: 'Wednesday, December 16, 2026' })).toBeVisible();
  await expect(calendar.locator('.rbc-event.visit').first()).toBeVisible();
  await expect(calendar.locator('.visit-name').filter({ hasText: '…' })).toHaveCount(0);
  await expect(firstColumn).toHaveAttribute('data-kept', 'yes');
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Wednesday, December 9, 2026' })).toBeVisible();

  // A typed date whose visits take a while to read (the disk held busy): the day on screen stays,
  // and after a moment the date bar says which day is being opened.
  // Nothing moves when it appears.
  const releaseForDate = await holdAppointmentsStore(page);
  const gridAt = (await calendar.boundingBox())!;
  await page.getByLabel('Go to date').fill('2027-01-06');
  const opening = page.getByRole('status').getByText('Opening Wed, Jan 6…');
  await expect(opening).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wednesday, December 9, 2026' })).toBeVisible();
  expect(await calendar.boundingBox()).toEqual(gridAt);
  await page.screenshot({ path: test.info().outputPath('opening-a-date.png') });
  await expectNoAxeViolations(page, 'a typed date being opened');
  await releaseForDate();
  await expect(page.getByRole('heading', { name: 'Wednesday, January 6, 2027' })).toBeVisible();
  await expect(opening).toHaveCount(0);
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Wednesday, December 9, 2026' })).toBeVisible();

  await desk.scheduleView('Week');
  const week = page.getByRole('group', { name: 'Week calendar of Dr. Ana Ruiz, MD' });
  await expect(week.locator('.rbc-event.visit').first()).toBeVisible();
  await expect(week.locator('.visit-name').filter({ hasText: '…' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('week.png') });
  await expectNoAxeViolations(page, 'the week calendar');
  // In the week, the arrows move the cursor from day to day (the week starts on Sunday).
  await week.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Thursday, Dec 10, 8:00 AM, open')).toBeAttached();
  await expect(week.locator('.rbc-time-content > .rbc-day-slot').nth(4).locator('.slot-cursor')).toHaveCount(1);
});

test('a weekly repeating visit: booked four times from the calendar, one visit moved alone, the last two cancelled together', async ({ page, clinic }) => {
  const desk = await demoSchedule(page, clinic.host.url, 'frontdesk');
  const calendar = page.getByRole('group', { name: 'Day calendar' });
  await expect(calendar.locator('.rbc-event.visit').first()).toBeVisible({ timeout: 20_000 });
  const someone = (await calendar.locator('.rbc-event.visit .visit-name').first().textContent())!;
  const [family, given] = someone.split(', ') as [string, string];

  const at4 = await slotPoint(page, 3, '16:00');
  await page.mouse.click(at4.x, at4.y);
  const form = page.getByRole('form', { name: 'Book appointment' });
  await form.getByRole('combobox', { name: 'Patient' }).fill(family.split(' ')[0]!);
  await page.getByRole('option').filter({ hasText: family.split(' ')[0]! }).filter({ hasText: given }).first().click();
  await form.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await form.getByLabel('Repeats').check();
  await form.getByLabel('Visits').fill('1');
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('A repeating visit happens 2 to 200 times.');
  await form.getByLabel('Visits').fill('4');
  await expectNoAxeViolations(page, 'booking a repeating visit');
  await form.screenshot({ path: test.info().outputPath('repeating.png') });
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByText('Booked 4 visits from 2026-12-09 at 4:00 PM')).toBeVisible();
  const lena = calendar.locator('.rbc-day-slot').nth(3);
  const mine = lena.locator('.rbc-event.visit').filter({ hasText: someone });
  await expect(mine).toHaveAttribute('title', /^4:00 PM – 4:20 PM:/);
  await expect(mine.locator('.visit-repeat')).toBeVisible();

  // The second visit, alone, half an hour later.
  await page.getByLabel('Go to date').fill('2026-12-16');
  await expect(mine).toHaveAttribute('title', /^4:00 PM – 4:20 PM:/);
  await mine.click();
  const panel = page.getByRole('dialog', { name: new RegExp(someone) });
  await expect(panel.getByRole('table', { name: 'Visit' })).toContainText('Part of a repeating series');
  await panel.getByRole('button', { name: 'Reschedule…' }).click();
  const move = page.getByRole('form', { name: 'Reschedule' });
  await move.getByLabel('Time').fill('16:30');
  await expect(move.getByLabel('This visit only')).toBeChecked();
  await expectNoAxeViolations(page, 'moving one visit of a series');
  await move.getByRole('button', { name: 'Move visit' }).click();
  await expect(mine).toHaveAttribute('title', /^4:30 PM – 4:50 PM:/);

  // From the third on, cancelled together.
  await page.getByLabel('Go to date').fill('2026-12-23');
  await expect(mine).toHaveAttribute('title', /^4:00 PM – 4:20 PM:/);
  await mine.click();
  await panel.getByRole('button', { name: 'Cancel visit…' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel appointment' });
  await cancel.getByLabel('Why').selectOption({ label: 'Patient cancelled' });
  await cancel.getByLabel('This visit and the later ones of the series').check();
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(page.getByText('This visit and the later ones cancelled')).toBeVisible();
  await expect(mine).toHaveCount(0);
  await page.getByLabel('Go to date').fill('2026-12-30');
  await desk.scheduleView('List');
  // The demo clinic sees some patients weekly too: the rows of this series are the afternoon ones.
  await expect(page.getByRole('table', { name: 'Appointments on 2026-12-30' }).getByRole('row').filter({ hasText: someone }).filter({ hasText: '4:00 PM' })).toContainText('Cancelled');
  await page.getByLabel('Go to date').fill('2026-12-16');
  await expect(page.getByRole('table', { name: 'Appointments on 2026-12-16' }).getByRole('row').filter({ hasText: someone }).filter({ hasText: '4:30 PM' })).toContainText('Booked');
});

test('a patient waiting for an afternoon with Lena Park is offered the time a cancellation frees, and booked into it in one click', async ({ page, clinic }) => {
  await demoSchedule(page, clinic.host.url, 'frontdesk');
  const calendar = page.getByRole('group', { name: 'Day calendar' });
  await expect(calendar.locator('.rbc-event.visit').nth(1)).toBeVisible({ timeout: 20_000 });
  const names = await calendar.locator('.rbc-event.visit .visit-name').allTextContents();
  const waiting = names[0]!;
  const leaving = names.find((n) => n !== waiting && n.split(', ')[0]!.split(' ')[0] !== waiting.split(', ')[0]!.split(' ')[0])!;
  const choose = async (form: Locator, who: string) => {
    const [family, given] = who.split(', ') as [string, string];
    await form.getByRole('combobox', { name: 'Patient' }).fill(family.split(' ')[0]!);
    await page.getByRole('option').filter({ hasText: family.split(' ')[0]! }).filter({ hasText: given }).first().click();
  };
  const at4 = await slotPoint(page, 3, '16:00');
  const form = page.getByRole('form', { name: 'Book appointment' });

  // The first patient goes on the waitlist: Lena Park, Wednesday afternoons.
  await page.mouse.click(at4.x, at4.y);
  await choose(form, waiting);
  await form.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await form.getByLabel('Part of the day').selectOption({ label: 'Afternoons' });
  await form.getByText('Wed', { exact: true }).click();
  await form.getByRole('button', { name: 'Add to waitlist' }).click();
  await expect(page.getByText('Added to the waitlist for Follow-up with Lena Park, NP')).toBeVisible();
  // The demo clinic has two patients waiting already.
  await page.getByRole('button', { name: 'Waitlist (3)' }).click();
  const drawer = page.getByRole('dialog', { name: 'Waitlist (3)' });
  await expect(drawer.getByRole('table', { name: 'Waitlist' }).getByRole('row').filter({ hasText: waiting })).toContainText('Afternoons, Wed');
  await expectNoAxeViolations(page, 'the waitlist');
  await drawer.screenshot({ path: test.info().outputPath('waitlist.png') });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Another patient holds Lena's 4:00 PM, then cancels: the time is offered to the waiting patient.
  const again = await slotPoint(page, 3, '16:00');
  await page.mouse.click(again.x, again.y);
  await choose(form, leaving);
  await form.getByLabel('Type').selectOption({ label: 'Follow-up (20 min)' });
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  const lena = calendar.locator('.rbc-day-slot').nth(3);
  await lena.locator('.rbc-event.visit').filter({ hasText: leaving }).click();
  await page.getByRole('button', { name: 'Cancel visit…' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel appointment' });
  await cancel.getByLabel('Why').selectOption({ label: 'Patient cancelled' });
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  const freed = page.getByRole('region', { name: 'Time freed' });
  await expect(freed).toContainText('A time came free: Lena Park, NP, Wed, Dec 9 at 4:00 PM');
  await expect(freed).toContainText(waiting);
  await expectNoAxeViolations(page, 'a freed time offered to the waitlist');
  await page.screenshot({ path: test.info().outputPath('freed.png') });
  await freed.getByRole('button', { name: `Book ${waiting} into this time` }).click();
  await expect(freed).toBeHidden();
  await expect(lena.locator('.rbc-event.visit').filter({ hasText: waiting })).toHaveAttribute('title', /^4:00 PM – 4:20 PM:/);
  await expect(page.getByRole('button', { name: 'Waitlist (2)' })).toBeVisible();
});

test('tomorrow’s reminder calls: a result recorded on the visit, and the list exported as CSV through main', async ({ page, clinic }) => {
  await demoSchedule(page, clinic.host.url, 'manager');
  await page.getByRole('button', { name: 'Reminder calls' }).click();
  const drawer = page.getByRole('dialog', { name: 'Reminder calls' });
  await expect(drawer.getByLabel('Visits on')).toHaveValue('2026-12-10');
  const calls = drawer.getByRole('table', { name: 'Reminder calls' });
  const first = calls.getByRole('row').nth(1);
  await expect(first).toBeVisible({ timeout: 20_000 });
  const patient = (await first.getByRole('cell').nth(1).textContent())!;
  await first.getByRole('combobox', { name: `Call result for ${patient}` }).selectOption({ label: 'Confirmed' });
  await expect(first).toContainText('Morgan Lee, Dec 9');
  await expectNoAxeViolations(page, 'the reminder call list');
  await drawer.screenshot({ path: test.info().outputPath('reminders.png') });
  await drawer.getByRole('button', { name: 'Export CSV' }).click();
  const saved = page.getByRole('alert').filter({ hasText: 'Reminder list exported' });
  await expect(saved).toBeVisible();
  const dir = path.join(clinic.host.dataDir, 'exports');
  const [file] = (await readdir(dir)).filter((f) => f.startsWith('reminder-calls-csv-'));
  const csv = await readFile(path.join(dir, file!), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Date,Time,Patient,Provider,Phone,Contact by,Texts OK,Result,Called at,Called by');
  expect(csv.split('\r\n').find((line) => line.includes(patient.split(',')[0]!))).toContain('Confirmed');

  await drawer.getByRole('button', { name: 'Print list' }).click();
  const printed = page.getByRole('alert').filter({ hasText: 'Reminder list printed' });
  const listPdf = /\((\d{4}-\d{2}-\d{2}\/reminder-calls-[\w-]+\.pdf)\)/.exec((await printed.textContent())!)![1]!;
  const listText = await pdfText(path.join(clinic.host.dataDir, 'printed', listPdf), test.info().outputPath('reminder-list'));
  expect(listText).toContain('Reminder calls');
  expect(listText).toContain('Thursday, December 10, 2026');
  expect(listText).toContain(patient);
  expect(listText).toContain('Confirmed');
});

test('the printed day schedule of a provider and a patient’s appointment card, kept as PDFs by main', async ({ page, clinic }) => {
  await demoSchedule(page, clinic.host.url, 'frontdesk');
  const calendar = page.getByRole('group', { name: 'Day calendar' });
  const first = calendar.locator('.rbc-day-slot').nth(0).locator('.rbc-event.visit').first();
  await expect(first).toBeVisible({ timeout: 20_000 });
  const patient = (await first.locator('.visit-name').textContent())!;
  const count = await calendar.locator('.rbc-day-slot').nth(0).locator('.rbc-event.visit').count();

  await page.getByRole('button', { name: 'Print day…' }).click();
  const form = page.getByRole('form', { name: 'Print day schedule' });
  await expect(form.getByLabel('Provider')).toHaveValue(/.+/);
  await expectNoAxeViolations(page, 'printing a day schedule');
  await form.getByRole('button', { name: 'Print' }).click();
  const printed = page.getByRole('alert').filter({ hasText: 'Day schedule printed' });
  await expect(printed).toContainText('No document printer is set up; the schedule was saved as a PDF.');
  const dayPdf = /\((\d{4}-\d{2}-\d{2}\/day-schedule-[\w-]+\.pdf)\)/.exec((await printed.textContent())!)![1]!;
  const dayText = await pdfText(path.join(clinic.host.dataDir, 'printed', dayPdf), test.info().outputPath('day-schedule'));
  expect(dayText).toContain('Dr. Ana Ruiz, MD');
  expect(dayText).toContain('Wednesday, December 9, 2026');
  expect(dayText).toContain(`${count} visit`);
  expect(dayText).toContain(patient);
  expect(dayText).toContain('Printed Dec 9, 2026');

  await first.click();
  await page.getByRole('button', { name: 'Print card' }).click();
  const carded = page.getByRole('alert').filter({ hasText: 'Appointment card printed' });
  await expect(carded).toBeVisible();
  const cardPdf = /\((\d{4}-\d{2}-\d{2}\/appointment-card-[\w-]+\.pdf)\)/.exec((await carded.textContent())!)![1]!;
  const cardText = await pdfText(path.join(clinic.host.dataDir, 'printed', cardPdf), test.info().outputPath('card'));
  expect(cardText).toContain(patient);
  expect(cardText).toContain('Riverside Family Clinic');
  expect(cardText).toMatch(/Wednesday, December 9, 2026 at \d{1,2}:\d\d (AM|PM)/);
  expect(cardText).toContain('To cancel or change a visit, please call');
});

/** The text of a printed PDF (spaces and line breaks as single spaces), and its first page as a PNG beside the test's output to look at. */
async function pdfText(file: string, png: string): Promise<string> {
  await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, png]);
  return (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
}

test.describe('at the end of the day', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.install({ time: new Date('2026-12-09T17:30:00') });
  });

  test('the booked visits never checked in are listed, one marked a no-show, then the rest at once', async ({ page, clinic }) => {
    const desk = await demoSchedule(page, clinic.host.url, 'frontdesk');
    const missed = page.getByRole('region', { name: 'Not checked in' });
    await expect(missed).toBeVisible({ timeout: 20_000 });
    const before = await missed.getByRole('listitem').count();
    expect(before).toBeGreaterThan(1);
    await expectNoAxeViolations(page, 'the end-of-day list of visits never checked in');
    await missed.screenshot({ path: test.info().outputPath('not-checked-in.png') });
    await missed.getByRole('button', { name: /^No-show: mark / }).first().click();
    await expect(missed.getByRole('listitem')).toHaveCount(before - 1);
    await missed.getByRole('button', { name: `Mark all ${before - 1} as no-shows` }).click();
    await expect(missed).toBeHidden();
    await desk.scheduleView('List');
    await expect(page.getByRole('table', { name: "Today's appointments" }).getByText('No-show')).toHaveCount(before);
  });
});
