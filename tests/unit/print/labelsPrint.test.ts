import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import { renderLabelsHtml } from '../../../src/main/print/templates/labels';
import { LabelPrintDataSchema, type LabelPrintRequest } from '../../../src/shared/print/labels';
import { decodeCode128 } from '../../support/barcode';
import { fakePrintService, readPdf, visibleText } from '../../support/printing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MM_TO_PT = 72 / 25.4;

const JaneDoeLabels: LabelPrintRequest = {
  label: 'patient',
  layout: 'roll',
  count: 3,
  clinic: { name: 'Maple Street Family Clinic' },
  patientId: '0193a000-0000-7000-8000-00000000000a',
  patient: { name: 'Doe, Jane', birthDate: '03/14/1985', sex: 'Female', mrn: 'N2-000145' },
  provider: 'Dr. Maria Lopez',
  timeZone: 'America/Chicago',
  printedAt: '2026-12-09T14:05:00.000Z',
  printedBy: 'Dana Reyes',
};

describe('labels', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-labels-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('escape a hostile name, provider and clinic, and draw only the MRN as a barcode', () => {
    const data = LabelPrintDataSchema.parse({
      ...JaneDoeLabels,
      label: 'chart',
      clinic: { name: '<b>Clinic</b>' },
      patient: { ...JaneDoeLabels.patient, name: `<script>alert("x")</script>, O'Brien & Co` },
      provider: '<img src=x onerror=alert(1)>',
    });
    for (const stock of ['2.25x1.25in', '4x6in'] as const) {
      const markup = renderLabelsHtml(data, { copy: false, stock });
      expect(markup).not.toContain('<script>');
      expect(markup).not.toContain('<img');
      expect(visibleText(markup)).toContain(`O'Brien & Co`);
      expect(visibleText(markup)).toContain('<img src=x onerror=alert(1)>');
      expect(markup).toContain('aria-label="MRN barcode"');
    }
    const band = renderLabelsHtml(LabelPrintDataSchema.parse({ ...data, label: 'wristband', count: 1 }), { copy: false, stock: '2.25x1.25in' });
    expect(band).not.toContain('<script>');
    expect(visibleText(band)).toContain('<b>Clinic</b>');
  });

  it('refuse labels that do not fit the sheet, a wristband on a sheet, and an MRN that is not one', () => {
    expect(LabelPrintDataSchema.safeParse({ ...JaneDoeLabels, layout: 'sheet-30', startAt: 25, count: 10 }).error?.issues[0]?.message).toBe('A sheet holds 30 labels: from label 25, at most 6 fit');
    expect(LabelPrintDataSchema.safeParse({ ...JaneDoeLabels, label: 'wristband', layout: 'sheet-30' }).success).toBe(false);
    expect(LabelPrintDataSchema.safeParse({ ...JaneDoeLabels, patient: { ...JaneDoeLabels.patient, mrn: '<svg onload=1>' } }).success).toBe(false);
    expect(LabelPrintDataSchema.safeParse({ ...JaneDoeLabels, count: 31 }).success).toBe(false);
  });

  it('go to the label printer on the roll and to the document printer on a sheet, and a reprint keeps the stock it was laid out on', async () => {
    let stock: '2.25x1.25in' | '4x6in' = '4x6in';
    const { print, jobs, rendered } = fakePrintService(dir, '2026-12-09T14:05:00.000Z', { getLabelPrinter: () => 'ZD421', getLabelStock: () => stock, getDocumentPaper: () => 'a4' });
    const roll = await print.printLabels(JaneDoeLabels);
    expect(roll).toMatchObject({ sentToPrinter: true, printerMessage: 'Sent to printer "ZD421".' });
    expect(roll.document).toMatchObject({ kind: 'labels', title: 'Patient labels × 3 — Doe, Jane', patientId: JaneDoeLabels.patientId });
    expect(roll.document.fileName).toMatch(/^2026-12-09\/labels-[\w-]+\.pdf$/);
    expect(rendered[0]!.page).toEqual({ widthMm: 101.6, heightMm: 152.4, marginMm: 0 });
    await print.printLabels({ ...JaneDoeLabels, layout: 'sheet-30', count: 30 });
    expect(jobs.map((j) => j.deviceName)).toEqual(['ZD421', 'Office LaserJet']);
    // The sheet of 30 is a letter sheet even where the document printer holds A4.
    expect(rendered[1]!.page.widthMm).toBe(215.9);

    stock = '2.25x1.25in';
    await print.reprint(roll.document.id);
    expect(rendered[2]!.page).toEqual({ widthMm: 101.6, heightMm: 152.4, marginMm: 0 });
    expect(jobs[2]).toMatchObject({ deviceName: 'ZD421', job: { title: 'COPY — Patient labels × 3 — Doe, Jane' } });
    expect((await print.list(5, { patientId: JaneDoeLabels.patientId! })).map((d) => d.kind)).toEqual(['labels', 'labels']);
    expect((await print.list(5, { kind: 'labels' })).length).toBe(2);

    await expect(print.printLabels({ ...JaneDoeLabels, count: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    const none = fakePrintService(dir, '2026-12-09T14:05:00.000Z').print;
    expect((await none.printLabels(JaneDoeLabels)).printerMessage).toBe('No label printer is set up; the labels were saved as a PDF.');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('printed labels (Chromium)', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;
  let stock: '2.25x1.25in' | '4x6in' = '2.25x1.25in';

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-labels-pdf-'));
    let n = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, getLabelStock: () => stock, now: () => new Date('2026-12-09T14:05:00.000Z'), newId: () => `doc-${++n}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Reads the kept PDF back as text, and its first page as a picture (200 dpi, a thermal printer's) a scanner reads the barcode from. */
  const readBack = async (fileName: string) => {
    const file = path.join(dir, fileName);
    const pdf = await readPdf(file, { pngInto: dir, dpi: 200 });
    const png = path.join(dir, `${path.basename(file, '.pdf')}-1.png`);
    return { ...pdf, barcode: await decodeCode128(png) };
  };

  it.each([
    ['patient labels on 2¼ × 1¼ in stock', { label: 'patient', layout: 'roll', count: 3 }, '2.25x1.25in', { pages: 3, widthMm: 57.15, heightMm: 31.75 }],
    ['chart labels on 4 × 6 in stock', { label: 'chart', layout: 'roll', count: 2 }, '4x6in', { pages: 2, widthMm: 101.6, heightMm: 152.4 }],
    ['a letter sheet of 30 from label 4', { label: 'patient', layout: 'sheet-30', count: 27, startAt: 4 }, '2.25x1.25in', { pages: 1, widthMm: 215.9, heightMm: 279.4 }],
    ['a wristband', { label: 'wristband', layout: 'roll', count: 1 }, '4x6in', { pages: 1, widthMm: 279.4, heightMm: 25.4 }],
  ] as const)('%s: the patient in words and the MRN in a barcode that reads back', async (_name, choice, labelStock, expected) => {
    stock = labelStock;
    const result = await service.printLabels({ ...JaneDoeLabels, ...choice });
    const pdf = await readBack(result.document.fileName);
    expect(pdf.pages).toBe(expected.pages);
    expect(Math.abs(pdf.width - expected.widthMm * MM_TO_PT)).toBeLessThan(1.5);
    expect(Math.abs(pdf.height - expected.heightMm * MM_TO_PT)).toBeLessThan(1.5);
    expect(pdf.barcode).toBe('N2-000145');
    for (const text of ['MRN N2-000145', 'DOB 03/14/1985']) expect(pdf.text).toContain(text);
    expect(pdf.text).toMatch(choice.label === 'chart' ? /DOE Jane/ : /Doe, Jane/);
    if (choice.label === 'chart') expect(pdf.text).toContain('Dr. Maria Lopez');
    if (choice.layout === 'sheet-30') expect(pdf.text.match(/MRN N2-000145/g)).toHaveLength(27);
    expect((await readFile(path.join(dir, result.document.fileName))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
