import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createChromiumPdfRenderer } from '../src/main/print/chromiumPdf';
import { createPrintService } from '../src/main/print/printService';
import { openClinicDatabase } from '../src/renderer/app/clinicDatabase';
import { JaneDoe, TEST_DATABASE_KEY } from '../tests/fixtures/clinic';
import { openTestDesk, testClient } from '../tests/support/desk';
import type { LedgerEntryId, PatientId } from '../src/shared/domain/ids';
import { PatientFinder } from '../src/shared/patients/patientFinder';
import { accountOf, guarantorBalance, instalmentsFor, planAllocation } from '../src/shared/payments/account';
import { LedgerEntrySchema, type LedgerEntry } from '../src/shared/payments/ledger';
import { percentile, round, type BenchGroup } from './harness';

export const PAYMENTS_TARGETS = { accountP95Ms: 5, guarantorP95Ms: 10, daySheetMs: 1_000, receiptP95Ms: 300 };

/**
 * A patient's ledger as years at a clinic leave it: a charge per visit, most paid at once by a
 * payment that pays it, some paid later on account, a few adjustments, voids and refunds,
 * statements and payment plans.
 */
export function syntheticLedger(patientId: string, size: number, seed: number): LedgerEntry[] {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const entries: LedgerEntry[] = [];
  let n = 0;
  const start = Date.UTC(2020, 0, 6, 15);
  const base = () => {
    n++;
    const id = `0193a000-${String(seed % 10_000).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}` as LedgerEntryId;
    return { id, patientId: patientId as PatientId, createdAt: new Date(start + n * 3_600_000).toISOString(), createdBy: 'staff-1', siteId: 'north' };
  };
  while (entries.length < size) {
    const at = base();
    const amountCents = 2_500 + Math.floor(random() * 40) * 500;
    const charge: LedgerEntry = { ...at, kind: 'charge', amountCents, description: 'Office visit', code: '', appointmentId: null, providerId: '', serviceDate: at.createdAt.slice(0, 10) };
    entries.push(charge);
    const roll = random();
    if (roll < 0.7) {
      const p = base();
      entries.push({ ...p, kind: 'payment', purpose: 'payment', appointmentId: null, amountCents, method: 'card', reference: '4242', tenderedCents: 0, authCode: 'A1B2C3', receiptNumber: `N1-${String(n).padStart(6, '0')}`, transactionId: p.id, drawerId: '' });
      entries.push({ ...base(), kind: 'allocation', paymentId: p.id, chargeId: charge.id, amountCents });
      if (random() < 0.05) entries.push({ ...base(), kind: 'refund', targetId: p.id, amountCents: 500, method: 'card', reference: '4242', note: 'Overpaid', drawerId: '' });
    } else if (roll < 0.8) {
      entries.push({ ...base(), kind: 'adjustment', chargeId: charge.id, amountCents: 500, reason: 'small-balance', note: '' });
    } else if (roll < 0.85) {
      entries.push({ ...base(), kind: 'void', targetId: charge.id, targetKind: 'charge', amountCents, note: 'Entered in error' });
    } else if (roll < 0.87) {
      // A statement of what is owed now and then, and sometimes a plan to pay it.
      const account = accountOf(entries);
      if (account.totals.balanceCents > 0) {
        entries.push({ ...base(), kind: 'statement', amountCents: account.totals.balanceCents, dueDate: at.createdAt.slice(0, 10) });
        if (account.totals.balanceCents >= 300 && random() < 0.3) {
          const plan = base();
          const instalments = instalmentsFor(account.totals.balanceCents, 3, 'monthly', plan.createdAt.slice(0, 10));
          entries.push({ ...plan, kind: 'plan', amountCents: account.totals.balanceCents, instalments, note: '' });
          if (random() < 0.5) entries.push({ ...base(), kind: 'void', targetId: plan.id, targetKind: 'plan', amountCents: account.totals.balanceCents, note: 'Paid in full' });
        }
      }
    } else {
      const account = accountOf(entries);
      const p = base();
      entries.push({ ...p, kind: 'payment', purpose: 'payment', appointmentId: null, amountCents: 5_000, method: 'cash', reference: '', tenderedCents: 5_000, authCode: '', receiptNumber: `N1-${String(n).padStart(6, '0')}`, transactionId: p.id, drawerId: '' });
      for (const a of planAllocation(account, 5_000)) entries.push({ ...base(), kind: 'allocation', paymentId: p.id, chargeId: a.chargeId as LedgerEntryId, amountCents: a.amountCents });
    }
  }
  return entries.slice(0, size).map((e) => LedgerEntrySchema.parse(e));
}

