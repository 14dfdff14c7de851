import { nextScheduledSync, type SyncMode } from '../../shared/sync/mode';

export type SyncTriggerReason = 'reconnect' | 'schedule' | 'manual' | 'settings';

export type SyncScheduleDeps = {
  mode: () => SyncMode;
  timeZone: () => string;
  now: () => Date;
  /** Whether the server answered at the last check. */
  isOnline: () => boolean;
  trigger: (reason: SyncTriggerReason) => void;
  /** How often the clock is looked at; a sleeping laptop wakes into the right decision. */
  tickMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export type SyncSchedule = {
  start(): void;
  stop(): void;
  /** The mode or the clinic's time zone changed: plan the next set time again. */
  replan(): void;
  /** The server is reachable again after being offline or refusing the password. */
  onReconnect(): void;
  /** The next set time, or null when the workstation syncs live. */
  nextAt(): Date | null;
  /** A set time passed while the server could not be reached; it is made up on reconnect. */
  owed(): boolean;
};

/**
 * Decides when main asks the renderer to sync. Live: on every reconnect (and RxDB's own live
 * replication in between). Scheduled: at each set time in the clinic's time zone; a set time
 * that passes while the server is unreachable is made up as soon as it answers again, once.
 */
export function createSyncSchedule(deps: SyncScheduleDeps): SyncSchedule {
  const setTimer =
    deps.setTimer ??
    ((callback: () => void, ms: number) => {
      const handle = setInterval(callback, ms);
      handle.unref();
      return handle;
    });
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>));
  let timer: unknown = null;
  let next: Date | null = null;
  let owed = false;

  const plan = () => {
    const mode = deps.mode();
    next = mode.kind === 'scheduled' ? nextScheduledSync(mode.times, deps.now(), deps.timeZone()) : null;
    if (mode.kind === 'live') owed = false;
  };

  const tick = () => {
    if (!next || deps.now().getTime() < next.getTime()) return;
    if (deps.isOnline()) {
      owed = false;
      deps.trigger('schedule');
    } else {
      owed = true;
    }
    plan();
  };

  return {
    start() {
      if (timer !== null) return;
      plan();
      timer = setTimer(tick, deps.tickMs ?? 15_000);
    },
    stop() {
      if (timer === null) return;
      clearTimer(timer);
      timer = null;
    },
    replan: plan,
    onReconnect() {
      if (deps.mode().kind === 'live') {
        deps.trigger('reconnect');
      } else if (owed) {
        owed = false;
        deps.trigger('schedule');
      }
    },
    nextAt: () => next,
    owed: () => owed,
  };
}
