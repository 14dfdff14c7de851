import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createSignInGuard, type SignInGuardDeps } from '../../../src/main/auth/signInGuard';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

let clock: number;
let zone: string;
let dir: string;
let logger: { error: Mock<(message: string, detail?: unknown) => void> };

const guardWith = (extra: Partial<SignInGuardDeps> = {}) =>
  createSignInGuard({ now: () => new Date(clock), timeZone: () => zone, logger, ...extra });
const advance = (ms: number) => {
  clock += ms;
};

beforeEach(async () => {
  clock = Date.parse('2026-11-23T15:00:00.000Z');
  zone = 'America/Chicago';
  dir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-guard-'));
  logger = { error: vi.fn<(message: string, detail?: unknown) => void>() };
});

describe('growing delays after failed sign-ins', () => {
  // The n-th failure in a row, and the wait it imposes before the next try.
  const table: Array<[number, number]> = [
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 5 * SECOND],
    [5, 10 * SECOND],
    [6, 20 * SECOND],
    [7, 40 * SECOND],
    [8, 80 * SECOND],
    [9, 160 * SECOND],
    [10, 5 * MINUTE],
    [11, 5 * MINUTE],
    [20, 5 * MINUTE],
  ];

  it('lets the first three failures pass, then doubles from 5 s up to 5 minutes', async () => {
    const guard = guardWith();
    let failures = 0;
    for (const [nth, wait] of table) {
      while (failures < nth) {
        expect(guard.check('jdoe').allowed).toBe(true);
        await guard.recordFailure('jdoe');
        failures++;
        if (failures < nth) advance(guard.check('jdoe').retryAfterMs);
      }
      expect(guard.check('jdoe'), `after failure ${nth}`).toEqual({ allowed: wait === 0, retryAfterMs: wait });
      if (wait > 0) {
        advance(wait - 1);
        expect(guard.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 1 });
        advance(1);
        expect(guard.check('jdoe')).toEqual({ allowed: true, retryAfterMs: 0 });
      }
    }
  });

  it('ends the streak on success', async () => {
    const guard = guardWith();
    for (let i = 0; i < 5; i++) await guard.recordFailure('jdoe');
    expect(guard.check('jdoe').allowed).toBe(false);
    await guard.recordSuccess('jdoe');
    expect(guard.check('jdoe')).toEqual({ allowed: true, retryAfterMs: 0 });
    for (let i = 0; i < 3; i++) await guard.recordFailure('jdoe');
    expect(guard.check('jdoe').allowed).toBe(true);
  });

  it('counts a name the same whatever its case or surrounding spaces', async () => {
    const guard = guardWith();
    await guard.recordFailure('JDoe');
    await guard.recordFailure('jdoe');
    await guard.recordFailure(' JDOE ');
    await guard.recordFailure('jDOE');
    expect(guard.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 5 * SECOND });
    expect(guard.check('JDOE').allowed).toBe(false);
    await guard.recordSuccess('JDOE');
    expect(guard.check('jdoe').allowed).toBe(true);
  });

  it('keeps names apart, including names that look like object keys', async () => {
    const guard = guardWith();
    for (let i = 0; i < 4; i++) await guard.recordFailure('__proto__');
    expect(guard.check('__proto__').allowed).toBe(false);
    expect(guard.check('jdoe').allowed).toBe(true);
    expect(guard.check('constructor').allowed).toBe(true);
  });

  it('does not stretch the wait when the clock is set back', async () => {
    const guard = guardWith();
    for (let i = 0; i < 4; i++) await guard.recordFailure('jdoe');
    advance(-2 * 60 * MINUTE);
    expect(guard.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 5 * SECOND });
  });

  it('forgets a streak after a day without failures', async () => {
    const guard = guardWith();
    for (let i = 0; i < 9; i++) await guard.recordFailure('jdoe');
    advance(24 * 60 * MINUTE);
    expect(guard.check('jdoe')).toEqual({ allowed: true, retryAfterMs: 0 });
    await guard.recordFailure('jdoe');
    expect(guard.check('jdoe').allowed).toBe(true);
  });
});

