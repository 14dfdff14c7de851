import type { RxConflictHandler, RxJsonSchema } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import type { Conflict } from '../../../shared/conflicts/conflict';
import { conflictJsonSchema } from '../../../shared/conflicts/conflictJsonSchema';
import { defineCollection } from '../../data/collection';
import { mergeFields, newerOf } from '../../data/conflicts';

/* Conflicts kept for review. The schema is shared with the server's rules: src/shared/conflicts/conflictJsonSchema.ts. */
export const conflictSchema: RxJsonSchema<Conflict> = conflictJsonSchema as unknown as RxJsonSchema<Conflict>;

export const conflictMigrations = {};

const DECISION = ['status', 'kept', 'resolvedAt', 'resolvedBy', 'resolvedByName'] as const;

/**
 * Conflicts merge field by field like any mutable record, with one rule on top: a decision is
 * never undone by sync. A copy still open never reopens one decided elsewhere; when two people
 * decided the same conflict at two workstations, the later decision is the one on file (each also
 * changed the record, where the same rule applies to the field itself).
 */
export const conflictConflictHandler: RxConflictHandler<Conflict> = {
  isEqual: (a, b) => deepEqual(a, b),
  resolve: async (input) => {
    const merged = mergeFields(input).merged;
    const decided = [input.newDocumentState, input.realMasterState].filter((c) => c.status === 'resolved');
    if (decided.length === 0) return merged;
    const decision = decided.length === 2 ? newerOf(decided[0]!, decided[1]!) : decided[0]!;
    return { ...merged, ...Object.fromEntries(DECISION.map((f) => [f, decision[f]])) };
  },
};

export const conflictsCollection = defineCollection<Conflict>({ schema: conflictSchema, migrationStrategies: conflictMigrations, conflicts: conflictConflictHandler });
