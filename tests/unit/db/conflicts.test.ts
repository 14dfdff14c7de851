import { describe, expect, it, vi } from 'vitest';
import { appendOnlyConflictHandler, latestChangeWins, mergeFields, withSentBase } from '../../../src/renderer/data/conflicts';
import { PushedStates } from '../../../src/renderer/data/pushedStates';
import { pushedDocument } from '../../../src/renderer/features/sync/replication';
import { patientConflictHandler, patientSchema } from '../../../src/renderer/features/patients/data/patientsCollection';
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

describe('mutable records merge field by field', () => {
  const base = d({ ...JaneDoe, updatedAt: '2026-11-23T14:00:00.000Z' });
  const phoneHere = d({ ...base, phones: [{ number: '5550000001', type: 'mobile' as const, texts: false }], updatedAt: '2026-11-23T15:00:00.000Z', siteId: 'north' });
  const addressThere = d({ ...base, address: { ...base.address, line1: '9 Elm St' }, updatedAt: '2026-11-23T15:05:00.000Z', siteId: 'south' });

  it('keeps both edits when two workstations changed different fields', async () => {
    const result = await latestChangeWins<Patient>().resolve({ newDocumentState: phoneHere, realMasterState: addressThere, assumedMasterState: base }, 'test');
    expect(result.phones[0]?.number).toBe('5550000001');
    expect(result.address.line1).toBe('9 Elm St');
    // The stamp is the newer version's.
    expect(result).toMatchObject({ updatedAt: '2026-11-23T15:05:00.000Z', siteId: 'south' });
    expect(mergeFields({ newDocumentState: phoneHere, realMasterState: addressThere, assumedMasterState: base }).clashes).toEqual([]);
  });

  it('reports a field both changed, keeping the newer value, and merges the same way from either side', async () => {
    const renamedHere = d({ ...phoneHere, familyName: 'Doe-Smith' });
    const renamedThere = d({ ...addressThere, familyName: 'Dough' });
    const here = mergeFields({ newDocumentState: renamedHere, realMasterState: renamedThere, assumedMasterState: base });
    const there = mergeFields({ newDocumentState: renamedThere, realMasterState: renamedHere, assumedMasterState: base });
    expect(here.merged.familyName).toBe('Dough');
    expect(here.clashes).toEqual([{ field: 'familyName', local: 'Doe-Smith', server: 'Dough', kept: 'server' }]);
    expect(here.merged).toEqual(there.merged);
    expect(here.merged.phones[0]?.number).toBe('5550000001');
  });

  it('without the common version, every differing field goes to the newer version', () => {
    const { merged, clashes } = mergeFields({ newDocumentState: phoneHere, realMasterState: addressThere });
    expect(merged.phones).toEqual(base.phones);
    expect(merged.address.line1).toBe('9 Elm St');
    expect(clashes.map((c) => c.field).sort()).toEqual(['address', 'phones']);
  });

  it('a patient merge still stands when the other side edited a field', async () => {
    const mergedAway = d({ ...base, status: 'merged-into' as const, mergedInto: 'p-kept' as Patient['mergedInto'], updatedAt: '2026-11-23T15:00:00.000Z' });
    const result = await patientConflictHandler.resolve({ newDocumentState: addressThere, realMasterState: mergedAway, assumedMasterState: base }, 'test');
    expect(result).toMatchObject({ status: 'merged-into', mergedInto: 'p-kept', address: expect.objectContaining({ line1: '9 Elm St' }) });
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
    expect(result.arrivedAt).toBe(status === 'arrived' ? '2026-11-23T14:55:00.000Z' : null);
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

describe('a merge after the answer to a push was lost', () => {
  const sent = d({ ...JaneDoe, updatedAt: '2026-11-23T14:00:00.000Z', siteId: 'north' });
  // Another workstation changed the preferred name on the version the server stored; this one
  // changed the email on top of what it had sent, never told that the server stored it.
  const server = d({ ...sent, preferredName: 'Janie', updatedAt: '2026-11-23T14:05:00.000Z', siteId: 'south' });
  const local = d({ ...sent, email: 'jane@example.org', updatedAt: '2026-11-23T14:10:00.000Z' });

  it('merges against the version this workstation sent, keeping both changes', async () => {
    const handler = withSentBase(latestChangeWins<Patient>(), () => new Map([[JaneDoe.id, sent as Record<string, unknown>]]), 'id');
    expect(await handler.resolve({ newDocumentState: local, realMasterState: server }, 'test')).toMatchObject({ preferredName: 'Janie', email: 'jane@example.org' });
  });

  it('without it, the newer version would take back the other workstation’s change', async () => {
    const handler = withSentBase(latestChangeWins<Patient>(), () => new Map(), 'id');
    expect(await handler.resolve({ newDocumentState: local, realMasterState: server }, 'test')).toMatchObject({ preferredName: JaneDoe.preferredName, email: 'jane@example.org' });
  });

  it('prefers the version RxDB exchanged with the server when it has one', async () => {
    const other = d({ ...sent, preferredName: 'Old', email: 'old@example.org' });
    const handler = withSentBase(latestChangeWins<Patient>(), () => new Map([[JaneDoe.id, other as Record<string, unknown>]]), 'id');
    expect(await handler.resolve({ assumedMasterState: sent, newDocumentState: local, realMasterState: server }, 'test')).toMatchObject({ preferredName: 'Janie', email: 'jane@example.org' });
  });

  it('notes the first version sent until the server confirms it, not a later attempt', () => {
    const states = new PushedStates();
    const modify = pushedDocument(patientSchema, states);
    modify(sent);
    modify(local);
    expect(states.get(JaneDoe.id)).toBe(sent);
    expect(modify(d({ ...JaneDoe, id: '_design/clinicdesk' as typeof JaneDoe.id }))).toBeNull();
    expect(states.has('_design/clinicdesk')).toBe(false);
  });
});
