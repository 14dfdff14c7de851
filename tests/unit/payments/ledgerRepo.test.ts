import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import type { AppointmentId } from '../../../src/shared/domain/ids';
import { accountOf } from '../../../src/shared/payments/account';
import type { LedgerEntry } from '../../../src/shared/payments/ledger';
import { JaneDoe, JoseMartinez, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openedDrawer, openTestDesk } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let now: Date;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `ledger${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  await db.patients.insert(JaneDoe);
  await openedDrawer(db, '2026-12-01');
  roles = ['front-desk'];
  now = new Date('2026-12-01T15:00:00Z');
});
afterEach(async () => {
  await db.close();
});

const desk = () => openTestDesk(db, { roles: () => roles, now: () => now });
const entries = async (): Promise<LedgerEntry[]> => (await db.ledger.find().exec()).map((d) => d.toJSON() as LedgerEntry);
const account = async () => accountOf(await entries());
const audit = async () => (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());
const visit = '0193a000-0000-7000-8000-00000000cccc' as AppointmentId;
const cash = (amountCents: number, over: object = {}) => ({ patientId: JaneDoe.id, appointmentId: null, amountCents, method: 'cash' as const, purpose: 'payment' as const, ...over });

/** A manager's approval for the next attempt of one action, as the approval dialog records it. */
const approve = (d: ReturnType<typeof desk>, permission: 'payment.adjust' | 'payment.voidOrRefund') => d.ctx.grantOverride({ permission, managerId: 'staff-9', managerName: 'Robin Manager' });

async function chargeByHand(d: ReturnType<typeof desk>, amountCents: number, serviceDate = '2026-12-01') {
  roles = ['billing'];
  const charge = await d.ledger.postCharge({ patientId: JaneDoe.id, description: 'Office visit', amountCents, serviceDate });
  roles = ['front-desk'];
  return charge;
}

describe('the ledger repository', () => {
  it('a co-pay for an appointment posts its co-pay charge and pays it, so the account owes nothing; a second co-pay is a credit', async () => {
    const d = desk();
    const first = await d.payments.take(cash(2500, { appointmentId: visit, purpose: 'copay' }));
    const a = await account();
    expect([...a.charges.values()].map((c) => [c.entry.description, c.entry.code, c.entry.appointmentId, c.openCents])).toEqual([['Co-pay', 'copay', visit, 0]]);
    expect(a.payments.get(first.entry.id)!.paid).toEqual([{ chargeId: [...a.charges.keys()][0], amountCents: 2500 }]);
    expect(a.totals).toMatchObject({ balanceCents: 0, creditCents: 0 });
    await d.payments.take(cash(1000, { appointmentId: visit, purpose: 'copay' }));
    expect((await account()).totals).toMatchObject({ balanceCents: -1000, creditCents: 1000 });
    expect((await entries()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  });

  it('a payment split across tenders is one transaction with one receipt number; its tenders pay the charges in order', async () => {
    const d = desk();
    const charge = await chargeByHand(d, 6000);
    const outcome = await d.payments.take({
      patientId: JaneDoe.id,
      appointmentId: null,
      purpose: 'payment',
      tenders: [
        { amountCents: 2000, method: 'cash', tenderedCents: 3000 },
        { amountCents: 5000, method: 'card', reference: '4242', authCode: 'A1B2C3' },
      ],
    });
    expect(outcome.entries.map((e) => [e.method, e.amountCents, e.receiptNumber, e.transactionId])).toEqual([
      ['cash', 2000, 'N1-000001', outcome.entry.transactionId],
      ['card', 5000, 'N1-000001', outcome.entry.transactionId],
    ]);
    expect(outcome.receipt).toMatchObject({ totalCents: 7000, tenders: [{ method: 'cash', tenderedCents: 3000 }, { method: 'card', authCode: 'A1B2C3' }], balanceCents: -1000 });
    const a = await account();
    expect(a.charges.get(charge.id)!.paidBy.map((p) => p.amountCents)).toEqual([2000, 4000]);
    expect(a.totals).toMatchObject({ balanceCents: -1000, creditCents: 1000 });
    // Two cash tenders, or a bad tender, are refused whole: no number spent, nothing kept.
    const before = (await entries()).length;
    await expect(d.payments.take({ patientId: JaneDoe.id, appointmentId: null, purpose: 'payment', tenders: [{ amountCents: 100, method: 'cash' }, { amountCents: 100, method: 'cash' }] })).rejects.toThrow('Put all the cash in one tender');
    await expect(d.payments.take({ patientId: JaneDoe.id, appointmentId: null, purpose: 'payment', tenders: [{ amountCents: 100, method: 'cash' }, { amountCents: 100, method: 'card', reference: '4242' }] })).rejects.toThrow('Enter the authorization code');
    expect((await entries()).length).toBe(before);
  });

  it('a payment on account pays the oldest charges first; kept as credit it pays nothing until the credit is applied', async () => {
    const d = desk();
    const newer = await chargeByHand(d, 5000, '2026-11-30');
    const older = await chargeByHand(d, 3000, '2026-11-02');
    await d.payments.take(cash(4000));
    let a = await account();
    expect(a.charges.get(older.id)!.openCents).toBe(0);
    expect(a.charges.get(newer.id)!.openCents).toBe(4000);
    await d.payments.take(cash(6000), { keepAsCredit: true });
    a = await account();
    expect(a.totals).toMatchObject({ balanceCents: -2000, openCents: 4000, creditCents: 6000 });
    expect((await d.ledger.applyCredit(JaneDoe.id)).appliedCents).toBe(4000);
    expect((await account()).totals).toMatchObject({ balanceCents: -2000, openCents: 0, creditCents: 2000 });
    await expect(d.ledger.applyCredit(JaneDoe.id)).rejects.toThrow('There is no credit to apply, or nothing is owed.');
  });

  it('a charge from the fee schedule is the front desk’s; by hand or at another amount it needs billing staff or a manager’s approval', async () => {
    const d = desk();
    roles = ['manager'];
    const type = await d.catalog.saveAppointmentType(null, { name: 'New patient', durationMinutes: 40, color: '#1c7ed6', providerIds: [], needsRoom: false, formsDue: [], feeCents: 15000, copayHintCents: 2500, active: true });
    roles = ['front-desk'];
    const charge = await d.ledger.postCharge({ patientId: JaneDoe.id, code: type.id, description: 'New patient', amountCents: 15000, serviceDate: '2026-12-01' });
    expect(charge).toMatchObject({ kind: 'charge', code: type.id, amountCents: 15000, createdBy: 'staff-1', siteId: 'north' });
    await expect(d.ledger.postCharge({ patientId: JaneDoe.id, code: type.id, description: 'New patient', amountCents: 9000, serviceDate: '2026-12-01' })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(d.ledger.postCharge({ patientId: JaneDoe.id, description: 'Supplies', amountCents: 900, serviceDate: '2026-12-01' })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(d.ledger.postCharge({ patientId: JaneDoe.id, code: 'no-such-fee', description: 'X', amountCents: 900, serviceDate: '2026-12-01' })).rejects.toThrow('That service is not in the fee schedule.');
    await expect(d.ledger.postCharge({ patientId: JaneDoe.id, description: ' ', amountCents: 900, serviceDate: '2026-12-01' })).rejects.toThrow('Say what the charge is for');
    approve(d, 'payment.adjust');
    await d.ledger.postCharge({ patientId: JaneDoe.id, description: 'Supplies', amountCents: 900, serviceDate: '2026-12-01' });
    expect((await entries()).filter((e) => e.kind === 'charge').map((e) => e.amountCents)).toEqual(expect.arrayContaining([15000, 900]));
    expect((await audit()).filter((e) => e.subject.startsWith('ledger/')).map((e) => [e.action, e.detail, e.approvedBy])).toEqual([
      ['create', 'Charge $150.00 New patient', null],
      ['create', 'Charge $9.00 Supplies (entered by hand)', 'staff-9'],
    ]);
  });

  it('the fee schedule’s services: kept by a manager, a code used once; a service charged at its fee is the front desk’s', async () => {
    const d = desk();
    const draw = { code: '36415', name: 'Blood draw', feeCents: 2_500, active: true };
    await expect(d.catalog.saveService(null, draw)).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['manager'];
    const service = await d.catalog.saveService(null, { ...draw, code: ' 36415 ' });
    expect(service).toMatchObject({ kind: 'service', code: '36415', feeCents: 2_500 });
    await expect(d.catalog.saveService(null, { ...draw, name: 'Venipuncture' })).rejects.toThrow('Code 36415 is already on the fee schedule (Blood draw).');
    await expect(d.catalog.saveService(null, { ...draw, code: 'a b' })).rejects.toThrow('The code is 1 to 20 letters, digits, dots or dashes');
    await d.catalog.saveService(service.id, { ...draw, feeCents: 3_000 });
    roles = ['front-desk'];
    const charge = await d.ledger.postCharge({ patientId: JaneDoe.id, code: service.id, description: 'Blood draw (36415)', amountCents: 3_000, serviceDate: '2026-12-01' });
    expect(charge).toMatchObject({ code: service.id, amountCents: 3_000 });
    await expect(d.ledger.postCharge({ patientId: JaneDoe.id, code: service.id, description: 'Blood draw (36415)', amountCents: 2_500, serviceDate: '2026-12-01' })).rejects.toBeInstanceOf(PermissionDenied);
  });

  it('an adjustment is refused to the front desk (recorded), then made with a manager’s approval; never past what is owed', async () => {
    const d = desk();
    const charge = await chargeByHand(d, 8000);
    await expect(d.ledger.adjust({ patientId: JaneDoe.id, chargeId: charge.id, amountCents: 2000, reason: 'discount' })).rejects.toBeInstanceOf(PermissionDenied);
    approve(d, 'payment.adjust');
    await d.ledger.adjust({ patientId: JaneDoe.id, chargeId: charge.id, amountCents: 2000, reason: 'discount', note: 'Cash discount' });
    expect((await account()).totals.balanceCents).toBe(6000);
    roles = ['billing'];
    await expect(d.ledger.adjust({ patientId: JaneDoe.id, chargeId: charge.id, amountCents: 6001, reason: 'write-off' })).rejects.toThrow('An adjustment cannot be more than is owed on the charge ($60.00).');
    const log = await audit();
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['permission-refused', 'manager-override']));
    expect(log.find((e) => e.detail.startsWith('Adjustment'))).toMatchObject({ detail: expect.stringContaining('$20.00 Discount on ledger/'), approvedBy: 'staff-9' });
  });

  it('a void the same day is the desk’s; a void on another day needs a manager; it cancels once', async () => {
    const d = desk();
    const today = await d.payments.take(cash(3000));
    await d.ledger.void({ patientId: JaneDoe.id, targetId: today.entry.id, note: 'Wrong patient' });
    expect((await account()).totals.balanceCents).toBe(0);
    await expect(d.ledger.void({ patientId: JaneDoe.id, targetId: today.entry.id, note: 'Again' })).rejects.toThrow('That entry is already voided.');
    await expect(d.ledger.void({ patientId: JaneDoe.id, targetId: today.entry.id, note: ' ' })).rejects.toThrow('Say why it is voided');

    const earlier = await d.payments.take(cash(4500));
    now = new Date('2026-12-02T15:00:00Z');
    await expect(d.ledger.void({ patientId: JaneDoe.id, targetId: earlier.entry.id, note: 'Bounced' })).rejects.toBeInstanceOf(PermissionDenied);
    approve(d, 'payment.voidOrRefund');
    const v = await d.ledger.void({ patientId: JaneDoe.id, targetId: earlier.entry.id, note: 'Bounced' });
    expect(v).toMatchObject({ kind: 'void', targetKind: 'payment', amountCents: 4500 });
    expect((await account()).totals.balanceCents).toBe(0);
    expect((await audit()).filter((e) => e.action === 'void').map((e) => e.approvedBy)).toEqual([null, 'staff-9']);
  });

  it('a refund always needs a manager, never exceeds what is left of the payment, and reopens what it paid', async () => {
    const d = desk();
    const charge = await chargeByHand(d, 3000);
    const paid = await d.payments.take(cash(5000));
    await expect(d.ledger.refund({ patientId: JaneDoe.id, targetId: paid.entry.id, amountCents: 2000, method: 'cash', note: 'Overpaid' })).rejects.toBeInstanceOf(PermissionDenied);
    approve(d, 'payment.voidOrRefund');
    await d.ledger.refund({ patientId: JaneDoe.id, targetId: paid.entry.id, amountCents: 2000, method: 'cash', note: 'Overpaid' });
    let a = await account();
    expect(a.totals).toMatchObject({ balanceCents: 0, creditCents: 0, refundedCents: 2000 });
    roles = ['manager'];
    await expect(d.ledger.refund({ patientId: JaneDoe.id, targetId: paid.entry.id, amountCents: 3001, method: 'cash', note: 'More' })).rejects.toThrow('At most $30.00 of that payment can be refunded.');
    await expect(d.ledger.refund({ patientId: JaneDoe.id, targetId: paid.entry.id, amountCents: 100, method: 'card', reference: '4111111111111111', note: 'x' })).rejects.toThrow('That looks like a whole card number');
    await d.ledger.refund({ patientId: JaneDoe.id, targetId: paid.entry.id, amountCents: 1000, method: 'check', reference: '1042', note: 'Asked for it back' });
    a = await account();
    expect(a.charges.get(charge.id)!.openCents).toBe(1000);
    expect(a.totals.balanceCents).toBe(1000);
  });

  it('keeps one account for a patient and the records merged into them, and refuses an entry that is not on it', async () => {
    await db.patients.insert(JoseMartinez);
    const d = desk();
    const janes = await d.payments.take(cash(2000));
    await expect(d.ledger.void({ patientId: JoseMartinez.id, targetId: janes.entry.id, note: 'x' })).rejects.toThrow('That entry is not on this account.');
    await db.patients.findOne(JaneDoe.id).exec().then((doc) => doc!.incrementalPatch({ status: 'merged-into', mergedInto: JoseMartinez.id }));
    await d.ledger.void({ patientId: JoseMartinez.id, targetId: janes.entry.id, note: 'Merged record: taken twice' });
    expect((await entries()).map((e) => e.kind).sort()).toEqual(['payment', 'void']);
  });

  it('a payment plan is billing staff’s (the front desk is refused, recorded), never before today, and cancelling it changes no balance', async () => {
    const d = desk();
    await chargeByHand(d, 30_000);
    const plan = { patientId: JaneDoe.id, amountCents: 30_000, count: 3, frequency: 'monthly' as const, firstDueDate: '2026-12-15' };
    await expect(d.ledger.agreePlan(plan)).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['billing'];
    await expect(d.ledger.agreePlan({ ...plan, firstDueDate: '2026-11-30' })).rejects.toThrow('The first instalment cannot fall due before today.');
    await expect(d.ledger.agreePlan({ ...plan, count: 1 })).rejects.toThrow('A plan has at least 2 instalments');
    await expect(d.ledger.agreePlan({ ...plan, amountCents: 30_001 })).rejects.toThrow('A plan cannot be for more than the balance ($300.00).');
    const entry = await d.ledger.agreePlan(plan);
    expect(entry.instalments).toEqual([
      { dueDate: '2026-12-15', amountCents: 10_000 },
      { dueDate: '2027-01-15', amountCents: 10_000 },
      { dueDate: '2027-02-15', amountCents: 10_000 },
    ]);
    await expect(d.ledger.agreePlan(plan)).rejects.toThrow('already has a payment plan');
    roles = ['front-desk'];
    await d.payments.take(cash(4_000));
    expect((await account()).plans.get(entry.id)!.paidCents).toBe(4_000);
    await expect(d.ledger.void({ patientId: JaneDoe.id, targetId: entry.id, note: 'Paying in full instead' })).rejects.toBeInstanceOf(PermissionDenied);
    approve(d, 'payment.adjust');
    await d.ledger.void({ patientId: JaneDoe.id, targetId: entry.id, note: 'Paying in full instead' });
    const a = await account();
    expect(a.plans.get(entry.id)!.voided).toBe(true);
    expect(a.totals.balanceCents).toBe(26_000);
    const log = (await audit()).filter((e) => e.subject === `ledger/${entry.id}` || e.detail?.includes('Payment plan'));
    expect(log.map((e) => [e.action, e.approvedBy])).toEqual(expect.arrayContaining([['create', null]]));
    expect((await audit()).find((e) => e.action === 'void')).toMatchObject({ approvedBy: 'staff-9' });
  });

  it('a statement is recorded only once it has been issued, for the balance; nothing due is refused before anything is issued', async () => {
    const d = desk();
    await chargeByHand(d, 12_000);
    let issued = 0;
    const failing = () => Promise.reject(new Error('The PDF could not be made'));
    await expect(d.ledger.sendStatement({ patientId: JaneDoe.id, dueDate: '2026-12-31' }, failing)).rejects.toThrow('The PDF could not be made');
    expect((await entries()).filter((e) => e.kind === 'statement')).toHaveLength(0);
    const { statement } = await d.ledger.sendStatement({ patientId: JaneDoe.id, dueDate: '2026-12-31' }, async (a) => {
      issued = a.totals.balanceCents;
    });
    expect([issued, statement.amountCents]).toEqual([12_000, 12_000]);
    expect((await account()).statements.map((x) => x.id)).toEqual([statement.id]);
    await d.payments.take(cash(12_000));
    await expect(d.ledger.sendStatement({ patientId: JaneDoe.id, dueDate: '2026-12-31' }, async () => (issued = -1))).rejects.toThrow('Nothing is due on this account');
    expect(issued).toBe(12_000);
  });

  it('a co-pay not paid at check-in goes on the account once; paid later it is settled, and more than it pays the older balance', async () => {
    const d = desk();
    const old = await chargeByHand(d, 4_000, '2026-11-20');
    const visitId = '0193a000-0000-7000-8000-00000000dddd';
    const due = await d.ledger.postCopayDue({ patientId: JaneDoe.id, appointmentId: visit, visitId, amountCents: 2_500 });
    expect(due).toMatchObject({ code: 'copay', appointmentId: visit, amountCents: 2_500 });
    expect(await d.ledger.postCopayDue({ patientId: JaneDoe.id, appointmentId: visit, visitId, amountCents: 2_500 })).toBeNull();
    expect((await account()).totals.balanceCents).toBe(6_500);
    // Paid at check-out with $10 more: the co-pay charge first, then the older charge.
    await d.payments.take(cash(3_500, { appointmentId: visit, purpose: 'copay' }));
    const a = await account();
    expect(a.charges.get(due!.id)!.openCents).toBe(0);
    expect(a.charges.get(old.id)!.openCents).toBe(3_000);
    expect(a.totals).toMatchObject({ balanceCents: 3_000, creditCents: 0 });
    expect((await entries()).filter((e) => e.kind === 'charge' && e.code === 'copay')).toHaveLength(1);
    // A walk-in's co-pay has no appointment: it is owed like any charge.
    const walkIn = await d.ledger.postCopayDue({ patientId: JaneDoe.id, appointmentId: null, visitId, amountCents: 2_000 });
    expect(walkIn).toMatchObject({ code: 'copay', appointmentId: null });
    await expect(d.ledger.postCopayDue({ patientId: JaneDoe.id, appointmentId: null, visitId, amountCents: 0 })).rejects.toThrow('The co-pay must be more than nothing');
  });

  it('a co-pay deferred at one desk and taken at another while apart counts once: the payment pays the first charge', async () => {
    const d = desk();
    const due = await d.ledger.postCopayDue({ patientId: JaneDoe.id, appointmentId: visit, visitId: '0193a000-0000-7000-8000-00000000dddd', amountCents: 2_500 });
    // The other desk had not seen it: its co-pay posts a charge of its own with the payment.
    await db.ledger.findOne(due!.id).exec().then((doc) => doc!.remove());
    await d.payments.take(cash(2_500, { appointmentId: visit, purpose: 'copay' }));
    // Then the first desk's charge arrives by sync.
    await db.ledger.insert(due!);
    const a = await account();
    expect((await entries()).filter((e) => e.kind === 'charge')).toHaveLength(2);
    expect([...a.charges.keys()]).toEqual([due!.id]);
    expect(a.sameCopay.size).toBe(1);
    expect(a.totals).toMatchObject({ balanceCents: 0, openCents: 0, creditCents: 0, chargedCents: 2_500 });
    expect(a.lines.find((l) => a.sameCopay.has(l.entry.id))?.ignored).toBe('Same co-pay charged at another workstation');
  });
});
