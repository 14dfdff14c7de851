import { notifications } from '@mantine/notifications';
import type { Permission } from '../../../shared/auth/permissions';
import { DeskError } from '../../data/workContext';
import type { Staff } from '../../../shared/auth/staff';
import type { SecretKind } from '../../../shared/auth/channels';
import { verifyStaff, type SignInDeps } from './signIn';
import { useDeskStore } from '../../app/deskStore';
import { currentStaff, useSessionStore } from './sessionStore';

/**
 * Sign-in, lock, unlock and sign-out for the workstation, each audited. Locking keeps the app and
 * any unsaved input in memory; signing out (or switching user) discards them.
 */
export function createSessionControl(deps: SignInDeps & { now: () => Date; clearOverride: () => void }) {
  const store = useSessionStore.getState;
  const audit = (staff: Staff, action: 'sign-in' | 'sign-out' | 'lock' | 'unlock', detail = '') =>
    deps.log.record({ action, actor: staff.id, actorName: staff.displayName, detail });

  const signOut = async (reason: 'sign-out' | 'switch-user'): Promise<void> => {
    const staff = useSessionStore.getState().staff;
    await deps.client.call('auth:signOut', {});
    notifications.clean();
    deps.clearOverride();
    store().signOut();
    // The next person starts on a clean desk: no screen, patient or payment left from this one.
    useDeskStore.getState().reset();
    if (staff) await audit(staff, 'sign-out', reason === 'switch-user' ? 'Signed out to switch user' : 'Signed out');
  };

  return {
    /**
     * Signs a person in. A PIN works only for someone who signed in with their password on this
     * workstation today (main checks), which makes switching between colleagues quick.
     */
    async signIn(username: string, secret: string, kind: SecretKind = 'password'): Promise<Staff> {
      const staff = await verifyStaff(deps, username, kind, secret);
      deps.clearOverride();
      store().signIn(staff, deps.now());
      await audit(staff, 'sign-in', kind === 'pin' ? 'Signed in with PIN' : 'Signed in with password');
      return staff;
    },
    async lock(reason: 'idle' | 'shortcut' | 'button'): Promise<void> {
      const staff = useSessionStore.getState().staff;
      if (!staff || store().locked) return;
      // Toasts can name patients; none may stay on a locked screen.
      notifications.clean();
      store().lock();
      await audit(staff, 'lock', reason === 'idle' ? 'Locked after inactivity' : 'Locked by the user');
    },
    /** Unlocks for the same person only, by PIN (if they signed in with a password today) or password. */
    async unlock(kind: SecretKind, secret: string): Promise<void> {
      // The record is read again: a deactivation or a reset PIN that synced in while the screen was
      // locked must apply now, not at the next sign-in.
      const staff = await deps.staff.get(currentStaff().id);
      if (!staff || staff.status !== 'active') {
        await signOut('sign-out');
        throw new DeskError('This account is no longer active. Sign in as someone else.');
      }
      await verifyStaff(deps, staff.username, kind, secret, { expected: staff, purpose: 'unlock' });
      store().unlock(staff);
      await audit(staff, 'unlock', kind === 'pin' ? 'Unlocked with PIN' : 'Unlocked with password');
    },
    /**
     * A manager approves one action for the person at the desk, with their own password or PIN.
     * Resolves with the manager; the approval is then used up by that action alone.
     */
    async approve(username: string, kind: SecretKind, secret: string, permission: Permission): Promise<Staff> {
      const manager = await verifyStaff(deps, username, kind, secret, { purpose: 'approve', permission });
      return manager;
    },
    signOut,
  };
}

export type SessionControl = ReturnType<typeof createSessionControl>;
