import { z } from 'zod';
import { InstantSchema } from '../domain/time';

/** What an audit entry records. */
export const AuditActionSchema = z.enum([
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'unlock',
  'view',
  'create',
  'change',
  'merge',
  'payment',
  'void',
  'refund',
  'print',
  'export',
  'permission-refused',
  'manager-override',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const FieldChangeSchema = z.object({
  field: z.string().max(100),
  before: z.unknown(),
  after: z.unknown(),
});

/**
 * One append-only audit entry. Each workstation's entries form a hash chain: `seq` counts up from
 * 1 on that workstation and `prevHash` is the `hash` of the entry before (`''` for the first), so
 * chains written offline never conflict and any edit, removal or re-ordering is detectable.
 */
export const AuditEntrySchema = z.object({
  id: z.string().min(1).max(36),
  workstationId: z.string().min(1).max(64),
  seq: z.number().int().min(1),
  at: InstantSchema,
  siteId: z.string().min(1).max(40),
  /** Staff id of the person, or `''` when nobody is signed in (a failed sign-in). */
  actor: z.string().max(64),
  /** A name as typed, for failed sign-ins of unknown users; otherwise the actor's display name. */
  actorName: z.string().max(120),
  action: AuditActionSchema,
  patientId: z.string().max(36).nullable(),
  /** The record acted on, as `collection/id`, or a short name such as `receipt N2-000145`. */
  subject: z.string().max(200),
  changes: z.array(FieldChangeSchema).max(200),
  detail: z.string().max(1000),
  /** Staff id of the manager who approved this action on the spot, if any. */
  approvedBy: z.string().max(64).nullable(),
  prevHash: z.string().max(64),
  hash: z.string().length(64),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type UnsealedAuditEntry = Omit<AuditEntry, 'hash'>;
