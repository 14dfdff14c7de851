import { create } from 'zustand';
import type { Connectivity } from '../../../shared/sync/channels';
import type { SyncedCollection } from '../../../shared/sync/collections';

type SyncState = {
  connectivity: Connectivity;
  /** A replication pass is running. */
  active: boolean;
  /**
   * Records written on this workstation since the last confirmed sync; `null` until the first sync
   * of this run has finished (changes from before a restart are not counted).
   */
  pendingLocalChanges: number | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  /**
   * Collections whose full server copy has arrived since sync started on this run (so a list such
   * as the staff is complete, not partly received).
   */
  received: readonly SyncedCollection[];
};

type SyncActions = {
  setConnectivity(c: Connectivity): void;
  setActive(active: boolean): void;
  noteLocalChanges(count: number): void;
  markInSync(at: Date, confirmedChanges: number): void;
  setError(message: string | null): void;
  markReceived(collection: SyncedCollection): void;
  /** Sync stopped or moved to another server: nothing counts as received from it. */
  clearReceived(): void;
  reset(): void;
};

const initialState: SyncState = {
  connectivity: { state: 'not-configured', checkedAt: null, message: 'Sync is not set up' },
  active: false,
  pendingLocalChanges: null,
  lastSyncedAt: null,
  lastError: null,
  received: [],
};

export const useSyncStore = create<SyncState & SyncActions>()((set) => ({
  ...initialState,
  setConnectivity: (connectivity) => set({ connectivity }),
  setActive: (active) => set({ active }),
  noteLocalChanges: (count) => set((s) => ({ pendingLocalChanges: (s.pendingLocalChanges ?? 0) + count })),
  markInSync: (at, confirmedChanges) =>
    set((s) => ({
      lastSyncedAt: at.toISOString(),
      lastError: null,
      pendingLocalChanges: Math.max(0, (s.pendingLocalChanges ?? 0) - confirmedChanges),
    })),
  setError: (lastError) => set({ lastError }),
  markReceived: (collection) => set((s) => (s.received.includes(collection) ? s : { received: [...s.received, collection] })),
  clearReceived: () => set({ received: [] }),
  reset: () => set(initialState),
}));
