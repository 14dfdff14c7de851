import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/ipc/envelope';
import { PrintResultSchema, type PrintedDocument } from '../../../src/shared/print/channels';
import type { PageSpec, PdfRenderer, Printer, PrintJob } from '../../../src/main/print/pdf';
import { createPrintService, type PrintServiceDeps } from '../../../src/main/print/printService';
import { JaneDoeCopayReceipt, ScriptNameReceipt } from '../../fixtures/receipts';
import { JaneDoeForm } from '../../fixtures/forms';

/** Records what it renders and returns the HTML itself as the "PDF" bytes. */
function fakePdf() {
  const rendered: Array<{ html: string; page: PageSpec }> = [];
  const renderer: PdfRenderer = {
    async render(html, page) {
      rendered.push({ html, page });
      return new TextEncoder().encode(`%PDF-fake\n${html}`);
    },
    async close() {},
  };
  return { renderer, rendered };
}

function fakePrinter(fail?: Error) {
  const jobs: Array<{ job: PrintJob; deviceName: string }> = [];
  const printer: Printer = {
    async print(job, deviceName) {
      if (fail) throw fail;
      jobs.push({ job, deviceName });
    },
  };
  return { printer, jobs };
}

describe('createPrintService', () => {
  let dir: string;
  let clock: Date;
  let ids: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-printed-'));
    clock = new Date('2026-11-23T15:00:00.000Z');
    ids = 0;
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function service(overrides: Partial<PrintServiceDeps> = {}) {
    const pdf = fakePdf();
    const printer = fakePrinter();
    const deps: PrintServiceDeps = {
      dir,
      pdf: pdf.renderer,
      printer: printer.printer,
      getReceiptPrinter: () => 'EPSON_TM_T20III',
      now: () => clock,
      newId: () => `0190c0de-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
      ...overrides,
    };
    return { print: createPrintService(deps), pdf, printer };
  }

  async function filesUnder(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  }

  it('saves a PDF and a record of the receipt, then prints it', async () => {
    const { print, pdf, printer } = service();
    const patientId = '0193a000-0000-7000-8000-00000000000a';
    const result = await print.printReceipt({ ...JaneDoeCopayReceipt, patientId });

    expect(PrintResultSchema.parse(result)).toEqual(result);
    const id = '0190c0de-0000-7000-8000-000000000001';
    expect(result).toEqual({
      document: {
        id,
        kind: 'receipt',
        title: 'Receipt N2-000145 — Doe, Jane',
        createdAt: '2026-11-23T15:00:00.000Z',
        fileName: `2026-11-23/N2-000145-${id}.pdf`,
        copies: 0,
        patientId,
        day: '2026-11-23',
        waiting: false,
      },
      sentToPrinter: true,
      printerMessage: 'Sent to printer "EPSON_TM_T20III".',
    });
    // The print job's state stays in the queue (its HTML goes once printed).
    const job = '0190c0de-0000-7000-8000-000000000002';
    expect(await filesUnder(dir)).toEqual([`2026-11-23/N2-000145-${id}.json`, `2026-11-23/N2-000145-${id}.pdf`, `by-patient/${patientId}.txt`, `queue/${job}.json`]);
    expect(await print.listJobs()).toEqual([expect.objectContaining({ id: job, documentId: id, copy: false, state: 'printed', printer: 'EPSON_TM_T20III' })]);
    expect(await readFile(path.join(dir, 'by-patient', `${patientId}.txt`), 'utf8')).toBe(`2026-11-23/N2-000145-${id}\n`);
    expect((await print.list(5, { patientId })).map((d) => d.id)).toEqual([id]);

    const saved = await readFile(path.join(dir, result.document.fileName), 'utf8');
    expect(saved).toBe(`%PDF-fake\n${pdf.rendered[0]!.html}`);
    expect(pdf.rendered[0]!.page).toEqual({ widthMm: 80, marginMm: 4 });
    expect(pdf.rendered[0]!.html).not.toContain('COPY');

    const record = JSON.parse(await readFile(path.join(dir, `2026-11-23/N2-000145-${id}.json`), 'utf8'));
    expect(record.document).toEqual(result.document);
    expect(record.data).toEqual({ ...JaneDoeCopayReceipt, patientId });

    expect(printer.jobs).toEqual([
      {
        deviceName: 'EPSON_TM_T20III',
        job: { html: pdf.rendered[0]!.html, page: { widthMm: 80, marginMm: 4 }, title: result.document.title, copies: 1 },
      },
    ]);
  });

  it('lays receipts out on letter or A4 paper when the workstation prints them there, and a reprint the same way', async () => {
    const { print, pdf, printer } = service({ getReceiptOptions: () => ({ paper: 'letter', printAutomatically: true }) });
    const letter = await print.printReceipt(JaneDoeCopayReceipt);
    expect(pdf.rendered[0]!.page).toEqual({ widthMm: 215.9, heightMm: 279.4, marginMm: 12.7 });
    expect(pdf.rendered[0]!.html).toContain('@page { size: letter;');
    expect(printer.jobs[0]!.job.page).toEqual(pdf.rendered[0]!.page);
    await print.reprint(letter.document.id);
    expect(pdf.rendered[1]!.page).toEqual(pdf.rendered[0]!.page);
    expect(pdf.rendered[1]!.html).toContain('COPY — REPRINT');
    const { print: a4Print, pdf: a4 } = service({ getReceiptOptions: () => ({ paper: 'a4', printAutomatically: true }) });
    await a4Print.printReceipt(ScriptNameReceipt);
    expect(a4.rendered[0]!.page).toEqual({ widthMm: 210, heightMm: 297, marginMm: 14 });
    expect(a4.rendered[0]!.html).not.toContain('<script>alert');
  });

  it('keeps a receipt without printing it when receipts print on demand; sending prints the original once, then copies', async () => {
    const { print, pdf, printer } = service({ getReceiptOptions: () => ({ paper: 'thermal-80mm', printAutomatically: false }) });
    const kept = await print.printReceipt(JaneDoeCopayReceipt);
    expect(kept).toMatchObject({ sentToPrinter: false, printerMessage: 'This workstation prints receipts on demand: the receipt was saved as a PDF. Use Print receipt to print it.' });
    expect(printer.jobs).toEqual([]);
    expect(kept.document.waiting).toBe(true);
    expect((await print.list(5)).map((d) => d.waiting)).toEqual([true]);
    // Two quick presses: one original, one copy (whichever ran first printed the original).
    const both = await Promise.all([print.send(kept.document.id), print.send(kept.document.id)]);
    expect(both.map((r) => [r.sentToPrinter, r.document.copies]).sort()).toEqual([
      [true, 0],
      [true, 1],
    ]);
    expect(printer.jobs.map((j) => j.job.title)).toEqual([kept.document.title, `COPY — ${kept.document.title}`]);
    expect((await print.list(5)).map((d) => d.waiting)).toEqual([false]);
    // The original's PDF was kept when it was taken; only the copy is a PDF of its own.
    expect(pdf.rendered.map((r) => r.html.includes('COPY — REPRINT'))).toEqual([false, true]);
    await expect(print.send('0190c0de-0000-7000-8000-999999999999')).rejects.toThrow('No printed document with that id');
  });

  it('sends an on-demand receipt whose printer failed as the original again', async () => {
    const failing = fakePrinter(new AppError('PRINTER', 'Printer "EPSON_TM_T20III" is out of paper'));
    const { print } = service({ printer: failing.printer, getReceiptOptions: () => ({ paper: 'thermal-80mm', printAutomatically: false }) });
    const kept = await print.printReceipt(JaneDoeCopayReceipt);
    expect((await print.send(kept.document.id)).sentToPrinter).toBe(false);
    const again = await print.send(kept.document.id);
    expect([again.sentToPrinter, again.document.copies, again.printerMessage]).toEqual([false, 0, 'Printer "EPSON_TM_T20III" is out of paper. The receipt was saved as a PDF and waits in the print queue, which tries it again.']);
  });

  it('names what waits in the queue in the plural when it is several (a packet of forms, labels)', async () => {
    const failing = fakePrinter(new AppError('PRINTER', 'Printer "Office LaserJet" is out of paper'));
    const { print } = service({ printer: failing.printer, getDocumentPrinter: () => 'Office LaserJet' });
    const packet = await print.printFormPacket({ forms: [{ ...JaneDoeForm, form: 'intake' }, { ...JaneDoeForm, form: 'consent-to-treat' }] });
    expect(packet.printerMessage).toBe('Printer "Office LaserJet" is out of paper. The forms were saved as a PDF and wait in the print queue, which tries them again.');
    const form = await print.printForm(JaneDoeForm);
    expect(form.printerMessage).toBe('Printer "Office LaserJet" is out of paper. The form was saved as a PDF and waits in the print queue, which tries it again.');
  });

  it('an on-demand original that waited in the queue is no longer waiting once a retry prints it, and is sent as one job', async () => {
    let outOfPaper = true;
    const printed: string[] = [];
    const printer = { print: async (job: PrintJob) => (outOfPaper ? Promise.reject(new AppError('PRINTER', 'Printer "EPSON_TM_T20III" is out of paper')) : void printed.push(job.title)) };
    const { print } = service({ printer, getReceiptOptions: () => ({ paper: 'thermal-80mm', printAutomatically: false }) });
    const kept = await print.printReceipt(JaneDoeCopayReceipt);
    await print.send(kept.document.id);
    await print.send(kept.document.id);
    // Sent twice while out of paper: still one job for the original.
    expect((await print.listJobs()).map((j) => [j.copy, j.state, j.attempts])).toEqual([[false, 'retrying', 2]]);
    outOfPaper = false;
    await print.retryJob((await print.listJobs())[0]!.id);
    await vi.waitFor(async () => expect((await print.list(5))[0]!.waiting).toBe(false));
    expect(printed).toEqual([kept.document.title]);
    // Printed once, so the next press is a COPY.
    expect((await print.send(kept.document.id)).document.copies).toBe(1);
    print.stop();
  });

  it('prints as many copies as the printer is set to (a reprint one), and keeps the kinds set to PDF only without printing them', async () => {
    let options = { copies: { receipt: 2, document: 3, label: 1 }, pdfOnly: [] as PrintedDocument['kind'][] };
    const { print, printer } = service({ getPrintOptions: () => options });
    const kept = await print.printReceipt(JaneDoeCopayReceipt);
    await print.reprint(kept.document.id);
    expect(printer.jobs.map((j) => [j.job.title, j.job.copies])).toEqual([
      [kept.document.title, 2],
      [`COPY — ${kept.document.title}`, 1],
    ]);
    options = { ...options, pdfOnly: ['receipt'] };
    const pdfOnly = await print.printReceipt({ ...JaneDoeCopayReceipt, receiptNumber: 'N2-000146' });
    expect(pdfOnly).toMatchObject({ sentToPrinter: false, printerMessage: 'This workstation keeps receipts as PDFs only; the receipt was saved as a PDF.' });
    expect(printer.jobs).toHaveLength(2);
    expect(await readFile(path.join(dir, pdfOnly.document.fileName), 'utf8')).toMatch(/^%PDF-fake/);
  });

  it('lists the system’s printers where the host can print, none where it cannot', async () => {
    const list = async () => [{ name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III Receipt' }];
    const withList = service({ printer: { print: async () => {}, list } });
    expect(await withList.print.listPrinters()).toEqual([{ name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III Receipt' }]);
    expect(await service({ printer: null }).print.listPrinters()).toEqual([]);
  });

  it('prints a test page on the receipt or the document printer, at its paper, and keeps nothing', async () => {
    const { print, printer } = service({ getDocumentPrinter: () => 'Office LaserJet' });
    expect(await print.printTestPage('document', { clinicName: 'Maple <Street>', timeZone: 'America/Chicago' })).toEqual({ sentToPrinter: true, printerMessage: 'Test page sent to "Office LaserJet".' });
    expect(await print.printTestPage('receipt', { clinicName: 'Maple', timeZone: 'America/Chicago' })).toMatchObject({ sentToPrinter: true });
    expect(printer.jobs.map((j) => [j.deviceName, j.job.page.widthMm])).toEqual([
      ['Office LaserJet', 215.9],
      ['EPSON_TM_T20III', 80],
    ]);
    expect(printer.jobs[0]!.job.html).toContain('Maple &lt;Street&gt;');
    expect(await filesUnder(dir).catch(() => [])).toEqual([]);
    expect(await service({ getDocumentPrinter: () => null }).print.printTestPage('document', { clinicName: 'M', timeZone: 'America/Chicago' })).toEqual({ sentToPrinter: false, printerMessage: 'No document printer is set up.' });
    const failing = fakePrinter(new AppError('PRINTER', 'Printer "Office LaserJet" is not installed or not connected'));
    expect(await service({ printer: failing.printer, getDocumentPrinter: () => 'Office LaserJet' }).print.printTestPage('document', { clinicName: 'M', timeZone: 'America/Chicago' })).toEqual({
      sentToPrinter: false,
      printerMessage: 'Printer "Office LaserJet" is not installed or not connected',
    });
  });

  it('files a receipt under its date in the clinic time zone', async () => {
    clock = new Date('2026-11-23T02:30:00.000Z'); // 8:30 PM on Nov 22 in Chicago
    const { print } = service();
    const result = await print.printReceipt(JaneDoeCopayReceipt);
    expect(result.document.fileName.startsWith('2026-11-22/')).toBe(true);
  });

  it('keeps the PDF and reports why when the printer fails', async () => {
    const failing = fakePrinter(new AppError('PRINTER', 'Printer "EPSON_TM_T20III" could not print: Print job failed'));
    const { print } = service({ printer: failing.printer });
    const result = await print.printReceipt(JaneDoeCopayReceipt);

    expect(result.sentToPrinter).toBe(false);
    expect(result.printerMessage).toBe(
      'Printer "EPSON_TM_T20III" could not print: Print job failed. The receipt was saved as a PDF and waits in the print queue, which tries it again.',
    );
    expect((await print.listJobs()).map((j) => [j.documentId, j.state, j.attempts, j.reason])).toEqual([[result.document.id, 'retrying', 1, 'Printer "EPSON_TM_T20III" could not print: Print job failed']]);
    print.stop();
    expect(await readFile(path.join(dir, result.document.fileName), 'utf8')).toMatch(/^%PDF-fake/);
    expect(await print.list(10)).toEqual([result.document]);
  });

  it('names the printer when it fails with an unexpected error', async () => {
    const failing = fakePrinter(new Error('spooler crashed'));
    const { print } = service({ printer: failing.printer });
    const result = await print.printReceipt(JaneDoeCopayReceipt);
    expect(result.sentToPrinter).toBe(false);
    expect(result.printerMessage).toContain('Printer "EPSON_TM_T20III" could not print: spooler crashed.');
  });

  it('only saves the PDF when no receipt printer is set up', async () => {
    const { print, printer } = service({ getReceiptPrinter: () => null });
    const result = await print.printReceipt(JaneDoeCopayReceipt);
    expect(result.sentToPrinter).toBe(false);
    expect(result.printerMessage).toBe('No receipt printer is set up; the receipt was saved as a PDF.');
    expect(printer.jobs).toEqual([]);
    expect(await filesUnder(dir)).toHaveLength(2);
  });

  it('only saves the PDF where this host cannot print', async () => {
    const { print } = service({ printer: null });
    const result = await print.printReceipt(JaneDoeCopayReceipt);
    expect(result.sentToPrinter).toBe(false);
    expect(result.printerMessage).toBe('Printing is not available here; the receipt was saved as a PDF.');
  });

  it('saves nothing when the PDF cannot be made', async () => {
    const broken: PdfRenderer = {
      render: () => Promise.reject(new Error('renderer crashed')),
      close: async () => {},
    };
    const { print, printer } = service({ pdf: broken });
    await expect(print.printReceipt(JaneDoeCopayReceipt)).rejects.toThrow('renderer crashed');
    expect(await filesUnder(dir)).toEqual([]);
    expect(printer.jobs).toEqual([]);
  });

  it('lists documents newest first, up to the limit', async () => {
    const { print } = service();
    const first = await print.printReceipt(JaneDoeCopayReceipt);
    clock = new Date('2026-11-24T16:00:00.000Z');
    const second = await print.printReceipt(ScriptNameReceipt);
    clock = new Date('2026-11-24T17:00:00.000Z');
    const third = await print.printReceipt(JaneDoeCopayReceipt);

    expect((await print.list(50)).map((d) => d.id)).toEqual([third, second, first].map((r) => r.document.id));
    expect((await print.list(2)).map((d) => d.id)).toEqual([third, second].map((r) => r.document.id));
    expect(second.document.title).toBe(`Receipt N2-000146 — <script>alert("x")</script> O'Brien & Co`);
  });

  it('lists nothing before anything was printed', async () => {
    const { print } = service({ dir: path.join(dir, 'not-created-yet') });
    expect(await print.list(50)).toEqual([]);
  });

  it('reprints a copy marked COPY, keeps it beside the original and counts copies', async () => {
    const { print, pdf, printer } = service();
    const original = await print.printReceipt(JaneDoeCopayReceipt);
    const id = original.document.id;

    const first = await print.reprint(id);
    expect(first.document).toEqual({ ...original.document, copies: 1 });
    expect(first.sentToPrinter).toBe(true);
    expect(pdf.rendered[1]!.html).toContain('COPY — REPRINT');
    expect(printer.jobs[1]!.job.title).toBe('COPY — Receipt N2-000145 — Doe, Jane');

    const second = await print.reprint(id);
    expect(second.document.copies).toBe(2);
    expect(await filesUnder(dir)).toEqual([
      `2026-11-23/N2-000145-${id}-copy1.pdf`,
      `2026-11-23/N2-000145-${id}-copy2.pdf`,
      `2026-11-23/N2-000145-${id}.json`,
      `2026-11-23/N2-000145-${id}.pdf`,
      'queue/0190c0de-0000-7000-8000-000000000002.json',
      'queue/0190c0de-0000-7000-8000-000000000003.json',
      'queue/0190c0de-0000-7000-8000-000000000004.json',
    ]);
    expect((await print.listJobs()).map((j) => [j.copy, j.title])).toEqual([
      [false, original.document.title],
      [true, `COPY — ${original.document.title}`],
      [true, `COPY — ${original.document.title}`],
    ]);
    expect(await readFile(path.join(dir, `2026-11-23/N2-000145-${id}-copy2.pdf`), 'utf8')).toContain('COPY — REPRINT');
    expect(await readFile(path.join(dir, original.document.fileName), 'utf8')).not.toContain('COPY');
    expect(await print.list(10)).toEqual([second.document]);
  });

  it('numbers concurrent reprints of one document one after the other', async () => {
    const { print } = service();
    const { document } = await print.printReceipt(JaneDoeCopayReceipt);
    const results = await Promise.all([print.reprint(document.id), print.reprint(document.id), print.reprint(document.id)]);
    expect(results.map((r) => r.document.copies).sort()).toEqual([1, 2, 3]);
    expect((await print.list(1))[0]!.copies).toBe(3);
  });

  it('keeps a reprint as a PDF when the printer fails', async () => {
    const failing = fakePrinter(new AppError('PRINTER', 'Printer "EPSON_TM_T20III" is not installed or not connected'));
    const { print } = service({ printer: failing.printer });
    const { document } = await print.printReceipt(JaneDoeCopayReceipt);
    const copy = await print.reprint(document.id);
    expect(copy.sentToPrinter).toBe(false);
    expect(copy.printerMessage).toBe(
      'Printer "EPSON_TM_T20III" is not installed or not connected. The copy was saved as a PDF and waits in the print queue, which tries it again.',
    );
    expect(copy.document.copies).toBe(1);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { print } = service();
    await print.printReceipt(JaneDoeCopayReceipt);
    await expect(print.reprint('0190c0de-0000-7000-8000-999999999999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No printed document with that id',
    });
  });

  it.each(['../../etc/passwd', '..', '2026-11-23/../x', 'a/b', 'a\\b', '', '.', 'x\0y', '%2e%2e%2fpasswd'])(
    'answers NOT_FOUND for an id that is a path (%j)',
    async (id) => {
      const { print } = service();
      await print.printReceipt(JaneDoeCopayReceipt);
      const before = await filesUnder(dir);
      await expect(print.reprint(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await filesUnder(dir)).toEqual(before);
    },
  );

  it('does not accept a receipt number as an id', async () => {
    const { print } = service();
    await print.printReceipt(JaneDoeCopayReceipt);
    await expect(print.reprint('N2-000145')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('skips a damaged record in the list and refuses to reprint it, changing nothing', async () => {
    const { print, pdf } = service();
    const good = await print.printReceipt(JaneDoeCopayReceipt);
    clock = new Date('2026-11-23T16:00:00.000Z');
    const damaged = await print.printReceipt(ScriptNameReceipt);
    const recordPath = path.join(dir, damaged.document.fileName.replace(/\.pdf$/, '.json'));
    await writeFile(recordPath, '{"version":1,"document":{"id":');
    const before = await filesUnder(dir);
    const renders = pdf.rendered.length;

    expect(await print.list(10)).toEqual([good.document]);
    const error = await print.reprint(damaged.document.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).toMatch(/damaged.*cannot be reprinted/);
    expect((error as Error).message).toContain(`N2-000146-${damaged.document.id}.json`);
    expect(await filesUnder(dir)).toEqual(before);
    expect(await readFile(recordPath, 'utf8')).toBe('{"version":1,"document":{"id":');
    expect(pdf.rendered.length).toBe(renders);
  });

  it('refuses to reprint a record whose receipt data no longer validates', async () => {
    const { print } = service();
    const { document } = await print.printReceipt(JaneDoeCopayReceipt);
    const recordPath = path.join(dir, document.fileName.replace(/\.pdf$/, '.json'));
    const record = JSON.parse(await readFile(recordPath, 'utf8'));
    record.data.totalCents = 999; // no longer the sum of the lines
    await writeFile(recordPath, JSON.stringify(record));

    await expect(print.reprint(document.id)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect((await print.list(10))[0]!.copies).toBe(0);
  });

  it('ignores temporary files, stray files and folders that are not days', async () => {
    const { print } = service();
    const { document } = await print.printReceipt(JaneDoeCopayReceipt);
    const day = path.join(dir, '2026-11-23');
    await writeFile(path.join(day, `.N2-000145-x.json.1234.tmp`), '{"half":');
    await writeFile(path.join(day, 'notes.json'), '{}');
    const recordName = `N2-000145-${document.id}.json`;
    await mkdir(path.join(dir, 'backup'));
    await writeFile(path.join(dir, 'backup', recordName), await readFile(path.join(day, recordName)));
    expect(await print.list(10)).toEqual([document]);
  });

  it('leaves no temporary files behind', async () => {
    const { print } = service();
    const { document } = await print.printReceipt(JaneDoeCopayReceipt);
    await print.reprint(document.id);
    expect((await filesUnder(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
