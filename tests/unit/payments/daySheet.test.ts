import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import type { LedgerEntryId, PatientId } from '../../../src/shared/domain/ids';
import { accountOf } from '../../../src/shared/payments/account';
import { buildDaySheet, type DaySheetInput } from '../../../src/shared/payments/daySheet';
import { drawerSessions, type DrawerRecord } from '../../../src/shared/payments/drawer';
import type { LedgerEntry } from '../../../src/shared/payments/ledger';
import { DaySheetDataSchema } from '../../../src/shared/print/daySheet';
import { readPdf } from '../../support/printing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JANE = '0193a000-0000-7000-8000-00000000000a' as PatientId;
const LUIS = '0193a000-0000-7000-8000-00000000000b' as PatientId;
const NORTH = '0193a000-0000-7000-8000-0000000d0001';
const SOUTH = '0193a000-0000-7000-8000-0000000d0002';

let n = 0;
const id = () => `0193a000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}` as LedgerEntryId;
const at = (hhmm: string) => `2026-12-05T${hhmm}:00.000Z`;
const base = (patientId: PatientId, time: string, siteId = 'north') => ({ id: id(), patientId, createdAt: at(time), createdBy: 'staff-1', siteId });
const payment = (patientId: PatientId, time: string, amountCents: number, method: 'cash' | 'check' | 'card' | 'other', drawerId: string, reference = '', siteId = 'north'): LedgerEntry => {
  const b = base(patientId, time, siteId);
  return { ...b, kind: 'payment', purpose: 'payment', appointmentId: null, amountCents, method, reference, tenderedCents: method === 'cash' ? amountCents : 0, authCode: method === 'card' ? 'A1B2' : '', receiptNumber: `N1-${String(n).padStart(6, '0')}`, transactionId: b.id, drawerId };
};
const charge = (patientId: PatientId, time: string, amountCents: number, providerId = ''): LedgerEntry => ({ ...base(patientId, time), kind: 'charge', amountCents, description: 'Office visit', code: '', appointmentId: null, providerId, serviceDate: '2026-12-05' });

function sessions(closed: boolean): DrawerRecord[] {
  const open = (sessionId: string, workstationName: string, siteId: string, floatCents: number): DrawerRecord => ({ id: sessionId, sessionId, kind: 'open', workstationId: `ws-${workstationName}`, workstationName, siteId, businessDate: '2026-12-05', floatCents, note: '', createdAt: at('14:00'), createdBy: 'staff-1' });
  const close = (sessionId: string, counted: number, expected: number): DrawerRecord => ({
    id: id(), sessionId, kind: 'close', workstationId: 'x', workstationName: 'x', siteId: 'north', businessDate: '2026-12-05', note: 'n', createdAt: at('23:00'), createdBy: 'staff-1',
    counts: [0, 0, 0, 0, 0, 0, counted / 100, 0, 0, 0, 0, 0], checks: [], countedCashCents: counted, countedChecksCents: 0, expectedCashCents: expected, expectedChecksCents: 0, overShortCents: counted - expected,
  });
  const list = [open(NORTH, 'N1', 'north', 10_000), open(SOUTH, 'S1', 'south', 5_000)];
  return closed ? [...list, close(NORTH, 14_000, 14_200), close(SOUTH, 7_000, 7_000)] : list;
}

function day(): { input: DaySheetInput; entries: LedgerEntry[] } {
  const visit = charge(JANE, '15:00', 12_000, 'dr-ruiz');
  const cash = payment(JANE, '15:05', 4_200, 'cash', NORTH);
  const check = payment(LUIS, '15:30', 4_550, 'check', NORTH, '1042');
  const card = payment(LUIS, '16:00', 9_900, 'card', SOUTH, '4242', 'south');
  const cashSouth = payment(LUIS, '16:30', 2_000, 'cash', SOUTH, '', 'south');
  const wrong = payment(JANE, '17:00', 5_000, 'cash', NORTH);
  const voidIt: LedgerEntry = { ...base(JANE, '17:01'), kind: 'void', targetId: wrong.id, targetKind: 'payment', amountCents: 5_000, note: 'Keyed twice' };
  const discount: LedgerEntry = { ...base(JANE, '17:10'), kind: 'adjustment', chargeId: visit.id, amountCents: 1_000, reason: 'discount', note: 'Prompt pay' };
  const refund: LedgerEntry = { ...base(JANE, '17:20'), kind: 'refund', targetId: cash.id, amountCents: 200, method: 'cash', reference: '', note: 'Overpaid', drawerId: NORTH };
  const entries = [visit, cash, check, card, cashSouth, wrong, voidIt, discount, refund];
  return {
    entries,
    input: {
      clinic: { name: 'Maple Street <Family> Clinic', address: '1 Main St', phone: '(555) 010-1000' },
      date: '2026-12-05',
      timeZone: 'America/Chicago',
      entries: [...entries].reverse(),
      earlier: new Map(),
      sessions: drawerSessions(sessions(false)),
      patientName: (p) => (p === JANE ? 'Doe, Jane' : '<script>alert(1)</script>, Luis'),
      providerName: (p) => (p === 'dr-ruiz' ? 'Ana Ruiz, MD' : ''),
      printedAt: at('23:30'),
      printedBy: 'Dana Reyes',
    },
  };
}

