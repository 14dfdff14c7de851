import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import { renderStatementHtml } from '../../../src/main/print/templates/statement';
import type { LedgerEntryId, PatientId } from '../../../src/shared/domain/ids';
import { accountOf, instalmentsFor } from '../../../src/shared/payments/account';
import type { LedgerEntry, StatementEntry } from '../../../src/shared/payments/ledger';
import { buildStatement, type StatementInput } from '../../../src/shared/payments/statement';
import { StatementDataSchema, type StatementData } from '../../../src/shared/print/statement';
import { readPdf, visibleText } from '../../support/printing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JANE = '0193a000-0000-7000-8000-00000000000a' as PatientId;

let n = 0;
const id = () => `0193a000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}` as LedgerEntryId;
const base = (when: string) => ({ id: id(), patientId: JANE, createdAt: when, createdBy: 'staff-1', siteId: 'north' });

/** A year of an account: a visit, a co-pay, a statement, then a lab charge, a card payment, a discount, a mistake voided, a plan. */
function history(): LedgerEntry[] {
  const visit: LedgerEntry = { ...base('2026-10-02T15:00:00.000Z'), kind: 'charge', amountCents: 18_000, description: 'New patient visit', code: 'type-new', appointmentId: null, providerId: '', serviceDate: '2026-10-02' };
  const copay: LedgerEntry = { ...base('2026-10-02T15:05:00.000Z'), kind: 'payment', purpose: 'payment', appointmentId: null, amountCents: 3_000, method: 'cash', reference: '', tenderedCents: 3_000, authCode: '', receiptNumber: 'N1-000007', transactionId: '', drawerId: '' };
  const first: LedgerEntry = { ...base('2026-11-01T14:00:00.000Z'), kind: 'statement', amountCents: 15_000, dueDate: '2026-12-01' };
  const lab: LedgerEntry = { ...base('2026-11-10T15:00:00.000Z'), kind: 'charge', amountCents: 4_500, description: 'Lab <script>alert(1)</script> draw', code: '', appointmentId: null, providerId: '', serviceDate: '2026-11-10' };
  const card: LedgerEntry = { ...base('2026-11-12T15:00:00.000Z'), kind: 'payment', purpose: 'payment', appointmentId: null, amountCents: 5_000, method: 'card', reference: '4242', tenderedCents: 0, authCode: 'A1B2', receiptNumber: 'N1-000031', transactionId: '', drawerId: '' };
  const discount: LedgerEntry = { ...base('2026-11-12T15:01:00.000Z'), kind: 'adjustment', chargeId: lab.id, amountCents: 500, reason: 'discount', note: 'Prompt pay' };
  const twice: LedgerEntry = { ...base('2026-11-20T15:00:00.000Z'), kind: 'charge', amountCents: 2_000, description: 'Supplies', code: '', appointmentId: null, providerId: '', serviceDate: '2026-11-20' };
  const voided: LedgerEntry = { ...base('2026-11-20T15:02:00.000Z'), kind: 'void', targetId: twice.id, targetKind: 'charge', amountCents: 2_000, note: 'Entered twice' };
  const plan: LedgerEntry = { ...base('2026-11-25T15:00:00.000Z'), kind: 'plan', amountCents: 14_000, instalments: instalmentsFor(14_000, 4, 'monthly', '2026-11-30'), note: '' };
  return [visit, copay, first, lab, card, discount, twice, voided, plan];
}

function input(entries = history()): StatementInput {
  const statement: StatementEntry = { ...base('2026-12-05T16:00:00.000Z'), kind: 'statement', amountCents: 14_000, dueDate: '2027-01-04' };
  return {
    account: accountOf(entries),
    statement,
    clinic: { name: 'Maple Street Family Clinic', address: '1200 Maple St, Springfield, IL 62704', phone: '(217) 555-0142', npi: '1234567893', taxId: '12-3456789' },
    patient: { name: 'Doe, Jane', mrn: 'N2-000001' },
    billTo: { name: 'John Doe', addressLines: ['12 Oak St', 'Apt 4', 'Springfield, IL 62701'] },
    timeZone: 'America/Chicago',
    printedBy: 'Dana Reyes',
  };
}

