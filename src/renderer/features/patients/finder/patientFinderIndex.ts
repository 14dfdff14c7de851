import { getChangedDocumentsSince, type RxChangeEventBulk } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Patient } from '../../../../shared/patients/patient';
import { PatientFinder, type FinderRecord } from '../../../../shared/patients/patientFinder';
import type { RxCollection } from 'rxdb';

/** The finder reads the patients collection only. */
type PatientsDb = { patients: RxCollection<Patient> };
import { checkSnapshot, earlierCheckpoint, FINDER_SNAPSHOT_FORMAT, laterCheckpoint, NO_CHECKPOINT, type FinderCheckpoint, type FinderSnapshot } from './finderSnapshot';
import { finderSnapshotDatabaseName, indexedDbSnapshotStore, type FinderSnapshotStore } from './finderSnapshotStore';
import { scheduleSnapshots, type SnapshotTiming } from './snapshotSchedule';
import { takeMigrated, type MigratedDocuments } from '../../../data/migrationTap';

/** What the finder indexes of a patient. */
export function toFinderRecord(patient: Patient): FinderRecord {
  return {
    id: patient.id,
    givenName: patient.givenName,
    familyName: patient.familyName,
    ...(patient.middleName ? { middleName: patient.middleName } : {}),
    ...(patient.preferredName ? { preferredName: patient.preferredName } : {}),
    birthDate: patient.birthDate,
    phones: patient.phones.map((p) => p.number),
    ...(patient.mrn ? { mrn: patient.mrn } : {}),
    ...(patient.guarantor.kind === 'patient' && patient.guarantor.patientId ? { guarantorId: patient.guarantor.patientId } : {}),
  };
}

/** How the finder became ready at this start, for the console and the benchmarks. */
export interface FinderReadiness {
  /**
   * Where the index came from: the snapshot and what changed since, the patients a schema
   * migration just wrote (and what changed since), or every document read again.
   */
  source: 'snapshot' | 'migration' | 'full';
  patients: number;
  /** Documents read because they changed after the snapshot was taken (0 for a full build). */
  caughtUp: number;
  ms: number;
  /** Why a stored snapshot could not be used, when one could not. */
  discarded?: string;
}

export interface PatientFinderHandle {
  finder: PatientFinder;
  ready: FinderReadiness;
  /** Writes a snapshot now, whether or not anything changed. */
  saveSnapshot(): Promise<void>;
  stop(): void;
}

export interface PatientFinderOptions {
  /**
   * Where the snapshot is kept. By default an IndexedDB database named after the clinic database
   * when IndexedDB exists; `null` always builds from every document and saves nothing.
   */
  snapshots?: FinderSnapshotStore | null;
  timing?: SnapshotTiming;
  /** Documents read per query while building or catching up. */
  pageSize?: number;
  /** The wall clock RxDB stamps writes with (tests move it on). */
  now?: () => number;
  /** The finder to fill; a new one by default. */
  finder?: PatientFinder;
  /**
   * What a schema migration of the patients wrote at this start (`takeMigrated` by default);
   * `null`: none.
   */
  migrated?: MigratedDocuments<FinderRecord | null> | null;
}

/**
 * RxDB stamps a write with its time before the write commits, so writes stamped in the last few
 * seconds may still be on their way, behind one already seen. A snapshot's checkpoint stays this
 * far behind the clock; the next start reads those writes again, which is harmless.
 */
export const IN_FLIGHT_MS = 10_000;
const PAGE_SIZE = 10_000;

let lastReadiness: FinderReadiness | undefined;

/** How the finder of this page became ready, once it is. */
export function finderReadiness(): FinderReadiness | undefined {
  return lastReadiness;
}

/**
 * Keeps a PatientFinder in step with the patients collection. It starts from the snapshot saved
 * by an earlier run plus the documents changed since (a full read of 100,000 patients takes
 * seconds; the snapshot a fraction of that), or from every document when there is no usable
 * snapshot; then it follows each change, local or synced, and saves a fresh snapshot from time
 * to time. Records merged into another, and documents without the fields the finder needs, are
 * left out.
 */
