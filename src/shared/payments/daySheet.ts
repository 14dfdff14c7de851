import { formatCents } from '../domain/money';
import type { ByTender, DaySheetData } from '../print/daySheet';
import { ADJUSTMENT_REASON_LABEL, type LedgerEntry } from './ledger';
import { describeOverShort, type DrawerSession } from './drawer';
import { duplicateCopays } from './account';

export interface DaySheetInput {
  clinic: DaySheetData['clinic'];
  date: string;
  timeZone: string;
  /** Every ledger entry written on the day, from every site that has synced. */
  entries: readonly LedgerEntry[];
  /** Entries written earlier that the day's voids, refunds and adjustments point at. */
  earlier: ReadonlyMap<string, LedgerEntry>;
  /** The drawer sessions of the day. */
  sessions: readonly DrawerSession[];
  patientName: (id: string) => string;
  providerName: (id: string) => string;
  printedAt: string;
  printedBy: string;
}

const noTenders = (): ByTender => ({ cash: 0, check: 0, card: 0, other: 0 });
const sum = (t: ByTender) => t.cash + t.check + t.card + t.other;

/**
 * The day sheet from the day's ledger entries: every row, and totals worked out from the same
 * rows, so what is printed adds up to the ledger. A payment or charge voided (on any day the
 * void is known) is listed struck and left out of the totals; voids and refunds are listed on
 * their own.
 */
