import { describe, expect, it, vi } from 'vitest';
import { appendOnlyConflictHandler, latestChangeWins } from '../../../src/renderer/data/conflicts';
import { appointmentConflictHandler } from '../../../src/renderer/features/schedule/appointmentsCollection';
import type { Appointment } from '../../../src/shared/schedule/appointment';
import type { Patient } from '../../../src/shared/patients/patient';
import { JaneDoe, JaneDoeCopay, JaneDoeNineAm } from '../../fixtures/clinic';

const d = <T>(doc: T) => ({ ...doc, _deleted: false });

describe('patients: the latest change wins from either side', () => {
  const handler = latestChangeWins<Patient>();
  it.each([
    ['local is newer', '2026-11-23T15:00:00.000Z', '2026-11-23T14:30:00.000Z', 'local'],
    ['server is newer', '2026-11-23T14:30:00.000Z', '2026-11-23T15:00:00.000Z', 'server'],
  ])('%s → %s wins', async (_name, localAt, serverAt, winner) => {
    const local = d({ ...JaneDoe, phones: [{ number: '5550000001', type: 'mobile' as const, texts: false }], updatedAt: localAt });
    const server = d({ ...JaneDoe, phones: [{ number: '5550000002', type: 'mobile' as const, texts: false }], updatedAt: serverAt });
    const result = await handler.resolve({ newDocumentState: local, realMasterState: server }, 'test');
    expect(result.phones[0]?.number).toBe(winner === 'local' ? '5550000001' : '5550000002');
  });

  it('picks the same winner on every workstation when the times tie', async () => {
    const a = d({ ...JaneDoe, phones: [{ number: '5550000001', type: 'mobile' as const, texts: false }], siteId: 'north' });
    const b = d({ ...JaneDoe, phones: [{ number: '5550000002', type: 'mobile' as const, texts: false }], siteId: 'south' });
    const one = await handler.resolve({ newDocumentState: a, realMasterState: b }, 'test');
    const two = await handler.resolve({ newDocumentState: b, realMasterState: a }, 'test');
    expect(one).toEqual(two);
  });

  it('sees equal documents as equal', () => {
    expect(handler.isEqual(d(JaneDoe), d({ ...JaneDoe }), 'test')).toBe(true);
    expect(handler.isEqual(d(JaneDoe), d({ ...JaneDoe, phones: [{ number: '5550000009', type: 'mobile' as const, texts: false }] }), 'test')).toBe(false);
  });
});

describe('appointments never move backwards', () => {
  const arrived: Appointment = { ...JaneDoeNineAm, status: 'arrived', arrivedAt: '2026-11-23T14:55:00.000Z', updatedAt: '2026-11-23T14:55:00.000Z' };
  const editedLater: Appointment = { ...JaneDoeNineAm, reason: 'Follow-up, bring labs', updatedAt: '2026-11-23T15:10:00.000Z' };

  it.each([
    ['an offline "booked" edit does not undo a check-in', editedLater, arrived, 'arrived'],
    ['a local check-in beats a later server edit of a booked visit', arrived, editedLater, 'arrived'],
    ['a cancellation beats a check-in', { ...JaneDoeNineAm, status: 'cancelled' as const }, arrived, 'cancelled'],
  ])('%s', async (_name, local, server, status) => {
    const result = await appointmentConflictHandler.resolve({ newDocumentState: d(local), realMasterState: d(server) }, 'test');
    expect(result.status).toBe(status);
    if (status === 'arrived') expect(result.arrivedAt).toBe('2026-11-23T14:55:00.000Z');
  });

  it('keeps the later edit of other fields while keeping the check-in', async () => {
    const result = await appointmentConflictHandler.resolve({ newDocumentState: d(editedLater), realMasterState: d(arrived) }, 'test');
    expect(result).toMatchObject({ status: 'arrived', arrivedAt: '2026-11-23T14:55:00.000Z', reason: 'Follow-up, bring labs' });
  });

  it('between equally advanced copies, the later edit wins', async () => {
    const result = await appointmentConflictHandler.resolve({ newDocumentState: d(editedLater), realMasterState: d(JaneDoeNineAm) }, 'test');
    expect(result.reason).toBe('Follow-up, bring labs');
  });
});

describe('ledger entries are append-only', () => {
  it('keeps the server copy and reports the unexpected change', async () => {
    const report = vi.fn();
    const handler = appendOnlyConflictHandler(report);
    const server = d(JaneDoeCopay);
    const local = d({ ...JaneDoeCopay, amountCents: 1 });
    expect(await handler.resolve({ newDocumentState: local, realMasterState: server }, 'test')).toBe(server);
    expect(report).toHaveBeenCalledWith(local, server);
  });

  it('takes the same entry coming back from the server (a push sent again after its answer was lost) quietly', async () => {
    const report = vi.fn();
    const handler = appendOnlyConflictHandler(report);
    const server = d(JaneDoeCopay);
    expect(await handler.resolve({ newDocumentState: d({ ...JaneDoeCopay }), realMasterState: server }, 'test')).toBe(server);
    expect(report).not.toHaveBeenCalled();
  });
});
