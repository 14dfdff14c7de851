import { create } from 'zustand';
import type { Staff } from '../../../shared/auth/staff';

type SessionState = {
  /** The person signed in on this workstation, if anyone. */
  staff: Staff | null;
  /** The screen is locked: the app stays in memory, hidden, until the same person unlocks. */
  locked: boolean;
  signedInAt: string | null;
  /** First-run setup is writing the clinic's first records; the first-run screen stays up until it ends. */
  settingUp: boolean;
};

type SessionActions = {
  signIn(staff: Staff, at: Date): void;
  lock(): void;
  unlock(staff: Staff): void;
  /** The signed-in person's record changed (roles, sites, name): the session carries the new one. */
  refresh(staff: Staff): void;
  signOut(): void;
  setSettingUp(busy: boolean): void;
};

const initialState: SessionState = { staff: null, locked: false, signedInAt: null, settingUp: false };

export const useSessionStore = create<SessionState & SessionActions>()((set) => ({
  ...initialState,
  signIn: (staff, at) => set({ staff, locked: false, signedInAt: at.toISOString() }),
  lock: () => set((s) => (s.staff ? { locked: true } : s)),
  unlock: (staff) => set({ locked: false, staff }),
  refresh: (staff) => set((s) => (s.staff?.id === staff.id ? { staff } : s)),
  signOut: () => set((s) => ({ ...initialState, settingUp: s.settingUp })),
  setSettingUp: (settingUp) => set({ settingUp }),
}));

/** The signed-in person; only used below the sign-in gate, where there always is one. */
export function currentStaff(): Staff {
  const staff = useSessionStore.getState().staff;
  if (!staff) throw new Error('Nobody is signed in');
  return staff;
}

/** Runs first-run setup work with the first-run screen held in place until it has finished. */
export async function whileSettingUp<T>(work: () => Promise<T>): Promise<T> {
  useSessionStore.getState().setSettingUp(true);
  try {
    return await work();
  } finally {
    useSessionStore.getState().setSettingUp(false);
  }
}
