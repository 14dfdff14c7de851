import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import { buildDaySheet } from '../../../src/shared/payments/daySheet';
import type { CardCopyData } from '../../../src/shared/print/cardCopy';
import type { DocumentPaper } from '../../../src/shared/print/paper';
import type { DayScheduleData, ReminderListData } from '../../../src/shared/print/schedule';
import { JaneDoeForm } from '../../fixtures/forms';
import { JaneDoeVisitSummary } from '../../fixtures/visitSummary';
import { logoPng } from '../../support/pictures';
import { fakePrintService, readPdf } from '../../support/printing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PATIENT = '0193a000-0000-7000-8000-00000000000a';
const clinic = { name: 'Maple Street Family Clinic', address: '1200 Maple St, Springfield, IL 62704', phone: '(217) 555-0142' };
const printed = { timeZone: 'America/Chicago', printedAt: '2026-12-09T14:05:00.000Z', printedBy: 'Dana Reyes' };

const schedule: DayScheduleData = {
  clinic,
  providerName: 'Dr. Ana Ruiz, MD',
  date: '2026-12-09',
  ...printed,
  visits: Array.from({ length: 40 }, (_, i) => ({
    start: new Date(Date.parse('2026-12-09T14:00:00.000Z') + i * 15 * 60_000).toISOString(),
    end: new Date(Date.parse('2026-12-09T14:15:00.000Z') + i * 15 * 60_000).toISOString(),
    patientName: `Patient ${String(i + 1).padStart(2, '0')}, Test`,
    birthDate: '1961-03-04',
    type: i % 3 === 0 ? 'New patient visit' : 'Follow-up',
    reason: '',
    status: 'Booked',
    room: i % 2 ? 'Exam 2' : '',
    phone: '(555) 010-1234',
  })),
};
const calls: ReminderListData = { clinic, date: '2026-12-10', ...printed, rows: [{ time: '8:00 AM', patient: 'Doe, Jane', provider: 'Dr. Ana Ruiz, MD', phone: '(555) 010-1234 (mobile)', contact: 'Call, Text', texts: true, result: '' }] };
const cardCopy: CardCopyData = {
  clinic: { name: clinic.name },
  patientId: PATIENT,
  patient: { name: 'Doe, Jane', birthDate: '03/04/1961', mrn: 'N2-000001' },
  coverage: { rank: 'Primary', payerName: 'Blue Cross Blue Shield of Illinois', plan: 'PPO Gold', memberId: 'XOF123456789', groupNumber: '000123', subscriber: 'The patient' },
  front: null,
  back: null,
  ...printed,
};
const daySheet = () => buildDaySheet({ clinic, date: '2026-12-09', timeZone: 'America/Chicago', entries: [], earlier: new Map(), sessions: [], patientName: () => '', providerName: () => '', printedAt: printed.printedAt, printedBy: printed.printedBy });
const signature = { png: logoPng(240, 60), signerName: 'Jane Doe', relationship: '', signedAt: '2026-12-09T14:10:00.000Z', witness: 'Dana Reyes' };

/** Prints one of each document laid out on the document paper; each answers with its result. */
function everyPaperSizedDocument(print: PrintService) {
  return {
    'day-schedule': () => print.printDaySchedule(schedule),
    'reminder-calls': () => print.printReminderList(calls),
    form: () => print.printForm({ ...JaneDoeForm, form: 'intake' }),
    'form-packet': () => print.printFormPacket({ forms: [{ ...JaneDoeForm, form: 'intake' }, { ...JaneDoeForm, form: 'consent-to-treat' }] }),
    'signed-form': () => print.keepSignedForm({ form: { ...JaneDoeForm, patientId: PATIENT }, signature, version: 1 }),
    'visit-summary': () => print.printVisitSummary(JaneDoeVisitSummary),
    'day-sheet': () => print.printDaySheet(daySheet()),
    'card-copy': () => print.printCardCopy(cardCopy),
  };
}

describe('the document paper', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-paper-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lays every letter-or-A4 document out on A4 when the document printer holds A4, and on letter by default', async () => {
    for (const paper of ['letter', 'a4'] as const) {
      const { print, rendered } = fakePrintService(dir, printed.printedAt, paper === 'a4' ? { getDocumentPaper: () => paper } : {});
      for (const [kind, printIt] of Object.entries(everyPaperSizedDocument(print))) {
        const before = rendered.length;
        const result = await printIt();
        expect(result.document.kind, kind).toBe(kind);
        expect(rendered.length, kind).toBe(before + 1);
        const { page, html } = rendered[before]!;
        expect([page.widthMm, page.heightMm, page.marginMm], kind).toEqual(paper === 'a4' ? [210, 297, 12.7] : [215.9, 279.4, 12.7]);
        expect(html, kind).toContain(`@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; margin: 12.7mm; }`);
      }
    }
  });

  it('reprints a document on the paper it was first laid out on, and tests the document printer on its paper', async () => {
    let paper: DocumentPaper = 'a4';
    const { print, rendered, jobs } = fakePrintService(dir, printed.printedAt, { getDocumentPaper: () => paper });
    const form = await print.printForm(JaneDoeForm);
    paper = 'letter';
    await print.reprint(form.document.id);
    expect(rendered.map((r) => r.page.heightMm)).toEqual([297, 297]);
    expect(jobs.map((j) => j.job.page.heightMm)).toEqual([297, 297]);
    await print.printForm(JaneDoeForm);
    expect(rendered[2]!.page.heightMm).toBe(279.4);

    paper = 'a4';
    await print.printTestPage('document', { clinicName: clinic.name, timeZone: 'America/Chicago' });
    const test = jobs[jobs.length - 1]!.job;
    expect([test.page.widthMm, test.page.heightMm]).toEqual([210, 297]);
    expect(test.html).toContain('Documents (A4)');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('documents on A4 (Chromium)', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;
  // A4 is 595.3 × 841.9 pt; Chromium rounds page sizes to its device units.
  const isA4 = (pdf: { width: number; height: number }) => Math.abs(pdf.width - 595.3) < 1.5 && Math.abs(pdf.height - 841.9) < 1.5;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-a4-'));
    let n = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, getDocumentPaper: () => 'a4', now: () => new Date(printed.printedAt), newId: () => `doc-${++n}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = (file: string) => readPdf(path.join(dir, file), { pngInto: process.env['A4_PNG'], dpi: 70 });

  it.each([
    ['intake', 2],
    ['consent-to-treat', 1],
    ['release-of-information', 1],
  ] as const)('keeps the %s form on A4 with as many pages as on letter, its footer on each, the logo at the top', async (form, pages) => {
    const result = await service.printForm({ ...JaneDoeForm, form, logo: { version: 1, png: logoPng() } });
    const pdf = await read(result.document.fileName);
    expect(isA4(pdf)).toBe(true);
    expect(pdf.pages).toBe(pages);
    expect(pdf.text.split('Printed Dec 9, 2026, 8:05 AM CST by Dana Reyes').length - 1).toBe(pages);
  });

  it('keeps the visit summary on one A4 page, the day schedule of 40 visits and the card copy on A4', async () => {
    const summary = await read((await service.printVisitSummary(JaneDoeVisitSummary)).document.fileName);
    expect([isA4(summary), summary.pages]).toEqual([true, 1]);
    const day = await read((await service.printDaySchedule(schedule)).document.fileName);
    expect(isA4(day)).toBe(true);
    expect(day.text).toContain('Patient 40, Test');
    const copy = await read((await service.printCardCopy(cardCopy)).document.fileName);
    expect([isA4(copy), copy.pages]).toEqual([true, 1]);
  });
});