export async function startPatientFinder(db: PatientsDb, options: PatientFinderOptions = {}): Promise<PatientFinderHandle> {
  const started = performance.now();
  const store = options.snapshots === undefined ? defaultStore(db) : options.snapshots;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const now = options.now ?? (() => Date.now());
  const finder = options.finder ?? new PatientFinder();
  let checkpoint = NO_CHECKPOINT;

  // Subscribing first means no change between reading and listening is missed. Changes wait
  // until the index is loaded and caught up, then apply in order: each is as new as, or newer
  // than, what the reads saw, and applying a document's current state twice is harmless.
  let waiting: RxChangeEventBulk<unknown>[] | undefined = [];
  let schedule: ReturnType<typeof scheduleSnapshots> | undefined;
  const applyBulk = (bulk: RxChangeEventBulk<unknown>) => {
    const changes = new Map<string, FinderRecord | null>();
    for (const event of bulk.events) {
      const doc = event.documentData as StoredDoc | undefined;
      changes.set(event.documentId, event.operation === 'DELETE' ? null : finderRecordOf(doc));
      checkpoint = laterCheckpoint(checkpoint, checkpointOf(event.documentId, doc));
    }
    applyChanges(finder, changes);
    schedule?.changed();
  };
  const subscription: Subscription = db.patients.eventBulks$.subscribe((bulk) => {
    if (waiting) waiting.push(bulk);
    else {
      try {
        applyBulk(bulk);
      } catch (error) {
        console.error('The patient finder could not apply a change', error);
      }
    }
  });

  try {
    const schemaVersion = db.patients.schema.version;
    const storageToken = await db.patients.database.storageToken;
    const snapshot = store ? await loadSnapshot(store, finder, { schemaVersion, storageToken, now: now() }) : { discarded: 'no snapshot store' };
    let caughtUp = 0;
    let source: FinderReadiness['source'];
    const migration = 'snapshot' in snapshot ? undefined : options.migrated === undefined ? takeMigrated<FinderRecord | null>(db.patients) : options.migrated;
    const migrated = migration ? await afterMigration(db, migration, pageSize) : undefined;
    if ('snapshot' in snapshot) {
      source = 'snapshot';
      checkpoint = snapshot.snapshot.checkpoint;
      const read = await readChanges(db, checkpoint, pageSize);
      applyChanges(finder, read.changes);
      checkpoint = laterCheckpoint(checkpoint, read.checkpoint);
      caughtUp = read.documents;
    } else if (migrated && 'records' in migrated) {
      source = 'migration';
      finder.load(migrated.records);
      checkpoint = migrated.checkpoint;
      caughtUp = migrated.caughtUp;
    } else {
      if (migrated) console.warn(`The patients a schema migration wrote were not used (${migrated.unused}); building from every document`);
      source = 'full';
      const read = await readChanges(db, NO_CHECKPOINT, pageSize);
      finder.load([...read.changes.values()].filter((r): r is FinderRecord => r !== null));
      checkpoint = read.checkpoint;
    }
    const changedSinceSnapshot = caughtUp > 0 || waiting.length > 0;
    for (const bulk of waiting) applyBulk(bulk);
    waiting = undefined;

    const ready: FinderReadiness = {
      source,
      patients: finder.size,
      caughtUp,
      ms: Math.round(performance.now() - started),
      ...('discarded' in snapshot ? { discarded: snapshot.discarded } : {}),
    };
    lastReadiness = ready;
    console.info(`Patient finder ready from ${READY_FROM[source]}: ${ready.patients} patients, ${ready.caughtUp} changed documents caught up, ${ready.ms} ms`);

    const save = async () => {
      if (!store) return;
      const settled = earlierCheckpoint(checkpoint, { lwt: now() - IN_FLIGHT_MS, id: '' });
      const fresh: FinderSnapshot = { format: FINDER_SNAPSHOT_FORMAT, schemaVersion, storageToken, savedAt: now(), checkpoint: settled, index: finder.exportIndex() };
      await store.save(fresh);
    };
    const activeSchedule = scheduleSnapshots(save, options.timing ? { timing: options.timing } : {});
    schedule = activeSchedule;
    // A full build (or a long catch-up) is worth keeping soon, once the desk is idle.
    if (store && (ready.source !== 'snapshot' || caughtUp > 1_000)) whenIdle(() => void activeSchedule.flush(true));
    else if (changedSinceSnapshot) activeSchedule.changed();
    return {
      finder,
      ready,
      saveSnapshot: () => activeSchedule.flush(true),
      stop() {
        subscription.unsubscribe();
        activeSchedule.stop();
      },
    };
  } catch (error) {
    subscription.unsubscribe();
    throw error;
  }
}

