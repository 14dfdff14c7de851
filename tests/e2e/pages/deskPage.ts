import { expect, type Locator, type Page } from '@playwright/test';

/** The administrator every end-to-end clinic is set up with. */
export const ADMIN = { name: 'Robin Admin', initials: 'RA', username: 'robin', password: 'correct horse battery', pin: '2468' };

export interface NewPatient {
  givenName: string;
  familyName: string;
  birthDate: string;
  phone: string;
}

/** The front desk as a person uses it: intent methods over role and label locators. */
export class DeskPage {
  readonly connectivity: Locator;
  readonly syncState: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.connectivity = page.getByTestId('connectivity');
    this.syncState = page.getByTestId('sync-state');
    this.main = page.getByRole('main');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** A password field by its exact label (the visibility toggle's label also says "password"). */
  secretField(scope: Locator | Page, label: string): Locator {
    return scope.getByRole('textbox', { name: label, exact: true });
  }

  /** First run on a new workstation: a new clinic and its first administrator. */
  async setUpNewClinic(admin: { name: string; initials: string; username: string; password: string; pin: string }, clinicName = 'Lakeside Health'): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New clinic' });
    await form.getByLabel('Clinic name').fill(clinicName);
    await form.getByLabel('Workstation prefix').fill('N2');
    await form.getByLabel('Full name').fill(admin.name);
    await form.getByLabel('Initials').fill(admin.initials);
    await form.getByLabel('User name').fill(admin.username);
    await this.secretField(form, 'PIN').fill(admin.pin);
    await this.secretField(form, 'Password').fill(admin.password);
    await this.secretField(form, 'Confirm password').fill(admin.password);
    await form.getByRole('button', { name: 'Set up the clinic' }).click();
    await expect(this.page.getByRole('form', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
  }

  /** A new clinic on this workstation, signed in as its first administrator. */
  async startNewClinic(url: string, admin: { name: string; initials: string; username: string; password: string; pin: string }): Promise<void> {
    await this.open(url);
    await this.setUpNewClinic(admin);
    await this.signIn(admin.username, admin.password);
  }

  /** Adds an insurance company to the clinic's payer list (Settings, managers). */
  async addPayer(name: string): Promise<void> {
    await this.goTo('Settings');
    await this.main.getByRole('button', { name: 'Add payer' }).click();
    const form = this.page.getByRole('form', { name: 'Add payer' });
    await form.getByLabel('Payer name').fill(name);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByRole('table', { name: 'Payers' })).toContainText(name);
  }

  async loadDemoClinic(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load the demo clinic' }).click();
    await expect(this.page.getByRole('form', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  }

  /**
   * First run on another workstation of the clinic, at a site: its records come down by sync.
   * Answers the join screen's "who can sign in" panel once the staff list has arrived in full.
   */
  async startJoiningClinic(server: { url: string; username: string; password: string; dbPrefix: string }, prefix: string, site = 'main'): Promise<Locator> {
    await this.page.locator('label').filter({ hasText: 'Join an existing clinic' }).click();
    const form = this.page.getByRole('form', { name: 'Join clinic' });
    await form.getByLabel('Server address').fill(server.url);
    await form.getByLabel('Database prefix').fill(server.dbPrefix);
    await form.getByLabel('Workstation user name').fill(server.username);
    await form.getByLabel('Workstation password').fill(server.password);
    await form.getByLabel("This workstation's site").fill(site);
    await form.getByLabel('Workstation prefix').fill(prefix);
    await form.getByRole('button', { name: 'Join the clinic' }).click();
    const who = form.getByRole('status', { name: 'Who can sign in' });
    await expect(who).toBeVisible();
    await expect(who).not.toContainText('Not known yet', { timeout: 30_000 });
    return who;
  }

  /** From the join screen, once the staff list is here, on to the sign-in screen. */
  async continueToSignIn(): Promise<void> {
    await this.page.getByRole('form', { name: 'Join clinic' }).getByRole('button', { name: 'Continue to sign-in' }).click();
    await expect(this.page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  }

  /** First run on another workstation of the clinic, through to the sign-in screen. */
  async joinClinic(server: { url: string; username: string; password: string; dbPrefix: string }, prefix: string): Promise<void> {
    await this.startJoiningClinic(server, prefix);
    await this.continueToSignIn();
  }

  async signIn(username: string, password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('User name').fill(username);
    await this.secretField(form, 'Password').fill(password);
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Patients', level: 2 })).toBeVisible();
  }

  async goTo(screen: 'Patients' | 'Schedule' | 'Check-in' | 'Payments' | 'Audit log' | 'Staff' | 'Settings' | 'Sync'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${screen}`) }).click();
    await expect(this.main.getByRole('heading', { level: 2 }).first()).toContainText(screen);
  }

  async configureSync(server: { url: string; username: string; password: string; dbPrefix: string }): Promise<void> {
    await this.goTo('Settings');
    const form = this.page.getByRole('form', { name: 'Sync server' });
    await form.getByLabel('Server address').fill(server.url);
    await form.getByLabel('Database prefix').fill(server.dbPrefix);
    await form.getByLabel('Sync user name').fill(server.username);
    await this.secretField(form, 'Sync password').fill(server.password);
    await form.getByRole('button', { name: 'Save and connect' }).click();
    await expect(this.page.getByText('Sync settings saved')).toBeVisible();
  }

  /** Moves this workstation to another site of the clinic (Settings, managers). */
  async setWorkstationSite(site: string): Promise<void> {
    await this.goTo('Settings');
    const form = this.page.getByRole('form', { name: 'Workstation' });
    await form.getByLabel('Site', { exact: true }).fill(site);
    await form.getByRole('button', { name: 'Save workstation' }).click();
    await expect(this.page.getByText('Workstation settings saved')).toBeVisible();
  }

  /** Opens the roles and sites of a person from the Staff screen; answers the dialog's form. */
  async openRolesAndSites(displayName: string): Promise<Locator> {
    await this.goTo('Staff');
    await this.main.getByRole('button', { name: `Actions for ${displayName}` }).click();
    await this.page.getByRole('menuitem', { name: 'Edit roles and sites' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Roles and sites of ${displayName}` });
    await expect(dialog).toBeVisible();
    return dialog.getByRole('form', { name: 'Roles and sites' });
  }

  /** The row of a person in the Staff screen's table. */
  staffRow(displayName: string): Locator {
    return this.page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: displayName });
  }

