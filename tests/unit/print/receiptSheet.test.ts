import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import type { ReceiptData } from '../../../src/shared/print/receipt';
import { JaneDoeCopayReceipt, ScriptNameReceipt } from '../../fixtures/receipts';
import { readPdf } from '../../support/printing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const split: ReceiptData = {
  ...JaneDoeCopayReceipt,
  clinic: { ...JaneDoeCopayReceipt.clinic, npi: '1234567893', taxId: '12-3456789' },
  lines: [{ description: 'Payment on account', amountCents: 12_000 }],
  totalCents: 12_000,
  method: 'cash',
  reference: '',
  tenderedCents: 5_000,
  authCode: '',
  tenders: [
    { method: 'cash', reference: '', amountCents: 4_000, tenderedCents: 5_000, authCode: '' },
    { method: 'card', reference: '4242', amountCents: 8_000, tenderedCents: 0, authCode: '07Q2KX' },
  ],
  balanceCents: 3_500,
};

describe.runIf(existsSync(CHROMIUM))('a receipt on letter and A4 paper', () => {
  let dir: string;
  let renderer: PdfRenderer;
  let k = 0;
  const service = (paper: 'letter' | 'a4'): PrintService =>
    createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, getReceiptOptions: () => ({ paper, printAutomatically: true }), now: () => new Date('2026-11-23T15:00:00.000Z'), newId: () => `doc-${paper}-${++k}` });
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'receipt-sheet-'));
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints one letter page with the clinic’s identifiers, each tender, the change, the balance and the cashier; a reprint is marked COPY', async () => {
    const print = service('letter');
    const result = await print.printReceipt(split);
    const pdf = await readPdf(path.join(dir, result.document.fileName), { pngInto: process.env['RECEIPT_PNG'] });
    expect(pdf.pages).toBe(1);
    expect([Math.round(pdf.width), Math.round(pdf.height)]).toEqual([613, 793]);
    for (const text of [
      split.clinic.name,
      'NPI 1234567893 · Tax ID 12-3456789',
      'RECEIPT',
      `Receipt no. ${split.receiptNumber}`,
      'Amount paid $120.00',
      'Received from',
      'Payment on account $120.00',
      'Total paid $120.00',
      'Cash $40.00',
      'Cash tendered $50.00',
      'Change given $10.00',
      'Card ending 4242 $80.00',
      'Authorization 07Q2KX',
      'Balance due $35.00',
      `Cashier ${split.cashier}`,
    ])
      expect(pdf.text).toContain(text);
    expect(pdf.text).not.toContain('COPY');
    await print.reprint(result.document.id);
    expect((await readPdf(path.join(dir, result.document.fileName.replace('.pdf', '-copy1.pdf')))).text).toContain('COPY — REPRINT');
  });

  it('prints on A4, hostile text as text', async () => {
    const result = await service('a4').printReceipt(ScriptNameReceipt);
    const pdf = await readPdf(path.join(dir, result.document.fileName));
    expect([pdf.pages, Math.round(pdf.width), Math.round(pdf.height)]).toEqual([1, 596, 842]);
    expect(pdf.text).toContain(ScriptNameReceipt.patient.name);
  });
});
