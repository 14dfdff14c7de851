import { formatCents } from '../domain/money';
import { addDays, addMonths } from '../domain/time';
import type { AdjustmentEntry, ChargeEntry, LedgerEntry, PaymentEntry, PlanEntry, RefundEntry, StatementEntry, VoidEntry, VoidableKind } from './ledger';

/** A charge and what has happened to it. */
export interface ChargeState {
  entry: ChargeEntry;
  voided: boolean;
  /** Reduced by adjustments that stand. */
  adjustedCents: number;
  /** What payments were applied to it, oldest first. */
  paidBy: { paymentId: string; amountCents: number }[];
  paidCents: number;
  /** What is still owed on it. */
  openCents: number;
}

/** A payment and where its money went. */
export interface PaymentState {
  entry: PaymentEntry;
  voided: boolean;
  refundedCents: number;
  /** What the payment can still pay for: its amount less refunds; 0 once voided. */
  availableCents: number;
  /** The charges it paid, oldest first. */
  paid: { chargeId: string; amountCents: number }[];
  /** What it has not paid for yet: the patient's credit. */
  unallocatedCents: number;
}

/** One line of the account, oldest first, with what it did to the balance. */
export interface AccountLine {
  entry: LedgerEntry;
  /** What the entry adds to what is owed (a charge +, a payment −, a void the opposite of its original, an allocation 0). */
  effectCents: number;
  runningCents: number;
  /** Why an entry counts for nothing (a second void of the same entry), or null. */
  ignored: string | null;
}

/** A payment plan and what has been paid toward it. */
export interface PlanState {
  entry: PlanEntry;
  /** Cancelled by a void. */
  voided: boolean;
  /** Payments on account counted toward it, at most its total. */
  paidCents: number;
  remainingCents: number;
  /** Its instalments, each with what of the payments filled it (earliest instalment first). */
  instalments: { dueDate: string; amountCents: number; paidCents: number }[];
}

export interface AccountTotals {
  chargedCents: number;
  paidCents: number;
  adjustedCents: number;
  refundedCents: number;
  /** What is owed: charges less adjustments and payments, plus refunds. Below zero it is a credit. */
  balanceCents: number;
  /** Money received that has not paid for a charge yet. */
  creditCents: number;
  /** What is owed on charges, before any credit is applied. */
  openCents: number;
}

export interface Account {
  lines: AccountLine[];
  /** Charges that stand, by id (a co-pay charged again at another workstation is in `sameCopay`, not here). */
  charges: Map<string, ChargeState>;
  /** Co-pay charges of an appointment written at another workstation after the first: each id and the charge it repeats. */
  sameCopay: Map<string, string>;
  payments: Map<string, PaymentState>;
  adjustments: Map<string, { entry: AdjustmentEntry; voided: boolean }>;
  /** The void that stands for each voided entry. */
  voids: Map<string, VoidEntry>;
  refunds: Map<string, RefundEntry[]>;
  /** Payment plans, oldest first. */
  plans: Map<string, PlanState>;
  /** Statements sent, oldest first. */
  statements: StatementEntry[];
  totals: AccountTotals;
  /** What a manager should look at: entries from different workstations that do not fit together. */
  problems: string[];
}

/** What voiding an entry of each kind does to the balance, times the original's amount. */
const SIGN: Record<VoidableKind, 1 | -1 | 0> = { charge: 1, payment: -1, adjustment: -1, plan: 0 };

export function byWhenWritten(a: LedgerEntry, b: LedgerEntry): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * What a patient's ledger entries add up to: the one place a balance comes from, derived and
 * never stored. Entries are taken in the order they were written (time, then id), whatever order
 * they arrive in, so every workstation with the same entries sees the same account; an entry
 * seen twice counts once. Every kind is handled here: a new kind is a compile error until this
 * says what it does.
 *
 * Two workstations can each write something that was right when written and together is not (a
 * payment voided at both, a refund at each). The rules: only the first void of an entry counts;
 * refunds are money that left the clinic and always count, and one that takes more than was paid
 * is listed under `problems`; an allocation pays only what its payment still has and its charge
 * still owes (earlier allocations first), so payments and charges are never over-applied.
 */