  async registerPatient(patient: NewPatient): Promise<void> {
    await this.goTo('Patients');
    await this.main.getByRole('button', { name: 'Register patient' }).click();
    const form = this.page.getByRole('form', { name: 'Register patient' });
    await form.getByLabel('First name').fill(patient.givenName);
    await form.getByLabel('Last name').fill(patient.familyName);
    await form.getByLabel('Date of birth').fill(patient.birthDate);
    await form.getByRole('textbox', { name: 'Phone', exact: true }).fill(patient.phone);
    await form.getByRole('button', { name: 'Save patient' }).click();
    await expect(form).toBeHidden();
  }

  /** Types part of a name into the finder and opens the one matching row. */
  async findPatient(text: string, displayName: string): Promise<void> {
    await this.goTo('Patients');
    await this.main.getByLabel('Find patient').fill(text);
    await this.page.getByRole('table', { name: 'Search results' }).getByRole('button', { name: displayName }).click();
    await expect(this.page.getByLabel('Selected patient')).toContainText(displayName);
  }

  /** Switches the Schedule screen between its day and week calendars and its list. */
  async scheduleView(view: 'Day' | 'Week' | 'List'): Promise<void> {
    await this.main.locator('label').filter({ hasText: new RegExp(`^${view}$`) }).click();
  }

  async bookToday(time: string, reason: string): Promise<void> {
    await this.page.getByLabel('Selected patient').getByRole('button', { name: 'Book appointment' }).click();
    const form = this.page.getByRole('form', { name: 'Book appointment' });
    await form.getByLabel('Time').selectOption(time);
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Book' }).click();
    await expect(this.page.getByText(/^Booked for/)).toBeVisible();
  }

