import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openClinicDatabase } from '../data/database';
import { createAppointmentsRepo } from '../features/schedule/appointmentsRepo';
import { createAuditLog } from '../features/audit/auditLog';
import { createCatalogRepo } from '../features/catalog/catalogRepo';
import { createClinicProfileRepo } from '../features/catalog/clinicProfileRepo';
import { createCoveragesRepo } from '../features/patients/data/coveragesRepo';
import { createDocumentsRepo } from '../features/patients/data/documentsRepo';
import { createLedgerRepo } from '../features/payments/ledgerRepo';
import { createPatientsRepo } from '../features/patients/data/patientsRepo';
import { createStaffRepo } from '../features/staff/staffRepo';
import { createWorkContext } from '../data/workContext';
import { connectPlatform } from '../platform/connect';
import { launchPatientFinder } from '../features/patients/finder/patientFinderIndex';
import { useFinderStatus } from '../features/patients/finder/finderStatusStore';
import { createSessionControl } from '../features/signin/sessionControl';
import { currentStaff } from '../features/signin/sessionStore';
import { createSyncController } from '../features/sync/syncController';
import { useSyncStore } from '../features/sync/syncStore';
import { sameClinicInfo } from '../../shared/catalog/clinic';
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
  const sync = createSyncController(db, client);
  const now = () => new Date();

  // Every write the desk makes is a change waiting to sync until the server confirms it.
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
  const log = trackWrites(createAuditLog(db, { workstationId: () => currentSettings().workstationId, siteId: () => currentSettings().siteId, now }), ['record']);
  const ctx = createWorkContext({
    actor: () => {
      const staff = currentStaff();
      return { id: staff.id, name: staff.displayName, roles: staff.roles };
    },
    siteId: () => currentSettings().siteId,
    timeZone: () => currentSettings().clinic.timeZone,
    now,
    log,
  });
  // The finder loads while the desk shows its sign-in screen; search says so until it is ready.
  const { finder, ready: finderReady } = launchPatientFinder(db);
  finderReady.then(
    () => {
      useFinderStatus.setState({ ready: true, failed: null });
    },
    (error: unknown) => {
      console.error('The patient finder could not load', error);
      useFinderStatus.setState({ failed: 'The patient list could not be loaded. Restart ClinicDesk; if it happens again, call support.' });
    },
  );
  const staff = createStaffRepo(db);
  const clinicProfile = createClinicProfileRepo(db);

  const desk: Desk = {
    client,
    db,
    patients: trackWrites(
      createPatientsRepo(db, ctx, finder, async () => (await client.call('numbers:next', { kind: 'mrn' })).value, { isReady: () => useFinderStatus.getState().ready, whenReady: finderReady }),
      ['register', 'update', 'setStatus', 'merge'],
    ),
    coverages: trackWrites(createCoveragesRepo(db, ctx), ['add', 'update', 'end', 'attachCard']),
    documents: trackWrites(createDocumentsRepo(db, ctx), ['add', 'remove']),
    catalog: trackWrites(createCatalogRepo(db, ctx), ['savePayer', 'saveProvider']),
    appointments: trackWrites(createAppointmentsRepo(db, ctx), ['book', 'checkIn']),
    ledger: trackWrites(createLedgerRepo(db, ctx), ['recordPayment']),
    staff: trackWrites(staff, ['add', 'createInitial', 'setActive', 'setSecret']),
    clinicProfile: trackWrites(clinicProfile, ['save', 'saveAtSetup']),
    log,
    ctx,
    session: createSessionControl({ client, staff, log, siteId: () => currentSettings().siteId, now, clearOverride: () => ctx.clearOverride() }),
    sync,
    async refreshSettings() {
      const fresh = await client.call('settings:get', {});
      useSettingsStore.getState().setSettings(fresh);
      await sync.apply(fresh);
    },
  };
  // The clinic's details follow the synced profile, whichever workstation saved it.
  clinicProfile.observe().subscribe((profile) => {
    if (!profile) return;
    const { id: _id, kind: _kind, createdAt: _c, updatedAt: _u, updatedBy: _b, siteId: _s, ...info } = profile;
    if (sameClinicInfo(info, currentSettings().clinic)) return;
    void client
      .call('settings:adoptClinicProfile', info)
      .then((fresh) => useSettingsStore.getState().setSettings(fresh))
      .catch((error: unknown) => console.error('Could not take the clinic profile', error));
  });
  useSyncStore.getState().setConnectivity(await client.call('sync:connectivity', {}));
  await sync.apply(settings);
  return desk;
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
