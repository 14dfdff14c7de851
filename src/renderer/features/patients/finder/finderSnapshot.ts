import { FINDER_COLUMNS, FINDER_INDEXES, type FinderIndexData } from '../../../../shared/patients/patientFinder';

/** Raise when the snapshot's layout, or how names are keyed in it, changes: older snapshots are then rebuilt, not misread. */
export const FINDER_SNAPSHOT_FORMAT = 3;

/** A position in the patients collection's change stream: RxDB's local write time, then id. */
export interface FinderCheckpoint {
  lwt: number;
  id: string;
}

export const NO_CHECKPOINT: FinderCheckpoint = { lwt: 0, id: '' };

/**
 * The finder's index as of `checkpoint`: every write to the patients collection up to it is in
 * the index, so a start only has to read the documents changed after it.
 */
export interface FinderSnapshot {
  format: number;
  /** Version of the patients collection schema; a migration rewrites every document. */
  schemaVersion: number;
  /**
   * RxDB's storage token. A database deleted and created again gets a new one, and the documents
   * that went with it left no changes to catch up on.
   */
  storageToken: string;
  savedAt: number;
  checkpoint: FinderCheckpoint;
  index: FinderIndexData;
}

function isAfter(a: FinderCheckpoint, b: FinderCheckpoint): boolean {
  return a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);
}

export function laterCheckpoint(a: FinderCheckpoint, b: FinderCheckpoint): FinderCheckpoint {
  return isAfter(b, a) ? b : a;
}

export function earlierCheckpoint(a: FinderCheckpoint, b: FinderCheckpoint): FinderCheckpoint {
  return isAfter(b, a) ? a : b;
}

export type SnapshotCheck = { ok: true; snapshot: FinderSnapshot } | { ok: false; reason: string };

/**
 * Whether a stored value is a snapshot this start can build on. The index itself is checked
 * further as it is loaded (tokenizer, column lengths, order).
 */
export function checkSnapshot(value: unknown, expected: { schemaVersion: number; storageToken: string; now: number }): SnapshotCheck {
  if (value === undefined || value === null) return { ok: false, reason: 'no snapshot' };
  if (!isObject(value)) return { ok: false, reason: 'not a snapshot' };
  if (value['format'] !== FINDER_SNAPSHOT_FORMAT) return { ok: false, reason: `format ${String(value['format'])}, expected ${FINDER_SNAPSHOT_FORMAT}` };
  if (value['schemaVersion'] !== expected.schemaVersion)
    return { ok: false, reason: `patients schema version ${String(value['schemaVersion'])}, expected ${expected.schemaVersion}` };
  if (value['storageToken'] !== expected.storageToken) return { ok: false, reason: 'taken from another database' };
  const checkpoint = value['checkpoint'];
  if (!isObject(checkpoint) || typeof checkpoint['lwt'] !== 'number' || !Number.isFinite(checkpoint['lwt']) || typeof checkpoint['id'] !== 'string')
    return { ok: false, reason: 'no valid checkpoint' };
  // Write times come from this machine's clock: set back, new writes could sort before the checkpoint.
  if (checkpoint['lwt'] > expected.now) return { ok: false, reason: 'the checkpoint is in the future (was the clock set back?)' };
  if (typeof value['savedAt'] !== 'number' || !isIndexData(value['index'])) return { ok: false, reason: 'damaged' };
  return { ok: true, snapshot: value as unknown as FinderSnapshot };
}

function isIndexData(value: unknown): value is FinderIndexData {
  if (!isObject(value) || !isObject(value['columns'])) return false;
  const columns = value['columns'];
  return (
    typeof value['tokenizer'] === 'string' &&
    Number.isInteger(value['count']) &&
    typeof value['tokens'] === 'string' &&
    FINDER_INDEXES.every((index) => value[index] instanceof Uint32Array) &&
    FINDER_COLUMNS.every((c) => typeof columns[c] === 'string')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
