import { dateInZone } from '../domain/time';
import { formatCents } from '../domain/money';
import type { StatementData } from '../print/statement';
import { activePlans, planDue, sinceLastStatement, type Account, type AccountLine } from './account';
import { ADJUSTMENT_REASON_LABEL, PAYMENT_METHOD_LABEL, type LedgerEntry, type StatementEntry } from './ledger';

export interface StatementInput {
  account: Account;
  /** The statement being sent (not yet on the account). */
  statement: StatementEntry;
  clinic: StatementData['clinic'];
  patient: StatementData['patient'];
  billTo: StatementData['billTo'];
  timeZone: string;
  printedBy: string;
}

/**
 * What a statement says, from the account as it stands: the lines written since the last
 * statement (allocations, plans and statements are not money and are left out), each with the
 * running balance from the balance the last statement left; what is due; the plan's instalments.
 */
export function buildStatement(input: StatementInput): StatementData {
  const { account, statement, timeZone } = input;
  const since = sinceLastStatement(account);
  const money = since.lines.filter((l) => l.entry.kind !== 'allocation' && l.entry.kind !== 'plan' && l.ignored === null);
  const lines = money.map((l) => ({
    date: dateInZone(new Date(l.entry.createdAt), timeZone),
    description: describeForPatient(l, account),
    chargeCents: Math.max(0, l.effectCents),
    creditCents: Math.max(0, -l.effectCents),
    balanceCents: 0,
  }));
  let running = since.previousCents;
  for (const line of lines) {
    running += line.chargeCents - line.creditCents;
    line.balanceCents = running;
  }
  const plans = activePlans(account);
  const today = dateInZone(new Date(statement.createdAt), timeZone);
  const due = plans.map((p) => ({ plan: p, due: planDue(p, today) }));
  const next = due.map((d) => d.due.next).filter((n) => n !== null).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0] ?? null;
  return {
    clinic: input.clinic,
    patientId: statement.patientId,
    patient: input.patient,
    billTo: input.billTo,
    statementDate: today,
    dueDate: statement.dueDate,
    previousDate: since.last ? dateInZone(new Date(since.last.createdAt), timeZone) : '',
    previousCents: since.previousCents,
    lines,
    chargesCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    creditsCents: lines.reduce((s, l) => s + l.creditCents, 0),
    amountDueCents: running,
    plan:
      plans.length === 0
        ? null
        : {
            overdueCents: due.reduce((s, d) => s + d.due.overdueCents, 0),
            nextDueDate: next?.dueDate ?? '',
            nextCents: next?.amountCents ?? 0,
            remainingCents: plans.reduce((s, p) => s + p.remainingCents, 0),
          },
    timeZone,
    printedAt: statement.createdAt,
    printedBy: input.printedBy,
  };
}

/** A line of the account as the patient reads it. */
function describeForPatient(line: AccountLine, account: Account): string {
  const e = line.entry;
  const what = (id: string): string => {
    const target: LedgerEntry | undefined = account.charges.get(id)?.entry ?? account.payments.get(id)?.entry ?? account.adjustments.get(id)?.entry;
    if (!target) return 'an earlier entry';
    if (target.kind === 'charge') return target.description;
    if (target.kind === 'payment') return `payment, receipt ${target.receiptNumber}`;
    if (target.kind === 'adjustment') return ADJUSTMENT_REASON_LABEL[target.reason].toLowerCase();
    return 'an earlier entry';
  };
  switch (e.kind) {
    case 'charge':
      return e.description;
    case 'payment':
      return `${e.purpose === 'copay' ? 'Co-pay' : 'Payment'}, ${PAYMENT_METHOD_LABEL[e.method].toLowerCase()}${e.method === 'card' && e.reference ? ` ending ${e.reference}` : e.method === 'check' && e.reference ? ` #${e.reference}` : ''}, receipt ${e.receiptNumber}`;
    case 'adjustment':
      return `${ADJUSTMENT_REASON_LABEL[e.reason]} on ${what(e.chargeId)}`;
    case 'void':
      return `Correction: ${what(e.targetId)} cancelled`;
    case 'refund':
      return `Refund to you, ${PAYMENT_METHOD_LABEL[e.method].toLowerCase()} (${formatCents(e.amountCents)} of ${what(e.targetId)})`;
    default:
      return '';
  }
}
