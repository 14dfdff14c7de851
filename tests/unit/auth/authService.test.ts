import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthService, type VerifySecretRequest } from '../../../src/main/auth/authService';
import { createSignInGuard, type SignInGuard } from '../../../src/main/auth/signInGuard';

const SECOND = 1000;

let clock: number;
let guard: SignInGuard;
// Fast stand-ins for the KDF: a "hash" is the secret with a prefix.
const hash = vi.fn(async (secret: string) => `fake$${secret}`);
const verify = vi.fn(async (secret: string, encoded: string) => encoded === `fake$${secret}`);
const dummyHash = vi.fn(async () => 'fake$dummy-nobody-knows');

const service = () => createAuthService({ guard, hash, verify, dummyHash });
const advance = (ms: number) => {
  clock += ms;
};

const jane = (over: Partial<VerifySecretRequest> = {}): VerifySecretRequest => ({
  staffId: 'staff-jane',
  username: 'jdoe',
  kind: 'password',
  secret: 'correct horse battery',
  hash: 'fake$correct horse battery',
  roles: ['front-desk'],
  purpose: 'sign-in',
  ...over,
});
const janePin = (over: Partial<VerifySecretRequest> = {}) => jane({ kind: 'pin', secret: '4321', hash: 'fake$4321', ...over });
const wrong = (over: Partial<VerifySecretRequest> = {}) => jane({ secret: 'wrong guess 99', ...over });

beforeEach(() => {
  clock = Date.parse('2026-11-23T15:00:00.000Z');
  guard = createSignInGuard({ now: () => new Date(clock), timeZone: () => 'America/Chicago' });
  hash.mockClear();
  verify.mockClear();
  dummyHash.mockClear();
});

