import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { events, type EventName, type EventOf } from '../shared/ipc/contract';
import { createAuthService } from './auth/authService';
import { createSignInGuard } from './auth/signInGuard';
import { createSeedRequestStore } from './demo/seedRequestStore';
import { writeFileAtomic } from './fs/atomicFile';
import { createDatabaseKeyStore } from './keys/databaseKey';
import { createDispatcher, type Dispatch } from './ipc/registry';
import type { PdfRenderer, Printer } from './print/pdf';
import { createPrintService } from './print/printService';
import { createHandlers, type MainServices } from './services';
import type { SecretBox } from './settings/secretBox';
import { openSettingsStore } from './settings/settingsStore';
import { createConnectivityMonitor, createServerProbe } from './sync/connectivity';
import { createSyncSchedule } from './sync/syncSchedule';
import { createSyncTransport } from './sync/transport';

export interface MainDeps {
  host: 'electron' | 'web';
  version: string;
  /** Folder for this workstation's settings, printed documents and logs. */
  dataDir: string;
  secrets: SecretBox;
  pdf: PdfRenderer;
  printer: Printer | null;
  fetch: typeof globalThis.fetch;
  /** Delivers a push event to every open renderer. */
  broadcast: <E extends EventName>(name: E, payload: EventOf<E>) => void;
  connectivityIntervalMs?: number;
  /** Opens a folder in the system's file browser (Electron's `shell.openPath`). */
  openFolder?: (path: string) => Promise<void>;
}

/**
 * Builds main's services and the dispatcher for both hosts. Entry files only add their own glue
 * (windows, IPC or a WebSocket) around what this returns.
 */
export async function createMain(deps: MainDeps): Promise<{ dispatch: Dispatch; services: MainServices; stop: () => Promise<void> }> {
  const settings = await openSettingsStore({
    file: path.join(deps.dataDir, 'settings.json'),
    secrets: deps.secrets,
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const broadcast = <E extends EventName>(name: E, payload: EventOf<E>) => deps.broadcast(name, events[name].parse(payload) as EventOf<E>);
  const triggerSync: MainServices['triggerSync'] = (reason) => broadcast('sync:trigger', { reason });

  const transport = createSyncTransport({
    getConfig: () => settings.getSyncConfig(),
    fetch: deps.fetch,
    // Called only while a request runs, after the monitor below exists.
    onStatus: (status) => connectivity.report(status.state, status.message),
  });
  const connectivity = createConnectivityMonitor({
    probe: createServerProbe({
      getConfig: () => settings.getSyncConfig(),
      fetch: deps.fetch,
      timeoutMs: 5_000,
      // While the server refuses the password, probing would only add failed logins.
      isAuthPaused: () => transport.authPaused(),
    }),
    now: () => new Date(),
    intervalMs: deps.connectivityIntervalMs ?? 15_000,
    onChange: (c) => broadcast('sync:connectivity', c),
    // Live workstations pass on every reconnect; scheduled ones only make up a missed set time.
    onReconnect: () => schedule.onReconnect(),
  });
  const schedule = createSyncSchedule({
    mode: () => settings.get().syncMode,
    timeZone: () => settings.get().clinic.timeZone,
    now: () => new Date(),
    isOnline: () => connectivity.current().state === 'online',
    trigger: triggerSync,
  });
  const printedDir = path.join(deps.dataDir, 'printed');
  const print = createPrintService({
    dir: printedDir,
    pdf: deps.pdf,
    printer: deps.printer,
    getReceiptPrinter: () => settings.get().receiptPrinter,
    getDocumentPrinter: () => settings.get().documentPrinter,
    getLabelPrinter: () => settings.get().labelPrinter,
    getLabelStock: () => settings.get().labelStock,
    getDocumentPaper: () => settings.get().documentPaper,
    getPrintOptions: () => ({ copies: settings.get().printCopies, pdfOnly: settings.get().pdfOnlyKinds }),
    getReceiptOptions: () => ({ paper: settings.get().receiptPaper, printAutomatically: settings.get().receiptAutoPrint }),
    now: () => new Date(),
    newId: () => uuidv7(),
    onQueueChange: (job) => broadcast('print:job', job),
  });

  const auth = createAuthService({
    guard: createSignInGuard({ now: () => new Date(), timeZone: () => settings.get().clinic.timeZone, file: path.join(deps.dataDir, 'sign-in.json') }),
  });

  const services: MainServices = {
    auth,
    databaseKey: createDatabaseKeyStore({ file: path.join(deps.dataDir, 'database.key'), secrets: deps.secrets }),
    host: deps.host,
    version: deps.version,
    settings,
    transport,
    connectivity,
    print,
    printedDir,
    openFolder: deps.openFolder ?? null,
    saveExport: async (kind, content) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(deps.dataDir, 'exports', `${kind}-${stamp}.csv`);
      await writeFileAtomic(file, content);
      return file;
    },
    triggerSync,
    schedule,
    seedRequests: createSeedRequestStore(deps.dataDir),
  };
  const dispatch = createDispatcher(createHandlers(services));
  connectivity.start();
  schedule.start();
  return {
    dispatch,
    services,
    async stop() {
      connectivity.stop();
      schedule.stop();
      transport.abortAll();
      print.stop();
      await deps.pdf.close();
    },
  };
}
