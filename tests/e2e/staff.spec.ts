import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { remoteDbName } from '../../src/shared/sync/collections';
import { expectNoAxeViolations } from './axe';
import { expect, startHostProcess, test } from './fixtures';
import { ADMIN, DeskPage } from './pages/deskPage';

const run = promisify(execFile);
const DEMO_PASSWORD = 'demo-clinic-2026';
test('a front-desk user is refused the audit log until a manager approves, and both are audited', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('frontdesk', DEMO_PASSWORD);

  await desk.goTo('Audit log');
  await expect(page.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText('Your role does not allow you to read the audit log');
  await expect(page.getByRole('table', { name: 'Audit entries' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the audit log, refused');

  await page.getByRole('button', { name: 'Ask a manager' }).click();
  const approval = page.getByRole('form', { name: 'Manager approval' });
  await approval.getByLabel('Manager user name').fill('manager');
  await desk.secretField(approval, 'Manager password').fill('not-the-password');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval.getByRole('alert')).toContainText('Wrong user name or password');
  await expectNoAxeViolations(page, 'the manager override dialog');
  await desk.secretField(approval, 'Manager password').fill(DEMO_PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();

  const table = page.getByRole('table', { name: 'Audit entries' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'manager-override' })).toContainText('Morgan Lee approved: read the audit log');
  await expect(table.getByRole('row').filter({ hasText: 'permission-refused' }).first()).toContainText('Dana Reyes');
  await expect(table.getByRole('row').filter({ hasText: 'sign-in-failed' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'the audit log');
  // Still the front-desk user at the desk: the approval did not sign the manager in.
  await expect(page.getByTestId('signed-in-as')).toHaveText('Dana Reyes');
});

test('a wrong password is refused; the screen locks when idle and unlocks by PIN with input intact; switch user, and back by PIN', async ({ page, clinic }) => {
  await page.clock.install();
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();

  const signIn = page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('User name').fill('frontdesk');
  await desk.secretField(signIn, 'Password').fill('guess-guess-guess');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Wrong user name or password.');
  await expectNoAxeViolations(page, 'the sign-in screen');
  await desk.signIn('frontdesk', DEMO_PASSWORD);

  await desk.main.getByRole('button', { name: 'Register patient' }).click();
  const form = page.getByRole('form', { name: 'Register patient' });
  await form.getByLabel('First name').fill('Half-typed');
  await form.getByLabel('Last name').fill('Entry');

  await page.clock.fastForward('05:30');
  const lock = page.getByRole('dialog', { name: 'Screen locked' });
  await expect(lock).toBeVisible();
  await expect(page.getByText('Half-typed')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Register patient' })).toBeHidden();

  await desk.secretField(lock, 'PIN').fill('9999');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toHaveText('Wrong PIN.');
  await expectNoAxeViolations(page, 'the lock screen');
  await desk.secretField(lock, 'PIN').fill('1111');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(form.getByLabel('First name')).toHaveValue('Half-typed');
  await expect(form.getByLabel('Last name')).toHaveValue('Entry');

  await page.keyboard.press('Control+l');
  await expect(lock).toBeVisible();
  await lock.getByRole('button', { name: 'Switch user' }).click();
  await desk.signIn('manager', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Morgan Lee');
  await expect(page.getByRole('form', { name: 'Register patient' })).toHaveCount(0);

  // Back to the front desk by PIN: she signed in with her password here today.
  await page.getByRole('button', { name: 'Sign out' }).click();
  const pinSignIn = page.getByRole('form', { name: 'Sign in' });
  await pinSignIn.getByRole('button', { name: 'Sign in with PIN' }).click();
  await pinSignIn.getByLabel('User name').fill('billing');
  await desk.secretField(pinSignIn, 'PIN').fill('2222');
  await pinSignIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(pinSignIn.getByRole('alert')).toContainText('Sign in with your password first today');
  await pinSignIn.getByLabel('User name').fill('frontdesk');
  await desk.secretField(pinSignIn, 'PIN').fill('1111');
  await pinSignIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Dana Reyes');
});

test('someone added at one workstation signs in at another after its sync, offline; a manager sees their view of a patient', async ({ page, browser, clinic }) => {
  const server = { url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix };
  const first = new DeskPage(page);
  await first.open(clinic.host.url);
  await first.setUpNewClinic(ADMIN);
  await first.signIn(ADMIN.username, ADMIN.password);
  await first.configureSync(server);
  await first.registerPatient({ givenName: 'Priya', familyName: 'Natarajan', birthDate: '1984-07-09', phone: '555-010-4444' });
  await expect(first.syncState).toHaveText('All changes synced', { timeout: 30_000 });

  const secondHost = await startHostProcess();
  const context = await browser.newContext();
  try {
    const second = new DeskPage(await context.newPage());
    await second.open(secondHost.url);
    await second.joinClinic(server, 'S1');
    // The clinic's details came down with its records.
    await expect(second.page.getByText('Lakeside Health')).toBeVisible({ timeout: 20_000 });
    // The satellite's internet goes down: its staff list came with the last sync, so sign-in works.
    clinic.proxy.cut();
    await expect(second.page.getByTestId('sign-in-connectivity')).toContainText('Offline', { timeout: 20_000 });
    await second.signIn(ADMIN.username, ADMIN.password);
    await second.findPatient('natara', 'Natarajan, Priya');
    await clinic.proxy.restore();
    await expect(second.syncState).toHaveText('All changes synced', { timeout: 30_000 });
  } finally {
    await context.close();
    await secondHost.stop();
  }

  await first.goTo('Audit log');
  const views = page.getByRole('table', { name: 'Audit entries' }).getByRole('row').filter({ hasText: 'Opened the patient record' });
  await expect(async () => {
    await first.goTo('Patients');
    await first.goTo('Audit log');
    await page.getByLabel('Patient name').fill('Natarajan');
    await expect(views).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});

test('audit:verify passes on the demo clinic and names the entry changed on a tampered copy', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('admin', DEMO_PASSWORD);
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });
  await expect(desk.syncState).toHaveText('All changes synced', { timeout: 60_000 });

  const credentials = new URL(clinic.couch.url);
  credentials.username = clinic.couch.username;
  credentials.password = clinic.couch.password;
  const verify = () => run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', credentials.href, '--prefix', clinic.dbPrefix]);
  const intact = await verify();
  expect(intact.stdout).toMatch(/chain intact/);
  expect(intact.stdout).not.toMatch(/BROKEN/);

  const db = remoteDbName(clinic.dbPrefix, 'audit');
  const entries = await clinic.couch.allDocs(db);
  expect(entries.length).toBeGreaterThan(50);
  const victim = entries.find((d) => d['action'] === 'create')!;
  await clinic.couch.putDoc(db, { ...victim, detail: 'Nothing to see here' });
  const broken = await verify().then(
    () => null,
    (error: { code: number; stdout: string }) => error,
  );
  expect(broken?.code).toBe(1);
  expect(broken?.stdout).toContain(`BROKEN at entry ${victim['seq']}`);
});

test('an administrator adds a person, who changes their own password; a manager resets it; front desk may not deactivate', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('admin', DEMO_PASSWORD);

  await desk.goTo('Staff');
  await desk.main.getByRole('button', { name: 'Add person' }).click();
  const add = page.getByRole('form', { name: 'Add staff' });
  await add.getByLabel('Full name').fill('Jo Park');
  await add.getByLabel('Initials').fill('jp');
  await add.getByLabel('User name').fill('JPark');
  await desk.secretField(add, 'First password').fill('first-password-1');
  await desk.secretField(add, 'PIN').fill('5555');
  await add.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: 'Jo Park' })).toContainText('jpark');
  await expectNoAxeViolations(page, 'Staff');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await desk.signIn('jpark', 'first-password-1');
  await desk.goTo('Staff');
  await desk.main.getByRole('button', { name: 'Change my password' }).click();
  const change = page.getByRole('form', { name: 'Change my password' });
  await desk.secretField(change, 'Current password').fill('first-password-1');
  await desk.secretField(change, 'New password').fill('second-password-2');
  await desk.secretField(change, 'Repeat new password').fill('second-password-2');
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden();

  // Front desk may not deactivate anyone: refused, and nothing changes.
  await page.getByRole('button', { name: 'Actions for Dana Reyes' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText('manage staff');
  await expect(page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: 'Dana Reyes' })).toContainText('active');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await desk.signIn('jpark', 'second-password-2');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await desk.signIn('manager', DEMO_PASSWORD);
  await desk.goTo('Staff');
  await page.getByRole('button', { name: 'Actions for Jo Park' }).click();
  await page.getByRole('menuitem', { name: 'Reset password' }).click();
  const reset = page.getByRole('form', { name: 'Reset password' });
  await desk.secretField(reset, 'New password').fill('manager-reset-3');
  await desk.secretField(reset, 'Repeat new password').fill('manager-reset-3');
  await reset.getByRole('button', { name: 'Save' }).click();
  await expect(reset).toBeHidden();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await desk.signIn('jpark', 'manager-reset-3');
});

test('an administrator adds a site to a person on the Staff screen and she can sign in there; the last administrator keeps that role', async ({ page, clinic }) => {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.loadDemoClinic();
  await desk.signIn('admin', DEMO_PASSWORD);
  // This workstation becomes the clinic's new satellite, where nobody but administrators works yet.
  await desk.setWorkstationSite('north');
  await page.getByRole('button', { name: 'Sign out' }).click();
  const signIn = page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('User name').fill('frontdesk');
  await desk.secretField(signIn, 'Password').fill(DEMO_PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Dana Reyes is not set up to work at site "north". An administrator can add the site to them on the Staff screen.');

  await desk.signIn('admin', DEMO_PASSWORD);
  const form = await desk.openRolesAndSites('Dana Reyes');
  await expect(form.getByRole('checkbox', { name: /^Front desk/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'main', exact: true })).toBeChecked();
  // By keyboard: the site of this workstation, and a site nobody works at yet.
  await form.getByRole('checkbox', { name: 'north (this workstation)' }).focus();
  await page.keyboard.press('Space');
  await form.getByLabel('Add a site').fill('lakeview');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('checkbox', { name: 'lakeview' })).toBeChecked();
  await form.getByRole('checkbox', { name: /^Billing/ }).click();
  await expectNoAxeViolations(page, 'the roles and sites dialog');
  await page.screenshot({ path: '/tmp/staff-edit.png' });

  // Nothing is saved without a role.
  await form.getByRole('checkbox', { name: /^Front desk/ }).click();
  await form.getByRole('checkbox', { name: /^Billing/ }).click();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText('Give at least one role')).toBeVisible();
  await expectNoAxeViolations(page, 'the roles and sites dialog with an error');
  await form.getByRole('checkbox', { name: /^Front desk/ }).click();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(desk.staffRow('Dana Reyes')).toContainText('main, north, lakeview');

  // The only administrator cannot give the role up: nobody could manage staff afterwards.
  const own = await desk.openRolesAndSites('Alex Kim');
  await own.getByRole('checkbox', { name: /^Administrator/ }).click();
  await own.getByRole('checkbox', { name: /^Manager/ }).click();
  await expect(own.getByRole('status')).toContainText('you can no longer manage staff');
  await own.getByRole('button', { name: 'Save changes' }).click();
  await expect(own.getByRole('alert')).toHaveText('Alex Kim is the only active administrator. Give someone else the administrator role first, or nobody could manage staff.');
  await page.keyboard.press('Escape');
  await expect(own).toBeHidden();
  await expect(desk.staffRow('Alex Kim')).toContainText('Administrator');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await desk.signIn('frontdesk', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Dana Reyes');

  // Handing the administrator role on: once Dana has it, Alex may give it up, and his session
  // loses it at once, without signing in again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await desk.signIn('admin', DEMO_PASSWORD);
  const dana = await desk.openRolesAndSites('Dana Reyes');
  await dana.getByRole('checkbox', { name: /^Administrator/ }).click();
  await dana.getByRole('button', { name: 'Save changes' }).click();
  await expect(dana).toBeHidden();
  const alex = await desk.openRolesAndSites('Alex Kim');
  await alex.getByRole('checkbox', { name: /^Administrator/ }).click();
  await alex.getByRole('checkbox', { name: /^Manager/ }).click();
  await alex.getByRole('button', { name: 'Save changes' }).click();
  await expect(alex).toBeHidden();
  await expect(desk.staffRow('Alex Kim')).toContainText('Manager');
  await page.getByRole('button', { name: 'Actions for Sam Okoro' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not allowed' })).toContainText('manage staff');
  await expect(desk.staffRow('Sam Okoro')).toContainText('active');
});

test('a workstation joining at a new site says only administrators can sign in there; once an administrator adds the site to a person, she can', async ({ page, browser, clinic }) => {
  const server = { url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix };
  const hq = new DeskPage(page);
  await hq.open(clinic.host.url);
  await hq.loadDemoClinic();
  await hq.signIn('admin', DEMO_PASSWORD);
  await hq.configureSync(server);
  await expect(hq.syncState).toHaveText('All changes synced', { timeout: 60_000 });

  const northHost = await startHostProcess();
  const context = await browser.newContext();
  try {
    const north = new DeskPage(await context.newPage());
    await north.open(northHost.url);
    const who = await north.startJoiningClinic(server, 'N1', 'north');
    await expect(who).toContainText('Only administrators can sign in at site “north” until an administrator adds the site to people on the Staff screen.');
    await expect(who).toContainText('Alex Kim');
    await expect(who).not.toContainText('Dana Reyes');
    await expectNoAxeViolations(north.page, 'the join screen, staff list arrived');
    await north.page.screenshot({ path: '/tmp/join-north.png' });
    // The list follows the site as it is chosen: everyone works at the clinic's main site.
    const siteField = north.page.getByRole('form', { name: 'Join clinic' }).getByLabel("This workstation's site");
    await siteField.fill('main');
    await expect(who).toContainText('Dana Reyes');
    await expect(who).not.toContainText('Only administrators');
    await siteField.fill('north');
    await north.continueToSignIn();

    // At headquarters, the administrator adds the new site to Dana on the Staff screen.
    const form = await hq.openRolesAndSites('Dana Reyes');
    await form.getByLabel('Add a site').fill('north');
    await form.getByRole('button', { name: 'Add site' }).click();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form).toBeHidden();
    await expect(hq.syncState).toHaveText('All changes synced', { timeout: 30_000 });

    // Once the change has synced to the satellite, she signs in there.
    const signIn = north.page.getByRole('form', { name: 'Sign in' });
    await expect(async () => {
      await signIn.getByLabel('User name').fill('frontdesk');
      await north.secretField(signIn, 'Password').fill(DEMO_PASSWORD);
      await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(north.page.getByTestId('signed-in-as')).toHaveText('Dana Reyes', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await context.close();
    await northHost.stop();
  }
});
