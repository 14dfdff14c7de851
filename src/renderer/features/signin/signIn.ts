import type { SecretKind } from '../../../shared/auth/channels';
import type { Permission } from '../../../shared/auth/permissions';
import { worksAtSite, type Staff } from '../../../shared/auth/staff';
import type { AuditLog } from '../audit/public';
import type { StaffRepo } from '../staff/public';
import { DeskError } from '../../data/workContext';
import type { PlatformClient } from '../../platform/client';

export interface SignInDeps {
  client: Pick<PlatformClient, 'call'>;
  staff: StaffRepo;
  log: AuditLog;
  siteId: () => string;
}

/**
 * Checks a person's password or PIN through main (slow hash, growing delays after failures) and
 * audits the attempt either way. Resolves with the person; throws a DeskError to show otherwise.
 */
export async function verifyStaff(
  deps: SignInDeps,
  username: string,
  kind: SecretKind,
  secret: string,
  options: { expected?: Staff; purpose?: 'sign-in' | 'unlock' | 'approve'; permission?: Permission } = {},
): Promise<Staff> {
  const expected = options.expected;
  const staff = expected ?? (await deps.staff.findActive(username));
  const result = await deps.client.call('auth:verify', {
    staffId: staff?.id ?? 'unknown',
    username,
    kind,
    secret,
    hash: staff ? (kind === 'pin' ? staff.pinHash : staff.passwordHash) : null,
    roles: staff?.roles ? [...staff.roles] : [],
    purpose: options.purpose ?? 'sign-in',
    ...(options.permission ? { permission: options.permission } : {}),
  });
  if (!result.ok || !staff) {
    await deps.log.record({
      action: 'sign-in-failed',
      actor: staff?.id ?? '',
      actorName: staff?.displayName ?? username,
      detail: result.retryAfterMs > 0 ? `Refused: too many failed attempts (${kind})` : `Wrong ${kind === 'pin' ? 'PIN' : 'password'} or unknown user`,
    });
    throw new DeskError(result.ok ? 'Wrong user name or password.' : result.message);
  }
  if (options.purpose !== 'approve' && !worksAtSite(staff, deps.siteId())) {
    await deps.client.call('auth:signOut', {});
    throw new DeskError(`${staff.displayName} is not set up to work at site "${deps.siteId()}". An administrator can add the site to them on the Staff screen.`);
  }
  return staff;
}
