import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { APPOINTMENT_PROGRESS, type Appointment } from '../../shared/schedule/appointment';
import type { Patient } from '../../shared/patients/patient';

type Stamped = { updatedAt: string; updatedBy: string; siteId: string };

/**
 * Orders two versions of a mutable record: the later `updatedAt` wins; on a tie, the site and then
 * the person decide, so every workstation picks the same winner.
 */
export function newerOf<T extends Stamped>(a: WithDeleted<T>, b: WithDeleted<T>): WithDeleted<T> {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (a.siteId !== b.siteId) return a.siteId > b.siteId ? a : b;
  return a.updatedBy >= b.updatedBy ? a : b;
}

/**
 * Mutable records: the most recent change wins whichever side it came from. RxDB's default
 * handler would always keep the server's copy and silently drop an offline edit.
 */
export function latestChangeWins<T extends Stamped>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async ({ newDocumentState, realMasterState }) => newerOf(newDocumentState, realMasterState),
  };
}

/**
 * Appointments never move backwards: a copy that says "booked" cannot undo a check-in made on
 * another workstation, however recent it is. The visit's progress (status and arrival time) comes
 * from the more advanced copy; every other field from the later edit, so a reason typed offline
 * is kept too.
 */
export const appointmentConflictHandler: RxConflictHandler<Appointment> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async ({ newDocumentState: local, realMasterState: server }) => {
    const latest = newerOf(local, server);
    const localRank = APPOINTMENT_PROGRESS[local.status];
    const serverRank = APPOINTMENT_PROGRESS[server.status];
    const progressed = localRank === serverRank ? latest : localRank > serverRank ? local : server;
    return { ...latest, status: progressed.status, arrivedAt: progressed.arrivedAt ?? local.arrivedAt ?? server.arrivedAt };
  },
};

/**
 * Append-only records are written once with a fresh id, so two different versions of one id mean
 * something outside the app changed a document. The server's copy is kept (the server refuses
 * such changes), and the event is reported so it can be looked into.
 */
export function appendOnlyConflictHandler<T>(onUnexpected: (local: WithDeleted<T>, server: WithDeleted<T>) => void): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async ({ newDocumentState, realMasterState }) => {
      onUnexpected(newDocumentState, realMasterState);
      return realMasterState;
    },
  };
}

/**
 * Patients: the latest change wins, except that a merge is never undone by sync. A copy edited
 * offline after the record was merged elsewhere must not bring the merged-away record back as
 * active; if two workstations merged the record into different survivors, the earlier merge
 * stands (the later one was made from a stale copy) and the other survivor keeps its own data.
 */
export const patientConflictHandler: RxConflictHandler<Patient> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async ({ newDocumentState: local, realMasterState: server }) => {
    const latest = newerOf(local, server);
    const merged = [local, server].filter((p) => p.status === 'merged-into');
    if (merged.length === 0) return latest;
    const first = merged.length === 2 ? (newerOf(merged[0]!, merged[1]!) === merged[0] ? merged[1]! : merged[0]!) : merged[0]!;
    return { ...latest, status: 'merged-into', mergedInto: first.mergedInto };
  },
};
