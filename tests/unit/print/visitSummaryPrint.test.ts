import { existsSync } from 'node:fs';
import { testSettings } from '../../support/desk';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthService } from '../../../src/main/auth/authService';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/registry';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import { printHandlers } from '../../../src/main/print/handlers';
import type { PageSpec, PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService, type PrintServiceDeps } from '../../../src/main/print/printService';
import { AppError } from '../../../src/shared/ipc/envelope';
import { PrintResultSchema } from '../../../src/shared/print/channels';
import type { VisitSummaryData } from '../../../src/shared/print/visitSummary';
import { fakePrintService, filesUnder, readPdf } from '../../support/printing';
import { JaneDoeForm } from '../../fixtures/forms';
import { JaneDoeVisitSummary, LongestVisitSummary, NoFollowUpVisitSummary, ScriptNameVisitSummary } from '../../fixtures/visitSummary';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PT_PER_INCH = 72;
const LETTER: PageSpec = { widthMm: 215.9, heightMm: 279.4, marginMm: 12.7 };
const TITLE = 'Visit summary — Doe, Jane, Dec 9, 2026';


describe('printing a visit summary', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-summary-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const service = (overrides: Partial<PrintServiceDeps> = {}) => fakePrintService(dir, '2026-12-09T15:05:00.000Z', overrides);

  it('keeps the summary as a letter PDF with its record, then sends it to the document printer', async () => {
    const { print, rendered, jobs } = service();
    const result = await print.printVisitSummary(JaneDoeVisitSummary);

    expect(PrintResultSchema.parse(result)).toEqual(result);
    const id = '0190c0de-0000-7000-8000-000000000001';
    expect(result).toEqual({
      document: { id, kind: 'visit-summary', title: TITLE, createdAt: '2026-12-09T15:05:00.000Z', fileName: `2026-12-09/visit-summary-${id}.pdf`, copies: 0, patientId: '', day: '2026-12-09', waiting: false },
      sentToPrinter: true,
      printerMessage: 'Sent to printer "Office LaserJet".',
    });
    expect(await filesUnder(dir)).toEqual([`2026-12-09/visit-summary-${id}.json`, `2026-12-09/visit-summary-${id}.pdf`, 'queue/0190c0de-0000-7000-8000-000000000002.json']);
    expect(rendered[0]!.page).toEqual(LETTER);
    expect(await readFile(path.join(dir, result.document.fileName), 'utf8')).toBe(`%PDF-fake\n${rendered[0]!.html}`);
    const record = JSON.parse(await readFile(path.join(dir, `2026-12-09/visit-summary-${id}.json`), 'utf8'));
    expect(record.data).toEqual(JaneDoeVisitSummary);
    expect(jobs).toEqual([{ deviceName: 'Office LaserJet', job: { html: rendered[0]!.html, page: LETTER, title: TITLE, copies: 1 } }]);
  });

  it('only saves the summary when no document printer is set up, never using the receipt printer', async () => {
    const { print, jobs } = service({ getDocumentPrinter: () => null });
    const result = await print.printVisitSummary(NoFollowUpVisitSummary);
    expect(result).toMatchObject({ sentToPrinter: false, printerMessage: 'No document printer is set up; the visit summary was saved as a PDF.' });
    expect(result.document.title).toBe(TITLE);
    expect(jobs).toEqual([]);
  });

  it('lists the summary among other documents and reprints it marked COPY', async () => {
    const { print, rendered, jobs } = service();
    await print.printForm(JaneDoeForm);
    const summary = (await print.printVisitSummary(JaneDoeVisitSummary)).document;
    expect((await print.list(10)).map((d) => d.kind).sort()).toEqual(['form', 'visit-summary']);

    const copy = await print.reprint(summary.id);
    expect(copy.document).toEqual({ ...summary, copies: 1 });
    expect(rendered.at(-1)!.html).toContain('COPY — REPRINT');
    expect(jobs.at(-1)!.job.title).toBe(`COPY — ${TITLE}`);
    expect(await filesUnder(dir)).toContain(`2026-12-09/visit-summary-${summary.id}-copy1.pdf`);
    expect((await print.list(10)).find((d) => d.id === summary.id)).toEqual({ ...summary, copies: 1 });
  });

  it.each([
    ['a payment of nothing', { ...JaneDoeVisitSummary, payments: [{ ...JaneDoeVisitSummary.payments[0]!, amountCents: 0 }] }, /payments\[0\]\.amountCents/],
    ['a payment in fractions of a cent', { ...JaneDoeVisitSummary, payments: [{ ...JaneDoeVisitSummary.payments[0]!, amountCents: 25.5 }] }, /payments\[0\]\.amountCents/],
    ['an unknown form', { ...JaneDoeVisitSummary, formsSigned: ['consent-to-treat', 'x-ray-release'] }, /formsSigned\[1\]/],
    ['no patient name', { ...JaneDoeVisitSummary, patient: { ...JaneDoeVisitSummary.patient, name: '' } }, /patient\.name/],
    ['an unknown time zone', { ...JaneDoeVisitSummary, timeZone: 'Mars/Olympus' }, /Unknown time zone/],
    ['a follow-up without a time', { ...JaneDoeVisitSummary, followUp: { ...JaneDoeVisitSummary.followUp!, start: '2027-01-06' } }, /followUp\.start/],
    ['a notice of more than a week', { ...JaneDoeVisitSummary, cancelNoticeHours: 169 }, /cancelNoticeHours/],
    ['no follow-up field', (({ followUp: _f, ...rest }) => rest)(JaneDoeVisitSummary), /followUp/],
  ])('refuses %s with a clear error and keeps nothing', async (_what, data, message) => {
    const { print, rendered, jobs } = service();
    const error = await print.printVisitSummary(data as VisitSummaryData).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((error as Error).message).toMatch(/^The visit summary cannot be printed: /);
    expect((error as Error).message).toMatch(message);
    expect(await filesUnder(dir)).toEqual([]);
    expect(rendered).toEqual([]);
    expect(jobs).toEqual([]);
  });

  describe('through the print:visitSummary channel', () => {
    function dispatcher(require: AuthService['require'] = () => {}) {
      const { print, rendered } = service();
      const handlers = printHandlers({ print, auth: { require } as AuthService, printedDir: dir, openFolder: null, settings: { get: () => testSettings() } });
      return { dispatch: createDispatcher(handlers as Handlers, { error: () => {} }), rendered };
    }
    const ctx = { transport: 'web' as const };

    it('prints a valid summary', async () => {
      const { dispatch } = dispatcher();
      const answer = await dispatch('print:visitSummary', NoFollowUpVisitSummary, ctx);
      expect(answer).toMatchObject({ ok: true, value: { document: { kind: 'visit-summary', title: TITLE } } });
    });

    it('refuses a payment of nothing before anything is rendered or kept', async () => {
      const { dispatch, rendered } = dispatcher();
      const answer = await dispatch('print:visitSummary', { ...JaneDoeVisitSummary, payments: [{ ...JaneDoeVisitSummary.payments[0]!, amountCents: 0 }] }, ctx);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(answer.ok === false && answer.error.message).toMatch(/^Invalid print:visitSummary request: .*amountCents/s);
      expect(rendered).toEqual([]);
      expect(await filesUnder(dir)).toEqual([]);
    });

    it('needs the permission to print documents', async () => {
      const asked: string[] = [];
      const { dispatch } = dispatcher((permission) => {
        asked.push(permission);
        throw new AppError('FORBIDDEN', 'You may not print documents.');
      });
      const answer = await dispatch('print:visitSummary', JaneDoeVisitSummary, ctx);
      expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'You may not print documents.' } });
      expect(asked).toEqual(['print.document']);
      expect(await filesUnder(dir)).toEqual([]);
    });
  });
});