describe('PIN eligibility', () => {
  it('allows a PIN only after a password sign-in by the same person', async () => {
    const guard = guardWith();
    expect(guard.mayUsePin('staff-1')).toBe(false);
    await guard.notePasswordSignIn('staff-1');
    expect(guard.mayUsePin('staff-1')).toBe(true);
    expect(guard.mayUsePin('staff-2')).toBe(false);
  });

  it("ends at the clinic's midnight, not UTC's", async () => {
    const guard = guardWith();
    clock = Date.parse('2026-11-24T05:50:00.000Z'); // 23:50 on 23 November in Chicago
    await guard.notePasswordSignIn('staff-1');
    clock = Date.parse('2026-11-24T06:05:00.000Z'); // 00:05 on 24 November in Chicago; same UTC date as before
    expect(guard.mayUsePin('staff-1')).toBe(false);
    await guard.notePasswordSignIn('staff-1');
    clock = Date.parse('2026-11-24T06:10:00.000Z'); // 00:10
    expect(guard.mayUsePin('staff-1')).toBe(true);
    clock = Date.parse('2026-11-25T05:59:00.000Z'); // 23:59 on 24 November
    expect(guard.mayUsePin('staff-1')).toBe(true);
  });

  it('allows a PIN at 23:55 after a password at 23:50 in Chicago', async () => {
    const guard = guardWith();
    clock = Date.parse('2026-11-24T05:50:00.000Z');
    await guard.notePasswordSignIn('staff-1');
    advance(5 * MINUTE);
    expect(guard.mayUsePin('staff-1')).toBe(true);
    advance(15 * MINUTE); // 00:10 the next day
    expect(guard.mayUsePin('staff-1')).toBe(false);
  });

  it('follows a change of the clinic time zone at once', async () => {
    const guard = guardWith();
    clock = Date.parse('2026-11-24T05:50:00.000Z'); // 23 Nov in Chicago, 24 Nov in UTC
    await guard.notePasswordSignIn('staff-1');
    clock = Date.parse('2026-11-24T06:10:00.000Z');
    expect(guard.mayUsePin('staff-1')).toBe(false);
    zone = 'UTC';
    expect(guard.mayUsePin('staff-1')).toBe(true);
  });
});

describe('keeping the state in a file', () => {
  const file = () => path.join(dir, 'auth', 'sign-in.json');

  it('keeps delays and PIN eligibility across a restart', async () => {
    const first = guardWith({ file: file() });
    for (let i = 0; i < 5; i++) await first.recordFailure('JDoe');
    await first.notePasswordSignIn('staff-1');
    advance(3 * SECOND);

    const second = guardWith({ file: file() });
    expect(second.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 7 * SECOND });
    expect(second.mayUsePin('staff-1')).toBe(true);
    await second.recordFailure('jdoe');
    expect(guardWith({ file: file() }).check('jdoe').retryAfterMs).toBe(20 * SECOND);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('forgets a success across a restart too', async () => {
    const first = guardWith({ file: file() });
    for (let i = 0; i < 5; i++) await first.recordFailure('jdoe');
    await first.recordSuccess('jdoe');
    expect(guardWith({ file: file() }).check('jdoe').allowed).toBe(true);
  });

  it("keeps only today's password sign-ins in the file", async () => {
    const guard = guardWith({ file: file() });
    await guard.notePasswordSignIn('staff-yesterday');
    advance(24 * 60 * MINUTE);
    await guard.notePasswordSignIn('staff-today');
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { passwordSignIns: Array<{ staffId: string }> };
    expect(stored.passwordSignIns.map((s) => s.staffId)).toEqual(['staff-today']);
  });

  it.each([
    ['not JSON', '{"version": 1, "failures": ['],
    ['another shape', JSON.stringify({ version: 2, failures: {} })],
    ['a bad count', JSON.stringify({ version: 1, failures: [{ username: 'jdoe', count: -1, lastFailureAt: '2026-11-23T15:00:00.000Z' }], passwordSignIns: [] })],
  ])('starts fresh, says so in the log, and repairs the file when it is %s', async (_name, text) => {
    await guardWith({ file: file() }).recordFailure('someone');
    await writeFile(file(), text);
    const guard = guardWith({ file: file() });
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('damaged'), expect.anything());
    expect(guard.check('jdoe')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(guard.mayUsePin('staff-1')).toBe(false);
    for (let i = 0; i < 4; i++) await guard.recordFailure('jdoe');
    expect(guardWith({ file: file() }).check('jdoe').allowed).toBe(false);
  });

  it('starts quietly when there is no file yet', () => {
    guardWith({ file: file() });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('still limits attempts in memory when the file cannot be written', async () => {
    await writeFile(path.join(dir, 'not-a-folder'), '');
    const guard = guardWith({ file: path.join(dir, 'not-a-folder', 'sign-in.json') });
    for (let i = 0; i < 4; i++) await guard.recordFailure('jdoe');
    expect(guard.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 5 * SECOND });
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Could not save'), expect.anything());
  });
});
