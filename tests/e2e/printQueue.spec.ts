import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readPdf } from '../support/printing';
import { expectNoAxeViolations } from './axe';
import { expect, test, withPrinterDesk } from './fixtures';

test('a receipt printer that is gone: the receipt waits in the print queue, the desk is told, and it is sent to another printer, retried or cancelled', async ({ page }) => {
  const pdfsIn = async (folder: string) => (await readdir(folder).catch(() => [])).filter((f) => f.endsWith('.pdf')).sort();
  // Every folder is a printer of the browser host: what prints there is written as a PDF.
  await withPrinterDesk(page, ['FrontDesk', 'Backup'], async (desk, { FrontDesk: frontDesk, Backup: backup }) => {
    await desk.goTo('Settings');
    const form = page.getByRole('form', { name: 'Workstation' });
    await form.getByLabel('Receipt printer').fill('FrontDesk');
    await form.getByLabel('Receipt copies').fill('2');
    await form.getByRole('button', { name: 'Save workstation' }).click();
    await expect(page.getByText('Workstation settings saved')).toBeVisible();
    await form.getByRole('button', { name: 'Test page on the receipt printer' }).click();
    await expect(page.getByText('Test page sent to "FrontDesk".')).toBeVisible();
    expect(await pdfsIn(frontDesk)).toHaveLength(1);

    // The receipt printer is unplugged; a payment is taken.
    await rm(frontDesk, { recursive: true });
    await desk.openDrawer();
    await desk.registerPatient({ givenName: 'Quinn', familyName: 'Queueing', birthDate: '04/05/1980', phone: '5550107788' });
    const account = await desk.openAccount('Queueing, Quinn');
    await account.getByRole('button', { name: 'Take payment' }).click();
    const pay = page.getByRole('form', { name: 'Take payment' });
    await pay.getByLabel('Amount ($)').fill('20.00');
    await pay.getByRole('button', { name: 'Take payment and print receipt' }).click();
    const outcome = page.getByTestId('payment-outcome');
    await expect(outcome).toContainText('Printer "FrontDesk" is not installed or not connected. The receipt was saved as a PDF and waits in the print queue, which tries it again.');
    const receipt = /Receipt ([A-Z][A-Z0-9]{0,3}-\d{6,})/.exec((await outcome.textContent()) ?? '')![1]!;

    // The desk is told, once per printer, and the status bar says what did not print.
    const notice = page.getByRole('alert').filter({ hasText: '1 document not printed on "FrontDesk"' });
    await expect(notice).toContainText('Printer "FrontDesk" is not installed or not connected. Tried again at');
    await expect(page.getByTestId('print-queue-button')).toHaveText('1 not printed');
    await notice.getByRole('button', { name: 'Open print queue' }).click();
    const queue = page.getByRole('dialog', { name: 'Print queue' });
    const job = queue.getByTestId('print-job').filter({ hasText: `Receipt ${receipt}` });
    await expect(job.getByTestId('print-job-state')).toHaveText('Not printed · retrying');
    await expect(job.getByTestId('print-job-reason')).toContainText('Printer "FrontDesk" is not installed or not connected · next try');
    await expectNoAxeViolations(page, 'the print queue with a job not printed');
    await queue.screenshot({ path: 'docs/images/print-queue.png' });

    // Sent to the other printer, it prints there at once.
    await job.getByRole('button', { name: `Send to… another printer: Receipt ${receipt} — Queueing, Quinn` }).click();
    await page.getByRole('menuitem', { name: 'Backup (folder)' }).click();
    await expect(job.getByTestId('print-job-state')).toHaveText('Printed');
    await expect(job).toContainText('Backup');
    // The original prints as many copies as the receipt printer is set to.
    expect(await pdfsIn(backup)).toHaveLength(2);
    const [onBackup] = await pdfsIn(backup);
    const printedThere = await readPdf(path.join(backup, onBackup!));
    expect(printedThere.text).toContain(receipt);
    expect(printedThere.text).toContain('Queueing, Quinn');
    expect(printedThere.text).not.toContain('COPY');
    await expect(page.getByTestId('print-queue-button')).toHaveText('Print queue');
    await page.keyboard.press('Escape');
    await expect(queue).toBeHidden();

    // A reprint from the printed documents, while the receipt printer is still gone, waits too;
    // once it is plugged back in, Retry prints it (marked COPY).
    await desk.goTo('Payments');
    const printed = page.getByRole('region', { name: 'Printed on this workstation' });
    await printed.getByRole('button', { name: `Reprint Receipt ${receipt} — Queueing, Quinn` }).click();
    await expect(page.getByTestId('print-queue-button')).toHaveText('1 not printed');
    await page.keyboard.press('Control+Shift+P');
    const copy = queue.getByTestId('print-job').filter({ hasText: `COPY — Receipt ${receipt}` });
    await expect(copy.getByTestId('print-job-state')).toHaveText('Not printed · retrying');
    await mkdir(frontDesk);
    await copy.getByRole('button', { name: `Retry COPY — Receipt ${receipt} — Queueing, Quinn` }).click();
    await expect(copy.getByTestId('print-job-state')).toHaveText('Printed');
    await expect(notice).toBeHidden();
    // A reprint is one copy.
    expect(await pdfsIn(frontDesk)).toHaveLength(1);
    const [onFrontDesk] = await pdfsIn(frontDesk);
    expect((await readPdf(path.join(frontDesk, onFrontDesk!))).text).toContain('COPY');

    // Another copy for a printer that is gone again is cancelled: the queue keeps it listed, nothing prints.
    await page.keyboard.press('Escape');
    await rm(frontDesk, { recursive: true });
    await printed.getByRole('button', { name: `Reprint Receipt ${receipt} — Queueing, Quinn` }).click();
    await expect(page.getByTestId('print-queue-button')).toHaveText('1 not printed');
    await page.getByTestId('print-queue-button').click();
    const second = queue.getByTestId('print-job').filter({ hasText: `COPY — Receipt ${receipt}` }).first();
    await expect(second.getByTestId('print-job-state')).toHaveText('Not printed · retrying');
    await second.getByRole('button', { name: `Cancel COPY — Receipt ${receipt} — Queueing, Quinn` }).click();
    await expect(second.getByTestId('print-job-state')).toHaveText('Cancelled');
    await expect(queue.getByTestId('print-job-state')).toHaveText(['Cancelled', 'Printed', 'Printed']);
    await expect(page.getByTestId('print-queue-button')).toHaveText('Print queue');
    await expectNoAxeViolations(page, 'the print queue after a retry and a cancel');
  });
});
