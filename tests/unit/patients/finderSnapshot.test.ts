import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { FINDER_SNAPSHOT_FORMAT, type FinderSnapshot } from '../../../src/renderer/features/patients/finder/finderSnapshot';
import { memorySnapshotStore, type FinderSnapshotStore } from '../../../src/renderer/features/patients/finder/finderSnapshotStore';
import { finderReadiness, startPatientFinder, type PatientFinderHandle, type PatientFinderOptions } from '../../../src/renderer/features/patients/finder/patientFinderIndex';
import { syntheticPatients } from '../../../src/shared/demo/syntheticClinic';
import type { Patient } from '../../../src/shared/patients/patient';
import type { PatientFinder } from '../../../src/shared/patients/patientFinder';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';

const TODAY = new Date('2026-11-23T12:00:00Z');
const { patients } = syntheticPatients(0, 300);
const newcomer = syntheticPatients(300, 1).patients[0]!;
let counter = 0;
const open: ClinicDatabase[] = [];
const running: PatientFinderHandle[] = [];

async function openDb(name: string): Promise<ClinicDatabase> {
  const db = await openClinicDatabase({ name, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  open.push(db);
  return db;
}

async function closeDb(db: ClinicDatabase): Promise<void> {
  open.splice(open.indexOf(db), 1);
  await db.close();
}

/**
 * Starts a finder. Its clock runs a minute ahead, as if each snapshot were taken well after the
 * writes before it had settled (a snapshot's checkpoint stays behind writes of the last seconds).
 */
async function start(db: ClinicDatabase, snapshots: FinderSnapshotStore | null, options: PatientFinderOptions = {}): Promise<PatientFinderHandle> {
  const handle = await startPatientFinder(db, { snapshots, now: () => Date.now() + 60_000, ...options });
  running.push(handle);
  return handle;
}

/** A clinic whose snapshot was saved, then closed, as at the end of a day. */
async function clinicWithSnapshot(): Promise<{ name: string; store: ReturnType<typeof memorySnapshotStore> }> {
  const name = `snap${Date.now()}${counter++}`;
  const store = memorySnapshotStore();
  const db = await openDb(name);
  await db.patients.bulkInsert(patients);
  const first = await start(db, store);
  expect(first.ready).toMatchObject({ source: 'full', patients: 300, caughtUp: 0 });
  await first.saveSnapshot();
  first.stop();
  await closeDb(db);
  return { name, store };
}

/** What the desk would see for every way of finding each of these patients. */
function answers(finder: PatientFinder, people: readonly Patient[]): unknown[] {
  return people.flatMap((p) =>
    [p.familyName, `${p.givenName.slice(0, 2)} ${p.familyName.slice(0, 3)}`, p.birthDate, p.phones[0]!.number.slice(-7), p.mrn].map((text) => [
      text,
      finder.search(text, 50, TODAY),
    ]),
  );
}

async function expectSameAsFullBuild(db: ClinicDatabase, finder: PatientFinder, people: readonly Patient[]): Promise<void> {
  const fresh = await start(db, null);
  expect(finder.size).toBe(fresh.finder.size);
  expect(answers(finder, people)).toEqual(answers(fresh.finder, people));
}

async function patch(db: ClinicDatabase, id: string, fields: Partial<Patient>): Promise<void> {
  await (await db.patients.findOne(id).exec())!.incrementalPatch(fields);
}

afterEach(async () => {
  for (const handle of running.splice(0)) handle.stop();
  for (const db of open.splice(0)) await db.close();
  vi.restoreAllMocks();
});

describe('the patient finder snapshot', () => {
  it('starts from the snapshot plus what changed since, with the answers of a full build', async () => {
    const { name, store } = await clinicWithSnapshot();
    const db = await openDb(name);
    // While the desk was closed: a registration, a name change, status changes and records leaving the finder.
    await db.patients.insert(newcomer);
    await patch(db, patients[0]!.id, { familyName: 'Quillfeather', givenName: 'Ondine' });
    await patch(db, patients[1]!.id, { status: 'inactive' });
    await patch(db, patients[2]!.id, { status: 'merged-into', mergedInto: patients[3]!.id });
    await (await db.patients.findOne(patients[4]!.id).exec())!.remove();
    await patch(db, patients[5]!.id, { status: 'deceased' });
    await patch(db, patients[6]!.id, { phones: [{ number: '3125550199', type: 'home', texts: false }] });

    const { finder, ready } = await start(db, store);
    // Exactly the seven changed documents are read, not the 300 others.
    expect(ready).toMatchObject({ source: 'snapshot', patients: 299, caughtUp: 7 });
    expect(finderReadiness()).toEqual(ready);
    expect(finder.search('quillfeather ondine', 50, TODAY).map((h) => h.id)).toEqual([patients[0]!.id]);
    expect(finder.search(newcomer.mrn, 50, TODAY).map((h) => h.id)).toEqual([newcomer.id]);
    expect(finder.search('3125550199', 50, TODAY).map((h) => h.id)).toEqual([patients[6]!.id]);
    for (const gone of [2, 4].map((i) => patients[i]!)) expect(finder.search(gone.mrn, 50, TODAY), gone.mrn).toEqual([]);
    // Inactive and deceased patients are still found.
    for (const kept of [1, 5].map((i) => patients[i]!)) expect(finder.search(kept.mrn, 50, TODAY).map((h) => h.id), kept.mrn).toEqual([kept.id]);
    await expectSameAsFullBuild(db, finder, [...patients, newcomer]);

    // And it keeps following changes once started.
    await patch(db, patients[1]!.id, { status: 'active', familyName: 'Returning' });
    await patch(db, patients[7]!.id, { status: 'inactive' });
    expect(finder.search('returning', 50, TODAY).map((h) => h.id)).toEqual([patients[1]!.id]);
    await expectSameAsFullBuild(db, finder, [...patients, newcomer]);
  });

  it('saves a snapshot that a later start builds on, and catches up again from it', async () => {
    const { name, store } = await clinicWithSnapshot();
    const db = await openDb(name);
    const second = await start(db, store);
    await patch(db, patients[8]!.id, { familyName: 'Laterchange' });
    await second.saveSnapshot();
    second.stop();
    const saved = (await store.load()) as FinderSnapshot;
    expect(saved.format).toBe(FINDER_SNAPSHOT_FORMAT);
    expect(saved.schemaVersion).toBe(db.patients.schema.version);

    await patch(db, patients[9]!.id, { givenName: 'Evenlater' });
    const third = await start(db, store);
    expect(third.ready.source).toBe('snapshot');
    expect(third.finder.search('laterchange', 50, TODAY).map((h) => h.id)).toEqual([patients[8]!.id]);
    expect(third.finder.search('evenlater', 50, TODAY).map((h) => h.id)).toEqual([patients[9]!.id]);
    await expectSameAsFullBuild(db, third.finder, patients);
  });

  it('saves a fresh snapshot on its own once changes have settled', async () => {
    const { name, store } = await clinicWithSnapshot();
    const db = await openDb(name);
    await patch(db, patients[17]!.id, { familyName: 'Whileclosed' });
    const timing = { quietMs: 20, minIntervalMs: 0, maxDelayMs: 1_000 };
    await start(db, store, { timing });
    const saves = store.saves;
    await vi.waitFor(() => expect(store.saves).toBe(saves + 1));
    await patch(db, patients[18]!.id, { familyName: 'Whileopen' });
    await vi.waitFor(() => expect(store.saves).toBe(saves + 2));
    const next = await start(db, store);
    expect(next.ready.caughtUp).toBe(0);
    expect(next.finder.search('whileopen', 50, TODAY).map((h) => h.id)).toEqual([patients[18]!.id]);
  });

  it('reads writes of the seconds before a snapshot again, in case one was still committing', async () => {
    const name = `snap${Date.now()}${counter++}`;
    const store = memorySnapshotStore();
    const db = await openDb(name);
    await db.patients.bulkInsert(patients);
    const first = await start(db, store, { now: () => Date.now() });
    await first.saveSnapshot();
    first.stop();
    const { finder, ready } = await start(db, store, { now: () => Date.now() });
    expect(ready).toMatchObject({ source: 'snapshot', caughtUp: 300 });
    await expectSameAsFullBuild(db, finder, patients);
  });

  it('does not miss a change that lands while the snapshot is loading', async () => {
    const { name, store } = await clinicWithSnapshot();
    const db = await openDb(name);
    const racing: Promise<unknown>[] = [];
    const slowStore: FinderSnapshotStore = {
      ...store,
      async load() {
        const value = await store.load();
        // One write finishes before the catch-up reads; others are still in flight as they run.
        await patch(db, patients[10]!.id, { familyName: 'Midload' });
        racing.push(db.patients.insert(newcomer), patch(db, patients[11]!.id, { status: 'merged-into', mergedInto: patients[3]!.id }), patch(db, patients[12]!.id, { givenName: 'Racer' }));
        return value;
      },
    };
    // And one lands just after the catch-up has read the changes, before they are applied.
    const storage = db.patients.storageInstance;
    const query = storage.query.bind(storage);
    let landed = false;
    vi.spyOn(storage, 'query').mockImplementation(async (prepared) => {
      const result = await query(prepared);
      if (!landed) {
        landed = true;
        await patch(db, patients[13]!.id, { familyName: 'Afterread' });
      }
      return result;
    });
    const { finder, ready } = await start(db, slowStore);
    await Promise.all(racing);
    expect(landed).toBe(true);
    expect(ready.source).toBe('snapshot');
    expect(finder.search('afterread', 50, TODAY).map((h) => h.id)).toEqual([patients[13]!.id]);
    expect(finder.search('midload', 50, TODAY).map((h) => h.id)).toEqual([patients[10]!.id]);
    expect(finder.search(newcomer.mrn, 50, TODAY).map((h) => h.id)).toEqual([newcomer.id]);
    expect(finder.search(patients[11]!.mrn, 50, TODAY)).toEqual([]);
    expect(finder.search('racer', 50, TODAY).map((h) => h.id)).toEqual([patients[12]!.id]);
    await expectSameAsFullBuild(db, finder, [...patients, newcomer]);
  });

  it('does not miss a change that lands during a full build', async () => {
    const name = `snap${Date.now()}${counter++}`;
    const db = await openDb(name);
    await db.patients.bulkInsert(patients);
    const racing: Promise<unknown>[] = [];
    const empty = memorySnapshotStore();
    const store: FinderSnapshotStore = {
      ...empty,
      load() {
        racing.push(db.patients.insert(newcomer), patch(db, patients[16]!.id, { familyName: 'Duringbuild' }));
        return empty.load();
      },
    };
    const { finder, ready } = await start(db, store, { pageSize: 50 });
    await Promise.all(racing);
    expect(ready.source).toBe('full');
    expect(finder.search('duringbuild', 50, TODAY).map((h) => h.id)).toEqual([patients[16]!.id]);
    expect(finder.search(newcomer.mrn, 50, TODAY).map((h) => h.id)).toEqual([newcomer.id]);
    await expectSameAsFullBuild(db, finder, [...patients, newcomer]);
  });

  it.each<[string, (s: FinderSnapshot) => unknown]>([
    ['a string', () => 'not a snapshot'],
    ['an empty object', () => ({})],
    ['no index', (s) => ({ ...s, index: undefined })],
    ['a column cut short', (s) => ({ ...s, index: { ...s.index, columns: { ...s.index.columns, ids: s.index.columns.ids.slice(0, 100) } } })],
    ['entries pointing nowhere', (s) => ({ ...s, index: { ...s.index, nameRecords: s.index.nameRecords.map(() => 999_999) } })],
    ['entries out of order', (s) => ({ ...s, index: { ...s.index, nameTokens: s.index.nameTokens.slice().reverse() } })],
    ['another tokenizer', (s) => ({ ...s, index: { ...s.index, tokenizer: 'older' } })],
    ['a checkpoint in the future', (s) => ({ ...s, checkpoint: { lwt: Date.now() + 3_600_000, id: '' } })],
  ])('ignores a damaged snapshot (%s) and builds from every document', async (_label, damage) => {
    const { name, store } = await clinicWithSnapshot();
    store.put(damage((await store.load()) as FinderSnapshot));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openDb(name);
    await patch(db, patients[14]!.id, { familyName: 'Afterdamage' });
    const { finder, ready, saveSnapshot } = await start(db, store);
    expect(ready.source).toBe('full');
    expect(ready.discarded).toBeTruthy();
    expect(warn).toHaveBeenCalled();
    expect(finder.search('afterdamage', 50, TODAY).map((h) => h.id)).toEqual([patients[14]!.id]);
    await expectSameAsFullBuild(db, finder, patients);
    // The rebuilt snapshot replaces the damaged one.
    await saveSnapshot();
    expect((await start(db, store)).ready.source).toBe('snapshot');
  });

  it('ignores a snapshot it cannot read', async () => {
    const { name, store } = await clinicWithSnapshot();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openDb(name);
    const { ready } = await start(db, { ...store, load: () => Promise.reject(new Error('disk says no')) });
    expect(ready).toMatchObject({ source: 'full', patients: 300, discarded: 'unreadable' });
  });

  it.each<[string, (s: FinderSnapshot) => FinderSnapshot]>([
    ['an older patients schema', (s) => ({ ...s, schemaVersion: s.schemaVersion - 1 })],
    ['a newer snapshot format', (s) => ({ ...s, format: FINDER_SNAPSHOT_FORMAT + 1 })],
    ['format 1, whose name keys neither fold ø, ß or đ nor run words together', (s) => ({ ...s, format: 1 })],
    ['a database that was deleted and created again', (s) => ({ ...s, storageToken: 'another' })],
  ])('ignores a snapshot from %s', async (_label, change) => {
    const { name, store } = await clinicWithSnapshot();
    store.put(change((await store.load()) as FinderSnapshot));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openDb(name);
    await (await db.patients.findOne(patients[15]!.id).exec())!.remove();
    const { finder, ready } = await start(db, store);
    expect(ready.source).toBe('full');
    expect(finder.search(patients[15]!.mrn, 50, TODAY)).toEqual([]);
    await expectSameAsFullBuild(db, finder, patients);
  });
});
