import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openClinicDatabase } from '../db/database';
import { createAppointmentsRepo } from '../db/repositories/appointmentsRepo';
import { createLedgerRepo } from '../db/repositories/ledgerRepo';
import { createPatientsRepo } from '../db/repositories/patientsRepo';
import type { WorkContext } from '../db/repositories/workContext';
import { connectPlatform } from '../platform/connect';
import { createSyncController } from '../sync/syncController';
import { useSyncStore } from '../sync/syncStore';
import type { Desk } from './DeskContext';
import { currentSettings, useSettingsStore } from './settingsStore';

/** Connects to main, opens the local database and starts sync: everything the screens rely on. */
export async function startDesk(): Promise<Desk> {
  const client = connectPlatform();
  const settings = await client.call('settings:get', {});
  useSettingsStore.getState().setSettings(settings);
  const db = await openClinicDatabase({ name: `clinicdesk-${settings.workstationId.slice(0, 8)}`, storage: getRxStorageDexie() });
  const sync = createSyncController(db, client);

  // The context reads settings at call time, so a change in Settings applies to the next write.
  const ctx: WorkContext = {
    get actor() {
      return `workstation:${currentSettings().workstationPrefix}`;
    },
    get siteId() {
      return currentSettings().siteId;
    },
    get timeZone() {
      return currentSettings().clinic.timeZone;
    },
    now: () => new Date(),
  };
  const trackWrites = <T extends object>(repo: T, writes: (keyof T)[]): T => {
    const wrapped = { ...repo };
    for (const name of writes) {
      const original = repo[name] as (...args: unknown[]) => Promise<unknown>;
      (wrapped as Record<keyof T, unknown>)[name] = async (...args: unknown[]) => {
        const result = await original(...args);
        sync.noteLocalChange();
        return result;
      };
    }
    return wrapped;
  };

  const desk: Desk = {
    client,
    db,
    patients: trackWrites(createPatientsRepo(db, ctx), ['register']),
    appointments: trackWrites(createAppointmentsRepo(db, ctx), ['book', 'checkIn']),
    ledger: trackWrites(createLedgerRepo(db, ctx), ['recordPayment']),
    sync,
    async refreshSettings() {
      const fresh = await client.call('settings:get', {});
      useSettingsStore.getState().setSettings(fresh);
      await sync.apply(fresh);
    },
  };
  useSyncStore.getState().setConnectivity(await client.call('sync:connectivity', {}));
  await sync.apply(settings);
  return desk;
}
