import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountOf, activePlans, copayPaidFor, instalmentsFor, overdueOnPlans, planAllocation, planCreditApplication, planDue, refusalFor, sinceLastStatement, type Account } from '../../../src/shared/payments/account';
import { LedgerEntrySchema, type LedgerEntry, type PaymentEntry } from '../../../src/shared/payments/ledger';
import type { LedgerEntryId, PatientId } from '../../../src/shared/domain/ids';

const PATIENT = '0193a000-0000-7000-8000-00000000aaaa' as PatientId;

/** Writes entries the way the desk does: each checked against the account before it is kept. */
class Book {
  entries: LedgerEntry[] = [];
  private n = 0;
  /** What is owed, kept by hand: the model the derived balance is checked against. */
  owed = 0;
  /** Whether co-pay charges were written (two for one appointment count once: not kept by hand). */
  copays = false;

  private base() {
    this.n++;
    return {
      id: `0193a000-0000-7000-8000-${this.n.toString(16).padStart(12, '0')}` as LedgerEntryId,
      patientId: PATIENT,
      createdAt: new Date(Date.UTC(2026, 11, 1, 9) + this.n * 1000).toISOString(),
      createdBy: 'staff-1',
      siteId: 'north',
    };
  }
  get account(): Account {
    return accountOf(this.entries);
  }
  /** Keeps the entry if the account allows it; returns whether it did. */
  private keep(entry: LedgerEntry, check = true): boolean {
    if (check && refusalFor(this.account, entry) !== null) return false;
    expect(LedgerEntrySchema.safeParse(entry).success).toBe(true);
    this.entries.push(entry);
    return true;
  }
  charge(amountCents: number, serviceDate = '2026-12-01') {
    const e: LedgerEntry = { ...this.base(), kind: 'charge', amountCents, description: 'Office visit', code: '', appointmentId: null, providerId: '', serviceDate };
    if (this.keep(e)) this.owed += amountCents;
    return e;
  }
  pay(amountCents: number, allocate: boolean): PaymentEntry {
    const plan = allocate ? planAllocation(this.account, amountCents) : [];
    const base = this.base();
    const e: PaymentEntry = { ...base, kind: 'payment', purpose: 'payment', appointmentId: null, amountCents, method: 'cash', reference: '', tenderedCents: amountCents, authCode: '', receiptNumber: `N1-${String(this.n).padStart(6, '0')}`, transactionId: base.id, drawerId: '' };
    if (this.keep(e)) this.owed -= amountCents;
    for (const a of plan) this.allocate(e.id, a.chargeId, a.amountCents);
    return e;
  }
  allocate(paymentId: string, chargeId: string, amountCents: number, check = true) {
    return this.keep({ ...this.base(), kind: 'allocation', paymentId: paymentId as LedgerEntryId, chargeId: chargeId as LedgerEntryId, amountCents }, check);
  }
  adjust(chargeId: string, amountCents: number) {
    if (this.keep({ ...this.base(), kind: 'adjustment', chargeId: chargeId as LedgerEntryId, amountCents, reason: 'discount', note: '' })) this.owed -= amountCents;
  }
  /** A co-pay charge for one of three appointments, written without looking (as two offline desks may); paid at once when `pay`. */
  copay(appointment: number, amountCents: number, pay: boolean) {
    this.copays = true;
    const e: LedgerEntry = { ...this.base(), kind: 'charge', amountCents, description: 'Co-pay', code: 'copay', appointmentId: `0193a000-0000-7000-8000-0000000ap00${appointment}`.replace('ap', '0a') as never, providerId: '', serviceDate: '2026-12-01' };
    this.keep(e, false);
    if (!pay) return;
    const base = this.base();
    const p: PaymentEntry = { ...base, kind: 'payment', purpose: 'copay', appointmentId: e.appointmentId, amountCents, method: 'card', reference: '4242', tenderedCents: 0, authCode: 'A1', receiptNumber: `N2-${String(this.n).padStart(6, '0')}`, transactionId: base.id, drawerId: '' };
    this.keep(p);
    this.allocate(p.id, e.id, amountCents, false);
  }
  plan(amountCents: number, count: number, firstDueDate = '2027-01-01') {
    const total = Math.min(amountCents, this.account.totals.balanceCents);
    if (total < count) return;
    this.keep({ ...this.base(), kind: 'plan', amountCents: total, instalments: instalmentsFor(total, count, 'monthly', firstDueDate), note: '' });
  }
  statement() {
    this.keep({ ...this.base(), kind: 'statement', amountCents: Math.max(1, this.account.totals.balanceCents), dueDate: '2027-01-15' });
  }
  void(target: LedgerEntry, check = true) {
    if (target.kind !== 'charge' && target.kind !== 'payment' && target.kind !== 'adjustment' && target.kind !== 'plan') return;
    const already = this.account.voids.has(target.id);
    if (this.keep({ ...this.base(), kind: 'void', targetId: target.id, targetKind: target.kind, amountCents: target.amountCents, note: 'Entered in error' }, check) && !already)
      this.owed -= target.kind === 'plan' ? 0 : (target.kind === 'charge' ? 1 : -1) * target.amountCents;
  }
  refund(paymentId: string, amountCents: number) {
    if (this.keep({ ...this.base(), kind: 'refund', targetId: paymentId as LedgerEntryId, amountCents, method: 'cash', reference: '', note: 'Overpaid', drawerId: '' })) this.owed += amountCents;
  }
}

