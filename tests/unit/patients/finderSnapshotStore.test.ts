import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FINDER_SNAPSHOT_FORMAT, type FinderSnapshot } from '../../../src/renderer/features/patients/finder/finderSnapshot';
import { indexedDbSnapshotStore } from '../../../src/renderer/features/patients/finder/finderSnapshotStore';
import { DEFAULT_SNAPSHOT_TIMING, scheduleSnapshots } from '../../../src/renderer/features/patients/finder/snapshotSchedule';
import { PatientFinder } from '../../../src/shared/patients/patientFinder';
import { syntheticPatients } from '../../fixtures/syntheticPatients';

describe('the IndexedDB snapshot store', () => {
  it('saves, loads and clears a snapshot', async () => {
    const factory = new IDBFactory();
    const store = indexedDbSnapshotStore('clinicdesk-test-finder', factory);
    expect(await store.load()).toBeUndefined();
    const finder = new PatientFinder();
    finder.load(syntheticPatients(50));
    const snapshot: FinderSnapshot = { format: FINDER_SNAPSHOT_FORMAT, schemaVersion: 2, storageToken: 't', savedAt: 1, checkpoint: { lwt: 5, id: 'x' }, index: finder.exportIndex() };
    await store.save(snapshot);
    const loaded = (await store.load()) as FinderSnapshot;
    expect(loaded).toEqual(snapshot);
    expect(loaded.index.nameTokens).toBeInstanceOf(Uint32Array);
    // A second store on the same database sees it too (a restart).
    expect(await indexedDbSnapshotStore('clinicdesk-test-finder', factory).load()).toEqual(snapshot);
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });
});

describe('when snapshots are saved', () => {
  const timing = DEFAULT_SNAPSHOT_TIMING;
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = async (ms: number) => {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('waits for quiet after changes, saves at a bounded rate, and not when nothing changed', async () => {
    const save = vi.fn(() => Promise.resolve());
    const schedule = scheduleSnapshots(save, { timing, now: () => clock });
    await advance(timing.maxDelayMs * 2);
    expect(save).not.toHaveBeenCalled();

    schedule.changed();
    await advance(timing.quietMs - 1);
    expect(save).not.toHaveBeenCalled();
    schedule.changed();
    await advance(timing.quietMs);
    expect(save).toHaveBeenCalledTimes(1);

    // Soon after a save, another change waits for the minimum interval.
    schedule.changed();
    await advance(timing.quietMs * 2);
    expect(save).toHaveBeenCalledTimes(1);
    await advance(timing.minIntervalMs);
    expect(save).toHaveBeenCalledTimes(2);

    // A steady stream of changes is still saved within the longest delay.
    await advance(timing.minIntervalMs);
    for (let t = 0; t < timing.maxDelayMs; t += 10_000) {
      schedule.changed();
      await advance(10_000);
    }
    expect(save).toHaveBeenCalledTimes(3);
    schedule.stop();
  });

  it('saves at once when asked, never two at a time, and retries a failed save later', async () => {
    let release: () => void = () => undefined;
    const save = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const failing = vi.fn(() => Promise.reject(new Error('quota')));
    const errors: unknown[] = [];
    const schedule = scheduleSnapshots(save, { timing, now: () => clock });
    const first = schedule.flush(true);
    const second = schedule.flush(true);
    await advance(0);
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await advance(0);
    expect(save).toHaveBeenCalledTimes(2);
    release();
    await Promise.all([first, second]);
    schedule.stop();

    const retrying = scheduleSnapshots(failing, { timing, now: () => clock, onError: (e) => errors.push(e) });
    retrying.changed();
    await advance(timing.quietMs);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    await advance(timing.minIntervalMs);
    expect(failing).toHaveBeenCalledTimes(2);
    retrying.stop();
  });
});