  /** Starts a walk-in's check-in for a patient chosen by MRN (a Follow-up visit); answers their name as the list shows it. */
  async walkIn(mrn: string): Promise<string> {
    await this.goTo('Check-in');
    await this.main.getByRole('button', { name: 'Walk-in…' }).click();
    const form = this.page.getByRole('form', { name: 'Walk-in' });
    await form.getByRole('combobox', { name: 'Patient' }).fill(mrn.toLowerCase());
    const option = this.page.getByRole('option').filter({ hasText: mrn });
    const name = ((await option.textContent()) ?? '').split(' · ')[0]!;
    await option.click();
    await form.getByLabel('Visit type').selectOption({ label: 'Follow-up' });
    await form.getByRole('button', { name: 'Continue to check-in' }).click();
    await expect(this.checkInFlow).toBeVisible();
    return name;
  }

  async checkIn(displayName: string): Promise<void> {
    await this.goTo('Check-in');
    await this.main.getByRole('button', { name: `Check in ${displayName}` }).click();
    await this.completeCheckIn();
    const row = this.main.getByRole('row').filter({ hasText: displayName });
    await expect(row.getByText('Arrived', { exact: true })).toBeVisible();
  }

  /**
   * The open check-in flow's first steps for a patient whose details are unchanged: identity and
   * demographics read back, the insurance verified by phone when due (self-pay when there is none).
   */
  async confirmIdentityAndInsurance(): Promise<void> {
    const flow = this.checkInFlow;
    await flow.getByRole('button', { name: 'Identity confirmed' }).click();
    await flow.getByRole('button', { name: 'Nothing changed' }).click();
    const insurance = flow.getByRole('region', { name: 'Insurance' });
    const verify = insurance.getByRole('form', { name: 'Record verification' });
    if (await verify.isVisible()) {
      await verify.getByLabel('Verified by').selectOption({ label: 'Phone call to the payer' });
      await verify.getByLabel('Reference').fill('CALL-1001');
      await verify.getByRole('button', { name: 'Record verification' }).click();
    } else if (await insurance.getByRole('button', { name: 'Self-pay' }).isVisible()) {
      await insurance.getByRole('button', { name: 'Self-pay' }).click();
    }
    await expect(insurance.getByText('Done', { exact: true })).toBeVisible();
  }

  /** The check-in flow that is open. */
  get checkInFlow(): Locator {
    return this.page.getByRole('dialog', { name: /^Check in · / });
  }

  /**
   * Walks the open check-in flow as a desk would for a patient whose details are unchanged: reads
   * back identity and demographics, verifies the insurance by phone when it is due (self-pay when
   * there is none), marks the forms due signed on paper, defers the co-pay (or takes it with
   * `pay`), and completes the check-in.
   */
  async completeCheckIn({ pay = false }: { pay?: boolean } = {}): Promise<void> {
    const flow = this.checkInFlow;
    await this.confirmIdentityAndInsurance();
    const forms = flow.getByRole('region', { name: 'Forms' });
    if (await forms.getByRole('button', { name: 'All signed on paper' }).isVisible()) await forms.getByRole('button', { name: 'All signed on paper' }).click();
    else if (await forms.getByRole('button', { name: /signed on paper$/ }).isVisible()) await forms.getByRole('button', { name: /signed on paper$/ }).click();
    await expect(forms.getByText('Done', { exact: true })).toBeVisible();
    const money = flow.getByRole('region', { name: 'Co-pay and balance' });
    if (await money.getByRole('form', { name: 'Take payment' }).isVisible()) {
      if (pay) {
        await money.getByRole('button', { name: /^Collect / }).click();
      } else {
        await money.getByLabel('Or defer it').selectOption('Pays at check-out');
        await money.getByRole('button', { name: 'Defer co-pay' }).click();
      }
    }
    await expect(money.getByText('Done', { exact: true })).toBeVisible();
    await flow.getByRole('button', { name: 'Complete check-in' }).click();
    await expect(flow).toBeHidden();
  }