describe.skipIf(!existsSync(CHROMIUM))('printed visit summaries (Chromium)', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-summary-pdf-'));
    let n = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => 'Receipts', now: () => new Date('2026-12-09T15:05:00.000Z'), newId: () => `doc-${++n}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = (file: string) => readPdf(path.join(dir, file));


  it('keeps the summary as a one-page letter PDF with the patient, the next visit and the payments', async () => {
    const result = await service.printVisitSummary(JaneDoeVisitSummary);
    expect(result).toMatchObject({ sentToPrinter: false, printerMessage: 'No document printer is set up; the visit summary was saved as a PDF.' });
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(1);
    expect(Math.abs(pdf.width - 8.5 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    expect(Math.abs(pdf.height - 11 * PT_PER_INCH)).toBeLessThan(1.5);
    for (const expected of ['Maple Street Family Clinic', 'Doe, Jane', 'Visit summary', 'Wednesday, January 6, 2027 at 9:30 AM', 'at least 24 hours before your visit', 'N2-000146', '$45.50', 'Total paid today', '$70.50', 'Consent to treat', 'Printed Dec 9, 2026, 9:05 AM CST by Dana Reyes']) {
      expect(pdf.text).toContain(expected);
    }
  });

  it('prints the reason for no follow-up, hostile text as text, and a reprint marked COPY', async () => {
    const none = await read((await service.printVisitSummary(NoFollowUpVisitSummary)).document.fileName);
    expect(none.pages).toBe(1);
    expect(none.text).toContain('No follow-up booked: None needed');
    expect(none.text).toContain('No payments today');
    expect(none.text).not.toContain('Forms signed today');

    const result = await service.printVisitSummary(ScriptNameVisitSummary);
    const pdf = await read(result.document.fileName);
    // The name wraps beside the clinic's address, so its parts are found apart.
    expect(pdf.text).toContain(`<script>alert("x")</script> O'Brien &`);
    expect(pdf.text).toContain('<next-type> with <next-provider>');
    expect(pdf.text).toContain('<b>Clinic</b> & "Sons"');
    expect(pdf.text).not.toContain('COPY');

    await service.reprint(result.document.id);
    const copy = await read(`2026-12-09/visit-summary-${result.document.id}-copy1.pdf`);
    expect(copy.pages).toBe(1);
    expect(copy.text).toContain('COPY — REPRINT');
    expect(copy.text).toContain('Visit summary');
  });

  it('fits the longest summary on one page, original and copy, with nothing cut off', async () => {
    const result = await service.printVisitSummary(LongestVisitSummary);
    await service.reprint(result.document.id);
    for (const file of [result.document.fileName, `2026-12-09/visit-summary-${result.document.id}-copy1.pdf`]) {
      const pdf = await read(file);
      expect(pdf.pages).toBe(1);
      for (const end of ['ENDCLINIC', 'ENDADDRESS', 'ENDPHONE', 'ENDPATIENT', 'ENDTYPE', 'ENDPROVIDER', 'ENDROOM', 'ENDNEXTTYPE', 'ENDNEXTPROVIDER', 'ENDPRINTEDBY']) {
        expect(pdf.text).toContain(end);
      }
      expect(pdf.text).toContain('WWWW-0000000000000000000000020');
      expect(pdf.text).toContain('$2,000,000.00');
      expect(pdf.text).toContain('Financial policy');
    }
  });

  it('fits twenty short payments in two columns on one page', async () => {
    const payments = Array.from({ length: 20 }, (_, i) => ({ receiptNumber: `N2-${String(200 + i).padStart(6, '0')}`, amountCents: 1000, method: 'Check', at: '2026-12-09T16:00:00.000Z' }));
    const pdf = await read((await service.printVisitSummary({ ...JaneDoeVisitSummary, payments })).document.fileName);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('N2-000219');
    expect(pdf.text).toContain('Total paid today $200.00');
  });
});