const READY_FROM: Record<FinderReadiness['source'], string> = { snapshot: 'its snapshot', migration: 'the schema migration', full: 'every document' };

/**
 * The finder's records from what a schema migration of the patients just wrote, and what changed
 * since. A migration keeps each document's write time, so what changed since is what was written
 * after the latest of them. Trusted only when it accounts for every patient in the collection
 * (a migration that an earlier run began, or a write that raced this count, and it is not).
 */
async function afterMigration(
  db: PatientsDb,
  migration: MigratedDocuments<FinderRecord | null>,
  pageSize: number,
): Promise<{ records: FinderRecord[]; checkpoint: FinderCheckpoint; caughtUp: number } | { unused: string }> {
  const records = new Map<string, FinderRecord | null>();
  const live = new Set<string>();
  for (const [id, { value, deleted }] of migration.documents) {
    if (deleted) continue;
    records.set(id, value);
    live.add(id);
  }
  const read = await readChanges(db, migration.checkpoint, pageSize, live);
  for (const [id, record] of read.changes) records.set(id, record);
  const stored = await db.patients.count().exec();
  if (stored !== live.size) return { unused: `it saw ${live.size} patients, the collection holds ${stored}` };
  const found: FinderRecord[] = [];
  for (const [id, record] of records) if (record && live.has(id)) found.push(record);
  return { records: found, checkpoint: laterCheckpoint(migration.checkpoint, read.checkpoint), caughtUp: read.documents };
}

/**
 * Starts the finder without waiting for it: the finder is there at once (empty until it is
 * loaded, which it is in one step) and `ready` says when it holds every patient. A start from the
 * snapshot takes well under a second; a full build of 100,000 patients takes seconds, which the
 * desk spends on its sign-in screen instead of a blank one.
 */
export function launchPatientFinder(db: PatientsDb, options: PatientFinderOptions = {}): { finder: PatientFinder; ready: Promise<PatientFinderHandle> } {
  const finder = options.finder ?? new PatientFinder();
  return { finder, ready: startPatientFinder(db, { ...options, finder }) };
}

/** The fields of a stored patient document the finder reads; anything may be missing or wrong. */
interface StoredDoc {
  id?: unknown;
  givenName?: unknown;
  familyName?: unknown;
  middleName?: unknown;
  preferredName?: unknown;
  birthDate?: unknown;
  phones?: unknown;
  mrn?: unknown;
  guarantor?: unknown;
  status?: unknown;
  _deleted?: unknown;
  _meta?: { lwt?: unknown };
}

/**
 * Who the finder lists: inactive patients come back years later and must be found (and flagged
 * as possible duplicates when registered again), and a deceased patient's record is still asked
 * for; only records merged into another leave the finder.
 */
const FOUND_STATUSES: readonly unknown[] = ['active', 'inactive', 'deceased'];

/**
 * The finder record of a stored document, or null when the finder should not list it: deleted,
 * merged into another record, or without well-formed name, birth date and phones. This reads only those fields
 * (validating the whole record would take seconds at 100,000); the desk checks each record it
 * shows against the full schema when it reads it.
 */