export function buildDaySheet(input: DaySheetInput): DaySheetData {
  const byId = new Map<string, LedgerEntry>(input.earlier);
  for (const e of input.entries) byId.set(e.id, e);
  const voided = new Set<string>();
  for (const e of [...input.entries, ...input.earlier.values()]) if (e.kind === 'void') voided.add(e.targetId);
  // The same co-pay charged at two workstations while apart counts once (see accountOf).
  const repeated = duplicateCopays([...byId.values()], voided);
  const entries = [...new Map(input.entries.map((e) => [e.id, e])).values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const sessionOf = new Map(input.sessions.map((s) => [s.open.sessionId, s]));
  const describe = (id: string) => {
    const t = byId.get(id);
    if (!t) return 'an entry not on this workstation';
    if (t.kind === 'payment') return `Payment, receipt ${t.receiptNumber}`;
    if (t.kind === 'charge') return `Charge, ${t.description}`;
    if (t.kind === 'adjustment') return `Adjustment, ${ADJUSTMENT_REASON_LABEL[t.reason]}`;
    return t.kind;
  };

  const sheet: DaySheetData = {
    clinic: input.clinic,
    date: input.date,
    timeZone: input.timeZone,
    charges: [],
    payments: [],
    refunds: [],
    adjustments: [],
    voids: [],
    byProvider: [],
    byWorkstation: [],
    totals: { chargedCents: 0, adjustedCents: 0, paid: noTenders(), paidCents: 0, refundedCents: 0, netCents: 0 },
    deposit: { checks: [], checksCents: 0, cashCents: 0, cashFrom: '' },
    printedAt: input.printedAt,
    printedBy: input.printedBy,
  };
  const providers = new Map<string, { chargedCents: number; adjustedCents: number }>();
  const provider = (id: string) => {
    const name = id ? input.providerName(id) || 'Provider not on file' : 'No provider (co-pays, entered by hand)';
    const row = providers.get(name) ?? { chargedCents: 0, adjustedCents: 0 };
    providers.set(name, row);
    return row;
  };
  const stations = new Map<string, { workstation: string; site: string; tenders: ByTender; refundedCents: number; drawer: string }>();
  const station = (drawerId: string, siteId: string) => {
    const session = sessionOf.get(drawerId);
    const key = session ? drawerId : `site:${siteId}`;
    const row = stations.get(key) ?? {
      workstation: session ? session.open.workstationName || session.open.workstationId.slice(0, 8) : 'No drawer',
      site: session ? session.open.siteId : siteId,
      tenders: noTenders(),
      refundedCents: 0,
      drawer: session ? (session.close ? `Closed · ${describeOverShort(session.close.overShortCents)}` : 'Open, not counted yet') : '—',
    };
    stations.set(key, row);
    return row;
  };
  let cashIn = 0;
  let cashOut = 0;

  for (const e of entries) {
    const patient = input.patientName(e.patientId);
    switch (e.kind) {
      case 'charge': {
        const isVoided = voided.has(e.id) || repeated.has(e.id);
        const description = repeated.has(e.id) ? `${e.description} (charged again at another workstation)`.slice(0, 80) : e.description;
        sheet.charges.push({ at: e.createdAt, patient, description, provider: e.providerId ? input.providerName(e.providerId) : '', amountCents: e.amountCents, voided: isVoided });
        if (!isVoided) {
          sheet.totals.chargedCents += e.amountCents;
          provider(e.providerId).chargedCents += e.amountCents;
        }
        break;
      }
      case 'payment': {
        const isVoided = voided.has(e.id);
        const row = station(e.drawerId, e.siteId);
        sheet.payments.push({ at: e.createdAt, receiptNumber: e.receiptNumber, patient, method: e.method, reference: e.method === 'card' ? `…${e.reference}` : e.reference, workstation: row.workstation, amountCents: e.amountCents, voided: isVoided });
        if (isVoided) break;
        sheet.totals.paid[e.method] += e.amountCents;
        row.tenders[e.method] += e.amountCents;
        if (e.method === 'cash') cashIn += e.amountCents;
        if (e.method === 'check') sheet.deposit.checks.push({ number: e.reference, patient, amountCents: e.amountCents });
        break;
      }
      case 'refund': {
        const target = byId.get(e.targetId);
        sheet.refunds.push({ at: e.createdAt, patient, method: e.method, of: target?.kind === 'payment' ? target.receiptNumber : '', note: e.note, amountCents: e.amountCents });
        sheet.totals.refundedCents += e.amountCents;
        station(e.drawerId, e.siteId).refundedCents += e.amountCents;
        if (e.method === 'cash') cashOut += e.amountCents;
        break;
      }
      case 'adjustment': {
        const isVoided = voided.has(e.id);
        sheet.adjustments.push({ at: e.createdAt, patient, reason: ADJUSTMENT_REASON_LABEL[e.reason], note: e.note, amountCents: e.amountCents, voided: isVoided });
        if (!isVoided) {
          sheet.totals.adjustedCents += e.amountCents;
          const charge = byId.get(e.chargeId);
          provider(charge?.kind === 'charge' ? charge.providerId : '').adjustedCents += e.amountCents;
        }
        break;
      }
      case 'void':
        // Cancelling a payment plan moves no money.
        if (e.targetKind === 'plan') break;
        sheet.voids.push({ at: e.createdAt, patient, what: describe(e.targetId), note: e.note, amountCents: e.amountCents });
        break;
      case 'allocation':
      case 'plan':
      case 'statement':
        break;
    }
  }
  sheet.totals.paidCents = sum(sheet.totals.paid);
  sheet.totals.netCents = sheet.totals.paidCents - sheet.totals.refundedCents;
  sheet.byProvider = [...providers].map(([name, p]) => ({ provider: name, ...p })).sort((a, b) => a.provider.localeCompare(b.provider));
  sheet.byWorkstation = [...stations.values()].sort((a, b) => a.site.localeCompare(b.site) || a.workstation.localeCompare(b.workstation));
  sheet.deposit.checksCents = sheet.deposit.checks.reduce((s, c) => s + c.amountCents, 0);
  const allClosed = input.sessions.length > 0 && input.sessions.every((s) => s.close);
  if (allClosed) {
    sheet.deposit.cashCents = input.sessions.reduce((s, x) => s + (x.close!.countedCashCents - x.open.floatCents), 0);
    sheet.deposit.cashFrom = `Counted in ${input.sessions.length} drawer${input.sessions.length === 1 ? '' : 's'}, less ${formatCents(input.sessions.reduce((s, x) => s + x.open.floatCents, 0))} of floats kept for tomorrow`;
  } else {
    sheet.deposit.cashCents = cashIn - cashOut;
    sheet.deposit.cashFrom = input.sessions.length === 0 ? 'Cash taken less cash refunded (no drawer was opened)' : 'Cash taken less cash refunded: not every drawer is counted yet';
  }
  return sheet;
}