export function accountOf(input: readonly LedgerEntry[]): Account {
  const seen = new Set<string>();
  const entries: LedgerEntry[] = [];
  for (const e of input) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    entries.push(e);
  }
  entries.sort(byWhenWritten);
  const byId = new Map(entries.map((e) => [e.id as string, e]));
  const problems: string[] = [];

  const voids = new Map<string, VoidEntry>();
  const refunds = new Map<string, RefundEntry[]>();
  const adjustmentsOf = new Map<string, AdjustmentEntry[]>();
  for (const e of entries) {
    if (e.kind !== 'void' || voids.has(e.targetId)) continue;
    const target = byId.get(e.targetId);
    if (target && target.kind !== e.targetKind) problems.push(`A void (${e.id}) names a ${e.targetKind} but points at a ${target.kind}: it is not counted.`);
    else voids.set(e.targetId, e);
  }
  const sameCopay = duplicateCopays(entries, voids);
  const chargeOf = (id: string) => sameCopay.get(id) ?? id;
  for (const e of entries) {
    if (e.kind === 'refund') refunds.set(e.targetId, [...(refunds.get(e.targetId) ?? []), e]);
    if (e.kind === 'adjustment') adjustmentsOf.set(chargeOf(e.chargeId), [...(adjustmentsOf.get(chargeOf(e.chargeId)) ?? []), e]);
  }

  const charges = new Map<string, ChargeState>();
  const payments = new Map<string, PaymentState>();
  const adjustments = new Map<string, { entry: AdjustmentEntry; voided: boolean }>();
  for (const e of entries) {
    if (e.kind === 'adjustment') adjustments.set(e.id, { entry: e, voided: voids.has(e.id) });
  }
  for (const e of entries) {
    if (e.kind === 'charge' && !sameCopay.has(e.id)) {
      const voided = voids.has(e.id);
      const adjustedCents = (adjustmentsOf.get(e.id) ?? []).filter((a) => !voids.has(a.id)).reduce((s, a) => s + a.amountCents, 0);
      if (voided && adjustedCents > 0) problems.push(`“${e.description}” was voided while adjustments to it stand.`);
      if (!voided && adjustedCents > e.amountCents) problems.push(`Adjustments to “${e.description}” (${formatCents(adjustedCents)}) are more than the charge (${formatCents(e.amountCents)}).`);
      charges.set(e.id, { entry: e, voided, adjustedCents, paidBy: [], paidCents: 0, openCents: voided ? 0 : Math.max(0, e.amountCents - adjustedCents) });
    }
    if (e.kind === 'payment') {
      const voided = voids.has(e.id);
      const refundedCents = (refunds.get(e.id) ?? []).reduce((s, r) => s + r.amountCents, 0);
      if (refundedCents > e.amountCents) problems.push(`Refunds of receipt ${e.receiptNumber} (${formatCents(refundedCents)}) are more than was paid (${formatCents(e.amountCents)}).`);
      if (voided && refundedCents > 0) problems.push(`Receipt ${e.receiptNumber} was both voided and refunded.`);
      const availableCents = voided ? 0 : Math.max(0, e.amountCents - refundedCents);
      payments.set(e.id, { entry: e, voided, refundedCents, availableCents, paid: [], unallocatedCents: availableCents });
    }
  }
  for (const [targetId, list] of refunds) if (!byId.has(targetId) || byId.get(targetId)?.kind !== 'payment') problems.push(`${list.length === 1 ? 'A refund points' : 'Refunds point'} at a payment not on this account yet.`);

  // Allocations, earliest first, each clamped to what is left on both sides.
  for (const e of entries) {
    if (e.kind !== 'allocation') continue;
    const payment = payments.get(e.paymentId);
    const charge = charges.get(chargeOf(e.chargeId));
    if (!payment || !charge) continue;
    const amount = Math.min(e.amountCents, payment.unallocatedCents, charge.openCents);
    if (amount <= 0) continue;
    payment.unallocatedCents -= amount;
    payment.paid.push({ chargeId: charge.entry.id, amountCents: amount });
    charge.openCents -= amount;
    charge.paidCents += amount;
    charge.paidBy.push({ paymentId: payment.entry.id, amountCents: amount });
  }

  // Payments on account count toward the payment plans agreed before them, oldest plan first.
  const plans = new Map<string, PlanState>();
  for (const e of entries) {
    if (e.kind !== 'plan') continue;
    plans.set(e.id, { entry: e, voided: voids.has(e.id), paidCents: 0, remainingCents: e.amountCents, instalments: e.instalments.map((i) => ({ ...i, paidCents: 0 })) });
  }
  if (plans.size > 0) {
    for (const p of payments.values()) {
      if (p.entry.purpose !== 'payment' || p.availableCents <= 0) continue;
      let left = p.availableCents;
      for (const plan of plans.values()) {
        if (left <= 0) break;
        if (plan.voided || plan.entry.createdAt > p.entry.createdAt) continue;
        const amount = Math.min(left, plan.remainingCents);
        if (amount <= 0) continue;
        plan.paidCents += amount;
        plan.remainingCents -= amount;
        left -= amount;
      }
    }
    for (const plan of plans.values()) {
      let paid = plan.paidCents;
      for (const i of plan.instalments) {
        i.paidCents = Math.min(paid, i.amountCents);
        paid -= i.paidCents;
      }
    }
  }
  const statements = entries.filter((e): e is StatementEntry => e.kind === 'statement');

  const totals = { chargedCents: 0, paidCents: 0, adjustedCents: 0, refundedCents: 0 };
  const lines: AccountLine[] = [];
  let running = 0;
  for (const e of entries) {
    let effect = 0;
    let ignored: string | null = null;
    switch (e.kind) {
      case 'charge':
        if (sameCopay.has(e.id)) {
          ignored = 'Same co-pay charged at another workstation';
          break;
        }
        effect = e.amountCents;
        totals.chargedCents += effect;
        break;
      case 'payment':
        effect = -e.amountCents;
        totals.paidCents -= effect;
        break;
      case 'adjustment':
        effect = -e.amountCents;
        totals.adjustedCents -= effect;
        break;
      case 'refund':
        effect = e.amountCents;
        totals.refundedCents += effect;
        break;
      case 'allocation':
      case 'plan':
      case 'statement':
        break;
      case 'void': {
        if (voids.get(e.targetId) !== e) {
          ignored = voids.has(e.targetId) ? 'Already voided' : 'Does not match the entry it names';
          break;
        }
        const target = byId.get(e.targetId);
        const amount = target && target.kind === e.targetKind ? target.amountCents : e.amountCents;
        effect = -SIGN[e.targetKind] * amount;
        if (e.targetKind === 'charge') totals.chargedCents += effect;
        else if (e.targetKind === 'payment') totals.paidCents -= effect;
        else if (e.targetKind === 'adjustment') totals.adjustedCents -= effect;
        break;
      }
      default:
        return unknownKind(e);
    }
    running += effect;
    lines.push({ entry: e, effectCents: effect, runningCents: running, ignored });
  }

  let creditCents = 0;
  for (const p of payments.values()) creditCents += p.unallocatedCents;
  let openCents = 0;
  for (const c of charges.values()) openCents += c.openCents;
  return { lines, charges, sameCopay, payments, adjustments, voids, refunds, plans, statements, totals: { ...totals, balanceCents: running, creditCents, openCents }, problems };
}