describe('the day sheet', () => {
  it('adds up to the ledger: tenders to the payments, voided left out, refunds and adjustments counted, by workstation and provider', () => {
    const { input, entries } = day();
    const sheet = DaySheetDataSchema.parse(buildDaySheet(input));
    expect(sheet.totals).toEqual({ chargedCents: 12_000, adjustedCents: 1_000, paid: { cash: 6_200, check: 4_550, card: 9_900, other: 0 }, paidCents: 20_650, refundedCents: 200, netCents: 20_450 });
    // The same day's entries, read as accounts, give the same money in and out.
    const totals = accountOf(entries).totals;
    expect([totals.chargedCents, totals.adjustedCents, totals.paidCents, totals.refundedCents]).toEqual([sheet.totals.chargedCents, sheet.totals.adjustedCents, sheet.totals.paidCents, sheet.totals.refundedCents]);
    expect(sheet.payments.map((p) => [p.amountCents, p.voided, p.workstation])).toEqual([
      [4_200, false, 'N1'],
      [4_550, false, 'N1'],
      [9_900, false, 'S1'],
      [2_000, false, 'S1'],
      [5_000, true, 'N1'],
    ]);
    expect(sheet.byWorkstation).toEqual([
      { workstation: 'N1', site: 'north', tenders: { cash: 4_200, check: 4_550, card: 0, other: 0 }, refundedCents: 200, drawer: 'Open, not counted yet' },
      { workstation: 'S1', site: 'south', tenders: { cash: 2_000, check: 0, card: 9_900, other: 0 }, refundedCents: 0, drawer: 'Open, not counted yet' },
    ]);
    expect(sheet.byProvider).toEqual([{ provider: 'Ana Ruiz, MD', chargedCents: 12_000, adjustedCents: 1_000 }]);
    expect(sheet.voids).toEqual([expect.objectContaining({ what: expect.stringContaining('Payment, receipt'), amountCents: 5_000, note: 'Keyed twice' })]);
    // Not every drawer is counted: the deposit's cash is what was taken less cash given back.
    expect(sheet.deposit).toMatchObject({ checks: [{ number: '1042', amountCents: 4_550 }], checksCents: 4_550, cashCents: 6_000 });
    expect(sheet.deposit.cashFrom).toContain('not every drawer is counted yet');
  });

  it('counts a co-pay charged for one appointment at two workstations once, like the account does', () => {
    const { input } = day();
    const appointmentId = '0193a000-0000-7000-8000-0000000a0001' as never;
    const copay = (time: string): LedgerEntry => ({ ...base(JANE, time), kind: 'charge', amountCents: 2_500, description: 'Co-pay', code: 'copay', appointmentId, providerId: '', serviceDate: '2026-12-05' });
    const entries = [copay('18:00'), copay('18:01')];
    const sheet = DaySheetDataSchema.parse(buildDaySheet({ ...input, entries }));
    expect(sheet.totals.chargedCents).toBe(2_500);
    expect(sheet.totals.chargedCents).toBe(accountOf(entries).totals.chargedCents);
    expect(sheet.charges.map((c) => [c.description, c.voided])).toEqual([
      ['Co-pay', false],
      ['Co-pay (charged again at another workstation)', true],
    ]);
  });

  it('takes the deposit’s cash from the drawers’ counts once all are closed, less their floats', () => {
    const { input } = day();
    const sheet = buildDaySheet({ ...input, sessions: drawerSessions(sessions(true)) });
    expect(sheet.deposit.cashCents).toBe(14_000 - 10_000 + (7_000 - 5_000));
    expect(sheet.deposit.cashFrom).toBe('Counted in 2 drawers, less $150.00 of floats kept for tomorrow');
    expect(sheet.byWorkstation.map((w) => w.drawer)).toEqual(['Closed · Short $2.00', 'Closed · Balanced']);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the printed day sheet (Chromium)', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-daysheet-'));
    let k = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, now: () => new Date(at('23:30')), newId: () => `doc-${++k}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the figures, every row and the deposit slip on its own page; hostile text stays text; a reprint is marked COPY', async () => {
    const { input } = day();
    const result = await service.printDaySheet(buildDaySheet({ ...input, sessions: drawerSessions(sessions(true)) }));
    expect(result.document).toMatchObject({ kind: 'day-sheet', title: 'Day sheet — Saturday, December 5, 2026' });
    const pdf = await readPdf(path.join(dir, result.document.fileName), { pngInto: process.env['DAY_SHEET_PNG'] });
    expect(pdf.pages).toBe(2);
    for (const text of [
      'Maple Street <Family> Clinic',
      'Day sheet · Saturday, December 5, 2026',
      'NET RECEIVED',
      '$204.50',
      'Tenders add up to the payments: $206.50.',
      'Closed · Short $2.00',
      'Ana Ruiz, MD',
      '<script>alert(1)</script>, Luis',
      'Keyed twice',
      'Prompt pay',
      'Deposit slip · Saturday, December 5, 2026',
      '1042',
      'Counted in 2 drawers, less $150.00 of floats kept for tomorrow',
      'Total deposit $105.50',
    ]) expect(pdf.text).toContain(text);
    expect(pdf.text).not.toContain('COPY');
    await service.reprint(result.document.id);
    const copy = await readPdf(path.join(dir, result.document.fileName.replace('.pdf', '-copy1.pdf')));
    expect(copy.text).toContain('COPY — REPRINT');
  });

  it('refuses data that does not fit and keeps nothing', async () => {
    const { input } = day();
    const bad = { ...buildDaySheet(input), date: 'yesterday' };
    await expect(service.printDaySheet(bad)).rejects.toThrow('The day sheet cannot be printed');
  });
});