  /** Opens a patient's record with the finder and its Account tab; answers the tab. */
  async openAccount(displayName: string): Promise<Locator> {
    await this.findWithFinder(displayName.split(',')[0]!, displayName);
    await this.page.getByRole('tab', { name: /^Account/ }).click();
    return this.page.getByRole('tabpanel', { name: /^Account/ });
  }

  /** A person's pace between days: the clinic's clock (installed by the test) moves on; timers keep their own time, so the screen does not lock. */
  async laterDay(at: string): Promise<void> {
    await this.page.clock.setSystemTime(new Date(at));
    await this.page.mouse.move(7, 7);
    await this.page.clock.runFor(60_000);
  }

  /** Opens this workstation's cash drawer for the day with a float, as the desk does before taking cash or checks. */
  async openDrawer(float = '100.00'): Promise<void> {
    await this.goTo('Payments');
    const drawer = this.page.getByRole('region', { name: 'Cash drawer' });
    await drawer.getByLabel('Float ($)').fill(float);
    await drawer.getByRole('button', { name: 'Open drawer' }).click();
    await expect(drawer.getByTestId('drawer-status')).toHaveText('Open');
  }

  /** Takes a co-pay from the check-in list; returns the receipt number shown. */
  async collectCopay(displayName: string, amount: string, method: 'cash' | 'card' | 'check', reference = '', authCode = ''): Promise<string> {
    await this.goTo('Check-in');
    await this.main.getByRole('button', { name: `Collect co-pay from ${displayName}` }).click();
    const form = this.page.getByRole('form', { name: 'Take payment' });
    await form.getByLabel('Amount ($)').fill(amount);
    await form.getByLabel('Method').selectOption(method);
    if (reference) await form.getByLabel(/Check number|Card last 4 digits|Cash handed over/).fill(reference);
    if (authCode) await form.getByLabel('Authorization code').fill(authCode);
    await form.getByRole('button', { name: 'Take payment and print receipt' }).click();
    const outcome = this.page.getByTestId('payment-outcome');
    await expect(outcome).toContainText('Payment recorded');
    const title = (await outcome.textContent()) ?? '';
    const match = /Receipt ([A-Z][A-Z0-9]{0,3}-\d{6,})/.exec(title);
    if (!match?.[1]) throw new Error(`No receipt number in "${title}"`);
    return match[1];
  }

  /**
   * Finds a patient with the Ctrl+K finder from whatever screen is showing and opens their record:
   * by clicking their row, or with `keyboard` by typing, moving the highlight to the row with the
   * arrow keys and pressing Enter.
   */
  async findWithFinder(text: string, displayName: string, { keyboard = false }: { keyboard?: boolean } = {}): Promise<void> {
    await this.page.keyboard.press('Control+K');
    const finder = this.page.getByRole('dialog', { name: 'Find a patient' });
    const input = finder.getByRole('combobox', { name: 'Find patient' });
    await expect(input).toBeFocused();
    if (keyboard) await this.page.keyboard.type(text);
    else await input.fill(text);
    const results = finder.getByRole('listbox', { name: 'Search results' });
    await expect(results).not.toHaveAttribute('aria-busy', 'true');
    const row = results.getByRole('option').filter({ has: this.page.getByText(displayName, { exact: true }) });
    await expect(row).toBeVisible();
    if (keyboard) {
      const highlighted = Number(await results.getByRole('option', { selected: true }).getAttribute('aria-posinset'));
      const target = Number(await row.getAttribute('aria-posinset'));
      for (let i = highlighted; i < target; i++) await this.page.keyboard.press('ArrowDown');
      for (let i = highlighted; i > target; i--) await this.page.keyboard.press('ArrowUp');
      await expect(row).toHaveAttribute('aria-selected', 'true');
      await expect(input).toHaveAttribute('aria-activedescendant', (await row.getAttribute('id')) ?? '');
      await this.page.keyboard.press('Enter');
    } else {
      await row.click();
    }
    await expect(finder).toBeHidden();
    await expect(this.page.getByLabel('Selected patient')).toContainText(displayName);
  }
}
