import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { storageOutbox } from '../features/audit/auditOutbox';
import { createSessionControl } from '../features/signin/sessionControl';
import { currentStaff } from '../features/signin/sessionStore';
import { createSyncController } from '../features/sync/syncController';
import { useSyncStore } from '../features/sync/syncStore';
import { connectPlatform } from '../platform/connect';
import { buildDesk } from './buildDesk';
import { openClinicDatabase } from './clinicDatabase';
import type { Desk } from './DeskContext';
import { currentSettings, useSettingsStore } from './settingsStore';

/** Connects to main, opens the local database and starts sync: everything the screens rely on. */
export async function startDesk(): Promise<Desk> {
  await holdWorkstationLock();
  const client = connectPlatform();
  const settings = await client.call('settings:get', {});
  useSettingsStore.getState().setSettings(settings);
  const { key } = await client.call('keys:database', {});
  const db = await openClinicDatabase({ name: `clinicdesk-${settings.workstationId.slice(0, 8)}`, storage: getRxStorageDexie(), encryptionKey: key });
  const now = () => new Date();
  const desk = buildDesk({
    db,
    client,
    settings: currentSettings,
    actor: () => {
      const staff = currentStaff();
      return { id: staff.id, name: staff.displayName, initials: staff.initials, roles: staff.roles };
    },
    now,
    outbox: storageOutbox(localStorage, `clinicdesk-audit-outbox-${settings.workstationId}`, key),
  });
  const sync = createSyncController(db, client, { memory: localStorage });
  useSyncStore.getState().setConnectivity(await client.call('sync:connectivity', {}));
  await sync.apply(settings);
  return {
    ...desk,
    session: createSessionControl({ client, staff: desk.staff, log: desk.log, siteId: () => currentSettings().siteId, now, clearOverride: () => desk.ctx.clearOverride() }),
    sync,
    async refreshSettings() {
      const fresh = await client.call('settings:get', {});
      useSettingsStore.getState().setSettings(fresh);
      await sync.apply(fresh);
    },
  };
}

/**
 * One desk per workstation: a second tab or window would write the same audit chain positions and
 * share the signed-in session, so it is refused with a clear message.
 */
async function holdWorkstationLock(): Promise<void> {
  if (!('locks' in navigator)) return;
  await new Promise<void>((resolve, reject) => {
    void navigator.locks.request('clinicdesk-workstation', { ifAvailable: true }, (lock) => {
      if (!lock) {
        reject(new Error('ClinicDesk is already open in another tab or window on this workstation. Use that one.'));
        return undefined;
      }
      resolve();
      // Held for the life of the page.
      return new Promise<void>(() => undefined);
    });
  });
}
