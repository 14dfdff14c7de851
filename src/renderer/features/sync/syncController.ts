import { filter, firstValueFrom, type Subscription } from 'rxjs';
import type { Settings } from '../../../shared/settings/channels';
import { SYNCED_COLLECTIONS, type SyncedCollection } from '../../../shared/sync/collections';
import type { ClinicDatabase } from '../../app/clinicDatabase';
import type { PlatformClient } from '../../platform/client';
import { confirmDay, countsOf, dayCloseHistory, type DayCloseReport } from './dayClose';
import { createMainFetch, type ChangesBatch } from './mainFetch';
import { createWriteJournal } from './writeJournal';
import { COLLECTION_LABEL } from './collectionLabels';
import { startClinicReplication, type ClinicReplication, type CollectionReplication, type ReplicationTarget } from './replication';
import { compareEpochs, serverEpoch, type EpochMemory } from './serverEpoch';
import { useSyncStore, type CollectionStatus, type SyncProgress } from './syncStore';

/** Where the time of each collection's last confirmed sync is kept between runs. */
export type SyncMemory = Pick<Storage, 'getItem' | 'setItem'>;

export function memorySyncMemory(): SyncMemory {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

/** A transfer shows its progress once it is bigger than this many documents. */
export const PROGRESS_THRESHOLD = 200;

type Transfer = { startedAt: number; done: number; startCount: number };

/**
 * Runs the clinic's replication in the renderer and keeps the sync store current: for each
 * collection, the documents the server has not confirmed (counted from the local database), the
 * last confirmed sync, progress and errors. Main decides when to sync (reconnect, set times,
 * "Sync now", new settings) and says so with `sync:trigger`. A workstation that syncs at set
 * times holds every request between them, so it stays off the network while it works offline.
 */
export function createSyncController(db: ClinicDatabase, client: PlatformClient, options: { memory?: SyncMemory; now?: () => Date } = {}) {
  const store = useSyncStore.getState;
  const memory = options.memory ?? memorySyncMemory();
  const now = options.now ?? (() => new Date());
  let replication: ClinicReplication | null = null;
  let target: string | null = null;
  let memoryKey = '';
  let epochKey = '';
  let server: ReplicationTarget = { url: '', dbPrefix: '' };
  let subscriptions: Subscription[] = [];
  let scheduled = false;
  let pass: Promise<void> | null = null;
  const journal = createWriteJournal(memory);
  let timeZone = 'UTC';
  const watching = new Set<SyncedCollection>();
  const counting = new Map<SyncedCollection, 'running' | 'again'>();
  const pulls = new Map<SyncedCollection, Transfer>();
  const pushes = new Map<SyncedCollection, Transfer>();
  /** The time each collection's server feed was last read to its end. */
  const caughtUp = new Map<SyncedCollection, number>();

  const collectionOf = (url: string): CollectionReplication | undefined =>
    replication?.collections.find((c) => url.includes(`/${c.remoteDb}/`));

  const http = createMainFetch(
    client,
    (error, url) => {
      if (!['AUTH', 'ORIGIN_REFUSED', 'NOT_CONFIGURED', 'NOT_FOUND', 'FORBIDDEN'].includes(error.code)) return;
      store().setError(error.message);
      const c = collectionOf(url);
      if (c) store().updateCollection(c.name, { error: error.message });
    },
    (batch) => notePull(batch),
  );

  const lastSyncs = (): Partial<Record<SyncedCollection, string>> => {
    try {
      return JSON.parse(memory.getItem(memoryKey) ?? '{}') as Partial<Record<SyncedCollection, string>>;
    } catch {
      return {};
    }
  };

  const progressOf = (t: Transfer, remaining: number | null, direction: SyncProgress['direction']): SyncProgress => {
    const seconds = (now().getTime() - t.startedAt) / 1000;
    const rate = seconds > 0 ? t.done / seconds : 0;
    return {
      direction,
      done: t.done,
      total: remaining === null ? null : t.done + remaining,
      etaSeconds: remaining !== null && rate > 0 ? Math.ceil(remaining / rate) : null,
    };
  };

  function notePull(batch: ChangesBatch) {
    const c = collectionOf(batch.url);
    if (!c) return;
    const full = batch.received >= PROGRESS_THRESHOLD;
    if (batch.pending === 0 || (batch.pending === null && !full)) {
      pulls.delete(c.name);
      caughtUp.set(c.name, now().getTime());
      store().updateCollection(c.name, { progress: pushes.has(c.name) ? store().collections[c.name]?.progress ?? null : null });
      return;
    }
    const t = pulls.get(c.name) ?? { startedAt: now().getTime(), done: 0, startCount: 0 };
    t.done += batch.received;
    pulls.set(c.name, t);
    if (t.done + (batch.pending ?? 0) > PROGRESS_THRESHOLD) {
      store().updateCollection(c.name, { progress: progressOf(t, batch.pending, 'receiving') });
    }
  }

  /** Counts a collection's unconfirmed documents again; calls that come while it counts are merged. */
  const recount = (c: CollectionReplication) => {
    if (counting.has(c.name)) {
      counting.set(c.name, 'again');
      return;
    }
    counting.set(c.name, 'running');
    const current = replication;
    void c
      .unsynced()
      .then((pending) => {
        if (replication !== current || pending === null) return;
        const patch: Partial<CollectionStatus> = { pending };
        const push = pushes.get(c.name);
        if (pending === 0) {
          pushes.delete(c.name);
          if (!pulls.has(c.name)) patch.progress = null;
        } else if (push || (pending > PROGRESS_THRESHOLD && !http.isHeld())) {
          const t = push ?? { startedAt: now().getTime(), done: 0, startCount: pending };
          t.startCount = Math.max(t.startCount, pending);
          t.done = t.startCount - pending;
          pushes.set(c.name, t);
          if (!pulls.has(c.name)) patch.progress = progressOf(t, pending, 'sending');
        }
        store().updateCollection(c.name, patch);
      })
      .catch(() => undefined)
      .finally(() => {
        const again = counting.get(c.name) === 'again';
        counting.delete(c.name);
        // While documents stream out, counting again at most once a second is enough and leaves the work to the push.
        if (again) setTimeout(() => recount(c), 1_000);
      });
  };

  /** Waits for the next moment a collection has sent and received everything, then records it. */
  const watchInSync = (c: CollectionReplication) => {
    if (!replication || watching.has(c.name)) return;
    watching.add(c.name);
    const current = replication;
    void c.awaitInSync().then(() => {
      watching.delete(c.name);
      if (replication !== current) return;
      recount(c);
      // Held between set times, "in sync" only means nothing could be sent: not a sync.
      if (http.isHeld() || store().connectivity.state !== 'online') return;
      markSynced(c.name);
    });
  };

  const markSynced = (name: SyncedCollection) => {
    const at = now().toISOString();
    memory.setItem(memoryKey, JSON.stringify({ ...lastSyncs(), [name]: at }));
    store().updateCollection(name, { lastSyncedAt: at, error: null });
    if (Object.values(store().collections).every((s) => !s.error)) store().setError(null);
  };

  const stop = async () => {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = [];
    const old = replication;
    replication = null;
    target = null;
    watching.clear();
    pulls.clear();
    pushes.clear();
    caughtUp.clear();
    store().setCollections({});
    store().clearReceived();
    if (old) await old.cancel();
  };

  const hold = (held: boolean) => {
    if (held) http.hold();
    else http.release();
    store().setHeld(held);
  };

  /**
   * One pass of a scheduled workstation: lets its requests go, asks every collection to read the
   * server's feed to its end and to send everything, then holds them again.
   */
  const runPass = (): Promise<void> => {
    if (!replication || pass) return pass ?? Promise.resolve();
    const started = now().getTime();
    hold(false);
    pass = (async () => {
      await checkEpochs().catch(() => undefined);
      const current = replication;
      if (!current) return;
      current.reSync();
      for (const c of current.collections) {
        // A collection busy with another pull may let the request to read again pass by: it is
        // asked again until its feed has been read to the end since the pass began.
        while ((caughtUp.get(c.name) ?? 0) < started && replication === current) {
          await firstValueFrom(c.active$.pipe(filter((active) => !active)));
          await new Promise((resolve) => setTimeout(resolve, 500));
          if ((caughtUp.get(c.name) ?? 0) < started) c.reSync();
        }
        await c.awaitInSync();
        if (replication === current) markSynced(c.name);
      }
    })().finally(() => {
      pass = null;
      if (replication && scheduled) hold(true);
    });
    return pass;
  };

  const apply = async (settings: Settings) => {
    const sync = settings.sync;
    const wanted = sync && sync.hasPassword ? `${sync.url}|${sync.dbPrefix}` : null;
    scheduled = settings.syncMode.kind === 'scheduled';
    timeZone = settings.clinic.timeZone;
    journal.open(settings.workstationId);
    store().setMode(settings.syncMode, store().held);
    if (wanted === target) {
      if (!pass) hold(scheduled);
      return;
    }
    await stop();
    if (!sync || !wanted) {
      hold(false);
      return;
    }
    memoryKey = `clinicdesk-sync-${settings.workstationId}-${wanted}`;
    epochKey = `clinicdesk-epochs-${settings.workstationId}-${wanted}`;
    server = { url: sync.url, dbPrefix: sync.dbPrefix };
    store().setDayCloses(dayCloseHistory(memory, `clinicdesk-day-close-${settings.workstationId}`).read());
    hold(scheduled);
    target = wanted;
    begin();
    if (!scheduled && store().connectivity.state === 'online') void checkEpochs().catch(() => undefined);
  };

  /** Starts the replication of every collection, each in its database's current generation. */
  const begin = () => {
    const generations = Object.fromEntries(Object.entries(readEpochs()).map(([name, e]) => [name, e.generation]));
    const started = startClinicReplication(db, server, http, generations);
    replication = started;
    for (const c of started.collections) {
      // A replication cancelled before its first sync never settles; only the current one counts.
      void c.awaitFirstSync().then(
        () => replication === started && store().markReceived(c.name),
        () => undefined,
      );
    }
    const remembered = lastSyncs();
    store().setCollections(
      Object.fromEntries(
        replication.collections.map((c) => [c.name, { pending: null, lastSyncedAt: remembered[c.name] ?? null, active: false, error: null, progress: null }]),
      ),
    );
    subscriptions.push(
      replication.active$.subscribe((active) => store().setActive(active)),
      replication.error$.subscribe((message) => {
        // A specific message from the fetch (a missing database, a refused change) says more than
        // RxDB's generic one that follows it, so it is kept.
        const state = useSyncStore.getState();
        if (state.connectivity.state === 'online' && !state.lastError) store().setError(message);
      }),
    );
    for (const c of replication.collections) {
      subscriptions.push(
        c.active$.subscribe((active) => {
          store().updateCollection(c.name, { active });
          if (!active) {
            recount(c);
            watchInSync(c);
          }
        }),
        c.sent$.subscribe(() => recount(c)),
        c.error$.subscribe((message) => {
          if (store().connectivity.state === 'online' && !store().collections[c.name]?.error) store().updateCollection(c.name, { error: message });
        }),
      );
      recount(c);
      watchInSync(c);
    }
  };

  const readEpochs = (): EpochMemory => {
    try {
      return JSON.parse(memory.getItem(epochKey) ?? '{}') as EpochMemory;
    } catch {
      return {};
    }
  };

  /**
   * Looks whether a clinic database on the server was deleted and created again since this
   * workstation last synced with it. Its replication's checkpoints would then skip the new
   * database's changes and believe this workstation's records are there: such a collection
   * starts a new replication, which pulls everything and pushes everything of this workstation.
   */
  const checkEpochs = async (): Promise<SyncedCollection[]> => {
    const current = replication;
    if (!current) return [];
    const found: Partial<Record<SyncedCollection, string>> = {};
    for (const c of current.collections) found[c.name] = await serverEpoch(http.fetchNow, c.dbUrl, () => crypto.randomUUID());
    if (replication !== current) return [];
    const { next, recreated } = compareEpochs(readEpochs(), found);
    memory.setItem(epochKey, JSON.stringify(next));
    if (recreated.length > 0) {
      const names = recreated.map((name) => COLLECTION_LABEL[name].toLowerCase()).join(', ');
      const restarting = target;
      for (const sub of subscriptions) sub.unsubscribe();
      subscriptions = [];
      replication = null;
      watching.clear();
      pulls.clear();
      pushes.clear();
      caughtUp.clear();
      await current.cancel();
      if (target !== restarting) return recreated;
      begin();
      store().setError(`The server's database of ${names} was created again: this workstation is sending its records to it again.`);
    }
    return recreated;
  };

  // Every write made on this workstation changes what is waiting; writes the replication makes
  // (pulled documents, resolved conflicts) are not the desk's own.
  db.eventBulks$
    .pipe(filter((bulk) => !bulk.internal && !bulk.isLocal && Boolean(bulk.collectionName) && !bulk.context.startsWith('replication-')))
    .subscribe((bulk) => {
      if ((SYNCED_COLLECTIONS as readonly string[]).includes(bulk.collectionName ?? '')) {
        journal.note(bulk.collectionName as SyncedCollection, bulk.events.map((e) => e.documentId), now(), timeZone);
      }
      const c = replication?.collections.find((r) => r.name === bulk.collectionName);
      if (!c) return;
      recount(c);
      watchInSync(c);
    });

  client.on('sync:connectivity', (c) => {
    store().setConnectivity(c);
    if (c.state === 'online') store().setError(null);
  });
  client.on('sync:trigger', ({ reason }) => {
    void client.call('settings:get', {}).then(async (settings) => {
      await apply(settings);
      if (!replication) return;
      if (!scheduled) {
        if (reason === 'reconnect' || reason === 'manual') await checkEpochs().catch(() => undefined);
        if (!replication) return;
        replication.reSync();
        for (const c of replication.collections) watchInSync(c);
      } else if (reason === 'schedule' || reason === 'manual') {
        await runPass();
      }
    });
  });

  return {
    apply,
    /** Checks the server now; when it answers, main asks for a pass (`sync:trigger` "manual"). */
    async syncNow() {
      const c = await client.call('sync:check', {});
      store().setConnectivity(c);
    },
    /** Runs one full pass now and resolves when every collection is confirmed in sync. */
    runPass,
    /**
     * Close day and sync: one full pass (waiting at most `passTimeoutMs`), then asks the server
     * whether it holds every record written here on the clinic day, and keeps the report.
     */
    async closeDay(input: {
      date: string;
      settings: Pick<Settings, 'workstationId' | 'workstationPrefix' | 'siteId' | 'clinic'>;
      closedBy: string;
      passTimeoutMs?: number;
      /** The workstation's drawer as closed that day, for the report. */
      drawer?: DayCloseReport['drawer'];
    }): Promise<DayCloseReport> {
      if (!replication) throw new Error('Sync is not set up on this workstation: an administrator enters the server in Settings.');
      const timeout = input.passTimeoutMs ?? 120_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finished = await Promise.race([
        runPass().then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeout))),
      ]);
      clearTimeout(timer);
      const current = replication;
      if (!current) throw new Error('Sync was switched off during the close of day.');
      const { collections, problem } = await confirmDay(current.collections, journal.written(input.date));
      const report: DayCloseReport = {
        date: input.date,
        workstationId: input.settings.workstationId,
        workstationPrefix: input.settings.workstationPrefix,
        siteId: input.settings.siteId,
        closedAt: now().toISOString(),
        closedBy: input.closedBy,
        collections,
        ...countsOf(collections),
        problem: problem ?? (finished ? null : `The sync did not finish within ${Math.round(timeout / 1000)} s: the server may be slow or out of reach.`),
        drawer: input.drawer ?? null,
      };
      const history = dayCloseHistory(memory, `clinicdesk-day-close-${input.settings.workstationId}`);
      history.keep(report);
      store().setDayCloses(history.read());
      return report;
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;