describe('a statement', () => {
  it('lists what was written since the last statement from the balance it left, and adds up to the balance', () => {
    const data = buildStatement(input());
    expect(StatementDataSchema.safeParse(data).success).toBe(true);
    expect(data).toMatchObject({ statementDate: '2026-12-05', previousDate: '2026-11-01', previousCents: 15_000, chargesCents: 6_500, creditsCents: 7_500, amountDueCents: 14_000 });
    expect(data.lines.map((l) => [l.date, l.description, l.chargeCents, l.creditCents, l.balanceCents])).toEqual([
      ['2026-11-10', 'Lab <script>alert(1)</script> draw', 4_500, 0, 19_500],
      ['2026-11-12', 'Payment, card ending 4242, receipt N1-000031', 0, 5_000, 14_500],
      ['2026-11-12', 'Discount on Lab <script>alert(1)</script> draw', 0, 500, 14_000],
      ['2026-11-20', 'Supplies', 2_000, 0, 16_000],
      ['2026-11-20', 'Correction: Supplies cancelled', 0, 2_000, 14_000],
    ]);
    expect(data.amountDueCents).toBe(accountOf(history()).totals.balanceCents);
    // The plan's first instalment (11/30) was due before any payment after it was agreed.
    expect(data.plan).toEqual({ overdueCents: 3_500, nextDueDate: '2026-12-30', nextCents: 3_500, remainingCents: 14_000 });
  });

  it('the first statement starts from nothing; one whose figures do not add up is refused', () => {
    const first = buildStatement(input(history().filter((e) => e.kind !== 'statement')));
    expect(first.previousDate).toBe('');
    expect(first.previousCents).toBe(0);
    expect(first.lines[0]).toMatchObject({ description: 'New patient visit', chargeCents: 18_000, balanceCents: 18_000 });
    const data = buildStatement(input());
    expect(StatementDataSchema.safeParse({ ...data, amountDueCents: 13_999 }).error?.issues[0]?.message).toBe('The amount due is not the balance the lines come to');
    expect(StatementDataSchema.safeParse({ ...data, lines: data.lines.map((l, i) => (i === 1 ? { ...l, creditCents: 4_000 } : l)) }).error?.issues[0]?.message).toBe('The running balance does not follow from the lines');
  });

  it('escapes what people typed and prints the stub with the amount due', () => {
    const out = renderStatementHtml(buildStatement(input()), { copy: false });
    expect(out).not.toContain('<script>alert');
    expect(out).not.toMatch(/<img|<link|\bsrc=|\bstyle="/i);
    const shown = visibleText(out);
    for (const text of ['Statement date 12/05/2026', 'Account N2-000001', 'Amount due $140.00', 'Please pay by 01/04/2027', 'Bill to John Doe 12 Oak St Apt 4 Springfield, IL 62701', 'Patient: Doe, Jane', 'NPI 1234567893 · Tax ID 12-3456789', 'Amount enclosed $'])
      expect(shown).toContain(text);
  });
});

describe.runIf(existsSync(CHROMIUM))('the statement PDF', () => {
  let dir: string;
  let renderer: PdfRenderer;
  let service: PrintService;
  let k = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'statement-'));
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    // A workstation whose document paper is A4 still prints statements on letter, for the window envelope.
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, getDocumentPaper: () => 'a4', now: () => new Date('2026-12-05T16:00:00.000Z'), newId: () => `doc-${++k}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints on letter paper with the activity, the figures, the plan and the stub; found again from the patient and the day; a reprint is marked COPY', async () => {
    const data: StatementData = buildStatement(input());
    const result = await service.printStatement(data);
    expect(result.document).toMatchObject({ kind: 'statement', title: 'Statement 12/05/2026 — Doe, Jane', patientId: JANE, day: '2026-12-05' });
    const pdf = await readPdf(path.join(dir, result.document.fileName), { pngInto: process.env['STATEMENT_PNG'] });
    expect(pdf.pages).toBe(1);
    expect([Math.round(pdf.width), Math.round(pdf.height)]).toEqual([613, 793]);
    for (const text of [
      'Maple Street Family Clinic',
      'STATEMENT',
      'Account activity since your statement of 11/01/2026'.toUpperCase(),
      'Balance from your last statement',
      'Lab <script>alert(1)</script> draw',
      'Payment, card ending 4242, receipt N1-000031',
      'Correction: Supplies cancelled',
      'Your payment plan: $35.00 is past due.',
      'Next instalment: $35.00 due 12/30/2026.',
      'Please detach and return this part with your payment',
      'AMOUNT ENCLOSED $',
    ])
      expect(pdf.text).toContain(text);
    expect(pdf.text).not.toContain('COPY');

    expect((await service.list(10, { patientId: JANE })).map((d) => d.id)).toEqual([result.document.id]);
    expect(await service.list(10, { patientId: '0193a000-0000-7000-8000-00000000000b' })).toEqual([]);
    expect((await service.list(10, { day: '2026-12-05' })).map((d) => d.id)).toEqual([result.document.id]);
    expect(await service.list(10, { day: '2026-12-04' })).toEqual([]);
    expect(await service.list(10, { patientId: '../etc' })).toEqual([]);
    expect((await service.list(10, { patientId: JANE, kind: 'statement' })).map((d) => d.id)).toEqual([result.document.id]);
    expect(await service.list(10, { patientId: JANE, kind: 'receipt' })).toEqual([]);
    expect((await service.list(10, { kind: 'statement' })).map((d) => d.id)).toEqual([result.document.id]);
    expect(await service.list(10, { day: '2026-12-05', kind: 'day-sheet' })).toEqual([]);

    await service.reprint(result.document.id);
    const copy = await readPdf(path.join(dir, result.document.fileName.replace('.pdf', '-copy1.pdf')));
    expect(copy.text).toContain('COPY — REPRINT');
  });

  it('refuses figures that do not add up and keeps nothing', async () => {
    const bad = { ...buildStatement(input()), amountDueCents: 1 };
    await expect(service.printStatement(bad)).rejects.toThrow('The statement cannot be printed');
  });
});
