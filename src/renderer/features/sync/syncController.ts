import { filter, type Subscription } from 'rxjs';
import type { Settings } from '../../../shared/settings/channels';
import { SYNCED_COLLECTIONS } from '../../../shared/sync/collections';
import type { ClinicDatabase } from '../../app/clinicDatabase';
import type { PlatformClient } from '../../platform/client';
import { createMainFetch } from './mainFetch';
import { startClinicReplication, type ClinicReplication } from './replication';
import { useSyncStore } from './syncStore';

/**
 * Runs the clinic's replication in the renderer and keeps the status bar's store current. Main
 * decides when to sync (reconnect, schedule, "Sync now", new settings) and says so with
 * `sync:trigger`; this controller starts the replication or asks it to pass again.
 */
export function createSyncController(db: ClinicDatabase, client: PlatformClient) {
  const store = useSyncStore.getState;
  let replication: ClinicReplication | null = null;
  let target: string | null = null;
  let subscriptions: Subscription[] = [];
  let waiting = false;

  const http = createMainFetch(client, (error) => {
    if (['AUTH', 'ORIGIN_REFUSED', 'NOT_CONFIGURED', 'NOT_FOUND', 'FORBIDDEN'].includes(error.code)) store().setError(error.message);
  });

  /** Waits for the next moment everything is sent and received, then records it. */
  const watchInSync = () => {
    if (!replication || waiting) return;
    waiting = true;
    const pendingAtStart = store().pendingLocalChanges ?? 0;
    const current = replication;
    void current.awaitInSync().then(() => {
      waiting = false;
      if (replication !== current) return;
      store().markInSync(new Date(), pendingAtStart);
      if ((store().pendingLocalChanges ?? 0) > 0) watchInSync();
    });
  };

  const stop = async () => {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = [];
    const old = replication;
    replication = null;
    target = null;
    waiting = false;
    store().clearReceived();
    if (old) await old.cancel();
  };

  const apply = async (settings: Settings) => {
    const sync = settings.sync;
    const wanted = sync && sync.hasPassword ? `${sync.url}|${sync.dbPrefix}` : null;
    if (wanted === target) return;
    await stop();
    if (!sync || !wanted) return;
    const started = startClinicReplication(db, { url: sync.url, dbPrefix: sync.dbPrefix }, http);
    replication = started;
    target = wanted;
    for (const name of SYNCED_COLLECTIONS.filter((n) => n in db.collections)) {
      // A replication cancelled before its first sync never settles; only the current one counts.
      void started.awaitFirstSync(name).then(
        () => replication === started && store().markReceived(name),
        () => undefined,
      );
    }
    subscriptions.push(
      replication.active$.subscribe((active) => {
        store().setActive(active);
        if (!active) watchInSync();
      }),
      replication.error$.subscribe((message) => {
        // A specific message from the fetch (a missing database, a refused change) says more than
        // RxDB's generic one that follows it, so it is kept.
        const state = useSyncStore.getState();
        if (state.connectivity.state === 'online' && !state.lastError) store().setError(message);
      }),
    );
    watchInSync();
  };

  // Every write made on this workstation is a change waiting to sync until the server confirms
  // it: counted from the database's own writes, so no write method can be left out. Writes the
  // replication makes (pulled documents, resolved conflicts) are not the desk's own.
  db.eventBulks$
    .pipe(filter((bulk) => !bulk.internal && !bulk.isLocal && Boolean(bulk.collectionName) && !bulk.context.startsWith('replication-')))
    .subscribe((bulk) => {
      store().noteLocalChanges(bulk.events.length);
      watchInSync();
    });

  client.on('sync:connectivity', (c) => {
    store().setConnectivity(c);
    if (c.state === 'online') store().setError(null);
  });
  client.on('sync:trigger', () => {
    void client.call('settings:get', {}).then(async (settings) => {
      await apply(settings);
      replication?.reSync();
      watchInSync();
    });
  });

  return {
    apply,
    async syncNow() {
      const c = await client.call('sync:check', {});
      store().setConnectivity(c);
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;
