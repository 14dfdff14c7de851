import { create } from 'zustand';

type JoinState = {
  /**
   * A workstation is joining the clinic: the join screen stays up after the staff list arrives, so
   * the person setting it up sees who can sign in at its site, until they continue to sign-in.
   */
  joining: boolean;
};

type JoinActions = {
  start(): void;
  finish(): void;
};

const initialState: JoinState = { joining: false };

export const useJoinStore = create<JoinState & JoinActions>()((set) => ({
  ...initialState,
  start: () => set({ joining: true }),
  finish: () => set(initialState),
}));
