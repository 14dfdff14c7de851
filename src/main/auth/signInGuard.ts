import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dateInZone, InstantSchema } from '../../shared/domain/time';
import { writeFileAtomic } from '../fs/atomicFile';

/** Failures in a row that cost nothing: typos happen. */
const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;
/*
 * A streak with no new failure for this long is forgotten, so names mistyped once do not pile up
 * in the file forever. An attacker gains nothing from it: waiting out the longest delays already
 * allows far more guesses per day than three free ones.
 */
const STREAK_FORGOTTEN_AFTER_MS = 24 * 60 * 60_000;

/*
 * Lists rather than objects keyed by name: a name is whatever someone typed, and typed keys such
 * as `__proto__` must not reach an object's prototype.
 */
const StoredGuardSchema = z.object({
  version: z.literal(1),
  failures: z.array(
    z.object({ username: z.string().min(1).max(200), count: z.number().int().min(1), lastFailureAt: InstantSchema }),
  ),
  passwordSignIns: z.array(z.object({ staffId: z.string().min(1).max(200), at: InstantSchema })),
});
type StoredGuard = z.infer<typeof StoredGuardSchema>;

interface Streak {
  count: number;
  lastFailureAt: number;
}

export interface SignInGuardLogger {
  error(message: string, detail?: unknown): void;
}

export interface SignInGuardDeps {
  now: () => Date;
  /** The clinic's time zone, read at each use so a change in Settings applies at once. */
  timeZone: () => string;
  /** Where to keep the state across restarts; without it the state lives in memory only. */
  file?: string;
  logger?: SignInGuardLogger;
}

export interface SignInCheck {
  allowed: boolean;
  /** How long until the next try is allowed; 0 when allowed. */
  retryAfterMs: number;
}

export interface SignInGuard {
  /** Whether a sign-in under this name may be tried now. */
  check(username: string): SignInCheck;
  /** Counts a failed sign-in; resolves once the count is saved (when there is a file). */
  recordFailure(username: string): Promise<void>;
  /** Ends the streak of failures of this name. */
  recordSuccess(username: string): Promise<void>;
  /** Remembers that this person signed in with their password on this workstation now. */
  notePasswordSignIn(staffId: string): Promise<void>;
  /** Whether this person signed in with their password here earlier on the clinic's current date. */
  mayUsePin(staffId: string): boolean;
}

/**
 * Limits sign-in attempts per typed user name on this workstation, and tracks who may use a PIN
 * today. After three free failures in a row each further failure makes the next try wait 5 s,
 * 10 s, 20 s, … up to 5 minutes; a success ends the streak.
 *
 * With `file`, the state is saved after each change and read back at start, so restarting the app
 * does not reset the delays. It is read synchronously here because the guard must be ready before
 * the first sign-in, and the file is small.
 */
export function createSignInGuard(deps: SignInGuardDeps): SignInGuard {
  const logger = deps.logger ?? console;
  const streaks = new Map<string, Streak>();
  const passwordSignIns = new Map<string, number>();
  if (deps.file) load(deps.file, logger, streaks, passwordSignIns);

  let queue: Promise<void> = Promise.resolve();

  const key = (username: string) => username.trim().toLowerCase();
  const now = () => deps.now().getTime();

  /** The streak of a name, unless it has been quiet long enough to be forgotten. */
  function streakOf(name: string, at: number): Streak | undefined {
    const streak = streaks.get(name);
    if (streak && at - streak.lastFailureAt >= STREAK_FORGOTTEN_AFTER_MS) {
      streaks.delete(name);
      return undefined;
    }
    return streak;
  }

  /*
   * Each save writes the whole current state, in order, so the file always ends with the latest.
   * A save that fails is logged and does not fail the sign-in: the limits still hold in memory
   * until the app restarts, and a full or read-only disk must not lock the front desk out.
   */
  function save(): Promise<void> {
    const file = deps.file;
    if (!file) return Promise.resolve();
    const run = queue.then(async () => {
      try {
        await writeFileAtomic(file, JSON.stringify(snapshot(now())));
      } catch (error) {
        logger.error(`Could not save sign-in attempts to ${file}`, error);
      }
    });
    queue = run;
    return run;
  }

  function snapshot(at: number): StoredGuard {
    const today = dateInZone(new Date(at), deps.timeZone());
    const failures: StoredGuard['failures'] = [];
    for (const [username] of streaks) {
      const streak = streakOf(username, at);
      if (streak) failures.push({ username, count: streak.count, lastFailureAt: new Date(streak.lastFailureAt).toISOString() });
    }
    const signIns: StoredGuard['passwordSignIns'] = [];
    for (const [staffId, signedInAt] of passwordSignIns) {
      // Only today's sign-ins can allow a PIN; older ones would only grow the file.
      if (dateInZone(new Date(signedInAt), deps.timeZone()) === today) {
        signIns.push({ staffId, at: new Date(signedInAt).toISOString() });
      }
    }
    return { version: 1, failures, passwordSignIns: signIns };
  }

  return {
    check(username) {
      const at = now();
      const streak = streakOf(key(username), at);
      if (!streak || streak.count <= FREE_FAILURES) return { allowed: true, retryAfterMs: 0 };
      const delay = delayAfter(streak.count);
      // Capped at the delay itself: a clock set back must not stretch the wait.
      const retryAfterMs = Math.min(delay, Math.max(0, streak.lastFailureAt + delay - at));
      return { allowed: retryAfterMs === 0, retryAfterMs };
    },
    recordFailure(username) {
      const name = key(username);
      const at = now();
      const count = (streakOf(name, at)?.count ?? 0) + 1;
      streaks.set(name, { count, lastFailureAt: at });
      return save();
    },
    recordSuccess(username) {
      if (!streaks.delete(key(username))) return Promise.resolve();
      return save();
    },
    notePasswordSignIn(staffId) {
      passwordSignIns.set(staffId, now());
      return save();
    },
    mayUsePin(staffId) {
      const signedInAt = passwordSignIns.get(staffId);
      if (signedInAt === undefined) return false;
      const zone = deps.timeZone();
      return dateInZone(new Date(signedInAt), zone) === dateInZone(deps.now(), zone);
    },
  };
}

/** The wait imposed by the `count`-th failure in a row: 5 s for the fourth, doubling, at most 5 minutes. */
function delayAfter(count: number): number {
  const extra = count - FREE_FAILURES - 1;
  if (extra < 0) return 0;
  // The cap is reached at the tenth failure; bounding the exponent keeps huge counts finite.
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(extra, 16));
}

/*
 * A missing file is a first start. A damaged one (bad JSON, unknown shape) is logged and ignored:
 * the alternative, refusing every sign-in until someone repairs a file, would stop the front desk,
 * while the cost is only that pending delays restart, and damaging the file takes access to this
 * machine's disk that would allow far worse. The next change overwrites it with a valid one.
 */
function load(file: string, logger: SignInGuardLogger, streaks: Map<string, Streak>, signIns: Map<string, number>): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.error(`Could not read sign-in attempts from ${file}; starting with none`, error);
    }
    return;
  }
  let stored: StoredGuard;
  try {
    stored = StoredGuardSchema.parse(JSON.parse(text));
  } catch (error) {
    logger.error(`The sign-in attempts file ${file} is damaged; starting with none`, error);
    return;
  }
  for (const f of stored.failures) {
    const name = f.username.trim().toLowerCase();
    streaks.set(name, { count: f.count, lastFailureAt: Date.parse(f.lastFailureAt) });
  }
  for (const s of stored.passwordSignIns) signIns.set(s.staffId, Date.parse(s.at));
}
