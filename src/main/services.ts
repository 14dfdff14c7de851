import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { demoHandlers } from './demo/handlers';
import { printHandlers } from './print/handlers';
import { settingsHandlers } from './settings/handlers';
import { syncHandlers } from './sync/handlers';
import type { AuthService } from './auth/authService';
import type { SeedRequestStore } from './demo/seedRequestStore';
import type { DatabaseKeyStore } from './keys/databaseKey';
import type { Handlers } from './ipc/registry';
import type { PrintService } from './print/printService';
import type { SettingsStore } from './settings/settingsStore';
import type { ConnectivityMonitor } from './sync/connectivity';
import type { SyncSchedule, SyncTriggerReason } from './sync/syncSchedule';
import type { SyncTransport } from './sync/transport';

export interface MainServices {
  host: 'electron' | 'web';
  version: string;
  settings: SettingsStore;
  transport: SyncTransport;
  connectivity: ConnectivityMonitor;
  print: PrintService;
  auth: AuthService;
  databaseKey: DatabaseKeyStore;
  /** Writes an export into the workstation's exports folder and returns its path. */
  saveExport: (kind: 'audit-csv' | 'reminder-calls-csv', content: string) => Promise<string>;
  /** Folder of printed documents. */
  printedDir: string;
  /** Opens a folder in the system's file browser; absent where the host has none (web). */
  openFolder: ((path: string) => Promise<void>) | null;
  /** Asks every window to run a replication pass now. */
  triggerSync: (reason: SyncTriggerReason) => void;
  /** When a scheduled (satellite) workstation syncs next. */
  schedule: SyncSchedule;
  /** The synthetic clinic `npm run seed` asked for, until the desk has loaded it. */
  seedRequests: Pick<SeedRequestStore, 'read' | 'clear'>;
}

/**
 * The handler of every contract channel, shared by both hosts: the union of the features' handler
 * maps, each typed as exactly its own channels, so a channel without a handler fails the build.
 * Electron-only behaviour arrives through the services (a printer, a keychain), never by branching
 * on the host here.
 */
export function createHandlers(s: MainServices): Handlers {
  return {
    ...settingsHandlers(s),
    ...syncHandlers(s),
    ...authHandlers(s),
    ...printHandlers(s),
    ...auditHandlers(s),
    ...demoHandlers(s),
  };
}