/**
 * Co-pay charges of one appointment written at more than one workstation while they were apart
 * (one desk deferred the co-pay, another took it): the first written stands, and each later one
 * is the same co-pay, whose allocations pay the first. Voided charges are not counted.
 */
export function duplicateCopays(entries: readonly LedgerEntry[], voids: { has(id: string): boolean }): Map<string, string> {
  const first = new Map<string, string>();
  const same = new Map<string, string>();
  for (const e of [...entries].sort(byWhenWritten)) {
    if (e.kind !== 'charge' || e.code !== 'copay' || !e.appointmentId || voids.has(e.id)) continue;
    const standing = first.get(e.appointmentId);
    if (standing) same.set(e.id, standing);
    else first.set(e.appointmentId, e.id);
  }
  return same;
}

function unknownKind(entry: never): never {
  throw new Error(`A ledger entry of an unknown kind: ${String((entry as { kind: unknown }).kind)}`);
}

/** Charges with something owed, oldest service first: where a payment goes by default. */
export function openCharges(account: Account): ChargeState[] {
  return [...account.charges.values()]
    .filter((c) => c.openCents > 0)
    .sort((a, b) => (a.entry.serviceDate < b.entry.serviceDate ? -1 : a.entry.serviceDate > b.entry.serviceDate ? 1 : byWhenWritten(a.entry, b.entry)));
}

