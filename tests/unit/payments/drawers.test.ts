import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { countedCash, DENOMINATIONS, drawerSessions, type DrawerRecord } from '../../../src/shared/payments/drawer';
import { JaneDoe, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let now: Date;
let workstationId: string;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `drawer${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  await db.patients.insert(JaneDoe);
  roles = ['front-desk'];
  now = new Date('2026-12-01T15:00:00Z');
  workstationId = 'ws-1';
});
afterEach(async () => {
  await db.close();
});

const desk = () => openTestDesk(db, { roles: () => roles, now: () => now, settings: { workstationId } });
const pay = (d: ReturnType<typeof desk>, amountCents: number, method: 'cash' | 'check' | 'card', reference = '') =>
  d.payments.take({ patientId: JaneDoe.id, appointmentId: null, amountCents, method, purpose: 'payment', reference, ...(method === 'card' ? { authCode: 'A1B2C3' } : {}) });
/** Counts of each denomination making up an amount in $1 notes and cents. */
const counted = (cents: number) => DENOMINATIONS.map((d) => (d === 100 ? Math.floor(cents / 100) : d === 1 ? cents % 100 : 0));
const audit = async () => (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());

describe('the cash drawer', () => {
  it('takes no cash or check before it is opened today; card payments need no drawer', async () => {
    const d = desk();
    await expect(pay(d, 2500, 'cash')).rejects.toThrow('Open this workstation’s cash drawer first');
    await expect(pay(d, 2500, 'check', '1042')).rejects.toThrow('Open this workstation’s cash drawer first');
    expect((await pay(d, 2500, 'card', '4242')).entry.drawerId).toBe('');
    expect(await db.ledger.count({ selector: { kind: 'payment' } }).exec()).toBe(1);
    // Once the drawer is open, a card payment is listed with it (not counted in the cash).
    const open = await d.drawers.open({ floatCents: 0 });
    expect((await pay(d, 2500, 'card', '4242')).entry.drawerId).toBe(open.sessionId);
    expect((await d.drawers.expected(open.sessionId)).expectedCashCents).toBe(0);
  });

  it('counts the float, cash taken, checks and cash refunds; closes over or short only with a note; a closed drawer refuses cash until a manager reopens it', async () => {
    const d = desk();
    const open = await d.drawers.open({ floatCents: 10_000 });
    await expect(d.drawers.open({ floatCents: 5_000 })).rejects.toThrow('already open today');
    const cash = await pay(d, 4_000, 'cash');
    expect(cash.entry.drawerId).toBe(open.sessionId);
    await pay(d, 4_550, 'check', '1042');
    await pay(d, 9_900, 'card', '4242');
    roles = ['manager'];
    await d.ledger.refund({ patientId: JaneDoe.id, targetId: cash.entry.id, amountCents: 1_000, method: 'cash', note: 'Overpaid' });
    roles = ['front-desk'];

    const expected = await d.drawers.expected(open.sessionId);
    expect(expected).toMatchObject({ floatCents: 10_000, cashInCents: 4_000, cashOutCents: 1_000, expectedCashCents: 13_000, expectedChecksCents: 4_550, cardCents: 9_900 });
    expect(expected.checks).toEqual([expect.objectContaining({ reference: '1042', amountCents: 4_550 })]);

    // $2.00 short: refused without a note, kept with one.
    const checks = [{ number: '1042', amountCents: 4_550 }];
    await expect(d.drawers.close(open.sessionId, { counts: counted(12_800), checks })).rejects.toThrow('The drawer is short $2.00: say why in the note');
    const close = await d.drawers.close(open.sessionId, { counts: counted(12_800), checks, note: 'Change given twice' });
    expect(close).toMatchObject({ countedCashCents: 12_800, expectedCashCents: 13_000, countedChecksCents: 4_550, overShortCents: -200, businessDate: '2026-12-01' });
    expect(countedCash(close.counts)).toBe(12_800);

    await expect(pay(d, 2500, 'cash')).rejects.toThrow('closed for today. A manager can reopen it');
    await expect(d.drawers.reopen(open.sessionId, 'A late co-pay')).rejects.toBeInstanceOf(PermissionDenied);
    d.ctx.grantOverride({ permission: 'day.reopen', managerId: 'staff-9', managerName: 'Robin Manager' });
    const reopen = await d.drawers.reopen(open.sessionId, 'A late co-pay');
    expect(reopen).toMatchObject({ kind: 'reopen', closeId: close.id, approvedBy: 'staff-9' });
    expect((await pay(d, 2500, 'cash')).entry.drawerId).toBe(open.sessionId);
    // Closed again, now balanced with the late co-pay in it.
    const again = await d.drawers.close(open.sessionId, { counts: counted(15_500), checks });
    expect(again.overShortCents).toBe(0);
    expect((await audit()).filter((e) => e.subject.startsWith('drawers/')).map((e) => e.detail)).toEqual([
      'Drawer opened with a float of $100.00',
      'Drawer closed: cash $128.00 counted of $130.00, checks $45.50 of $45.50; Short $2.00',
      'Refused: reopen a closed day',
      'Robin Manager approved: reopen a closed day',
      'Drawer reopened: A late co-pay',
      'Drawer closed: cash $155.00 counted of $155.00, checks $45.50 of $45.50; Balanced',
    ]);
  });

  it('is this workstation’s own: another workstation neither closes it nor takes cash into it, and the next day needs its own', async () => {
    const d = desk();
    const open = await d.drawers.open({ floatCents: 5_000 });
    workstationId = 'ws-2';
    const other = desk();
    await expect(other.drawers.close(open.sessionId, { counts: counted(5_000), checks: [] })).rejects.toThrow('A drawer is closed at its own workstation.');
    await expect(pay(other, 2500, 'cash')).rejects.toThrow('Open this workstation’s cash drawer first');
    workstationId = 'ws-1';
    now = new Date('2026-12-02T15:00:00Z');
    await expect(pay(desk(), 2500, 'cash')).rejects.toThrow('Open this workstation’s cash drawer first');
  });

  it('refuses a bad count and changes nothing', async () => {
    const d = desk();
    const open = await d.drawers.open({ floatCents: 0 });
    await expect(d.drawers.close(open.sessionId, { counts: [1, 2, 3], checks: [] })).rejects.toThrow();
    await expect(d.drawers.close(open.sessionId, { counts: counted(0).map((c, i) => (i === 0 ? -1 : c)), checks: [] })).rejects.toThrow('Not below 0');
    await expect(d.drawers.close(open.sessionId, { counts: counted(0), checks: [{ number: '', amountCents: 100 }] })).rejects.toThrow('Enter the check number');
    await expect(d.drawers.open({ floatCents: -5 })).rejects.toThrow();
    expect(await db.drawers.count().exec()).toBe(1);
  });

  it('settles records from any order: a reopen undoes only the close it names', () => {
    const base = { workstationId: 'ws-1', workstationName: 'N1', siteId: 'north', businessDate: '2026-12-01', createdBy: 's', note: '' };
    const open: DrawerRecord = { ...base, id: '0193a000-0000-7000-8000-000000000001', sessionId: '0193a000-0000-7000-8000-000000000001', kind: 'open', floatCents: 100, createdAt: '2026-12-01T14:00:00.000Z' };
    const close = (id: string, at: string): DrawerRecord => ({ ...base, id, sessionId: open.id, kind: 'close', counts: counted(100), checks: [], countedCashCents: 100, countedChecksCents: 0, expectedCashCents: 100, expectedChecksCents: 0, overShortCents: 0, createdAt: at });
    const first = close('0193a000-0000-7000-8000-000000000002', '2026-12-01T20:00:00.000Z');
    const reopen: DrawerRecord = { ...base, id: '0193a000-0000-7000-8000-000000000003', sessionId: open.id, kind: 'reopen', closeId: first.id, approvedBy: 'm', createdAt: '2026-12-01T20:10:00.000Z' };
    const second = close('0193a000-0000-7000-8000-000000000004', '2026-12-01T21:00:00.000Z');
    expect(drawerSessions([reopen, second, first, open])[0]).toMatchObject({ status: 'closed', close: { id: second.id } });
    expect(drawerSessions([reopen, first, open])[0]).toMatchObject({ status: 'open', close: null });
    expect(drawerSessions([first, open])[0]!.status).toBe('closed');
  });
});
