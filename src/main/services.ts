import { mkdir } from 'node:fs/promises';
import type { Permission } from '../shared/auth/permissions';
import { AppError } from '../shared/ipc/envelope';
import type { Connectivity } from '../shared/ipc/contract';
import type { AuthService } from './auth/authService';
import type { SeedRequestStore } from './demo/seedRequestStore';
import type { DatabaseKeyStore } from './keys/databaseKey';
import type { Handlers } from './ipc/registry';
import type { PrintService } from './print/printService';
import type { SettingsStore } from './settings/settingsStore';
import type { ConnectivityMonitor } from './sync/connectivity';
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
  saveExport: (kind: 'audit-csv', content: string) => Promise<string>;
  /** Folder of printed documents. */
  printedDir: string;
  /** Opens a folder in the system's file browser; absent where the host has none (web). */
  openFolder: ((path: string) => Promise<void>) | null;
  /** Asks every window to run a replication pass now. */
  triggerSync: (reason: 'reconnect' | 'schedule' | 'manual' | 'settings') => void;
  /** The synthetic clinic `npm run seed` asked for, until the desk has loaded it. */
  seedRequests: Pick<SeedRequestStore, 'read' | 'clear'>;
}

/**
 * The handler of every contract channel, shared by both hosts. Electron-only behaviour arrives
 * through the services (a printer, a keychain), never by branching on the host here.
 */
export function createHandlers(s: MainServices): Handlers {
  /** Settings change freely during first-run setup (nobody can sign in yet), then only with permission. */
  const allow = (permission: Permission) => {
    if (s.settings.get().setupComplete) s.auth.require(permission);
  };
  return {
    'app:info': () => ({ host: s.host, version: s.version }),
    'settings:get': () => s.settings.get(),
    'settings:setClinic': (req) => {
      allow('settings.clinic');
      return s.settings.setClinic(req);
    },
    'settings:setWorkstation': (req) => {
      allow('settings.workstation');
      return s.settings.setWorkstation(req);
    },
    'settings:setReceiptPrinter': (req) => {
      allow('settings.workstation');
      return s.settings.setReceiptPrinter(req.name);
    },
    'settings:setLockMinutes': (req) => {
      allow('settings.workstation');
      return s.settings.setLockMinutes(req.minutes);
    },
    // The profile comes from the synced catalog, saved by someone allowed to; any signed-in person's
    // workstation takes it, but nobody unsigned can push details here through this door.
    'settings:adoptClinicProfile': (req) => {
      if (s.settings.get().setupComplete && !s.auth.current()) throw new AppError('FORBIDDEN', 'Sign in first.');
      return s.settings.setClinic(req);
    },
    'setup:complete': () => {
      allow('settings.clinic');
      return s.settings.completeSetup();
    },
    'auth:hashSecret': (req) => s.auth.hashSecret(req),
    'auth:verify': async (req) => {
      const result = await s.auth.verify(req);
      // A workstation that joined a clinic finishes setup when its first person signs in: from then
      // on its settings change only with permission.
      if (result.ok && req.purpose === 'sign-in' && !s.settings.get().setupComplete) await s.settings.completeSetup();
      return result;
    },
    'auth:signOut': () => {
      s.auth.signOut();
      return {};
    },
    'settings:setSync': async (req) => {
      allow('settings.clinic');
      const result = await s.settings.setSync(req);
      s.transport.resetAuthFailure();
      await s.connectivity.checkNow();
      s.triggerSync('settings');
      return result;
    },
    'numbers:next': async (req) => ({ value: await s.settings.nextNumber(req.kind) }),
    'sync:fetch': (req) => s.transport.perform(req),
    'sync:abort': (req) => {
      s.transport.abort(req.requestId);
      return {};
    },
    'sync:connectivity': (): Connectivity => s.connectivity.current(),
    // "Sync now" does not clear a refused password: repeated clicks would lock the account on
    // CouchDB (5 failures). Only new credentials in Settings do.
    'sync:check': async () => {
      const result = await s.connectivity.checkNow();
      if (result.state === 'online') s.triggerSync('manual');
      return result;
    },
    'keys:database': async () => ({ key: await s.databaseKey.get() }),
    'files:saveExport': async (req) => {
      s.auth.require('data.export');
      return { path: await s.saveExport(req.kind, req.content) };
    },
    'print:receipt': (req) => s.print.printReceipt(req),
    'print:list': (req) => s.print.list(req.limit),
    'print:reprint': (req) => s.print.reprint(req.id),
    'print:openFolder': async () => {
      if (!s.openFolder) return { path: s.printedDir, opened: false };
      await mkdir(s.printedDir, { recursive: true });
      await s.openFolder(s.printedDir);
      return { path: s.printedDir, opened: true };
    },
    // No permission needed: a request holds no clinic data, the desk itself refuses made-up
    // patients in a real clinic, and the first-run screen reads it before anyone can sign in.
    'demo:seedRequest': () => s.seedRequests.read(),
    'demo:seedDone': async (req) => ({ cleared: await s.seedRequests.clear(req.requestedAt) }),
  };
}
