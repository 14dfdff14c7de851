import { createContext, useContext } from 'react';
import type { SessionControl } from '../features/signin/sessionControl';
import type { SyncController } from '../features/sync/syncController';
import type { DeskCore } from './buildDesk';
import type { DeskRepositories } from './features';

/**
 * Everything a screen needs from the outside world, created once at start: every feature's
 * repositories (from `app/features.ts`), the session and sync. Screens reach data only through
 * the repositories; the database itself is not here.
 */
export type Desk = DeskCore &
  DeskRepositories & {
    session: SessionControl;
    sync: SyncController;
    /** Re-reads settings from main after a change. */
    refreshSettings(): Promise<void>;
  };

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk must be used inside DeskContext');
  return desk;
}
