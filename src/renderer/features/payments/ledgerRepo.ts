import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import type { Permission } from '../../../shared/auth/permissions';
import { newId, type AppointmentId, type LedgerEntryId, type PatientId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { dateInZone } from '../../../shared/domain/time';
import { accountOf, instalmentsFor, planAllocation, planCreditApplication, refusalFor, type Account } from '../../../shared/payments/account';
import {
  AdjustmentInputSchema,
  AllocationInputSchema,
  ChargeInputSchema,
  LedgerEntrySchema,
  PaymentInputSchema,
  TransactionInputSchema,
  asTransaction,
  RefundInputSchema,
  VoidInputSchema,
  PlanInputSchema,
  StatementInputSchema,
  ADJUSTMENT_REASON_LABEL,
  PLAN_FREQUENCY_LABEL,
  type PlanEntry,
  type PlanInput,
  type StatementEntry,
  type StatementInput,
  type AdjustmentInput,
  type ChargeEntry,
  type ChargeInput,
  type LedgerEntry,
  type PaymentEntry,
  type PaymentInput,
  type PaymentMethod,
  type TransactionInput,
  type RefundEntry,
  type RefundInput,
  type VoidEntry,
  type VoidInput,
} from '../../../shared/payments/ledger';
import { ServiceSchema, type CatalogEntry } from '../../../shared/catalog/catalog';
import { AppointmentTypeSchema } from '../../../shared/schedule/scheduling';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(LedgerEntrySchema, 'A ledger entry');

const CopayDueSchema = z.object({
  patientId: z.string().min(1),
  appointmentId: z.string().uuid().nullable(),
  visitId: z.string().uuid(),
  amountCents: z.number().int().min(1, 'The co-pay must be more than nothing').max(10_000_000),
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
  return parsed.data;
}

/** Validates a payment before anything is spent on it. */
export function parsePayment(input: PaymentInput) {
  return parse(PaymentInputSchema, input);
}

/** Validates a payment split across tenders before anything is spent on it. */
export function parseTransaction(input: TransactionInput) {
  return parse(TransactionInputSchema, input);
}

/** What the fee schedule charges for a code (an appointment type), or null when it has no such fee. */
export type FeeSchedule = (code: string) => Promise<{ description: string; amountCents: number } | null>;

/** The fee schedule kept in the catalog, under each entry's id: every appointment type's fee and every service's. */
export function appointmentTypeFees(db: { catalog: RxCollection<CatalogEntry> }): FeeSchedule {
  return async (code) => {
    const doc = (await db.catalog.findOne(code).exec())?.toJSON();
    const type = AppointmentTypeSchema.safeParse(doc);
    if (type.success) return type.data.active ? { description: type.data.name, amountCents: type.data.feeCents } : null;
    const service = ServiceSchema.safeParse(doc);
    return service.success && service.data.active ? { description: `${service.data.name} (${service.data.code})`, amountCents: service.data.feeCents } : null;
  };
}

export interface LedgerRepoDeps {
  /** The record a patient id leads to and every record merged into it: one account. */
  identities: (patientId: string) => Promise<string[]>;
  feeSchedule: FeeSchedule;
  /** The cash drawer session a payment or refund by this method goes into ('' for none); refuses when the drawer is not open. */
  drawerFor: (method: PaymentMethod) => Promise<string>;
}

/** What one payment wrote: the payment itself and the charge and allocations that came with it. */
export interface RecordedPayment {
  /** The first tender's entry. */
  payment: PaymentEntry;
  /** Every tender's entry, in the order given. */
  payments: PaymentEntry[];
  written: LedgerEntry[];
}

export function createLedgerRepo(db: { ledger: RxCollection<LedgerEntry> }, ctx: WorkContext, deps: LedgerRepoDeps) {
  const base = (patientId: string) => ({ id: newId<'LedgerEntryId'>(), patientId: patientId as PatientId, createdAt: ctx.now().toISOString(), createdBy: ctx.actor().id, siteId: ctx.siteId() });

  /** The account a patient id belongs to: every entry of the surviving record and of those merged into it. */
  const accountFor = async (patientId: string): Promise<{ account: Account; owner: string; identities: string[] }> => {
    const owner = await ctx.patientOnFile(patientId as never);
    const identities = await deps.identities(owner);
    const docs = await db.ledger.find({ selector: { patientId: { $in: identities } } }).exec();
    return { account: accountOf(stored.many(docs)), owner, identities };
  };

  const entriesOf = (account: Account): LedgerEntry[] => account.lines.map((l) => l.entry);

  /** Writes entries together; each is checked against the account as it stands with the ones before it. */
  const write = async (account: Account, entries: LedgerEntry[]) => {
    let current = account;
    const all = entriesOf(account);
    for (const entry of entries) {
      const refused = refusalFor(current, entry);
      if (refused) throw new DeskError(refused);
      all.push(entry);
      current = accountOf(all);
    }
    const result = await db.ledger.bulkInsert(entries.map((e) => LedgerEntrySchema.parse(e)));
    if (result.error.length > 0) throw new Error(`The ledger did not take ${result.error.length} of ${entries.length} entries: ${result.error[0]!.status}`);
  };

  /** Finds the entry a void or refund names, on the account of the patient given. */
  const targetOf = (account: Account, id: string) => account.charges.get(id) ?? account.payments.get(id) ?? account.adjustments.get(id) ?? account.plans.get(id) ?? null;

  return {
    /** Records a payment by one tender (see recordTransaction). */
    async recordPayment(input: PaymentInput, issueReceiptNumber: () => Promise<string>, options: { keepAsCredit?: boolean } = {}): Promise<RecordedPayment> {
      return this.recordTransaction(asTransaction(parsePayment(input)), issueReceiptNumber, options);
    },

    /**
     * Records a payment, by one tender or split across several (one entry each, sharing one
     * transaction and one receipt number). The receipt number is issued only once the payment is
     * valid, its patient on file, the person allowed to take it and the drawer open for its cash
     * and checks, so a refused payment spends no number. A co-pay for an appointment pays that
     * appointment's co-pay charge (posted with it when there is none yet); a payment on account
     * pays the oldest charges first, and what is left over is credit (all of it with
     * `keepAsCredit`). Entries are only ever inserted: there is no update or delete of money.
     */
    async recordTransaction(input: TransactionInput, issueReceiptNumber: () => Promise<string>, options: { keepAsCredit?: boolean } = {}): Promise<RecordedPayment> {
      const tx = parse(TransactionInputSchema, input);
      const { account, owner } = await accountFor(tx.patientId);
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: owner });
      const drawerIds: string[] = [];
      for (const t of tx.tenders) drawerIds.push(await deps.drawerFor(t.method));
      const receiptNumber = await issueReceiptNumber();
      const transactionId = newId();
      const payments: PaymentEntry[] = tx.tenders.map((t, i) => ({
        ...base(owner),
        kind: 'payment',
        purpose: tx.purpose,
        appointmentId: tx.appointmentId,
        amountCents: t.amountCents,
        method: t.method,
        reference: t.reference,
        // Cash handed over (the amount when not said); other methods are not tendered.
        tenderedCents: t.method === 'cash' ? (t.tenderedCents ?? t.amountCents) : 0,
        authCode: t.authCode,
        receiptNumber,
        transactionId,
        drawerId: drawerIds[i]!,
      }));
      const total = payments.reduce((sum, p) => sum + p.amountCents, 0);
      const written: LedgerEntry[] = [];
      let toCharges: { chargeId: string; amountCents: number }[] = [];
      if (tx.purpose === 'copay' && tx.appointmentId) {
        const copays = [...account.charges.values()].filter((c) => !c.voided && c.entry.code === 'copay' && c.entry.appointmentId === tx.appointmentId);
        const open = copays.find((c) => c.openCents > 0);
        if (open) toCharges = [{ chargeId: open.entry.id, amountCents: Math.min(open.openCents, total) }];
        else if (copays.length === 0) {
          const charge: ChargeEntry = { ...base(owner), kind: 'charge', amountCents: total, description: 'Co-pay', code: 'copay', appointmentId: tx.appointmentId, providerId: '', serviceDate: dateInZone(ctx.now(), ctx.timeZone()) };
          written.push(charge);
          toCharges = [{ chargeId: charge.id, amountCents: total }];
        }
      } else if (!options.keepAsCredit) {
        toCharges = planAllocation(account, total);
      }
      // More than the co-pay pays what else is owed, oldest first (unless kept as credit).
      const rest = total - toCharges.reduce((s, t) => s + t.amountCents, 0);
      if (tx.purpose === 'copay' && rest > 0 && !options.keepAsCredit && toCharges.length > 0) {
        toCharges.push(...planAllocation(account, rest, [...account.charges.keys()].filter((id) => !toCharges.some((t) => t.chargeId === id))));
      }
      written.push(...payments);
      // What each charge is paid is taken from the tenders in order.
      let tender = 0;
      let left = payments[0]!.amountCents;
      for (const target of toCharges) {
        let need = target.amountCents;
        while (need > 0 && tender < payments.length) {
          const amount = Math.min(need, left);
          written.push({ ...base(owner), kind: 'allocation', paymentId: payments[tender]!.id, chargeId: target.chargeId as LedgerEntryId, amountCents: amount });
          need -= amount;
          left -= amount;
          if (left === 0) left = payments[++tender]?.amountCents ?? 0;
        }
      }
      await write(account, written);
      // Once the money is recorded nothing may throw: a failure here would invite taking it twice.
      await ctx.auditSaved({
        action: 'payment',
        patientId: owner,
        subject: `ledger/${payments[0]!.id}`,
        detail: `${formatCents(total)} ${payments.map((p) => (payments.length > 1 ? `${p.method} ${formatCents(p.amountCents)}` : p.method)).join(' + ')}, receipt ${receiptNumber}${toCharges.length > 0 ? `; paid ${toCharges.length} charge${toCharges.length === 1 ? '' : 's'}` : ''}`,
        approvedBy,
      });
      return { payment: payments[0]!, payments, written };
    },

    /**
     * Posts a charge. From the fee schedule (a code at its fee) the front desk may; a charge
     * entered by hand, or at another amount than the fee, needs permission to adjust balances.
     */
    async postCharge(input: ChargeInput): Promise<ChargeEntry> {
      const charge = parse(ChargeInputSchema, input);
      const { account, owner } = await accountFor(charge.patientId);
      const fee = charge.code ? await deps.feeSchedule(charge.code) : null;
      if (charge.code && !fee) throw new DeskError('That service is not in the fee schedule.');
      const permission: Permission = fee && fee.amountCents === charge.amountCents ? 'payment.take' : 'payment.adjust';
      const { approvedBy } = await ctx.authorize(permission, { patientId: owner, subject: 'charge' });
      const entry: ChargeEntry = { ...charge, ...base(owner), kind: 'charge' };
      await write(account, [entry]);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${entry.id}`, detail: `Charge ${formatCents(entry.amountCents)} ${entry.description}${fee ? '' : ' (entered by hand)'}`, approvedBy });
      return entry;
    },

    /** Reduces a charge, with a reason: billing staff, or a manager's approval. */
    async adjust(input: AdjustmentInput): Promise<LedgerEntry> {
      const adjustment = parse(AdjustmentInputSchema, input);
      const { account, owner } = await accountFor(adjustment.patientId);
      if (!account.charges.has(adjustment.chargeId)) throw new DeskError('That charge is not on this account.');
      const { approvedBy } = await ctx.authorize('payment.adjust', { patientId: owner, subject: `ledger/${adjustment.chargeId}` });
      const entry: LedgerEntry = { ...adjustment, ...base(owner), kind: 'adjustment' };
      await write(account, [entry]);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${entry.id}`, detail: `Adjustment ${formatCents(entry.amountCents)} ${ADJUSTMENT_REASON_LABEL[adjustment.reason]} on ledger/${adjustment.chargeId}${adjustment.note ? `: ${adjustment.note}` : ''}`, approvedBy });
      return entry;
    },

    /**
     * Cancels a charge, payment or adjustment entirely. The same day (in the clinic's zone) the
     * desk may void what it wrote; on another day it needs a manager.
     */
    async void(input: VoidInput): Promise<VoidEntry> {
      const request = parse(VoidInputSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      const target = targetOf(account, request.targetId);
      if (!target) throw new DeskError('That entry is not on this account.');
      const zone = ctx.timeZone();
      const sameDay = dateInZone(new Date(target.entry.createdAt), zone) === dateInZone(ctx.now(), zone);
      // A plan is a billing arrangement: whoever may agree one may cancel it, on any day.
      const permission: Permission = target.entry.kind === 'plan' ? 'payment.adjust' : sameDay ? 'payment.take' : 'payment.voidOrRefund';
      const { approvedBy } = await ctx.authorize(permission, { patientId: owner, subject: `ledger/${target.entry.id}` });
      const entry: VoidEntry = { ...base(target.entry.patientId), kind: 'void', targetId: target.entry.id, targetKind: target.entry.kind, amountCents: target.entry.amountCents, note: request.note };
      await write(account, [entry]);
      await ctx.auditSaved({ action: 'void', patientId: owner, subject: `ledger/${entry.id}`, detail: `Voided ${target.entry.kind} ledger/${target.entry.id} (${formatCents(entry.amountCents)}): ${request.note}`, approvedBy });
      return entry;
    },

    /** Gives money back from a payment: always a manager's decision. */
    async refund(input: RefundInput): Promise<RefundEntry> {
      const request = parse(RefundInputSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      const payment = account.payments.get(request.targetId);
      if (!payment) throw new DeskError('That payment is not on this account.');
      const { approvedBy } = await ctx.authorize('payment.voidOrRefund', { patientId: owner, subject: `ledger/${payment.entry.id}` });
      // Cash given back comes out of today's drawer; a check or card refund does not.
      const drawerId = request.method === 'cash' ? await deps.drawerFor('cash') : '';
      const entry: RefundEntry = { ...base(payment.entry.patientId), kind: 'refund', targetId: payment.entry.id, amountCents: request.amountCents, method: request.method, reference: request.reference, note: request.note, drawerId };
      await write(account, [entry]);
      await ctx.auditSaved({ action: 'refund', patientId: owner, subject: `ledger/${entry.id}`, detail: `${formatCents(entry.amountCents)} by ${entry.method} from receipt ${payment.entry.receiptNumber}: ${request.note}`, approvedBy });
      return entry;
    },

    /**
     * Agrees a payment plan: part or all of the balance in equal instalments. Billing staff, or a
     * manager's approval; one plan at a time, never for more than is owed.
     */
    async agreePlan(input: PlanInput): Promise<PlanEntry> {
      const request = parse(PlanInputSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      if (request.firstDueDate < dateInZone(ctx.now(), ctx.timeZone())) throw new DeskError('The first instalment cannot fall due before today.');
      const { approvedBy } = await ctx.authorize('payment.adjust', { patientId: owner, subject: 'payment plan' });
      const instalments = instalmentsFor(request.amountCents, request.count, request.frequency, request.firstDueDate);
      const entry: PlanEntry = { ...base(owner), kind: 'plan', amountCents: request.amountCents, instalments, note: request.note };
      await write(account, [entry]);
      await ctx.auditSaved({
        action: 'create',
        patientId: owner,
        subject: `ledger/${entry.id}`,
        detail: `Payment plan ${formatCents(entry.amountCents)} in ${request.count} instalments, ${PLAN_FREQUENCY_LABEL[request.frequency].toLowerCase()} from ${request.firstDueDate}${request.note ? `: ${request.note}` : ''}`,
        approvedBy,
      });
      return entry;
    },

    /**
     * Sends a statement of the balance, due by `dueDate`. `issue` is given the account as it
     * stands and the statement's entry, and prints it; only once it has printed is the statement
     * recorded (so the next statement starts after it). Nothing due: refused before anything prints.
     */
    async sendStatement<T>(input: StatementInput, issue: (account: Account, statement: StatementEntry) => Promise<T>): Promise<{ statement: StatementEntry; issued: T }> {
      const request = parse(StatementInputSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: owner, subject: 'statement' });
      const statement: StatementEntry = { ...base(owner), kind: 'statement', amountCents: Math.max(1, account.totals.balanceCents), dueDate: request.dueDate };
      const refused = refusalFor(account, statement);
      if (refused) throw new DeskError(refused);
      const issued = await issue(account, statement);
      await write(account, [statement]);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${statement.id}`, detail: `Statement of ${formatCents(statement.amountCents)} due ${request.dueDate}`, approvedBy });
      return { statement, issued };
    },

    /**
     * Puts a co-pay the patient did not pay at check-in on their account, so it is owed until it
     * is paid (at check-out, or later) rather than forgotten. One co-pay charge per appointment:
     * none is posted when the appointment has one; two desks that each post one offline (or one
     * defers while another takes the co-pay) are settled when the account is read (`accountOf`:
     * the first stands, payments to the other pay it).
     */
    async postCopayDue(input: { patientId: string; appointmentId: string | null; visitId: string; amountCents: number }): Promise<ChargeEntry | null> {
      const request = parse(CopayDueSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      const existing = [...account.charges.values()].find((c) => !c.voided && c.entry.code === 'copay' && request.appointmentId !== null && c.entry.appointmentId === request.appointmentId);
      if (existing) return null;
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: owner, subject: 'co-pay' });
      const charge: ChargeEntry = { ...base(owner), kind: 'charge', amountCents: request.amountCents, description: 'Co-pay', code: 'copay', appointmentId: request.appointmentId as AppointmentId | null, providerId: '', serviceDate: dateInZone(ctx.now(), ctx.timeZone()) };
      await write(account, [charge]);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${charge.id}`, detail: `Charge ${formatCents(charge.amountCents)} Co-pay not paid at check-in (visits/${request.visitId})`, approvedBy });
      return charge;
    },

    /** Applies part of a payment (credit) to a charge. */
    async allocate(input: z.input<typeof AllocationInputSchema>): Promise<LedgerEntry> {
      const request = parse(AllocationInputSchema, input);
      const { account, owner } = await accountFor(request.patientId);
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: owner });
      const entry: LedgerEntry = { ...base(owner), kind: 'allocation', paymentId: request.paymentId, chargeId: request.chargeId, amountCents: request.amountCents };
      await write(account, [entry]);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${entry.id}`, detail: `Applied ${formatCents(entry.amountCents)} of ledger/${request.paymentId} to ledger/${request.chargeId}`, approvedBy });
      return entry;
    },

    /** Applies all of the patient's credit to their open charges, oldest first: how much, and the allocations written. */
    async applyCredit(patientId: string): Promise<{ appliedCents: number; written: LedgerEntry[] }> {
      const { account, owner } = await accountFor(patientId);
      const plan = planCreditApplication(account);
      if (plan.length === 0) throw new DeskError('There is no credit to apply, or nothing is owed.');
      const { approvedBy } = await ctx.authorize('payment.take', { patientId: owner });
      const entries: LedgerEntry[] = plan.map((p) => ({ ...base(owner), kind: 'allocation', paymentId: p.paymentId as LedgerEntryId, chargeId: p.chargeId as LedgerEntryId, amountCents: p.amountCents }));
      await write(account, entries);
      const total = plan.reduce((s, p) => s + p.amountCents, 0);
      await ctx.auditSaved({ action: 'create', patientId: owner, subject: `ledger/${owner}`, detail: `Applied ${formatCents(total)} of credit to ${new Set(plan.map((p) => p.chargeId)).size} charge(s)`, approvedBy });
      return { appliedCents: total, written: entries };
    },

    /** What the account a patient id belongs to owes now (below zero: a credit). */
    async balanceOf(patientId: string): Promise<number> {
      return (await accountFor(patientId)).account.totals.balanceCents;
    },
    /** Entries written in [from, to), oldest first. */
    async written(from: Date, to: Date): Promise<LedgerEntry[]> {
      return stored.many(await db.ledger.find({ selector: { createdAt: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ createdAt: 'asc' }] }).exec());
    },
    /** The entries with these ids that this workstation has. */
    async byIds(ids: readonly string[]): Promise<LedgerEntry[]> {
      if (ids.length === 0) return [];
      return stored.many([...(await db.ledger.findByIds([...ids]).exec()).values()]);
    },
    /** The entries of a patient and of the records merged into them (entries are never re-pointed), newest first. */
    observeForPatients(patientIds: readonly string[]): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { patientId: { $in: [...patientIds] } } }).$).pipe(map((list) => list.sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
    },
    /** Entries written in [from, to), newest first. */
    observeRange(from: Date, to: Date): Observable<LedgerEntry[]> {
      return stored.live(db.ledger.find({ selector: { createdAt: { $gte: from.toISOString(), $lt: to.toISOString() } }, sort: [{ createdAt: 'desc' }] }).$);
    },
  };
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>;
