import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { CentsSchema, formatCents } from '../domain/money';
import { CalendarDateSchema, InstantSchema } from '../domain/time';
import type { LedgerEntry } from './ledger';

/** The notes and coins a drawer is counted in, largest first, in cents. */
export const DENOMINATIONS = [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 25, 10, 5, 1] as const;
export const DENOMINATION_LABEL: Record<(typeof DENOMINATIONS)[number], string> = {
  10_000: '$100',
  5_000: '$50',
  2_000: '$20',
  1_000: '$10',
  500: '$5',
  200: '$2',
  100: '$1',
  50: '50¢',
  25: '25¢',
  10: '10¢',
  5: '5¢',
  1: '1¢',
};

const Count = z.number({ message: 'Enter how many' }).int('Whole pieces only').min(0, 'Not below 0').max(100_000, 'That is too many');
const Money = CentsSchema.min(0).max(10_000_000, 'Amount is over the $100,000.00 limit');

/** A check in the drawer at close: its number and amount. */
export const CountedCheckSchema = z.object({ number: z.string().trim().min(1, 'Enter the check number').max(20), amountCents: CentsSchema.positive('A check is more than zero').max(10_000_000) });
export type CountedCheck = z.infer<typeof CountedCheckSchema>;

/** What every drawer record says: which drawer (the workstation's), whose, where, for which day. */
const RecordBase = {
  id: IdSchema,
  /** The session: the id of the record that opened it (an open record's own id). */
  sessionId: IdSchema,
  workstationId: z.string().min(1).max(64),
  /** The workstation as people know it (its receipt prefix), for the manager's list. */
  workstationName: z.string().max(40),
  siteId: z.string().min(1).max(40),
  businessDate: CalendarDateSchema,
  createdAt: InstantSchema,
  createdBy: z.string().min(1).max(100),
  note: z.string().max(200),
};

/** A drawer opened for the day with its float (the change it starts with). */
export const DrawerOpenSchema = z.object({ ...RecordBase, kind: z.literal('open'), floatCents: Money });
/** The drawer counted and closed: what was there, what should have been, the difference. */
export const DrawerCloseSchema = z.object({
  ...RecordBase,
  kind: z.literal('close'),
  /** How many of each of DENOMINATIONS. */
  counts: z.array(Count).length(DENOMINATIONS.length),
  checks: z.array(CountedCheckSchema).max(500),
  countedCashCents: Money,
  countedChecksCents: Money,
  expectedCashCents: CentsSchema,
  expectedChecksCents: CentsSchema,
  /** Counted less expected, cash and checks together: above zero over, below zero short. */
  overShortCents: CentsSchema,
});
/** A closed drawer opened again by a manager: it points at the close it undoes. */
export const DrawerReopenSchema = z.object({ ...RecordBase, kind: z.literal('reopen'), closeId: IdSchema, approvedBy: z.string().max(100) });

/**
 * A drawer record is append-only, like the ledger: a session is an open record, a close, and a
 * reopen that points at the close (then another close). Only the workstation a drawer belongs to
 * writes its records, so two workstations never write the same session.
 */
export const DrawerRecordSchema = z.discriminatedUnion('kind', [DrawerOpenSchema, DrawerCloseSchema, DrawerReopenSchema]);
export type DrawerRecord = z.infer<typeof DrawerRecordSchema>;
export type DrawerOpen = z.infer<typeof DrawerOpenSchema>;
export type DrawerClose = z.infer<typeof DrawerCloseSchema>;
export type DrawerReopen = z.infer<typeof DrawerReopenSchema>;

export const OpenDrawerInputSchema = z.object({ floatCents: Money, note: z.string().trim().max(200).default('') });
export type OpenDrawerInput = z.input<typeof OpenDrawerInputSchema>;

export const CloseDrawerInputSchema = z.object({
  counts: z.array(Count).length(DENOMINATIONS.length),
  checks: z.array(CountedCheckSchema).max(500),
  note: z.string().trim().max(200, 'The note is at most 200 characters').default(''),
});
export type CloseDrawerInput = z.input<typeof CloseDrawerInputSchema>;

