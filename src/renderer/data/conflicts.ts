import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { groupValues, type Conflict, type ReviewedCollection, type ReviewGroup } from '../../shared/conflicts/conflict';
import { webCryptoSha256 } from '../features/audit/auditLog';

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

/** A field both sides changed to different values: the newer version's value is kept. */
export type FieldClash = { field: string; local: unknown; server: unknown; kept: 'local' | 'server' };

/** Fields that say who wrote a version and when: they come with the newer version. */
const STAMP_FIELDS = new Set(['updatedAt', 'updatedBy', 'siteId']);

/**
 * Merges two versions of a mutable record field by field, against the version both started from
 * (the one this workstation last exchanged with the server): a field changed on one side only
 * takes that side's value, so two people editing different fields both keep their edit. A field
 * both sides changed to different values takes the newer version's value and is reported as a
 * clash. Without a common version, every differing field counts as changed on both sides.
 */
export function mergeFields<T extends Stamped>(input: RxConflictHandlerInput<T>): { merged: WithDeleted<T>; clashes: FieldClash[] } {
  const { newDocumentState: local, realMasterState: server, assumedMasterState: base } = input;
  const newer = newerOf(local, server);
  const kept = newer === local ? 'local' : 'server';
  const l = local as Record<string, unknown>;
  const s = server as Record<string, unknown>;
  const b = base as Record<string, unknown> | undefined;
  const merged: Record<string, unknown> = { ...newer };
  const clashes: FieldClash[] = [];
  for (const field of new Set([...Object.keys(l), ...Object.keys(s)])) {
    if (STAMP_FIELDS.has(field) || field.startsWith('_')) continue;
    if (deepEqual(l[field], s[field])) continue;
    if (b && deepEqual(l[field], b[field])) merged[field] = s[field];
    else if (b && deepEqual(s[field], b[field])) merged[field] = l[field];
    else clashes.push({ field, local: l[field], server: s[field], kept });
  }
  return { merged: merged as WithDeleted<T>, clashes };
}

/**
 * Mutable records merge field by field (see mergeFields); where both sides changed one field,
 * the most recent change wins whichever side it came from. RxDB's default handler would always
 * keep the server's copy and silently drop an offline edit.
 */
export function latestChangeWins<T extends Stamped>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async (input) => mergeFields(input).merged,
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

/**
 * A conflict handler that merges against the version this workstation last sent (`pushedStates`)
 * when RxDB knows no version both sides started from (the answer to that push was lost).
 */
export function withSentBase<T>(handler: RxConflictHandler<T>, sent: () => ReadonlyMap<string, Record<string, unknown>>, primaryKey: string): RxConflictHandler<T> {
  return {
    isEqual: handler.isEqual,
    resolve: (input, context) => {
      if (input.assumedMasterState) return handler.resolve(input, context);
      const base = sent().get(String((input.newDocumentState as Record<string, unknown>)[primaryKey]));
      return handler.resolve(base ? { ...input, assumedMasterState: base as WithDeleted<T> } : input, context);
    },
  };
}

/** Where a collection's conflicts for review go: the `conflicts` collection in the app. */
export type ConflictSink = (conflicts: readonly Conflict[]) => Promise<void>;

/** Which fields of a collection's records a person reviews, and whose record it is. */
export interface ReviewRules<T> {
  groups: readonly ReviewGroup[];
  /** The patient a record belongs to, '' for none. */
  patientOf: (doc: T) => string;
}

/**
 * The conflicts for review in one resolution: each group of meaningful fields that both versions
 * changed to different values. Each is kept with both versions (oldest first); the id comes from
 * the record, the group and both versions' stamps, so finding the same conflict again (a push
 * retried, another workstation meeting the same two versions) yields the same record, not a second.
 */
export async function conflictsForReview<T extends Stamped & { id: string }>(
  collection: ReviewedCollection,
  input: RxConflictHandlerInput<T>,
  rules: ReviewRules<T>,
  now: Date,
): Promise<Conflict[]> {
  const clashed = new Set(mergeFields(input).clashes.map((c) => c.field));
  const groups = rules.groups.filter((g) => g.fields.some((f) => clashed.has(f)));
  if (groups.length === 0) return [];
  const { newDocumentState: local, realMasterState: server } = input;
  const newer = newerOf(local, server);
  const older = newer === local ? server : local;
  const stampOf = (v: Stamped) => `${v.updatedAt}|${v.siteId}|${v.updatedBy}`;
  const at = now.toISOString();
  return Promise.all(
    groups.map(async (group): Promise<Conflict> => ({
      id: `cf-${(await webCryptoSha256(`${collection}|${local.id}|${group.key}|${stampOf(older)}|${stampOf(newer)}`)).slice(0, 33)}`,
      recordCollection: collection,
      recordId: local.id,
      patientId: rules.patientOf(newer),
      group: group.key,
      label: group.label,
      versions: [older, newer].map((v) => ({ values: groupValues(group, v as Record<string, unknown>), updatedAt: v.updatedAt, updatedBy: v.updatedBy, siteId: v.siteId })),
      status: 'open',
      kept: -1,
      resolvedAt: '',
      resolvedBy: '',
      resolvedByName: '',
      createdAt: at,
      updatedAt: at,
      updatedBy: 'sync',
      siteId: local.siteId,
    })),
  );
}

/**
 * A collection's conflict handler that also keeps, for a person to review, every clash in the
 * collection's meaningful fields: the handler still decides what the record holds (so the desk goes
 * on working), and the version it did not keep is written to the sink before the merged record is
 * returned, so a crash in between finds the same conflict again rather than losing the edit.
 */
export function reviewedHandler<T extends Stamped & { id: string }>(
  collection: ReviewedCollection,
  handler: RxConflictHandler<T>,
  rules: ReviewRules<T>,
  sink: ConflictSink,
  now: () => Date = () => new Date(),
): RxConflictHandler<T> {
  return {
    isEqual: handler.isEqual,
    resolve: async (input, context) => {
      const merged = await handler.resolve(input, context);
      const conflicts = await conflictsForReview(collection, input, rules, now());
      if (conflicts.length > 0) await sink(conflicts);
      return merged;
    },
  };
}
