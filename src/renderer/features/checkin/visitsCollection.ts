import type { RxConflictHandler, RxJsonSchema } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { emptyCheckin, NO_CHECKOUT } from '../../../shared/checkin/checkin';
import { mergeVisits, type Visit } from '../../../shared/checkin/visit';
import { visitJsonSchema } from '../../../shared/checkin/visitJsonSchema';
import { defineCollection } from '../../data/collection';

/** The schema is shared with the server's rules: src/shared/checkin/visitJsonSchema.ts (adding a field is explained there). */
export const visitSchema: RxJsonSchema<Visit> = visitJsonSchema as unknown as RxJsonSchema<Visit>;

/**
 * Two workstations moving the same patient keep every step either recorded, and the visit stands
 * at the furthest of them: it never moves backwards, whichever copy is newer (mergeVisits). A visit
 * is never deleted; a copy deleted elsewhere keeps the other copy's steps.
 */
export const visitConflictHandler: RxConflictHandler<Visit> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async ({ newDocumentState: local, realMasterState: server }) => {
    if (server._deleted && !local._deleted) return local;
    if (local._deleted && !server._deleted) return server;
    return { ...mergeVisits(local, server), _deleted: local._deleted && server._deleted };
  },
};

/** A visit as it was stored before check-ins were recorded. */
type VisitV0 = Omit<Visit, 'checkin' | 'checkout'>;

export const visitMigrations = {
  /** v1 records what the desk checked at check-in and check-out; a visit from before has nothing recorded. */
  1: (doc: VisitV0): Visit => ({ ...doc, checkin: emptyCheckin(), checkout: { ...NO_CHECKOUT } }),
};

export const visitsCollection = defineCollection<Visit>({
  schema: visitSchema,
  migrationStrategies: visitMigrations,
  conflicts: visitConflictHandler,
});
