export interface SnapshotTiming {
  /** Wait this long after the last change, so a burst of changes costs one save. */
  quietMs: number;
  /** Never save more often than this: a save of 100,000 patients holds the page for a moment. */
  minIntervalMs: number;
  /** A steady stream of changes (a long sync) still gets saved this long after the first one. */
  maxDelayMs: number;
}

export const DEFAULT_SNAPSHOT_TIMING: SnapshotTiming = { quietMs: 30_000, minIntervalMs: 180_000, maxDelayMs: 300_000 };

export interface SnapshotSchedule {
  /** Something the snapshot holds has changed. */
  changed(): void;
  /** Saves now if anything changed since the last save (or always, with `force`). */
  flush(force?: boolean): Promise<void>;
  stop(): void;
}

/**
 * Decides when the finder's snapshot is written: some time after changes, at a bounded rate, and
 * when the page is hidden or closed while changes are unsaved. Saves never overlap; a failed save
 * is reported and leaves the changes marked unsaved.
 */
export function scheduleSnapshots(save: () => Promise<void>, options: { timing?: SnapshotTiming; now?: () => number; onError?: (error: unknown) => void } = {}): SnapshotSchedule {
  const timing = options.timing ?? DEFAULT_SNAPSHOT_TIMING;
  const now = options.now ?? (() => Date.now());
  const onError = options.onError ?? ((error: unknown) => console.warn('Could not save the patient finder snapshot', error));
  let dirtySince: number | undefined;
  let lastChange = 0;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (dirtySince === undefined || stopped) return;
    const wanted = Math.max(lastChange + timing.quietMs, lastAttempt + timing.minIntervalMs);
    const due = Math.min(wanted, Math.max(dirtySince + timing.maxDelayMs, lastAttempt + timing.minIntervalMs));
    timer = setTimeout(() => void flush(), Math.max(0, due - now()));
  };

  const flush = async (force = false): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    while (running) await running;
    if (stopped || (!force && dirtySince === undefined)) return;
    const changesBefore = lastChange;
    dirtySince = undefined;
    lastAttempt = now();
    running = save()
      .catch((error: unknown) => {
        dirtySince ??= changesBefore;
        onError(error);
      })
      .finally(() => {
        running = undefined;
        arm();
      });
    await running;
  };

  const onHidden = () => {
    if (document.visibilityState === 'hidden' && dirtySince !== undefined) void flush();
  };
  const onPageHide = () => {
    if (dirtySince !== undefined) void flush();
  };
  const inPage = typeof document !== 'undefined' && typeof window !== 'undefined';
  if (inPage) {
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
  }

  return {
    changed() {
      if (stopped) return;
      lastChange = now();
      dirtySince ??= lastChange;
      if (!running) arm();
    },
    flush,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (inPage) {
        document.removeEventListener('visibilitychange', onHidden);
        window.removeEventListener('pagehide', onPageHide);
      }
    },
  };
}