export function finderRecordOf(doc: StoredDoc | undefined): FinderRecord | null {
  if (!doc || doc._deleted === true || !FOUND_STATUSES.includes(doc.status as string)) return null;
  const { id, givenName, familyName, middleName, preferredName, birthDate, phones, mrn } = doc;
  if (!isText(id) || !id || !isText(givenName) || !isText(familyName) || typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  if (!(middleName === undefined || isText(middleName)) || !(preferredName === undefined || isText(preferredName)) || !(mrn === undefined || isText(mrn))) return null;
  if (!Array.isArray(phones)) return null;
  const numbers: string[] = [];
  for (const phone of phones as unknown[]) {
    const number = typeof phone === 'object' && phone !== null ? (phone as { number?: unknown }).number : undefined;
    if (typeof number !== 'string' || !/^\d+$/.test(number)) return null;
    numbers.push(number);
  }
  const record: FinderRecord = { id, givenName, familyName, birthDate, phones: numbers };
  if (middleName) record.middleName = middleName;
  if (preferredName) record.preferredName = preferredName;
  if (mrn) record.mrn = mrn;
  const guarantor = doc.guarantor as { kind?: unknown; patientId?: unknown } | undefined;
  if (guarantor && typeof guarantor === 'object' && guarantor.kind === 'patient' && isText(guarantor.patientId) && guarantor.patientId) record.guarantorId = guarantor.patientId;
  return record;
}

/** A string the finder can hold: names with control characters break the schema anyway. */
function isText(value: unknown): value is string {
  return typeof value === 'string' && !/\p{Cc}/u.test(value);
}

function checkpointOf(id: string, doc: StoredDoc | undefined): FinderCheckpoint {
  const lwt = doc?._meta?.lwt;
  return typeof lwt === 'number' ? { lwt, id } : NO_CHECKPOINT;
}

function applyChanges(finder: PatientFinder, changes: Map<string, FinderRecord | null>): void {
  const upserts: FinderRecord[] = [];
  const removed: string[] = [];
  for (const [id, record] of changes) {
    if (record) upserts.push(record);
    else removed.push(id);
  }
  finder.applyChanges(upserts, removed);
}

/**
 * Every document written after `since` (NO_CHECKPOINT: every document), in pages, oldest write
 * first: the latest state of each, the number read and the checkpoint after the last. Pages
 * follow RxDB's [_meta.lwt, id] index, which every storage has. `live`, when given, follows which
 * of them are not deleted.
 */
async function readChanges(db: PatientsDb, since: FinderCheckpoint, pageSize: number, live?: Set<string>) {
  const changes = new Map<string, FinderRecord | null>();
  let checkpoint = since;
  let documents = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(db.patients.storageInstance, pageSize, checkpoint);
    for (const doc of page.documents as StoredDoc[]) {
      const id = String(doc.id);
      changes.set(id, finderRecordOf(doc));
      if (doc._deleted === true) live?.delete(id);
      else live?.add(id);
      checkpoint = laterCheckpoint(checkpoint, checkpointOf(id, doc));
    }
    documents += page.documents.length;
    if (page.documents.length < pageSize) return { changes, documents, checkpoint };
  }
}

/** Loads a usable snapshot into the finder, or says why there is none. Never throws. */
async function loadSnapshot(
  store: FinderSnapshotStore,
  finder: PatientFinder,
  expected: { schemaVersion: number; storageToken: string; now: number },
): Promise<{ snapshot: FinderSnapshot } | { discarded: string }> {
  let stored: unknown;
  try {
    stored = await store.load();
  } catch (error) {
    console.warn('The patient finder snapshot could not be read', error);
    return { discarded: 'unreadable' };
  }
  const check = checkSnapshot(stored, expected);
  if (!check.ok) {
    if (stored !== undefined) console.warn(`The patient finder snapshot was not used (${check.reason})`);
    return { discarded: check.reason };
  }
  try {
    finder.loadIndex(check.snapshot.index);
  } catch (error) {
    console.warn('The patient finder snapshot is damaged', error);
    return { discarded: 'damaged' };
  }
  return { snapshot: check.snapshot };
}

const FINDER_FIELDS = ['givenName', 'familyName', 'middleName', 'preferredName', 'birthDate', 'phones', 'mrn'];

/**
 * The snapshot is kept unencrypted, as the patients' finder fields are in the clinic database.
 * Should any of them become an encrypted field, the snapshot would be a plain copy: none is kept.
 */
function defaultStore(db: PatientsDb): FinderSnapshotStore | null {
  if (typeof indexedDB === 'undefined') return null;
  const encrypted = db.patients.schema.jsonSchema.encrypted ?? [];
  if (FINDER_FIELDS.some((field) => encrypted.includes(field))) {
    console.warn('Patient names are encrypted at rest, so the patient finder keeps no snapshot and reads every patient at each start');
    return null;
  }
  return indexedDbSnapshotStore(finderSnapshotDatabaseName(db.patients.database.name));
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 10_000 });
  else setTimeout(task, 1_000);
}
