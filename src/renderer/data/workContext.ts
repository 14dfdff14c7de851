import { can, PERMISSION_LABEL, type Permission, type Role } from '../../shared/auth/permissions';
import type { AuditEvent, AuditLog } from '../features/audit/auditLog';

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
  roles: readonly Role[];
}

/**
 * Who is writing, where and when, and what they may do. Every repository write is stamped with
 * it (`updatedBy`, `siteId`) and audited through it.
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
  /** Appends an audit entry for the signed-in person. */
  audit(event: Omit<AuditEvent, 'actor' | 'actorName'>): Promise<void>;
}

/** A manager's approval of one action by someone else, waiting to be used. */
export interface OverrideGrant {
  permission: Permission;
  managerId: string;
  managerName: string;
}

export function createWorkContext(deps: {
  actor: () => Actor;
  siteId: () => string;
  timeZone: () => string;
  now: () => Date;
  log: AuditLog;
}) {
  let grant: OverrideGrant | null = null;
  const audit: WorkContext['audit'] = async (event) => {
    const actor = deps.actor();
    await deps.log.record({ ...event, actor: actor.id, actorName: actor.name });
  };
  const ctx: WorkContext & { grantOverride(g: OverrideGrant): void; clearOverride(): void } = {
    actor: deps.actor,
    siteId: deps.siteId,
    timeZone: deps.timeZone,
    now: deps.now,
    audit,
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