function time(samples: number, run: () => void): number[] {
  const list: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    run();
    list.push(performance.now() - t0);
  }
  return list;
}

/**
 * The account of a patient with 500 ledger entries (balance, running balance, what each payment
 * paid, what each charge owes), worked out from the entries as the Account tab does on every
 * change; a guarantor's ten dependants. Reading the entries from IndexedDB is not in these figures.
 */
export const paymentsGroup: BenchGroup = {
  name: 'payments',
  description: 'Patient account of 500 ledger entries worked out from its entries, a guarantor with 10 dependants, a payment from Enter to receipt PDF, the day sheet of 1,000 payments',
  async run(log, { smoke }) {
    const size = smoke ? 100 : 500;
    const samples = smoke ? 20 : 300;
    const figures: Record<string, number> = {};
    const entries = syntheticLedger('0193a000-0000-7000-8000-00000000aaaa', size, 7);
    time(20, () => accountOf(entries));
    const derive = time(samples, () => accountOf(entries));
    figures[`payments.account_p95_ms.${size}`] = round(percentile(derive, 95));
    log(`account of ${size} entries: p50 ${round(percentile(derive, 50))} ms, p95 ${round(percentile(derive, 95))} ms (target ${PAYMENTS_TARGETS.accountP95Ms})`);

    const dependants = Array.from({ length: 10 }, (_, i) => syntheticLedger(`0193a000-0000-7000-8000-0000000bb${String(i).padStart(3, '0')}`, smoke ? 20 : 100, 100 + i));
    // Who the guarantor pays for comes from the finder (one pass over its guarantor column), then each dependant's account.
    const clinicSize = smoke ? 10_000 : 100_000;
    const finder = new PatientFinder();
    const guarantorId = '0193a000-0000-7000-8000-0000000bbfff';
    finder.load(
      Array.from({ length: clinicSize }, (_, i) => ({
        id: `0193a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
        givenName: `Given${i % 997}`,
        familyName: `Family${i % 4_999}`,
        birthDate: '1980-01-01',
        phones: [],
        ...(i % (clinicSize / 10) === 7 ? { guarantorId } : {}),
      })),
    );
    const ledgerOf = new Map(finder.dependantsOf(guarantorId).map((d, i) => [d.id, dependants[i]!]));
    if (ledgerOf.size !== 10) throw new Error(`Expected 10 dependants, found ${ledgerOf.size}`);
    const guarantor = time(samples, () => guarantorBalance(new Map(finder.dependantsOf(guarantorId).map((d) => [d.id, accountOf(ledgerOf.get(d.id)!)]))));
    figures['payments.guarantor_p95_ms.10'] = round(percentile(guarantor, 95));
    log(`guarantor with 10 dependants among ${clinicSize.toLocaleString('en-US')} patients (${dependants[0]!.length} entries each): p95 ${round(percentile(guarantor, 95))} ms (target ${PAYMENTS_TARGETS.guarantorP95Ms})`);

    // Printing, in Chromium as main prints: a payment from Enter (recorded with its allocations and
    // audit entry in the workstation's database) to its receipt's PDF kept; the day sheet of 1,000
    // payments from the day's entries to its PDF kept.
    const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-pay-'));
    const renderer = createChromiumPdfRenderer({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
    const db = await openClinicDatabase({ name: `bench-pay-${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    try {
      let ids = 0;
      const print = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, now: () => new Date(), newId: () => `bench-${++ids}` });
      const client = testClient('B1', { 'print:receipt': (r) => print.printReceipt(r), 'print:daySheet': (r) => print.printDaySheet(r) });
      const desk = openTestDesk(db, { client });
      await db.patients.insert(JaneDoe);
      await db.ledger.bulkInsert(syntheticLedger(JaneDoe.id, size, 11));
      await desk.drawers.open({ floatCents: 10_000 });
      const receipts: number[] = [];
      for (let i = 0; i < (smoke ? 5 : 40); i++) {
        const t0 = performance.now();
        const outcome = await desk.payments.take({ patientId: JaneDoe.id, appointmentId: null, purpose: 'payment', amountCents: 2_500 + i, method: 'cash', tenderedCents: 5_000 });
        if (!outcome.print) throw new Error(`The receipt was not kept: ${outcome.printError}`);
        receipts.push(performance.now() - t0);
      }
      figures['payments.receipt_p95_ms'] = round(percentile(receipts.slice(2), 95));
      log(`payment from Enter to receipt PDF kept (account of ${size} entries, Chromium PDF): p50 ${round(percentile(receipts.slice(2), 50))} ms, p95 ${round(percentile(receipts.slice(2), 95))} ms (target ${PAYMENTS_TARGETS.receiptP95Ms})`);

      // The day sheet as the desk prints it, from the click: the day's entries read from the
      // workstation's database, the patients' names, then the PDF rendered and kept by main.
      const count = smoke ? 100 : 1_000;
      const day = syntheticDay(count);
      const patientIds = [...new Set(day.map((e) => e.patientId))];
      await db.patients.bulkInsert(patientIds.map((id, i) => ({ ...JaneDoe, id, givenName: `Given${i}`, familyName: `Family${i % 97}`, mrn: `B1-${String(i + 1).padStart(6, '0')}` })));
      await db.ledger.bulkInsert(day);
      const sheets: number[] = [];
      let fileName = '';
      for (let run = 0; run < (smoke ? 1 : 3); run++) {
        const t0 = performance.now();
        const result = await desk.daySheets.printDaySheet('2026-12-05');
        sheets.push(performance.now() - t0);
        fileName = result.document.fileName;
      }
      const worst = Math.max(...sheets);
      figures[`payments.day_sheet_ms.${count}`] = round(worst);
      log(`day sheet of ${count} payments, from the click (entries read from the database) to its PDF kept: ${sheets.map((ms) => `${round(ms)} ms`).join(', ')}; worst ${round(worst)} ms (target ${PAYMENTS_TARGETS.daySheetMs}); ${fileName}`);
    } finally {
      await db.close();
      await renderer.close();
      await rm(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

/** A busy day: `count` payments by every tender, each with the charge it paid. */
function syntheticDay(count: number): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const methods = ['cash', 'card', 'check', 'other'] as const;
  for (let i = 0; i < count; i++) {
    const patientId = `0193a000-0000-7000-8000-${(1_000_000 + (i % 700)).toString(16).padStart(12, '0')}` as PatientId;
    const at = new Date(Date.UTC(2026, 11, 5, 14) + i * 25_000).toISOString();
    const id = (k: number) => `0193a000-0001-7000-8000-${(i * 4 + k).toString(16).padStart(12, '0')}` as LedgerEntryId;
    const method = methods[i % 4]!;
    entries.push({ id: id(0), kind: 'charge', patientId, amountCents: 2_500, description: 'Office visit', code: '', appointmentId: null, providerId: '', serviceDate: '2026-12-05', createdAt: at, createdBy: 'bench', siteId: 'main' });
    entries.push({ id: id(1), kind: 'payment', purpose: 'payment', patientId, appointmentId: null, amountCents: 2_500, method, reference: method === 'card' ? '4242' : method === 'check' ? String(1000 + i) : method === 'other' ? 'HSA' : '', tenderedCents: method === 'cash' ? 2_500 : 0, authCode: method === 'card' ? 'A1B2' : '', receiptNumber: `B1-${String(i + 1).padStart(6, '0')}`, transactionId: id(1), drawerId: '', createdAt: at, createdBy: 'bench', siteId: 'main' });
  }
  return entries;
}
