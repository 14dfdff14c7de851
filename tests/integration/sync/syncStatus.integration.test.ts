import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncStore, type SyncProgress } from '../../../src/renderer/features/sync/syncStore';
import { DanaFrontDesk } from '../../fixtures/clinic';
import { remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../../../src/shared/sync/collections';
import { memorySyncMemory } from '../../../src/renderer/features/sync/syncController';
import { useCouchClinic } from '../../support/couchClinic';
import { eventually } from '../../support/eventually';
import { openSyncedDesk, type SyncedDesk } from '../../support/syncedDesk';
import { openWorkstation } from '../../support/workstation';

const clinic = useCouchClinic();
const open: SyncedDesk[] = [];
let n = 0;

afterEach(async () => {
  for (const desk of open.splice(0)) await desk.close();
});

const server = (collection: SyncedCollection) => clinic.server(collection);
const status = (collection: SyncedCollection) => useSyncStore.getState().collections[collection];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function desk(options: Omit<Parameters<typeof openSyncedDesk>[0], 'couch' | 'serverUrl' | 'dbPrefix'>) {
  const d = await openSyncedDesk({ couch: clinic.couch, serverUrl: clinic.couch.url, dbPrefix: clinic.dbPrefix, ...options });
  open.push(d);
  return d;
}

const patient = (familyName: string) => ({ givenName: 'Ana', familyName, birthDate: '1980-02-03', phones: [{ number: '5550100000', type: 'mobile' as const, texts: false }] });

describe(`what is not on the server yet (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it('is counted per collection from the local database, survives a restart, and goes to zero once sent', async () => {
    const storage = getRxStorageMemory();
    const memory = memorySyncMemory();
    const name = `status${Date.now()}${n++}`;
    // Held between set times, this workstation sends nothing: its writes wait.
    const first = await desk({ storage, memory, name, mode: { kind: 'scheduled', times: ['23:59'] } });
    const a = await first.desk.patients.register(patient('Alvarez'));
    await first.desk.patients.register(patient('Brooks'));
    await first.desk.appointments.book({ patientId: a.id, start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T15:20:00.000Z', timeZone: 'America/Chicago' });
    await eventually(() => {
      expect(status('patients')?.pending).toBe(2);
      expect(status('appointments')?.pending).toBe(1);
      expect(status('audit')?.pending).toBeGreaterThanOrEqual(3);
      expect(useSyncStore.getState().pendingLocalChanges).toBe(3 + (status('audit')?.pending ?? 0));
    });
    expect(first.requests).toEqual([]);

    // A restart: the count comes back from the database before anything reaches the network.
    await first.close();
    open.pop();
    const again = await desk({ storage, memory, name, mode: { kind: 'scheduled', times: ['23:59'] } });
    await eventually(() => {
      expect(status('patients')?.pending).toBe(2);
      expect(status('appointments')?.pending).toBe(1);
      expect(status('patients')?.lastSyncedAt).toBeNull();
    });
    expect(again.requests).toEqual([]);

    // Live again: everything goes, each collection is confirmed and remembers when.
    await again.sync.apply({ ...again.settings, syncMode: { kind: 'live' } });
    await eventually(() => {
      expect(useSyncStore.getState().pendingLocalChanges).toBe(0);
      for (const c of SYNCED_COLLECTIONS) expect(status(c)?.lastSyncedAt).not.toBeNull();
    }, 15_000);
    expect((await server('patients')).map((p) => p['familyName']).sort()).toEqual(['Alvarez', 'Brooks']);
    expect(await server('appointments')).toHaveLength(1);
    const confirmedAt = status('patients')?.lastSyncedAt;

    await again.close();
    open.pop();
    await desk({ storage, memory, name });
    expect(status('patients')?.lastSyncedAt).toBe(confirmedAt);
    await eventually(() => expect(useSyncStore.getState().pendingLocalChanges).toBe(0));
  });

  it('at set times: nothing goes either way between them; a pass sends and receives everything, then holds again', async () => {
    const storage = getRxStorageMemory();
    // Another workstation already put a patient on the server.
    const hq = await desk({ storage, name: `hq${Date.now()}${n++}` });
    const fromHq = await hq.desk.patients.register(patient('Castillo'));
    await eventually(() => expect(useSyncStore.getState().pendingLocalChanges).toBe(0));
    await hq.close();
    open.pop();

    const satellite = await desk({ storage, name: `sat${Date.now()}${n++}`, mode: { kind: 'scheduled', times: ['12:30', '17:00'] } });
    const mine = await satellite.desk.patients.register(patient('Dubois'));
    await eventually(() => expect(status('patients')?.pending).toBe(1));
    await wait(500);
    expect(satellite.requests).toEqual([]);
    expect(await satellite.desk.patients.get(fromHq.id)).toBeNull();
    expect(useSyncStore.getState().held).toBe(true);

    // Main says a set time has come.
    satellite.emit('sync:trigger', { reason: 'schedule' });
    await eventually(async () => {
      expect(await satellite.desk.patients.get(fromHq.id)).toMatchObject({ familyName: 'Castillo' });
      expect((await server('patients')).map((p) => p['_id'])).toContain(mine.id);
      expect(status('patients')).toMatchObject({ pending: 0, lastSyncedAt: expect.any(String) });
      expect(useSyncStore.getState().held).toBe(true);
    }, 15_000);

    // Held again: a new registration waits for the next pass, and a reconnect is not a pass.
    const sent = satellite.requests.length;
    const later = await satellite.desk.patients.register(patient('Evans'));
    satellite.emit('sync:trigger', { reason: 'reconnect' });
    await eventually(() => expect(status('patients')?.pending).toBe(1));
    await wait(500);
    expect(satellite.requests.length).toBe(sent);
    expect((await server('patients')).map((p) => p['_id'])).not.toContain(later.id);

    // "Sync now" is a pass too.
    await satellite.sync.syncNow();
    await eventually(async () => {
      expect((await server('patients')).map((p) => p['_id'])).toContain(later.id);
      expect(status('patients')?.pending).toBe(0);
    }, 15_000);
  });

  it('close day and sync: sends everything, then the server confirms each record written here that day, also after its database was lost and made again', async () => {
    const storage = getRxStorageMemory();
    const memory = memorySyncMemory();
    const today = new Date();
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(today);
    const d = await desk({ storage, memory, name: `close${Date.now()}${n++}`, mode: { kind: 'scheduled', times: ['23:59'] } });
    const a = await d.desk.patients.register(patient('Fischer'));
    await d.desk.patients.register(patient('Garcia'));
    await d.desk.ledger.recordPayment({ patientId: a.id, appointmentId: null, amountCents: 2500, method: 'card', reference: '4242', authCode: 'A1B2C3' }, async () => 'N1-000001');
    await eventually(() => expect(status('patients')?.pending).toBe(2));

    const report = await d.sync.closeDay({ date, settings: d.settings, closedBy: 'Morgan Lee' });
    const line = (c: SyncedCollection) => report.collections.find((x) => x.collection === c);
    expect(report.problem).toBeNull();
    expect(line('patients')).toMatchObject({ written: 2, confirmed: 2, pending: [] });
    expect(line('ledger')).toMatchObject({ written: 1, confirmed: 1 });
    expect(line('audit')?.written).toBeGreaterThanOrEqual(3);
    expect(report.confirmed).toBe(report.written);
    expect(useSyncStore.getState().dayCloses[0]).toEqual(report);
    expect(useSyncStore.getState().held).toBe(true);
    expect(status('patients')).toMatchObject({ pending: 0 });

    // The server's patients database is deleted and made again: the replication's checkpoints
    // would believe both patients are there. The close of day notices, sends them again, and
    // then confirms them.
    await clinic.couch.deleteDb(remoteDbName(clinic.dbPrefix, 'patients'));
    await clinic.couch.createDb(remoteDbName(clinic.dbPrefix, 'patients'));
    expect(await server('patients')).toEqual([]);
    const again = await d.sync.closeDay({ date, settings: d.settings, closedBy: 'Morgan Lee', passTimeoutMs: 15_000 });
    expect(again.collections.find((x) => x.collection === 'patients')).toMatchObject({ written: 2, confirmed: 2 });
    expect(again.problem).toBeNull();
    expect((await server('patients')).map((p) => p['familyName']).sort()).toEqual(['Fischer', 'Garcia']);

    // Nothing written on another day is in the report.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date(today.getTime() - 86_400_000 * 2));
    const other = await d.sync.closeDay({ date: yesterday, settings: d.settings, closedBy: 'Morgan Lee', passTimeoutMs: 10_000 });
    expect(other.written).toBe(0);
  });

  it('a server database deleted and created again is noticed on reconnect, and this workstation sends its records again', async () => {
    const d = await desk({ storage: getRxStorageMemory(), name: `recreate${Date.now()}${n++}` });
    await d.desk.patients.register(patient('Hughes'));
    await d.desk.patients.register(patient('Ito'));
    await eventually(async () => expect(await server('patients')).toHaveLength(2));
    await wait(300);

    await clinic.couch.deleteDb(remoteDbName(clinic.dbPrefix, 'patients'));
    await clinic.couch.createDb(remoteDbName(clinic.dbPrefix, 'patients'));
    d.emit('sync:trigger', { reason: 'reconnect' });
    await eventually(async () => {
      expect((await server('patients')).map((p) => p['familyName']).sort()).toEqual(['Hughes', 'Ito']);
      expect(status('patients')?.pending).toBe(0);
    }, 15_000);
    // The notice that the database was created again goes once everything is confirmed.
    await eventually(() => expect(useSyncStore.getState().lastError).toBeNull(), 10_000);

    // Another workstation's registration in the new database reaches this one.
    const south = await openWorkstation({ couch: clinic.couch, serverUrl: clinic.couch.url, dbPrefix: clinic.dbPrefix, siteId: 'south', actor: 'south', only: ['patients', 'audit'] });
    try {
      const fromSouth = await south.patients.register(patient('Jensen'));
      await eventually(async () => expect(await d.desk.patients.get(fromSouth.id)).toMatchObject({ familyName: 'Jensen' }), 15_000);
    } finally {
      await south.close();
    }
  });

  it('shows a first sync of many records with a bar that fills and an estimate of the time left', async () => {
    // More staff records than two pull batches, as a new workstation of a big clinic would receive.
    const docs = Array.from({ length: 900 }, (_, i) => ({ ...DanaFrontDesk, _id: `staff-${String(i).padStart(4, '0')}`, username: `person${i}` }));
    const posted = await clinic.couch.request('POST', `/${remoteDbName(clinic.dbPrefix, 'staff')}/_bulk_docs`, { docs: docs.map(({ id: _id, ...doc }) => doc) });
    expect(posted.status).toBeLessThan(300);

    const seen: SyncProgress[] = [];
    const unsubscribe = useSyncStore.subscribe((s) => {
      const p = s.collections.staff?.progress;
      if (p) seen.push(p);
    });
    try {
      await desk({ storage: getRxStorageMemory(), name: `first${Date.now()}${n++}` });
      await eventually(() => expect(status('staff')).toMatchObject({ progress: null, lastSyncedAt: expect.any(String) }), 20_000);
    } finally {
      unsubscribe();
    }
    const receiving = seen.filter((p) => p.direction === 'receiving');
    expect(receiving.length).toBeGreaterThan(0);
    for (const p of receiving) {
      expect(p.total).toBe(900);
      expect(p.done).toBeLessThan(900);
    }
    expect(receiving.some((p) => p.etaSeconds !== null && p.etaSeconds >= 0)).toBe(true);
  });
});
