import type { Permission } from '../../shared/auth/permissions';
import type { Staff } from '../../shared/auth/staff';
import type { SecretKind } from '../../shared/ipc/contract';
import { verifyStaff, type SignInDeps } from './signIn';
import { useDeskStore } from '../app/deskStore';
import { currentStaff, useSessionStore } from './sessionStore';

/**
 * Sign-in, lock, unlock and sign-out for the workstation, each audited. Locking keeps the app and
 * any unsaved input in memory; signing out (or switching user) discards them.
 */
export function createSessionControl(deps: SignInDeps & { now: () => Date }) {
  const store = useSessionStore.getState;
  const audit = (staff: Staff, action: 'sign-in' | 'sign-out' | 'lock' | 'unlock', detail = '') =>
    deps.log.record({ action, actor: staff.id, actorName: staff.displayName, detail });

  return {
    async signIn(username: string, password: string): Promise<Staff> {
      const staff = await verifyStaff(deps, username, 'password', password);
      store().signIn(staff, deps.now());
      await audit(staff, 'sign-in', 'Signed in with password');
      return staff;
    },
    async lock(reason: 'idle' | 'shortcut' | 'button'): Promise<void> {
      const staff = useSessionStore.getState().staff;
      if (!staff || store().locked) return;
      store().lock();
      await audit(staff, 'lock', reason === 'idle' ? 'Locked after inactivity' : 'Locked by the user');
    },
    /** Unlocks for the same person only, by PIN (if they signed in with a password today) or password. */
    async unlock(kind: SecretKind, secret: string): Promise<void> {
      const staff = currentStaff();
      await verifyStaff(deps, staff.username, kind, secret, { expected: staff, purpose: 'unlock' });
      store().unlock();
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
    async signOut(reason: 'sign-out' | 'switch-user'): Promise<void> {
      const staff = useSessionStore.getState().staff;
      await deps.client.call('auth:signOut', {});
      store().signOut();
      // The next person starts on a clean desk: no screen, patient or payment left from this one.
      useDeskStore.getState().reset();
      if (staff) await audit(staff, 'sign-out', reason === 'switch-user' ? 'Signed out to switch user' : 'Signed out');
    },
  };
}

export type SessionControl = ReturnType<typeof createSessionControl>;
