import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';

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
 * Append-only records are written once with a fresh id, so two different versions of one id mean
 * something outside the app changed a document. The server's copy is kept (the server refuses
 * such changes), and the event is reported so it can be looked into.
 *
 * The same record arriving as a conflict is no such event: when the answer to a push is lost, the
 * push is sent again, and RxDB 17 hands every record the server already holds to `resolve`
 * without asking `isEqual` first.
 */
export function appendOnlyConflictHandler<T>(onUnexpected: (local: WithDeleted<T>, server: WithDeleted<T>) => void): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async ({ newDocumentState, realMasterState }) => {
      if (!deepEqual(newDocumentState, realMasterState)) onUnexpected(newDocumentState, realMasterState);
      return realMasterState;
    },
  };
}
