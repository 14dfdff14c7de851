import type { RxDatabase, RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectionsOf } from '../../../src/renderer/app/feature';
import { FEATURES } from '../../../src/renderer/app/features';
import type { CollectionSpec } from '../../../src/renderer/data/collection';
import { openDatabase } from '../../../src/renderer/data/database';
import { takeMigrated } from '../../../src/renderer/data/migrationTap';
import { memorySnapshotStore } from '../../../src/renderer/features/patients/finder/finderSnapshotStore';
import { startPatientFinder, type PatientFinderHandle } from '../../../src/renderer/features/patients/finder/patientFinderIndex';
import { syntheticPatients } from '../../../src/shared/demo/syntheticClinic';
import type { Patient } from '../../../src/shared/patients/patient';
import type { FinderRecord, PatientFinder } from '../../../src/shared/patients/patientFinder';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { oneVersionAhead } from '../../support/schemaAhead';

const TODAY = new Date('2026-11-23T12:00:00Z');
const { patients } = syntheticPatients(0, 200);
const newcomer = syntheticPatients(200, 1).patients[0]!;
const storage = getRxStorageMemory();
const open: PatientsDb[] = [];
const running: PatientFinderHandle[] = [];
let counter = 0;

type PatientsDb = RxDatabase<{ patients: RxCollection<Patient> }>;
const released = collectionsOf(FEATURES) as Record<string, CollectionSpec<unknown>>;
/** The next release's patients schema: its migration writes every family name in capitals. */
const nextRelease = oneVersionAhead(released, 'patients', (doc) => ({ ...doc, familyName: String(doc['familyName']).toUpperCase() }));

async function openDb(name: string, collections: Record<string, CollectionSpec<unknown>>): Promise<PatientsDb> {
  const db = (await openDatabase({ name, storage, encryptionKey: TEST_DATABASE_KEY, collections, only: ['patients'] })) as unknown as PatientsDb;
  open.push(db);
  return db;
}

async function close(db: PatientsDb): Promise<void> {
  open.splice(open.indexOf(db), 1);
  await db.close();
}

async function start(db: PatientsDb, options: Parameters<typeof startPatientFinder>[1] = {}): Promise<PatientFinderHandle> {
  const handle = await startPatientFinder(db, { now: () => Date.now() + 60_000, ...options });
  running.push(handle);
  return handle;
}

/**
 * A clinic of 200 patients written at this release (one since deleted, one merged into another)
 * with the finder's snapshot saved, closed as at the end of a day.
 */
async function clinicAtThisRelease() {
  const name = `mig${Date.now()}${counter++}`;
  const store = memorySnapshotStore();
  const db = await openDb(name, released);
  await db.patients.bulkInsert(patients);
  await (await db.patients.findOne(patients[0]!.id).exec())!.remove();
  await (await db.patients.findOne(patients[1]!.id).exec())!.incrementalPatch({ status: 'merged-into', mergedInto: patients[2]!.id });
  const finder = await start(db, { snapshots: store });
  await finder.saveSnapshot();
  finder.stop();
  await close(db);
  return { name, store };
}

function answers(finder: PatientFinder, people: readonly Patient[]): unknown[] {
  return people.flatMap((p) => [p.familyName, p.birthDate, p.phones[0]!.number.slice(-7), p.mrn].map((text) => [text, finder.search(text, 50, TODAY)]));
}

afterEach(async () => {
  for (const handle of running.splice(0)) handle.stop();
  for (const db of open.splice(0)) await db.close();
  vi.restoreAllMocks();
});

describe('the patient finder after a patients schema migration', () => {
  it('indexes what the migration wrote, plus what changed since, instead of reading every patient again', async () => {
    const { name, store } = await clinicAtThisRelease();
    const db = await openDb(name, nextRelease);
    // Written after the migration, before the finder starts: read as a change.
    await db.patients.insert(newcomer);

    const { finder, ready } = await start(db, { snapshots: store });
    expect(ready).toMatchObject({ source: 'migration', patients: 199, caughtUp: 1, discarded: expect.stringContaining('schema') });
    // The migrated values, not the snapshot's.
    expect(finder.search(patients[5]!.mrn, 50, TODAY).map((h) => h.record.familyName)).toEqual([patients[5]!.familyName.toUpperCase()]);
    expect(finder.search(newcomer.mrn, 50, TODAY).map((h) => h.id)).toEqual([newcomer.id]);
    for (const gone of [patients[0]!, patients[1]!]) expect(finder.search(gone.mrn, 50, TODAY), gone.mrn).toEqual([]);

    const full = await start(db, { snapshots: null, migrated: null });
    expect(full.ready.source).toBe('full');
    expect(finder.size).toBe(full.finder.size);
    expect(answers(finder, [...patients, newcomer])).toEqual(answers(full.finder, [...patients, newcomer]));
    // A fresh snapshot follows, so the next start is from it.
    await vi.waitFor(() => expect(store.saves).toBeGreaterThan(1), { timeout: 5_000 });
  });

  it('reads every patient instead when what the migration wrote does not account for the whole collection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { name } = await clinicAtThisRelease();
    const db = await openDb(name, nextRelease);
    const migrated = takeMigrated<FinderRecord | null>(db.patients)!;
    // As when an earlier run began the migration and this one finished it: part of it was seen.
    migrated.documents.delete(patients[7]!.id);

    const { finder, ready } = await start(db, { snapshots: null, migrated });
    expect(ready).toMatchObject({ source: 'full', patients: 198 });
    expect(finder.search(patients[7]!.mrn, 50, TODAY).map((h) => h.record.familyName)).toEqual([patients[7]!.familyName.toUpperCase()]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('it saw 198 patients, the collection holds 199'));
  });
});

describe('the migration tap', () => {
  it('hands over, once, every document a real RxDB migration wrote, deleted ones marked; ordinary writes are not taken', async () => {
    const { name } = await clinicAtThisRelease();
    const before = await openDb(name, released);
    await before.patients.insert(newcomer);
    expect(takeMigrated(before.patients)).toBeUndefined();
    await close(before);

    const db = await openDb(name, nextRelease);
    const migrated = takeMigrated<FinderRecord | null>(db.patients)!;
    expect(migrated.documents.size).toBe(201);
    expect(migrated.documents.get(patients[0]!.id)).toMatchObject({ deleted: true, value: null });
    expect(migrated.documents.get(patients[1]!.id)).toEqual({ deleted: false, value: null });
    expect(migrated.documents.get(patients[3]!.id)).toMatchObject({ deleted: false, value: { id: patients[3]!.id, familyName: patients[3]!.familyName.toUpperCase() } });
    const stored = await db.patients.storageInstance.findDocumentsById([newcomer.id], false);
    // Every later write comes after the checkpoint: the migration kept each document's write time.
    expect(migrated.checkpoint.lwt).toBe(stored[0]!._meta.lwt);
    expect(takeMigrated(db.patients)).toBeUndefined();
  });
});

describe('a schema migration that fails', () => {
  it('fails the opening with RxDB’s error and leaves the database closed, its records as they were', async () => {
    const { name } = await clinicAtThisRelease();
    const broken = oneVersionAhead(released, 'patients', () => {
      throw new Error('this strategy cannot migrate a patient');
    });
    await expect(openDb(name, broken)).rejects.toThrow(/DM4/);
    const db = await openDb(name, released);
    expect(await db.patients.count().exec()).toBe(199);
  });
});
