import { create } from 'zustand';
import type { Connectivity } from '../../../shared/sync/channels';
import type { SyncedCollection } from '../../../shared/sync/collections';
import { LIVE_SYNC, type SyncMode } from '../../../shared/sync/mode';
import type { DayCloseReport } from './dayClose';

/** A long transfer in one direction: how far it is and, once the rate is known, how long is left. */
export type SyncProgress = {
  direction: 'receiving' | 'sending';
  done: number;
  /** Null when the server does not say how many changes remain. */
  total: number | null;
  etaSeconds: number | null;
};

/** Where one collection stands with the server. */
export type CollectionStatus = {
  /** Documents of this workstation the server has not confirmed; null until counted. */
  pending: number | null;
  /** When the collection was last confirmed in sync both ways (kept across restarts). */
  lastSyncedAt: string | null;
  active: boolean;
  error: string | null;
  progress: SyncProgress | null;
};

type SyncState = {
  connectivity: Connectivity;
  mode: SyncMode;
  /** Between set times a scheduled workstation holds its requests; true while it does. */
  held: boolean;
  /** A replication pass is running in some collection. */
  active: boolean;
  collections: Partial<Record<SyncedCollection, CollectionStatus>>;
  /** Documents not on the server yet, over all collections; null until every one is counted. */
  pendingLocalChanges: number | null;
  /** The oldest of the collections' last syncs: everything is on the server up to then. */
  lastSyncedAt: string | null;
  lastError: string | null;
  /** This workstation's day-close reports, newest first. */
  dayCloses: DayCloseReport[];
  /**
   * Collections whose full server copy has arrived since sync started on this run (so a list such
   * as the staff is complete, not partly received).
   */
  received: readonly SyncedCollection[];
};

type SyncActions = {
  setDayCloses(reports: DayCloseReport[]): void;
  markReceived(collection: SyncedCollection): void;
  /** Sync stopped or moved to another server: nothing counts as received from it. */
  clearReceived(): void;
  setConnectivity(c: Connectivity): void;
  setActive(active: boolean): void;
  setMode(mode: SyncMode, held: boolean): void;
  setHeld(held: boolean): void;
  /** Starts the list of collections afresh (a new server, or sync switched off). */
  setCollections(collections: Partial<Record<SyncedCollection, CollectionStatus>>): void;
  updateCollection(name: SyncedCollection, patch: Partial<CollectionStatus>): void;
  setError(message: string | null): void;
  reset(): void;
};

const initialState: SyncState = {
  connectivity: { state: 'not-configured', checkedAt: null, message: 'Sync is not set up' },
  mode: LIVE_SYNC,
  held: false,
  active: false,
  collections: {},
  pendingLocalChanges: null,
  lastSyncedAt: null,
  lastError: null,
  dayCloses: [],
  received: [],
};

function totals(collections: SyncState['collections']): Pick<SyncState, 'pendingLocalChanges' | 'lastSyncedAt'> {
  const list = Object.values(collections);
  if (list.length === 0) return { pendingLocalChanges: null, lastSyncedAt: null };
  const counted = list.every((c) => c.pending !== null);
  const synced = list.every((c) => c.lastSyncedAt !== null);
  return {
    pendingLocalChanges: counted ? list.reduce((sum, c) => sum + (c.pending ?? 0), 0) : null,
    lastSyncedAt: synced ? list.map((c) => c.lastSyncedAt as string).sort()[0] ?? null : null,
  };
}

export const useSyncStore = create<SyncState & SyncActions>()((set) => ({
  ...initialState,
  setConnectivity: (connectivity) => set({ connectivity }),
  setActive: (active) => set({ active }),
  setMode: (mode, held) => set({ mode, held }),
  setHeld: (held) => set({ held }),
  setCollections: (collections) => set({ collections, ...totals(collections) }),
  updateCollection: (name, patch) =>
    set((s) => {
      const current = s.collections[name];
      if (!current) return {};
      const collections = { ...s.collections, [name]: { ...current, ...patch } };
      return { collections, ...totals(collections) };
    }),
  setError: (lastError) => set({ lastError }),
  setDayCloses: (dayCloses) => set({ dayCloses }),
  markReceived: (collection) => set((s) => (s.received.includes(collection) ? s : { received: [...s.received, collection] })),
  clearReceived: () => set({ received: [] }),
  reset: () => set(initialState),
}));
