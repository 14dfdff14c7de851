import { can, PERMISSION_LABEL, type Permission, type Role } from '../../shared/auth/permissions';
import type { ChangeStamp } from '../../shared/domain/changeStamp';
import type { AuditEvent } from '../features/audit/auditLog';

/** A rule of the front desk was broken; the message is written for the person at the desk. */
export class DeskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeskError';
  }
}

/** The signed-in person's roles do not allow an action; a manager may approve it on the spot. */
export class PermissionDenied extends DeskError {
  constructor(readonly permission: Permission) {
    super(`Your role does not allow you to ${PERMISSION_LABEL[permission]}. A manager can approve it.`);
    this.name = 'PermissionDenied';
  }
}

export interface Actor {
  id: string;
  name: string;
  /** Printed on receipts for who took the money. */
  initials?: string;
  roles: readonly Role[];
}

/** What an audit entry says, without who said it: the work context adds the signed-in person. */
export type WorkEvent = Omit<AuditEvent, 'actor' | 'actorName'>;

/** The change stamp of a write: when, by whom and at which site a record was last changed. */
export type WriteStamp = Omit<ChangeStamp, 'createdAt'>;

/** The patients that writes about a patient are checked against. */
export interface PatientLookup {
  (id: string): Promise<{ status: string; mergedInto: string } | null>;
}

/** Moves what belongs to a merged-away patient to the one kept; answers what it moved. */
export type PatientMergeStep = (fromId: string, toId: string) => Promise<string[]>;

/**
 * Who is writing, where and when, and what they may do: the one way a repository writes a
 * record. Every write is stamped through it (`updatedAt`, `updatedBy`, `siteId`), checks the
 * patient it is about through it, and is audited through it.
 */
export interface WorkContext {
  actor: () => Actor;
  siteId: () => string;
  timeZone: () => string;
  now: () => Date;
  /**
   * Checks the permission where the action happens. A refusal is audited and thrown as
   * PermissionDenied; an approval granted by a manager for this one action is used up and audited.
   */
  authorize(permission: Permission, about?: { patientId?: string | null; subject?: string }): Promise<{ approvedBy: string | null }>;
  /**
   * Appends an audit entry for the signed-in person before or instead of a change (a view, a
   * refusal); throws when it cannot be written, so nothing happens unaudited.
   */
  audit(event: WorkEvent): Promise<void>;
  /**
   * Audits a change that is already saved. It never throws: a saved change is never reported as
   * failed (a retry would save it twice). An entry that cannot be written now waits in the
   * durable outbox and is written later, with the time of the change.
   */
  auditSaved(event: WorkEvent): Promise<void>;
  /** The stamp every changed record carries, for the signed-in person now. */
  stamp(): WriteStamp;
  /** The stamp of a new record: created and last changed now. */
  created(): ChangeStamp;
  /**
   * The patient a write is about: refuses one not on file, and follows a merge to the record kept
   * (a workstation may book or take a payment for a record merged elsewhere before it heard of
   * the merge), so every write lands on the surviving record.
   */
  patientOnFile<Id extends string>(id: Id): Promise<Id>;
  /** Adds what a feature moves when two patients are merged (their appointments, documents, ...). */
  onPatientMerged(step: PatientMergeStep): void;
  /** Runs every feature's merge step; answers what was moved. */
  movePatientRecords(fromId: string, toId: string): Promise<string[]>;
}

/** A manager's approval of one action by someone else, waiting to be used. */
export interface OverrideGrant {
  permission: Permission;
  managerId: string;
  managerName: string;
}

/** Where audit entries go: appended now, or kept and retried when that fails. */
export interface AuditSink {
  record(event: AuditEvent): Promise<unknown>;
  recordDurably(event: AuditEvent): Promise<void>;
}

export function createWorkContext(deps: {
  actor: () => Actor;
  siteId: () => string;
  timeZone: () => string;
  now: () => Date;
  log: AuditSink;
  patients: PatientLookup;
}) {
  let grant: OverrideGrant | null = null;
  const mergeSteps: PatientMergeStep[] = [];
  const who = () => {
    const actor = deps.actor();
    return { actor: actor.id, actorName: actor.name };
  };
  const audit: WorkContext['audit'] = async (event) => {
    await deps.log.record({ ...event, ...who() });
  };
  const stamp = (): WriteStamp => ({ updatedAt: deps.now().toISOString(), updatedBy: deps.actor().id, siteId: deps.siteId() });
  const ctx: WorkContext & { grantOverride(g: OverrideGrant): void; clearOverride(): void } = {
    actor: deps.actor,
    siteId: deps.siteId,
    timeZone: deps.timeZone,
    now: deps.now,
    audit,
    async auditSaved(event) {
      await deps.log.recordDurably({ at: deps.now().toISOString(), ...event, ...who() });
    },
    stamp,
    created() {
      const s = stamp();
      return { createdAt: s.updatedAt, ...s };
    },
    async patientOnFile(id) {
      let current = id;
      // A chain of merges is short; the bound stops a loop written by a broken record.
      for (let hops = 0; hops < 20; hops++) {
        const patient = await deps.patients(current);
        if (!patient) break;
        if (patient.status !== 'merged-into' || !patient.mergedInto) return current;
        current = patient.mergedInto as typeof id;
      }
      throw new DeskError('That patient could not be found.');
    },
    onPatientMerged(step) {
      mergeSteps.push(step);
    },
    async movePatientRecords(fromId, toId) {
      const moved: string[] = [];
      for (const step of mergeSteps) moved.push(...(await step(fromId, toId)));
      return moved;
    },
    async authorize(permission, about = {}) {
      if (can(deps.actor().roles, permission)) return { approvedBy: null };
      if (grant && grant.permission === permission) {
        const used = grant;
        grant = null;
        await audit({ action: 'manager-override', ...about, detail: `${used.managerName} approved: ${PERMISSION_LABEL[permission]}`, approvedBy: used.managerId });
        return { approvedBy: used.managerId };
      }
      await audit({ action: 'permission-refused', ...about, detail: `Refused: ${PERMISSION_LABEL[permission]}` });
      throw new PermissionDenied(permission);
    },
    /** Records a manager's approval for the next attempt of one action. */
    grantOverride(g) {
      grant = g;
    },
    /** Drops an unused approval, so it never carries over to the next person. */
    clearOverride() {
      grant = null;
    },
  };
  return ctx;
}

export type DeskWorkContext = ReturnType<typeof createWorkContext>;
