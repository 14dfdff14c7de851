import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import { memoryOutbox } from '../../../src/renderer/features/audit/auditOutbox';
import { AppError } from '../../../src/shared/ipc/envelope';
import type { Role } from '../../../src/shared/auth/permissions';
import type { ReceiptData } from '../../../src/shared/print/receipt';
import { JaneDoe, JoseMartinez, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openedDrawer, openTestDesk, testClient } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let numbersIssued: number;
let printed: ReceiptData[];
let printerFails: boolean;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `pay${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  await db.patients.insert(JaneDoe);
  await openedDrawer(db, '2026-11-23');
  roles = ['front-desk'];
  numbersIssued = 0;
  printed = [];
  printerFails = false;
});
afterEach(async () => {
  await db.close();
});

function desk(outbox = memoryOutbox()) {
  const client = testClient('N2', {
    'numbers:next': async () => ({ value: `N2-${String(++numbersIssued).padStart(6, '0')}` }),
    'print:receipt': async (receipt) => {
      if (printerFails) throw new AppError('PRINTER', 'The receipt printer is out of paper.');
      printed.push(receipt);
      return { document: { id: 'doc-1', kind: 'receipt', title: `Receipt ${receipt.receiptNumber}`, createdAt: receipt.issuedAt, fileName: 'r.pdf', copies: 0, patientId: receipt.patientId ?? '', day: '', waiting: false }, sentToPrinter: false, printerMessage: 'Saved as PDF' };
    },
  });
  return openTestDesk(db, { roles: () => roles, client, outbox, now: () => new Date('2026-11-23T15:00:00Z') });
}

const copay = { patientId: JaneDoe.id, appointmentId: null, amountCents: 2500, method: 'cash' as const };
const ledger = async () => (await db.ledger.find().exec()).map((d) => d.toJSON());
const audit = async () => (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());

describe('taking a payment', () => {
  it('records it under the next receipt number, prints the receipt from the stored entry and audits both', async () => {
    const outcome = await desk().payments.take(copay);
    expect(outcome.entry).toMatchObject({ kind: 'payment', amountCents: 2500, method: 'cash', receiptNumber: 'N2-000001', createdBy: 'staff-1', siteId: 'north' });
    expect(outcome.printError).toBeNull();
    expect(printed).toEqual([expect.objectContaining({ receiptNumber: 'N2-000001', totalCents: 2500, patient: { name: 'Doe, Jane', birthDate: '1961-03-04' }, cashier: 'Morgan Lee' })]);
    expect(await ledger()).toHaveLength(1);
    expect((await audit()).map((e) => [e.action, e.subject])).toEqual([
      ['payment', `ledger/${outcome.entry.id}`],
      ['print', 'receipt N2-000001'],
    ]);
  });

  it('keeps the cash handed over (the amount when not said) and a card’s authorization code, and the receipt shows them', async () => {
    const d = desk();
    expect((await d.payments.take(copay)).entry).toMatchObject({ method: 'cash', amountCents: 2500, tenderedCents: 2500, authCode: '' });
    expect((await d.payments.take({ ...copay, tenderedCents: 4000 })).entry).toMatchObject({ tenderedCents: 4000 });
    expect((await d.payments.take({ ...copay, method: 'card', reference: '4242', authCode: '07Q2KX' })).entry).toMatchObject({ method: 'card', tenderedCents: 0, authCode: '07Q2KX' });
    expect(printed.map((r) => [r.method, r.tenderedCents, r.authCode])).toEqual([
      ['cash', 2500, ''],
      ['cash', 4000, ''],
      ['card', 0, '07Q2KX'],
    ]);
    // Less cash than the amount, or a whole card number typed anywhere: refused, no number spent, nothing kept.
    await expect(d.payments.take({ ...copay, tenderedCents: 2000 })).rejects.toThrow('The cash handed over is less than the amount');
    await expect(d.payments.take({ ...copay, method: 'other', reference: '4111 1111 1111 1111' })).rejects.toThrow('That looks like a whole card number');
    expect(numbersIssued).toBe(3);
    expect(await ledger()).toHaveLength(3);
  });

  it('spends no receipt number on a payment the person may not take, and records nothing but the refusal', async () => {
    roles = [];
    await expect(desk().payments.take(copay)).rejects.toBeInstanceOf(PermissionDenied);
    expect(numbersIssued).toBe(0);
    expect(await ledger()).toEqual([]);
    expect((await audit()).map((e) => e.action)).toEqual(['permission-refused']);
  });

  it('spends no number on bad input or a patient not on file', async () => {
    const d = desk();
    await expect(d.payments.take({ ...copay, method: 'check' })).rejects.toThrow('Enter the check number');
    await expect(d.payments.take({ ...copay, amountCents: 0 })).rejects.toThrow();
    await expect(d.payments.take({ ...copay, patientId: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9dff' as typeof JaneDoe.id })).rejects.toThrow('That patient could not be found.');
    expect(numbersIssued).toBe(0);
    expect(await ledger()).toEqual([]);
  });

  it('records a payment for a record merged elsewhere on the record kept, and its receipt names that record', async () => {
    await db.patients.insert(JoseMartinez);
    await db.patients.findOne(JaneDoe.id).exec().then((doc) => doc!.incrementalPatch({ status: 'merged-into', mergedInto: JoseMartinez.id }));
    const outcome = await desk().payments.take(copay);
    expect(outcome.entry.patientId).toBe(JoseMartinez.id);
    expect(outcome.receipt.patient.name).toBe('Martínez-Ruiz, José');
    expect(await ledger()).toHaveLength(1);
  });

  it('keeps a recorded payment when the printer fails, and says so instead of failing', async () => {
    printerFails = true;
    const outcome = await desk().payments.take(copay);
    expect(outcome.printError).toBe('The receipt printer is out of paper.');
    expect(outcome.print).toBeNull();
    expect(await ledger()).toHaveLength(1);
    printerFails = false;
    const again = await desk().payments.printReceipt(outcome.receipt, outcome.entry.patientId);
    expect(again.printError).toBeNull();
  });

  it('never reports a recorded payment as failed when its audit entry cannot be written yet; the entry is written later', async () => {
    const outbox = memoryOutbox();
    const d = desk(outbox);
    await d.ctx.authorize('payment.take');
    const insert = db.audit.insert.bind(db.audit);
    db.audit.insert = async () => {
      throw new Error('The disk is full');
    };
    const outcome = await d.payments.take(copay);
    expect(await ledger()).toHaveLength(1);
    expect((await outbox.list()).map((i) => i.event.action)).toEqual(['payment', 'print']);
    db.audit.insert = insert;
    expect(await d.log.flush()).toBe(2);
    expect(await outbox.list()).toEqual([]);
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.at])).toEqual([
      ['payment', '2026-11-23T15:00:00.000Z'],
      ['print', '2026-11-23T15:00:00.000Z'],
    ]);
    expect(entries.find((e) => e.action === 'payment')!.subject).toBe(`ledger/${outcome.entry.id}`);
  });
});
