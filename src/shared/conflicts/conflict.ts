import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { InstantSchema } from '../domain/time';

/** The mutable synced collections whose records can hold a conflict a person reviews. */
export const REVIEWED_COLLECTIONS = ['patients', 'appointments', 'coverages'] as const;
export type ReviewedCollection = (typeof REVIEWED_COLLECTIONS)[number];

/**
 * Fields of a record that a person must look at when two workstations changed them differently
 * without seeing each other's change (a name, a date of birth, a visit's time): reviewed together,
 * under one label. A clash in any other field is settled by the latest change alone.
 */
export interface ReviewGroup {
  /** Names the group in the conflict's id and record: stable, never renamed. */
  key: string;
  /** What staff read: "Name", "Date of birth". */
  label: string;
  fields: readonly string[];
}

/** One side of a conflict: the group's values as one workstation wrote them, and who wrote them. */
export const ConflictVersionSchema = z.object({
  /** The group's fields and their values, as JSON text (`{"givenName":"Ann","familyName":"Lee"}`). */
  values: z.string().min(2).max(2000),
  updatedAt: InstantSchema,
  updatedBy: z.string().min(1).max(100),
  siteId: z.string().min(1).max(40),
});
export type ConflictVersion = z.infer<typeof ConflictVersionSchema>;

/**
 * A conflict kept for review: two versions of some meaningful fields of one record, each
 * written at a workstation that had not seen the other. Sync keeps the later one in the record so
 * the desk goes on working; the other stays here, with who wrote it, until a person chooses.
 * Resolved conflicts stay on file; a decision is never undone by sync.
 */
export const ConflictSchema = z
  .object({
    id: z.string().regex(/^cf-[0-9a-f]{33}$/),
    /** The collection the record is in. */
    recordCollection: z.enum(REVIEWED_COLLECTIONS),
    recordId: z.string().min(1).max(36),
    /** The patient the record belongs to, '' for none: the review lists it under their name. */
    patientId: z.string().max(36),
    group: z.string().min(1).max(40),
    label: z.string().min(1).max(60),
    /** The two versions, oldest first; the record held the second when the conflict was found. */
    versions: z.array(ConflictVersionSchema).length(2),
    status: z.enum(['open', 'resolved']),
    /** Which version was kept (0 or 1), -1 while open. */
    kept: z.number().int().min(-1).max(1),
    resolvedAt: z.literal('').or(InstantSchema),
    resolvedBy: z.string().max(100),
    resolvedByName: z.string().max(100),
  })
  .extend(ChangeStampSchema.shape)
  .refine((c) => (c.status === 'open') === (c.kept === -1), { message: 'An open conflict has kept no version; a resolved one has kept one', path: ['kept'] });
export type Conflict = z.infer<typeof ConflictSchema>;

/** A group's values as stored in a conflict version: only its fields, in the group's order. */
export function groupValues(group: ReviewGroup, doc: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.fromEntries(group.fields.map((f) => [f, doc[f] ?? null])));
}

/** A conflict version's values, read back. */
export function parseGroupValues(values: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(values);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('A conflict version holds no fields');
  return parsed as Record<string, unknown>;
}
