import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openClinicDatabase, type ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import { storedReader } from '../../src/renderer/data/storedRecords';
import { collectionsOf } from '../../src/renderer/app/feature';
import { FEATURES } from '../../src/renderer/app/features';
import type { CollectionSpec } from '../../src/renderer/data/collection';
import { openDatabase } from '../../src/renderer/data/database';
import { oneVersionAhead } from '../../tests/support/schemaAhead';
import { finderSnapshotDatabaseName, indexedDbSnapshotStore } from '../../src/renderer/features/patients/finder/finderSnapshotStore';
import { startPatientFinder, type FinderReadiness, type PatientFinderHandle } from '../../src/renderer/features/patients/finder/patientFinderIndex';
import { PatientSchema, type Patient } from '../../src/shared/patients/patient';
import { FINDER_INDEXES } from '../../src/shared/patients/patientFinder';
import { BENCH_DATABASE_KEY, BENCH_DATABASE_NAME, type BenchPage, type StartResult } from './contract';

const stored = storedReader(PatientSchema, 'A patient record');
let db: ClinicDatabase | undefined;
let handle: PatientFinderHandle | undefined;

/** Opens the clinic database exactly as the renderer does (Dexie on IndexedDB, encrypted fields). */
function openDb(): Promise<ClinicDatabase> {
  return openClinicDatabase({ name: BENCH_DATABASE_NAME, storage: getRxStorageDexie(), encryptionKey: BENCH_DATABASE_KEY });
}

/** The clinic database with its patients schema a version ahead, migrated unchanged. */
async function openDbMigrating(): Promise<ClinicDatabase> {
  const collections = oneVersionAhead(collectionsOf(FEATURES) as Record<string, CollectionSpec<unknown>>, 'patients', (doc) => doc);
  return (await openDatabase({ name: BENCH_DATABASE_NAME, storage: getRxStorageDexie(), encryptionKey: BENCH_DATABASE_KEY, collections })) as unknown as ClinicDatabase;
}

function finder(): PatientFinderHandle {
  if (!handle) throw new Error('Start the finder first');
  return handle;
}

const bench: BenchPage = {
  async insert(docs: Patient[]) {
    db ??= await openDb();
    const result = await db.patients.bulkInsert(docs);
    if (result.error.length) throw new Error(`${result.error.length} patients were not inserted: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
  },

  async count() {
    db ??= await openDb();
    return db.patients.count().exec();
  },

  async start(mode): Promise<StartResult> {
    if (mode === 'full') await indexedDbSnapshotStore(finderSnapshotDatabaseName(BENCH_DATABASE_NAME)).clear();
    const t0 = performance.now();
    db = mode === 'migrated' ? await openDbMigrating() : await openDb();
    const t1 = performance.now();
    handle = await startPatientFinder(db);
    const t2 = performance.now();
    const ready: FinderReadiness = handle.ready;
    return { openMs: t1 - t0, finderMs: t2 - t1, totalMs: t2 - t0, ready };
  },

  async saveSnapshot() {
    const { finder: index, saveSnapshot } = finder();
    const t0 = performance.now();
    const data = index.exportIndex();
    const exportMs = performance.now() - t0;
    const strings = [...Object.values(data.columns), data.tokens];
    const arrays = FINDER_INDEXES.map((name) => data[name]);
    // Roughly what IndexedDB stores: one byte per character of these mostly Latin-1 strings.
    const bytes = strings.reduce((sum, s) => sum + s.length, 0) + arrays.reduce((sum, a) => sum + a.byteLength, 0);
    const t1 = performance.now();
    await saveSnapshot();
    return { exportMs, saveMs: performance.now() - t1, megabytes: bytes / 1024 / 1024 };
  },

  searchFinder(texts) {
    const { finder: index } = finder();
    return texts.map((text) => {
      const t0 = performance.now();
      index.search(text, 50);
      return performance.now() - t0;
    });
  },

  async searchEndToEnd(texts) {
    const { finder: index } = finder();
    const samples: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      // As the desk does: up to 200 rows straight from the index for the Ctrl+K list, then the
      // first one's record read from the database and checked, as opening it does.
      const hits = index.search(text, 200);
      hits.map(({ record }) => ({ ...record, phones: record.phones.map((number) => ({ number })) }));
      if (hits[0]) stored.one(await db!.patients.findOne(hits[0].id).exec());
      samples.push(performance.now() - t0);
    }
    return samples;
  },

  timerResolution() {
    return crossOriginIsolated ? 0.005 : 0.1;
  },
};

(window as unknown as { clinicBench: BenchPage }).clinicBench = bench;
document.title = 'bench ready';
