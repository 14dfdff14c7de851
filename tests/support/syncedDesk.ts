import type { RxStorage } from 'rxdb';
import type { Handlers } from '../../src/main/ipc/registry';
import { createDispatcher } from '../../src/main/ipc/registry';
import { createSyncTransport } from '../../src/main/sync/transport';
import { openClinicDatabase, type ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import { createSyncController, memorySyncMemory, type SyncController, type SyncMemory } from '../../src/renderer/features/sync/syncController';
import { useSyncStore } from '../../src/renderer/features/sync/syncStore';
import { createPlatformClient } from '../../src/renderer/platform/client';
import type { EventName, EventOf } from '../../src/shared/ipc/contract';
import type { Settings } from '../../src/shared/settings/channels';
import type { Connectivity } from '../../src/shared/sync/channels';
import type { SyncMode } from '../../src/shared/sync/mode';
import { TEST_DATABASE_KEY } from '../fixtures/clinic';
import type { CouchServer } from './couchServer';
import { openTestDesk, testSettings } from './desk';
import { numberSequence } from './numbers';

export interface SyncedDesk {
  db: ClinicDatabase;
  desk: ReturnType<typeof openTestDesk>;
  sync: SyncController;
  settings: Settings;
  /** Main's push events, as main would send them. */
  emit<E extends EventName>(name: E, payload: EventOf<E>): void;
  /** The sync requests main performed for this desk. */
  requests: string[];
  close(): Promise<void>;
}

const ONLINE: Connectivity = { state: 'online', checkedAt: null, message: 'Connected to the sync server.' };

/**
 * A desk as the app starts it, with its sync controller: its requests go through the contract to
 * main's real sync transport, and "Sync now" answers online and asks for a pass as main does.
 * The database and the memory of last syncs are the caller's, so a test can restart the desk.
 */
export async function openSyncedDesk(options: {
  couch: CouchServer;
  serverUrl: string;
  dbPrefix: string;
  storage: RxStorage<unknown, unknown>;
  name: string;
  mode?: SyncMode;
  memory?: SyncMemory;
  now?: () => Date;
}): Promise<SyncedDesk> {
  useSyncStore.getState().reset();
  const settings = testSettings({
    sync: { url: options.serverUrl, username: options.couch.username, dbPrefix: options.dbPrefix, hasPassword: true },
    syncMode: options.mode ?? { kind: 'live' },
  });
  const transport = createSyncTransport({
    getConfig: async () => ({ url: options.serverUrl, username: options.couch.username, password: options.couch.password, dbPrefix: options.dbPrefix }),
    fetch: globalThis.fetch,
    requestTimeoutMs: 5_000,
  });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <E extends EventName>(name: E, payload: EventOf<E>) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  const requests: string[] = [];
  const next = numberSequence(settings.workstationPrefix);
  const handlers: Partial<Handlers> = {
    'numbers:next': async () => ({ value: await next() }),
    'settings:get': () => settings,
    'sync:fetch': (req) => {
      requests.push(`${req.method} ${req.url}`);
      return transport.perform(req);
    },
    'sync:abort': (req) => {
      transport.abort(req.requestId);
      return {};
    },
    'sync:connectivity': () => ONLINE,
    'sync:check': () => {
      setTimeout(() => emit('sync:trigger', { reason: 'manual' }), 0);
      return ONLINE;
    },
  };
  const dispatch = createDispatcher(handlers as Handlers, { error: () => undefined });
  const client = createPlatformClient({
    host: 'web',
    invoke: (channel, payload) => dispatch(channel, payload, { transport: 'web' }),
    on: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  });
  const db = await openClinicDatabase({ name: options.name, storage: options.storage, encryptionKey: TEST_DATABASE_KEY });
  const desk = openTestDesk(db, { client, settings, roles: () => ['front-desk', 'manager'], ...(options.now ? { now: options.now } : {}) });
  const sync = createSyncController(db, client, { memory: options.memory ?? memorySyncMemory(), ...(options.now ? { now: options.now } : {}) });
  useSyncStore.getState().setConnectivity(ONLINE);
  await sync.apply(settings);
  return {
    db,
    desk,
    sync,
    settings,
    emit,
    requests,
    async close() {
      await sync.apply({ ...settings, sync: null });
      transport.abortAll();
      await db.close();
    },
  };
}
