import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService } from '../../../src/main/print/printService';
import { renderCardCopyHtml } from '../../../src/main/print/templates/cardCopy';
import { CardCopyDataSchema, type CardCopyData } from '../../../src/shared/print/cardCopy';
import { fakePrintService, filesUnder, readPdf, visibleText } from '../../support/printing';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const base: CardCopyData = {
  clinic: { name: 'Maple Street Family Clinic' },
  patientId: '0193a000-0000-7000-8000-00000000000a',
  patient: { name: 'Doe, Jane', birthDate: '03/04/1961', mrn: 'N2-000001' },
  coverage: { rank: 'Primary', payerName: 'Blue Cross Blue Shield of Illinois', plan: 'PPO Gold', memberId: 'XOF123456789', groupNumber: '000123', subscriber: 'The patient' },
  front: null,
  back: null,
  timeZone: 'America/Chicago',
  printedAt: '2026-12-09T14:05:00.000Z',
  printedBy: 'Dana Reyes',
};

describe('insurance card copies', () => {
  let dir: string;
  let renderer: PdfRenderer | null = null;
  let jpeg: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-cardcopy-'));
    if (!existsSync(CHROMIUM)) return;
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    // A card-like picture as the desk stores one: a JPEG (drawn here by Chromium and poppler).
    const card = await renderer.render('<!doctype html><html><body style="margin:0"><div style="width:85.6mm;height:54mm;background:#1d4ed8;color:#fff;font:bold 14pt sans-serif;padding:4mm">ACME HEALTH<br>Member XOF123456789</div></body></html>', { widthMm: 85.6, heightMm: 54, marginMm: 0 });
    await writeFile(path.join(dir, 'card.pdf'), card);
    await run('pdftoppm', ['-jpeg', '-r', '100', '-singlefile', path.join(dir, 'card.pdf'), path.join(dir, 'card')]);
    jpeg = (await readFile(path.join(dir, 'card.jpg'))).toString('base64');
  });
  afterAll(async () => {
    await renderer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('escape every value, show a missing side as missing, and allow pictures only as data: URLs', () => {
    const markup = renderCardCopyHtml(CardCopyDataSchema.parse({ ...base, patient: { ...base.patient, name: '<script>alert(1)</script>' }, coverage: { ...base.coverage, payerName: '<img src=x onerror=alert(1)>' } }), { copy: false });
    expect(markup).not.toContain('<script>alert');
    expect(markup).not.toContain('<img src=x');
    expect(visibleText(markup)).toContain('<img src=x onerror=alert(1)>');
    expect(visibleText(markup)).toContain('No picture of the front on file');
    expect(markup).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('refuse a picture that is not what it says it is, and keep nothing', async () => {
    const { print } = fakePrintService(dir, '2026-12-09T14:05:00.000Z');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64');
    await expect(print.printCardCopy({ ...base, front: { contentType: 'image/jpeg', data: svg } })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('The picture is not a JPEG picture') });
    expect((await filesUnder(dir)).filter((f) => !f.startsWith('card'))).toEqual([]);
  });

  it.skipIf(!existsSync(CHROMIUM))('print the coverage and both sides of the card on one letter page, found again from the patient', async () => {
    let n = 0;
    const out = path.join(dir, 'printed');
    const service = createPrintService({ dir: out, pdf: renderer!, printer: null, getReceiptPrinter: () => null, now: () => new Date('2026-12-09T14:05:00.000Z'), newId: () => `doc-${++n}` });
    const result = await service.printCardCopy({ ...base, front: { contentType: 'image/jpeg', data: jpeg }, back: null });
    expect(result.document).toMatchObject({ kind: 'card-copy', title: 'Insurance card — Doe, Jane (Blue Cross Blue Shield of Illinois)' });
    const pdf = await readPdf(path.join(out, result.document.fileName), { pngInto: out, dpi: 40 });
    expect(pdf.pages).toBe(1);
    for (const text of ['Insurance card (primary)', 'XOF123456789', 'PPO Gold', 'FRONT', 'BACK', 'No picture of the back on file', 'Printed Dec 9, 2026, 8:05 AM CST by Dana Reyes']) expect(pdf.text).toContain(text);
    // The picture itself is in the PDF (an image, not text).
    const { stdout } = await run('pdfimages', ['-list', path.join(out, result.document.fileName)]);
    expect(stdout.split('\n').filter((line) => /^\s+1\s/.test(line))).toHaveLength(1);
    expect((await service.list(5, { patientId: base.patientId! })).map((d) => d.kind)).toEqual(['card-copy']);
  });
});