type Op =
  | { op: 'charge'; cents: number }
  | { op: 'pay'; cents: number; allocate: boolean }
  | { op: 'allocate'; p: number; c: number; cents: number; check: boolean }
  | { op: 'adjust'; c: number; cents: number }
  | { op: 'void'; t: number; check: boolean }
  | { op: 'refund'; p: number; cents: number }
  | { op: 'applyCredit' }
  | { op: 'plan'; cents: number; count: number }
  | { op: 'statement' }
  | { op: 'copay'; appointment: number; cents: number; pay: boolean };

const cents = fc.integer({ min: 1, max: 20_000 });
const pick = fc.nat(1000);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('charge' as const), cents }),
  fc.record({ op: fc.constant('pay' as const), cents, allocate: fc.boolean() }),
  fc.record({ op: fc.constant('allocate' as const), p: pick, c: pick, cents, check: fc.boolean() }),
  fc.record({ op: fc.constant('adjust' as const), c: pick, cents }),
  fc.record({ op: fc.constant('void' as const), t: pick, check: fc.boolean() }),
  fc.record({ op: fc.constant('refund' as const), p: pick, cents }),
  fc.constant({ op: 'applyCredit' as const }),
  fc.record({ op: fc.constant('plan' as const), cents, count: fc.integer({ min: 2, max: 12 }) }),
  fc.constant({ op: 'statement' as const }),
  fc.record({ op: fc.constant('copay' as const), appointment: fc.integer({ min: 1, max: 3 }), cents, pay: fc.boolean() }),
);

/**
 * Plays operations on a book. `unchecked` lets through what two workstations can write offline
 * that one would refuse (a second void of one entry, an allocation past what is left).
 */
function play(ops: readonly Op[], unchecked: boolean): Book {
  const book = new Book();
  const of = <K extends LedgerEntry['kind']>(kind: K) => book.entries.filter((e): e is Extract<LedgerEntry, { kind: K }> => e.kind === kind);
  const at = <T>(list: T[], i: number) => (list.length > 0 ? list[i % list.length] : undefined);
  for (const o of ops) {
    switch (o.op) {
      case 'charge':
        book.charge(o.cents);
        break;
      case 'pay':
        book.pay(o.cents, o.allocate);
        break;
      case 'allocate': {
        const p = at(of('payment'), o.p);
        const c = at(of('charge'), o.c);
        if (p && c) book.allocate(p.id, c.id, o.cents, !unchecked || o.check);
        break;
      }
      case 'adjust': {
        const c = at(of('charge'), o.c);
        if (c) book.adjust(c.id, o.cents);
        break;
      }
      case 'void': {
        const t = at(
          book.entries.filter((e) => e.kind === 'charge' || e.kind === 'payment' || e.kind === 'adjustment' || e.kind === 'plan'),
          o.t,
        );
        if (t) book.void(t, !unchecked || o.check);
        break;
      }
      case 'refund': {
        const p = at(of('payment'), o.p);
        if (p) book.refund(p.id, o.cents);
        break;
      }
      case 'applyCredit':
        for (const a of planCreditApplication(book.account)) book.allocate(a.paymentId, a.chargeId, a.amountCents);
        break;
      case 'plan':
        book.plan(o.cents, o.count);
        break;
      case 'statement':
        book.statement();
        break;
      case 'copay':
        book.copay(o.appointment, o.cents, o.pay);
        break;
    }
  }
  return book;
}

const ops = fc.array(op, { minLength: 1, maxLength: 60 });