/** Payments with money not yet applied, oldest first: the credit. */
export function creditPayments(account: Account): PaymentState[] {
  return [...account.payments.values()].filter((p) => p.unallocatedCents > 0).sort((a, b) => byWhenWritten(a.entry, b.entry));
}

/** How `amountCents` of a payment is applied oldest charge first (to `chargeIds` only, if given); what is left over stays as credit. */
export function planAllocation(account: Account, amountCents: number, chargeIds?: readonly string[]): { chargeId: string; amountCents: number }[] {
  const plan: { chargeId: string; amountCents: number }[] = [];
  let left = amountCents;
  for (const c of openCharges(account)) {
    if (left <= 0) break;
    if (chargeIds && !chargeIds.includes(c.entry.id)) continue;
    const amount = Math.min(left, c.openCents);
    plan.push({ chargeId: c.entry.id, amountCents: amount });
    left -= amount;
  }
  return plan;
}

/** How the patient's credit pays their open charges, oldest of each first. */
export function planCreditApplication(account: Account): { paymentId: string; chargeId: string; amountCents: number }[] {
  const plan: { paymentId: string; chargeId: string; amountCents: number }[] = [];
  const open = openCharges(account).map((c) => ({ id: c.entry.id, left: c.openCents }));
  for (const p of creditPayments(account)) {
    let left = p.unallocatedCents;
    for (const c of open) {
      if (left <= 0) break;
      const amount = Math.min(left, c.left);
      if (amount <= 0) continue;
      plan.push({ paymentId: p.entry.id, chargeId: c.id, amountCents: amount });
      c.left -= amount;
      left -= amount;
    }
  }
  return plan;
}

/**
 * Why a new entry may not be written on this account, or null. The repository asks this before
 * every insert, so a void cancels its original once, a refund never exceeds what is left of a
 * payment, and an allocation never exceeds its payment nor its charge.
 */
export function refusalFor(account: Account, entry: LedgerEntry): string | null {
  switch (entry.kind) {
    case 'charge':
    case 'payment':
      return null;
    case 'allocation': {
      const payment = account.payments.get(entry.paymentId);
      const charge = account.charges.get(entry.chargeId);
      if (!payment || payment.voided) return 'That payment is not on this account (or was voided).';
      if (!charge || charge.voided) return 'That charge is not on this account (or was voided).';
      if (entry.amountCents > payment.unallocatedCents) return `Only ${formatCents(payment.unallocatedCents)} of that payment is left to apply.`;
      if (entry.amountCents > charge.openCents) return `Only ${formatCents(charge.openCents)} is owed on that charge.`;
      return null;
    }
    case 'adjustment': {
      const charge = account.charges.get(entry.chargeId);
      if (!charge || charge.voided) return 'That charge is not on this account (or was voided).';
      if (entry.amountCents > charge.openCents) return `An adjustment cannot be more than is owed on the charge (${formatCents(charge.openCents)}).`;
      return null;
    }
    case 'plan': {
      if (activePlans(account).length > 0) return 'This account already has a payment plan: cancel it before agreeing a new one.';
      if (entry.amountCents > account.totals.balanceCents) return `A plan cannot be for more than the balance (${formatCents(Math.max(0, account.totals.balanceCents))}).`;
      return null;
    }
    case 'statement':
      if (account.totals.balanceCents <= 0) return 'Nothing is due on this account: there is no statement to send.';
      if (entry.amountCents !== account.totals.balanceCents) return `The statement must be for the balance (${formatCents(account.totals.balanceCents)}).`;
      return null;
    case 'void': {
      const target = account.charges.get(entry.targetId) ?? account.payments.get(entry.targetId) ?? account.adjustments.get(entry.targetId) ?? account.plans.get(entry.targetId);
      if (!target || target.entry.kind !== entry.targetKind) return 'That entry is not on this account.';
      if (target.voided) return 'That entry is already voided.';
      if (target.entry.kind === 'charge' && (account.charges.get(target.entry.id)?.adjustedCents ?? 0) > 0) return 'That charge has adjustments: void them first.';
      if (entry.amountCents !== target.entry.amountCents) return 'A void cancels the whole entry: its amount must be the original’s.';
      if (target.entry.kind === 'payment' && (account.payments.get(target.entry.id)?.refundedCents ?? 0) > 0) return 'Part of that payment was refunded: refund the rest instead of voiding it.';
      return null;
    }
    case 'refund': {
      const payment = account.payments.get(entry.targetId);
      if (!payment) return 'That payment is not on this account.';
      if (payment.voided) return 'That payment was voided: there is nothing to refund.';
      const left = payment.entry.amountCents - payment.refundedCents;
      if (entry.amountCents > left) return `At most ${formatCents(left)} of that payment can be refunded.`;
      return null;
    }
    default:
      return unknownKind(entry);
  }
}

