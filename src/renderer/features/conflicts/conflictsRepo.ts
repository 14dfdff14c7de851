import type { RxCollection, RxDocument } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import type { z } from 'zod';
import type { Permission } from '../../../shared/auth/permissions';
import { ConflictSchema, parseGroupValues, type Conflict, type ReviewedCollection } from '../../../shared/conflicts/conflict';
import { CoverageSchema, type Coverage } from '../../../shared/patients/coverage';
import { PatientSchema, type Patient } from '../../../shared/patients/patient';
import { AppointmentSchema, type Appointment } from '../../../shared/schedule/appointment';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(ConflictSchema, 'A conflict for review');

/** Who may decide a conflict in each kind of record (the permission to edit it), and its rules. */
const REVIEWED: Record<ReviewedCollection, { permission: Permission; schema: z.ZodType<unknown> }> = {
  patients: { permission: 'patient.edit', schema: PatientSchema },
  appointments: { permission: 'appointment.book', schema: AppointmentSchema },
  coverages: { permission: 'patient.edit', schema: CoverageSchema },
};

/** How many decided conflicts the review keeps on screen. */
const RECENT = 50;

/** What a conflict's record holds now in its fields, and which version that is (-1: neither). */
export type RecordNow = { values: Record<string, unknown>; holds: -1 | 0 | 1 };

function holding(conflict: Conflict, doc: { toJSON(): unknown } | null): RecordNow | null {
  if (!doc) return null;
  const versions = conflict.versions.map((v) => parseGroupValues(v.values));
  const now = doc.toJSON() as Record<string, unknown>;
  const values = Object.fromEntries(Object.keys(versions[0]!).map((f) => [f, now[f] ?? null]));
  return { values, holds: versions.findIndex((v) => deepEqual(v, values)) as -1 | 0 | 1 };
}

export interface ConflictsDb {
  conflicts: RxCollection<Conflict>;
  patients: RxCollection<Patient>;
  appointments: RxCollection<Appointment>;
  coverages: RxCollection<Coverage>;
}

/**
 * Conflicts kept for review: two versions of a record's meaningful fields, one kept in the record
 * by sync, the other here until a person chooses. Choosing writes the chosen values into the record
 * (audited as a change of it, so it is in the record's history) and marks the conflict decided.
 */
export function createConflictsRepo(db: ConflictsDb, ctx: WorkContext) {
  const record = async (conflict: Conflict): Promise<RxDocument<Record<string, unknown>> | null> =>
    (await (db[conflict.recordCollection] as unknown as RxCollection<Record<string, unknown>>).findOne(conflict.recordId).exec()) ?? null;

  return {
    /** Conflicts waiting for a person, oldest first. */
    observeOpen(): Observable<Conflict[]> {
      return stored.live(db.conflicts.find({ selector: { status: 'open' } }).$).pipe(map((list) => list.sort((a, b) => a.createdAt.localeCompare(b.createdAt))));
    },
    observeOpenCount(): Observable<number> {
      return db.conflicts.count({ selector: { status: 'open' } }).$;
    },
    /** The latest decisions, newest first. */
    observeDecided(): Observable<Conflict[]> {
      return stored.live(db.conflicts.find({ selector: { status: 'resolved' } }).$).pipe(map((list) => list.sort((a, b) => b.resolvedAt.localeCompare(a.resolvedAt)).slice(0, RECENT)));
    },
    /**
     * What the record holds now in the conflict's fields and which version that is (-1: neither, it
     * was changed since), or null when the record is not on this workstation; live, as sync and the
     * desk change it.
     */
    observeCurrent(conflict: Conflict): Observable<RecordNow | null> {
      const collection = db[conflict.recordCollection] as unknown as RxCollection<Record<string, unknown>>;
      return collection.findOne(conflict.recordId).$.pipe(map((doc) => holding(conflict, doc)));
    },
    /**
     * Keeps version `keep` (0 or 1) of a conflict: the record takes its values unless it holds them
     * already, and the conflict is marked decided by the person signed in. A conflict decided
     * meanwhile (here or on a workstation whose decision has synced) is not decided again.
     */
    async resolve(id: string, keep: 0 | 1): Promise<Conflict> {
      const doc = await db.conflicts.findOne(id).exec();
      const conflict = stored.one(doc);
      if (!doc || !conflict) throw new DeskError('This conflict is not on this workstation.');
      if (conflict.status === 'resolved') throw new DeskError(`This conflict was already decided by ${conflict.resolvedByName || 'someone'}.`);
      const rules = REVIEWED[conflict.recordCollection];
      const { approvedBy } = await ctx.authorize(rules.permission, { patientId: conflict.patientId || null, subject: `${conflict.recordCollection}/${conflict.recordId}` });
      const target = await record(conflict);
      if (!target) throw new DeskError('The record of this conflict is not on this workstation yet. Sync, then try again.');
      const chosen = parseGroupValues(conflict.versions[keep]!.values);
      const before = target.toJSON() as Record<string, unknown>;
      const changes = Object.entries(chosen)
        .filter(([field, value]) => !deepEqual(before[field] ?? null, value))
        .map(([field, after]) => ({ field, before: before[field] ?? null, after }));
      if (changes.length > 0) {
        const patch = { ...Object.fromEntries(changes.map((c) => [c.field, c.after])), ...ctx.stamp() };
        const checked = rules.schema.safeParse({ ...before, ...patch });
        if (!checked.success) throw new DeskError('The chosen version can no longer be saved in this record (it breaks a rule of the record). Edit the record instead.');
        await target.incrementalPatch(patch);
      }
      const actor = ctx.actor();
      const stamp = ctx.stamp();
      const decided = await doc.incrementalPatch({ status: 'resolved', kept: keep, resolvedAt: stamp.updatedAt, resolvedBy: actor.id, resolvedByName: actor.name, ...stamp });
      const version = conflict.versions[keep]!;
      await ctx.auditSaved({
        action: 'change',
        patientId: conflict.patientId || null,
        subject: `${conflict.recordCollection}/${conflict.recordId}`,
        changes,
        detail: `Conflict review (${conflict.label}): kept the version written at site ${version.siteId} on ${version.updatedAt}${changes.length === 0 ? ', which the record already held' : ''} (conflict ${conflict.id})`,
        approvedBy,
      });
      return ConflictSchema.parse(decided.toJSON());
    },
  };
}

export type ConflictsRepo = ReturnType<typeof createConflictsRepo>;