/** The part of an account that must not depend on the order entries arrived in. */
function summary(a: Account) {
  return {
    totals: a.totals,
    lines: a.lines.map((l) => [l.entry.id, l.effectCents, l.runningCents, l.ignored]),
    charges: [...a.charges.values()].map((c) => [c.entry.id, c.openCents, c.paidBy]).sort(),
    payments: [...a.payments.values()].map((p) => [p.entry.id, p.unallocatedCents, p.paid]).sort(),
    plans: [...a.plans.values()].map((p) => [p.entry.id, p.voided, p.paidCents, p.instalments]),
    statements: a.statements.map((x) => x.id),
    problems: [...a.problems].sort(),
  };
}

describe('ledger invariants (property-based)', () => {
  it('a balance equals the sum of its entries, kept by hand, and what is open on charges less the credit', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const book = play(list, false);
        const { totals, lines, problems } = book.account;
        expect(problems).toEqual([]);
        if (!book.copays) expect(totals.balanceCents).toBe(book.owed);
        expect(totals.balanceCents).toBe(lines.reduce((s, l) => s + l.effectCents, 0));
        expect(totals.balanceCents).toBe(totals.chargedCents - totals.adjustedCents - totals.paidCents + totals.refundedCents);
        expect(totals.balanceCents).toBe(totals.openCents - totals.creditCents);
      }),
      { numRuns: 300 },
    );
  });

  it('allocations never exceed the payment nor the charge, even when two workstations over-apply one payment', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { charges, payments } = play(list, true).account;
        for (const p of payments.values()) {
          const applied = p.paid.reduce((s, x) => s + x.amountCents, 0);
          expect(applied).toBeLessThanOrEqual(p.availableCents);
          expect(p.unallocatedCents).toBe(p.availableCents - applied);
        }
        for (const c of charges.values()) {
          expect(c.paidCents).toBeLessThanOrEqual(Math.max(0, c.entry.amountCents - c.adjustedCents));
          expect(c.openCents).toBeGreaterThanOrEqual(0);
          if (c.voided) expect(c.paidCents).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a void cancels exactly its original, once: the balance is what it would be had neither been written', () => {
    fc.assert(
      fc.property(ops, fc.nat(), (list, seed) => {
        const book = play(list, true);
        const account = book.account;
        for (const [targetId] of account.voids) {
          const without = book.entries.filter((e) => e.id !== targetId && !(e.kind === 'void' && e.targetId === targetId));
          const target = book.entries.find((e) => e.id === targetId);
          // A voided charge takes its adjustments with it only when they were voided first (the desk refuses otherwise).
          if (target?.kind === 'charge' && account.charges.get(targetId)!.adjustedCents > 0) continue;
          expect(accountOf(without).totals.balanceCents, `void of ${targetId} (seed ${seed})`).toBe(account.totals.balanceCents);
        }
        // Every further void of an entry already voided counts for nothing.
        const counted = account.lines.filter((l) => l.entry.kind === 'void' && l.ignored === null).length;
        expect(counted).toBe(account.voids.size);
      }),
      { numRuns: 300 },
    );
  });

  it('a refund never exceeds what was paid, and a second one that would is refused', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const book = play(list, false);
        for (const p of book.account.payments.values()) {
          expect(p.refundedCents).toBeLessThanOrEqual(p.entry.amountCents);
          if (!p.voided) {
            const over = { ...p.entry, id: '0193a000-0000-7000-8000-ffffffffffff' as LedgerEntryId, kind: 'refund' as const, targetId: p.entry.id, amountCents: p.entry.amountCents - p.refundedCents + 1, note: 'x', drawerId: '' };
            expect(refusalFor(book.account, over)).toMatch(/At most/);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a payment plan changes no balance; what counts toward it never exceeds its total nor the payments on account made since, and fills instalments earliest first', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const book = play(list, true);
        const account = book.account;
        const withoutPlans = accountOf(book.entries.filter((e) => e.kind !== 'plan' && e.kind !== 'statement' && !(e.kind === 'void' && e.targetKind === 'plan')));
        expect(account.totals).toEqual(withoutPlans.totals);
        let counted = 0;
        for (const plan of account.plans.values()) {
          expect(plan.instalments.reduce((s, i) => s + i.amountCents, 0)).toBe(plan.entry.amountCents);
          expect(plan.paidCents + plan.remainingCents).toBe(plan.entry.amountCents);
          expect(plan.instalments.reduce((s, i) => s + i.paidCents, 0)).toBe(plan.paidCents);
          const firstShort = plan.instalments.findIndex((i) => i.paidCents < i.amountCents);
          if (firstShort >= 0) for (const later of plan.instalments.slice(firstShort + 1)) expect(later.paidCents).toBe(0);
          if (plan.voided) expect(plan.paidCents).toBe(0);
          const since = [...account.payments.values()].filter((p) => p.entry.purpose === 'payment' && p.entry.createdAt >= plan.entry.createdAt).reduce((s, p) => s + p.availableCents, 0);
          expect(plan.paidCents).toBeLessThanOrEqual(since);
          counted += plan.paidCents;
        }
        // No payment counts toward two plans.
        expect(counted).toBeLessThanOrEqual([...account.payments.values()].filter((p) => p.entry.purpose === 'payment').reduce((s, p) => s + p.availableCents, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('the same entries in any order, from any number of workstations, seen more than once, give the same account', () => {
    fc.assert(
      fc.property(ops, fc.nat(), fc.integer({ min: 1, max: 4 }), (list, seed, workstations) => {
        const book = play(list, true);
        const expected = summary(book.account);
        const shuffled = fc.sample(fc.shuffledSubarray(book.entries, { minLength: book.entries.length, maxLength: book.entries.length }), { seed, numRuns: 1 })[0]!;
        // Each workstation's copy arrives in its own order, with some entries sent twice.
        const copies = Array.from({ length: workstations }, (_, i) => shuffled.filter((_, j) => j % workstations === i));
        const arrived = [...copies.flat(), ...shuffled.slice(0, seed % 5)];
        expect(summary(accountOf(arrived))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('an account, by example', () => {
  it('a payment on account pays the oldest charge first and keeps the rest as credit, which pays a later charge when applied', () => {
    const book = new Book();
    const newer = book.charge(5000, '2026-11-20');
    const older = book.charge(3000, '2026-10-02');
    const payment = book.pay(10000, true);
    let a = book.account;
    expect(a.charges.get(older.id)).toMatchObject({ openCents: 0, paidBy: [{ paymentId: payment.id, amountCents: 3000 }] });
    expect(a.charges.get(newer.id)).toMatchObject({ openCents: 0 });
    expect(a.totals).toMatchObject({ balanceCents: -2000, creditCents: 2000, openCents: 0 });
    const later = book.charge(2500, '2026-12-01');
    expect(book.account.totals).toMatchObject({ balanceCents: 500, creditCents: 2000, openCents: 2500 });
    for (const x of planCreditApplication(book.account)) book.allocate(x.paymentId, x.chargeId, x.amountCents);
    a = book.account;
    expect(a.charges.get(later.id)).toMatchObject({ openCents: 500 });
    expect(a.totals).toMatchObject({ balanceCents: 500, creditCents: 0, openCents: 500 });
  });

  it('refuses an adjustment past what is owed, a second void, a void of a refunded payment, and a refund past what is left', () => {
    const book = new Book();
    const charge = book.charge(4000);
    const payment = book.pay(4000, true);
    const base = { id: '0193a000-0000-7000-8000-eeeeeeeeeeee' as LedgerEntryId, patientId: PATIENT, createdAt: '2026-12-02T00:00:00.000Z', createdBy: 's', siteId: 'north' };
    expect(refusalFor(book.account, { ...base, kind: 'adjustment', chargeId: charge.id, amountCents: 1, reason: 'discount', note: '' })).toMatch(/more than is owed/);
    book.refund(payment.id, 1500);
    expect(refusalFor(book.account, { ...base, kind: 'void', targetId: payment.id, targetKind: 'payment', amountCents: 4000, note: 'x' })).toMatch(/refunded/);
    expect(refusalFor(book.account, { ...base, kind: 'refund', targetId: payment.id, amountCents: 2501, method: 'cash', reference: '', note: 'x', drawerId: '' })).toBe('At most $25.00 of that payment can be refunded.');
    // The refund reopened the charge by what was given back.
    expect(book.account.charges.get(charge.id)!.openCents).toBe(1500);
    expect(book.account.totals.balanceCents).toBe(1500);
    book.void(charge);
    expect(refusalFor(book.account, { ...base, kind: 'void', targetId: charge.id, targetKind: 'charge', amountCents: 4000, note: 'x' })).toBe('That entry is already voided.');
  });

  it('lists what two offline workstations wrote that does not fit: the same payment refunded at both past what was paid', () => {
    const book = new Book();
    const payment = book.pay(3000, false);
    book.refund(payment.id, 2000);
    const second = { ...book.entries.at(-1)!, id: '0193a000-0000-7000-8000-dddddddddddd' as LedgerEntryId };
    const account = accountOf([...book.entries, second]);
    expect(account.totals.balanceCents).toBe(1000);
    expect(account.problems).toEqual(['Refunds of receipt N1-000001 ($40.00) are more than was paid ($30.00).']);
  });

  it('counts the co-pay paid for an appointment from the payments that stand, less refunds', () => {
    const book = new Book();
    const appointmentId = '0193a000-0000-7000-8000-0000000bbbbb';
    const p = book.pay(2500, false);
    book.entries[book.entries.length - 1] = { ...p, purpose: 'copay', appointmentId: appointmentId as PaymentEntry['appointmentId'] };
    book.refund(p.id, 500);
    expect(copayPaidFor(book.account, appointmentId)).toEqual({ cents: 2000, receipts: ['N1-000001'], paymentIds: [p.id] });
    book.entries = book.entries.filter((e) => e.kind !== 'refund');
    book.void(book.entries[0]!);
    expect(copayPaidFor(book.account, appointmentId).cents).toBe(0);
  });
});

describe('payment plans and statements, by example', () => {
  it('splits a total into equal instalments with the odd cents first, monthly on the same day or the month’s last', () => {
    expect(instalmentsFor(10_000, 3, 'monthly', '2027-01-31')).toEqual([
      { dueDate: '2027-01-31', amountCents: 3334 },
      { dueDate: '2027-02-28', amountCents: 3333 },
      { dueDate: '2027-03-31', amountCents: 3333 },
    ]);
    expect(instalmentsFor(900, 2, 'every-2-weeks', '2026-12-28').map((i) => i.dueDate)).toEqual(['2026-12-28', '2027-01-11']);
    expect(instalmentsFor(900, 3, 'weekly', '2026-12-28').map((i) => i.dueDate)).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
  });

  it('counts payments on account made after the plan, not co-pays nor earlier payments, and says what is overdue', () => {
    const book = new Book();
    book.charge(30_000);
    book.pay(5_000, true);
    book.plan(30_000, 5, '2027-01-01');
    expect(activePlans(book.account)).toHaveLength(1);
    const [plan] = activePlans(book.account);
    expect(plan!.entry.amountCents).toBe(25_000);
    book.pay(7_000, true);
    const copay: PaymentEntry = { ...book.pay(1, false), id: '0193a000-0000-7000-8000-0000000000ff' as LedgerEntryId, purpose: 'copay', amountCents: 2_500 };
    const account = accountOf([...book.entries, copay]);
    const state = account.plans.get(plan!.entry.id)!;
    expect(state.paidCents).toBe(7_001);
    expect(state.instalments.map((i) => i.paidCents)).toEqual([5_000, 2_001, 0, 0, 0]);
    expect(planDue(state, '2027-01-01')).toEqual({ overdueCents: 0, overdueCount: 0, next: { dueDate: '2027-02-01', amountCents: 2_999 } });
    expect(planDue(state, '2027-02-02')).toEqual({ overdueCents: 2_999, overdueCount: 1, next: { dueDate: '2027-03-01', amountCents: 5_000 } });
    expect(overdueOnPlans(account, '2027-03-15')).toBe(7_999);
  });

  it('refuses a second plan while one is open, a plan past the balance, and a statement with nothing due', () => {
    const book = new Book();
    book.charge(10_000);
    const base = { id: '0193a000-0000-7000-8000-0000000000f1' as LedgerEntryId, patientId: PATIENT, createdAt: '2026-12-02T10:00:00.000Z', createdBy: 'staff-1', siteId: 'north' };
    expect(refusalFor(book.account, { ...base, kind: 'plan', amountCents: 10_001, instalments: instalmentsFor(10_001, 2, 'monthly', '2027-01-01'), note: '' })).toMatch(/more than the balance/);
    book.plan(10_000, 2);
    expect(refusalFor(book.account, { ...base, kind: 'plan', amountCents: 5_000, instalments: instalmentsFor(5_000, 2, 'monthly', '2027-01-01'), note: '' })).toMatch(/already has a payment plan/);
    book.void(book.entries.find((e) => e.kind === 'plan')!);
    expect(activePlans(book.account)).toHaveLength(0);
    expect(book.account.totals.balanceCents).toBe(10_000);
    book.pay(10_000, true);
    expect(refusalFor(book.account, { ...base, kind: 'statement', amountCents: 1, dueDate: '2027-01-01' })).toMatch(/Nothing is due/);
  });

  it('a statement lists what was written after the last one, from the balance it left', () => {
    const book = new Book();
    book.charge(12_000);
    book.pay(2_000, true);
    book.statement();
    book.charge(3_000);
    book.pay(1_000, true);
    const since = sinceLastStatement(book.account);
    expect(since.last?.amountCents).toBe(10_000);
    expect(since.previousCents).toBe(10_000);
    expect(since.lines.map((l) => l.entry.kind)).toEqual(['charge', 'payment', 'allocation']);
    expect(since.lines.at(-1)!.runningCents).toBe(12_000);
  });
});