/** The balance of everyone a guarantor pays for, each patient's account and the sum. */
export function guarantorBalance(accounts: ReadonlyMap<string, Account>): { totalCents: number; byPatient: { patientId: string; balanceCents: number }[] } {
  const byPatient = [...accounts].map(([patientId, a]) => ({ patientId, balanceCents: a.totals.balanceCents }));
  return { totalCents: byPatient.reduce((s, p) => s + p.balanceCents, 0), byPatient };
}

/** Payments that stand (not voided), oldest first; `availableCents` is what is left of each after refunds. */
export function standingPayments(account: Account, which: (p: PaymentEntry) => boolean = () => true): PaymentState[] {
  return [...account.payments.values()].filter((p) => !p.voided && p.availableCents > 0 && which(p.entry)).sort((a, b) => byWhenWritten(a.entry, b.entry));
}

/** The co-pay paid for an appointment: what stands of its co-pay payments, and their receipts. */
export function copayPaidFor(account: Account, appointmentId: string): { cents: number; receipts: string[]; paymentIds: string[] } {
  const list = standingPayments(account, (p) => p.purpose === 'copay' && p.appointmentId === appointmentId);
  return { cents: list.reduce((s, p) => s + p.availableCents, 0), receipts: [...new Set(list.map((p) => p.entry.receiptNumber))], paymentIds: list.map((p) => p.entry.id) };
}

/** Payment plans not cancelled and not yet paid in full, oldest first. */
export function activePlans(account: Account): PlanState[] {
  return [...account.plans.values()].filter((p) => !p.voided && p.remainingCents > 0);
}

/** What of a plan is overdue on `today` (instalments due before it, less what was paid), and the next instalment not yet paid. */
export function planDue(plan: PlanState, today: string): { overdueCents: number; overdueCount: number; next: { dueDate: string; amountCents: number } | null } {
  let overdueCents = 0;
  let overdueCount = 0;
  let next: { dueDate: string; amountCents: number } | null = null;
  if (plan.voided) return { overdueCents, overdueCount, next };
  for (const i of plan.instalments) {
    const owed = i.amountCents - i.paidCents;
    if (owed <= 0) continue;
    if (i.dueDate < today) {
      overdueCents += owed;
      overdueCount += 1;
    } else if (!next) next = { dueDate: i.dueDate, amountCents: owed };
  }
  return { overdueCents, overdueCount, next };
}

/** What is overdue on the account's payment plans on `today`. */
export function overdueOnPlans(account: Account, today: string): number {
  return activePlans(account).reduce((s, p) => s + planDue(p, today).overdueCents, 0);
}

/** Equal instalments of `totalCents` (the odd cents on the first ones), due every week, two weeks or month from `firstDueDate`. */
export function instalmentsFor(totalCents: number, count: number, frequency: 'weekly' | 'every-2-weeks' | 'monthly', firstDueDate: string): { dueDate: string; amountCents: number }[] {
  const base = Math.floor(totalCents / count);
  const extra = totalCents - base * count;
  return Array.from({ length: count }, (_, n) => ({
    dueDate: frequency === 'monthly' ? addMonths(firstDueDate, n) : addDays(firstDueDate, n * (frequency === 'weekly' ? 7 : 14)),
    amountCents: base + (n < extra ? 1 : 0),
  }));
}

/** The last statement sent, or null, and the account's lines written after it: what the next statement lists. */
export function sinceLastStatement(account: Account): { last: StatementEntry | null; previousCents: number; lines: AccountLine[] } {
  const last = account.statements.at(-1) ?? null;
  if (!last) return { last, previousCents: 0, lines: account.lines.filter((l) => l.entry.kind !== 'statement') };
  const at = account.lines.findIndex((l) => l.entry.id === last.id);
  return { last, previousCents: account.lines[at]!.runningCents, lines: account.lines.slice(at + 1).filter((l) => l.entry.kind !== 'statement') };
}