/** A drawer session as its records leave it. */
export interface DrawerSession {
  open: DrawerOpen;
  /** Closes and reopens, oldest first. */
  events: (DrawerClose | DrawerReopen)[];
  status: 'open' | 'closed';
  /** The close that stands, when closed. */
  close: DrawerClose | null;
}

/** Sessions from drawer records, whatever order they arrived in; newest business day first. */
export function drawerSessions(records: readonly DrawerRecord[]): DrawerSession[] {
  const sessions = new Map<string, DrawerSession>();
  const sorted = [...records].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  for (const r of sorted) if (r.kind === 'open' && !sessions.has(r.sessionId)) sessions.set(r.sessionId, { open: r, events: [], status: 'open', close: null });
  for (const r of sorted) {
    const s = sessions.get(r.sessionId);
    if (!s || r.kind === 'open') continue;
    s.events.push(r);
    if (r.kind === 'close') {
      s.status = 'closed';
      s.close = r;
    } else if (s.close && r.closeId === s.close.id) {
      s.status = 'open';
      s.close = null;
    }
  }
  return [...sessions.values()].sort((a, b) => (a.open.businessDate < b.open.businessDate ? 1 : a.open.businessDate > b.open.businessDate ? -1 : a.open.workstationId.localeCompare(b.open.workstationId)));
}

/** What a session's drawer should hold: its float and the cash and checks taken into it, less cash given back. */
export interface DrawerExpected {
  floatCents: number;
  cashInCents: number;
  cashOutCents: number;
  expectedCashCents: number;
  checks: { receiptNumber: string; reference: string; amountCents: number }[];
  expectedChecksCents: number;
  /** Card and other payments taken at this workstation in the session (not in the drawer), for the report. */
  cardCents: number;
  otherCents: number;
}

/**
 * The drawer's expected contents from the ledger entries written into it. A voided payment is
 * taken out as if never taken (the money is handed back or the check returned) when the void was
 * written before the count.
 */
export function drawerExpected(open: DrawerOpen, entries: readonly LedgerEntry[]): DrawerExpected {
  const mine = entries.filter((e) => (e.kind === 'payment' || e.kind === 'refund') && e.drawerId === open.sessionId);
  const voided = new Set(entries.filter((e) => e.kind === 'void').map((e) => (e.kind === 'void' ? e.targetId : '')));
  const result: DrawerExpected = { floatCents: open.floatCents, cashInCents: 0, cashOutCents: 0, expectedCashCents: 0, checks: [], expectedChecksCents: 0, cardCents: 0, otherCents: 0 };
  for (const e of mine) {
    if (e.kind === 'payment') {
      if (voided.has(e.id)) continue;
      if (e.method === 'cash') result.cashInCents += e.amountCents;
      else if (e.method === 'check') result.checks.push({ receiptNumber: e.receiptNumber, reference: e.reference, amountCents: e.amountCents });
      else if (e.method === 'card') result.cardCents += e.amountCents;
      else result.otherCents += e.amountCents;
    } else if (e.kind === 'refund' && e.method === 'cash') result.cashOutCents += e.amountCents;
  }
  result.expectedCashCents = result.floatCents + result.cashInCents - result.cashOutCents;
  result.expectedChecksCents = result.checks.reduce((s, c) => s + c.amountCents, 0);
  return result;
}

/** Cash counted, from the number of each denomination. */
export function countedCash(counts: readonly number[]): number {
  return DENOMINATIONS.reduce((sum, d, i) => sum + d * (counts[i] ?? 0), 0);
}

/** Over (+) or short (−) as a person reads it. */
export function describeOverShort(cents: number): string {
  return cents === 0 ? 'Balanced' : cents > 0 ? `Over ${formatCents(cents)}` : `Short ${formatCents(-cents)}`;
}