describe('signing in with a password', () => {
  it('signs in with the right password and remembers who is signed in', async () => {
    const auth = service();
    expect(auth.current()).toBeNull();
    expect(await auth.verify(jane())).toMatchObject({ ok: true, retryAfterMs: 0 });
    expect(auth.current()).toEqual({ staffId: 'staff-jane', roles: ['front-desk'] });
  });

  it('refuses a wrong password, signs nobody in, and counts the failure', async () => {
    const auth = service();
    expect(await auth.verify(wrong())).toEqual({ ok: false, retryAfterMs: 0, message: 'Wrong user name or password.' });
    expect(auth.current()).toBeNull();
    for (let i = 0; i < 3; i++) await auth.verify(wrong());
    expect(guard.check('jdoe')).toEqual({ allowed: false, retryAfterMs: 5 * SECOND });
  });

  it('refuses while locked out without running the KDF, and says how long to wait', async () => {
    const auth = service();
    for (let i = 0; i < 6; i++) {
      await auth.verify(wrong());
      advance(guard.check('jdoe').retryAfterMs);
    }
    advance(-20 * SECOND);
    verify.mockClear();
    expect(await auth.verify(jane())).toEqual({
      ok: false,
      retryAfterMs: 20 * SECOND,
      message: 'Too many failed attempts. Try again in 20 seconds.',
    });
    expect(verify).not.toHaveBeenCalled();
    expect(auth.current()).toBeNull();
    advance(20 * SECOND);
    expect(await auth.verify(jane())).toMatchObject({ ok: true });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it.each([
    [8, 'Try again in 1 minute 20 seconds.'],
    [10, 'Try again in 5 minutes.'],
  ])('after %i failures says "%s"', async (failures, text) => {
    const auth = service();
    for (let i = 0; i < failures; i++) {
      await auth.verify(wrong());
      if (i < failures - 1) advance(guard.check('jdoe').retryAfterMs);
    }
    expect((await auth.verify(jane())).message).toBe(`Too many failed attempts. ${text}`);
  });

  it('holds the limit against a burst of guesses sent at once', async () => {
    const auth = service();
    const answers = await Promise.all(Array.from({ length: 8 }, () => auth.verify(wrong())));
    expect(verify).toHaveBeenCalledTimes(4);
    expect(answers.filter((a) => a.retryAfterMs > 0)).toHaveLength(4);
  });

  it('limits by the typed name whether or not the person exists', async () => {
    const auth = service();
    for (let i = 0; i < 4; i++) await auth.verify(jane({ username: 'nobody', hash: null }));
    expect(guard.check('nobody').allowed).toBe(false);
  });

  it('checks an unknown name against the dummy hash and answers as for a wrong password', async () => {
    const auth = service();
    const answer = await auth.verify(jane({ username: 'nobody', staffId: 'unknown', hash: null }));
    expect(answer).toEqual({ ok: false, retryAfterMs: 0, message: 'Wrong user name or password.' });
    expect(dummyHash).toHaveBeenCalled();
    expect(verify).toHaveBeenCalledWith('correct horse battery', 'fake$dummy-nobody-knows');
    expect(auth.current()).toBeNull();
  });

  it('never signs in with a null hash, even if the dummy would match', async () => {
    const auth = service();
    verify.mockResolvedValueOnce(true);
    expect(await auth.verify(jane({ hash: null }))).toMatchObject({ ok: false });
    expect(auth.current()).toBeNull();
  });

  it('ends the streak of failures on success', async () => {
    const auth = service();
    for (let i = 0; i < 3; i++) await auth.verify(wrong());
    await auth.verify(jane());
    await auth.verify(wrong());
    expect(guard.check('jdoe').allowed).toBe(true);
  });

  it('keeps the session when a later attempt fails', async () => {
    const auth = service();
    await auth.verify(jane());
    await auth.verify(wrong({ username: 'manager', staffId: 'staff-mo' }));
    expect(auth.current()?.staffId).toBe('staff-jane');
  });
});

describe('signing in with a PIN', () => {
  it('refuses a PIN before a password sign-in today, without counting a failure', async () => {
    const auth = service();
    for (let i = 0; i < 5; i++) {
      expect(await auth.verify(janePin())).toEqual({
        ok: false,
        retryAfterMs: 0,
        message: 'Sign in with your password first today; the PIN works after that.',
      });
    }
    expect(verify).not.toHaveBeenCalled();
    expect(guard.check('jdoe').allowed).toBe(true);
    expect(auth.current()).toBeNull();
  });

  it('accepts the PIN after a password sign-in the same day', async () => {
    const auth = service();
    await auth.verify(jane());
    auth.signOut();
    expect(await auth.verify(janePin())).toMatchObject({ ok: true });
    expect(auth.current()).toEqual({ staffId: 'staff-jane', roles: ['front-desk'] });
  });

  it('says "Wrong PIN." for a wrong PIN, and uses the dummy hash when no PIN is set', async () => {
    const auth = service();
    await auth.verify(jane());
    expect(await auth.verify(janePin({ secret: '0000' }))).toMatchObject({ ok: false, message: 'Wrong PIN.' });
    expect(await auth.verify(janePin({ hash: null }))).toMatchObject({ ok: false, message: 'Wrong PIN.' });
    expect(verify).toHaveBeenLastCalledWith('4321', 'fake$dummy-nobody-knows');
  });

  it('does not let a PIN sign-in make the PIN valid for another day', async () => {
    const auth = service();
    await auth.verify(jane());
    advance(2 * 60 * 60 * SECOND);
    await auth.verify(janePin());
    advance(24 * 60 * 60 * SECOND);
    expect(await auth.verify(janePin())).toMatchObject({ ok: false, message: expect.stringContaining('password first') });
  });
});

describe('permissions of the signed-in person', () => {
  it('refuses everything when nobody is signed in', () => {
    const auth = service();
    expect(() => auth.require('patient.view')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'Sign in to view patient records.' }));
  });

  it("refuses the clinic's settings to the front desk and allows them to an administrator", async () => {
    const auth = service();
    await auth.verify(jane());
    expect(() => auth.require('payment.take')).not.toThrow();
    expect(() => auth.require('settings.clinic')).toThrow(
      expect.objectContaining({ name: 'AppError', code: 'FORBIDDEN', message: "Your role does not allow you to change the clinic's settings." }),
    );
    await auth.verify(jane({ staffId: 'staff-ann', username: 'ann', roles: ['front-desk', 'administrator'] }));
    expect(() => auth.require('settings.clinic')).not.toThrow();
  });

  it('signs out', async () => {
    const auth = service();
    await auth.verify(jane({ roles: ['administrator'] }));
    auth.signOut();
    expect(auth.current()).toBeNull();
    expect(() => auth.require('settings.clinic')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('hands out a copy of the session that cannot widen its roles', async () => {
    const auth = service();
    await auth.verify(jane());
    auth.current()?.roles.push('administrator');
    expect(() => auth.require('settings.clinic')).toThrow();
  });
});

describe('with the real KDF', () => {
  it('hashes a new password and signs in with it', async () => {
    const auth = createAuthService({ guard });
    const { hash: stored } = await auth.hashSecret({ kind: 'password', secret: 'correct horse battery' });
    expect(stored).toMatch(/^scrypt\$/);
    expect(await auth.verify(jane({ hash: stored }))).toMatchObject({ ok: true });
  });

  it('approves for a manager without changing who is signed in', async () => {
    const auth = service();
    await auth.verify(jane());
    expect(() => auth.require('audit.read')).toThrow();
    const approval = await auth.verify(jane({ staffId: 'staff-mgr', username: 'morgan', roles: ['manager'], purpose: 'approve', permission: 'audit.read' }));
    expect(approval).toMatchObject({ ok: true });
    expect(auth.current()).toEqual({ staffId: 'staff-jane', roles: ['front-desk'] });
    // The approval allows the one action once.
    expect(() => auth.require('audit.read')).not.toThrow();
    expect(() => auth.require('audit.read')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('does not carry an approval over to the next person who signs in', async () => {
    const auth = service();
    await auth.verify(jane());
    await auth.verify(jane({ staffId: 'staff-mgr', username: 'morgan', roles: ['manager'], purpose: 'approve', permission: 'audit.read' }));
    await auth.verify(jane({ staffId: 'staff-other', username: 'other' }));
    expect(() => auth.require('audit.read')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses an approval from someone whose roles do not allow the action', async () => {
    const auth = service();
    await auth.verify(jane());
    const approval = await auth.verify(jane({ staffId: 'staff-2', username: 'sam', roles: ['billing'], purpose: 'approve', permission: 'audit.read' }));
    expect(approval).toMatchObject({ ok: false, message: 'That person may not approve this action.' });
    expect(() => auth.require('audit.read')).toThrow();
  });
});
