import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { newId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { dateInZone } from '../../../shared/domain/time';
import {
  CloseDrawerInputSchema,
  countedCash,
  describeOverShort,
  drawerExpected,
  DrawerRecordSchema,
  drawerSessions,
  OpenDrawerInputSchema,
  type CloseDrawerInput,
  type DrawerClose,
  type DrawerOpen,
  type DrawerRecord,
  type DrawerReopen,
  type DrawerSession,
  type OpenDrawerInput,
} from '../../../shared/payments/drawer';
import { LedgerEntrySchema, type LedgerEntry, type PaymentMethod } from '../../../shared/payments/ledger';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(DrawerRecordSchema, 'A cash drawer record');
const ledgerStored = storedReader(LedgerEntrySchema, 'A ledger entry');

/**
 * This workstation's cash drawer: opened each day with a float; every cash and check payment and
 * every cash refund goes into the session open today; closed by counting; a closed day takes no
 * more cash or checks until a manager reopens it. Records are only ever added.
 */
export function createDrawersRepo(db: { drawers: RxCollection<DrawerRecord>; ledger: RxCollection<LedgerEntry> }, ctx: WorkContext, deps: { workstationId: () => string; workstationName: () => string }) {
  const today = () => dateInZone(ctx.now(), ctx.timeZone());
  const base = (sessionId: string | null, businessDate: string) => {
    const id = newId();
    return { id, sessionId: sessionId ?? id, workstationId: deps.workstationId(), workstationName: deps.workstationName(), siteId: ctx.siteId(), businessDate, createdAt: ctx.now().toISOString(), createdBy: ctx.actor().id };
  };
  const sessionsOn = async (businessDate: string) => drawerSessions(stored.many(await db.drawers.find({ selector: { businessDate } }).exec()));
  const mineToday = async (): Promise<DrawerSession | null> => (await sessionsOn(today())).find((s) => s.open.workstationId === deps.workstationId()) ?? null;
  const session = async (sessionId: string): Promise<DrawerSession> => {
    const records = stored.many(await db.drawers.find({ selector: { sessionId } }).exec());
    const found = drawerSessions(records)[0];
    if (!found) throw new DeskError('That drawer session could not be found.');
    return found;
  };
  const insert = async (record: DrawerRecord) => {
    await db.drawers.insert(DrawerRecordSchema.parse(record));
  };
  /** The ledger entries that may belong to a session: those written since it opened. */
  const entriesSince = async (open: DrawerOpen): Promise<LedgerEntry[]> => ledgerStored.many(await db.ledger.find({ selector: { createdAt: { $gte: open.createdAt } } }).exec());

  return {
    /** Today's session of this workstation's drawer, or null when it was not opened today. */
    today: mineToday,

    async open(input: OpenDrawerInput): Promise<DrawerOpen> {
      const parsed = OpenDrawerInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const { approvedBy } = await ctx.authorize('payment.take', { subject: 'cash drawer' });
      const existing = await mineToday();
      if (existing) throw new DeskError(existing.status === 'open' ? 'This workstation’s drawer is already open today.' : 'This workstation’s drawer was closed today: a manager can reopen it.');
      const record: DrawerOpen = { ...base(null, today()), kind: 'open', floatCents: parsed.data.floatCents, note: parsed.data.note };
      await insert(record);
      await ctx.auditSaved({ action: 'create', subject: `drawers/${record.id}`, detail: `Drawer opened with a float of ${formatCents(record.floatCents)}`, approvedBy });
      return record;
    },

    /**
     * Counts and closes a session: what the drawer should hold (its float, cash and checks taken
     * into it, cash refunds paid out of it) against what was counted. Over or short needs a note.
     */
    async close(sessionId: string, input: CloseDrawerInput): Promise<DrawerClose> {
      const parsed = CloseDrawerInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const s = await session(sessionId);
      if (s.open.workstationId !== deps.workstationId()) throw new DeskError('A drawer is closed at its own workstation.');
      if (s.status === 'closed') throw new DeskError('This drawer is already closed.');
      const { approvedBy } = await ctx.authorize('day.close', { subject: `drawers/${sessionId}` });
      const expected = drawerExpected(s.open, await entriesSince(s.open));
      const countedCashCents = countedCash(parsed.data.counts);
      const countedChecksCents = parsed.data.checks.reduce((sum, c) => sum + c.amountCents, 0);
      const overShortCents = countedCashCents - expected.expectedCashCents + (countedChecksCents - expected.expectedChecksCents);
      if (overShortCents !== 0 && !parsed.data.note) throw new DeskError(`The drawer is ${describeOverShort(overShortCents).toLowerCase()}: say why in the note (recount first).`);
      const record: DrawerClose = {
        ...base(sessionId, s.open.businessDate),
        kind: 'close',
        counts: parsed.data.counts,
        checks: parsed.data.checks,
        countedCashCents,
        countedChecksCents,
        expectedCashCents: expected.expectedCashCents,
        expectedChecksCents: expected.expectedChecksCents,
        overShortCents,
        note: parsed.data.note,
      };
      await insert(record);
      await ctx.auditSaved({
        action: 'create',
        subject: `drawers/${record.id}`,
        detail: `Drawer closed: cash ${formatCents(countedCashCents)} counted of ${formatCents(expected.expectedCashCents)}, checks ${formatCents(countedChecksCents)} of ${formatCents(expected.expectedChecksCents)}; ${describeOverShort(overShortCents)}`,
        approvedBy,
      });
      return record;
    },

    /** Opens a closed session again (a manager's decision): a new record that points at the close. */
    async reopen(sessionId: string, note: string): Promise<DrawerReopen> {
      const reason = note.trim();
      if (!reason) throw new DeskError('Say why the drawer is reopened.');
      if (reason.length > 200) throw new DeskError('The reason is at most 200 characters.');
      const s = await session(sessionId);
      if (s.status !== 'closed' || !s.close) throw new DeskError('This drawer is not closed.');
      if (s.open.workstationId !== deps.workstationId()) throw new DeskError('A drawer is reopened at its own workstation.');
      const { approvedBy } = await ctx.authorize('day.reopen', { subject: `drawers/${sessionId}` });
      const record: DrawerReopen = { ...base(sessionId, s.open.businessDate), kind: 'reopen', closeId: s.close.id, approvedBy: approvedBy ?? ctx.actor().id, note: reason };
      await insert(record);
      await ctx.auditSaved({ action: 'create', subject: `drawers/${record.id}`, detail: `Drawer reopened: ${reason}`, approvedBy });
      return record;
    },

    /**
     * The session a payment or refund by this method goes into: today's open session. Cash and
     * checks are refused, before anything is written, when the drawer was not opened today or was
     * closed; a card or other payment needs no drawer and is listed with the open one, if any, for
     * the workstation's report.
     */
    async sessionFor(method: PaymentMethod): Promise<string> {
      const s = await mineToday();
      if (method !== 'cash' && method !== 'check') return s?.status === 'open' ? s.open.sessionId : '';
      if (!s) throw new DeskError('Open this workstation’s cash drawer first (Payments → Cash drawer): cash and checks go into the drawer opened today.');
      if (s.status === 'closed') throw new DeskError('This workstation’s cash drawer is closed for today. A manager can reopen it (Payments → Cash drawer).');
      return s.open.sessionId;
    },

    /** What a session's drawer should hold now. */
    async expected(sessionId: string) {
      const s = await session(sessionId);
      return drawerExpected(s.open, await entriesSince(s.open));
    },

    /** The sessions of every workstation on a business day. */
    sessionsOn,

    /** Every drawer session of every site that has synced, newest day first. */
    observeAll(): Observable<DrawerSession[]> {
      return stored.live(db.drawers.find().$).pipe(map(drawerSessions));
    },
  };
}

export type DrawersRepo = ReturnType<typeof createDrawersRepo>;
