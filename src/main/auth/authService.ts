import type { z } from 'zod';
import { can, PERMISSION_LABEL, type Permission, type Role } from '../../shared/auth/permissions';
import type { NewSecretSchema, VerifySecretRequestSchema, VerifySecretResponse } from '../../shared/auth/channels';
import { AppError } from '../../shared/ipc/envelope';
import { dummyHash, hashSecret, verifySecret } from './secretHash';
import type { SignInGuard } from './signInGuard';

export type NewSecret = z.infer<typeof NewSecretSchema>;
export type VerifySecretRequest = z.output<typeof VerifySecretRequestSchema>;

/** Who main believes is signed in, for the permission checks of its own services. */
export interface Session {
  staffId: string;
  roles: Role[];
}

export interface AuthServiceDeps {
  guard: SignInGuard;
  hash?: typeof hashSecret;
  verify?: typeof verifySecret;
  /** The hash checked when there is none to check, so refusals take the same time. */
  dummyHash?: () => Promise<string>;
}

export interface AuthService {
  /** Hashes a new password or PIN for the renderer to store in the staff record. */
  hashSecret(req: NewSecret): Promise<{ hash: string }>;
  /** Checks a password or PIN, applying the sign-in limits; on success it becomes the session. */
  verify(req: VerifySecretRequest): Promise<VerifySecretResponse>;
  /** Forgets who is signed in. */
  signOut(): void;
  /** Who is signed in, or `null`. */
  current(): Session | null;
  /** Throws a FORBIDDEN AppError unless the person signed in may do this. */
  require(permission: Permission): void;
}

const WRONG: Record<VerifySecretRequest['kind'], string> = {
  password: 'Wrong user name or password.',
  pin: 'Wrong PIN.',
};

/**
 * Sign-in for main: verifies secrets against the hashes of the synced staff records, limits failed
 * attempts through the guard, and remembers the signed-in person so main's services can check
 * permissions where the action happens.
 */
export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { guard } = deps;
  const hash = deps.hash ?? hashSecret;
  const verify = deps.verify ?? verifySecret;
  const dummy = deps.dummyHash ?? dummyHash;
  let session: Session | null = null;
  /** A manager's approval of one action for the person signed in, used up by `require`. */
  let grant: { permission: Permission; forStaffId: string } | null = null;

  /*
   * Attempts run one at a time. Otherwise a burst of guesses sent together would all pass the
   * guard's check before the first failure was counted, and the limit would not hold. It also
   * keeps two 32 MiB key derivations from competing on a small PC.
   */
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function attempt(req: VerifySecretRequest): Promise<VerifySecretResponse> {
    const check = guard.check(req.username);
    if (!check.allowed) {
      return { ok: false, retryAfterMs: check.retryAfterMs, message: `Too many failed attempts. Try again in ${describeWait(check.retryAfterMs)}.` };
    }
    if (req.kind === 'pin' && !guard.mayUsePin(req.staffId)) {
      // Not a failure: nothing was guessed, and the person only needs their password.
      return { ok: false, retryAfterMs: 0, message: 'Sign in with your password first today; the PIN works after that.' };
    }
    let matches: boolean;
    if (req.hash === null) {
      // An unknown name or a missing PIN costs the same time as a wrong secret and counts the same.
      await verify(req.secret, await dummy());
      matches = false;
    } else {
      matches = await verify(req.secret, req.hash);
    }
    if (!matches) {
      await guard.recordFailure(req.username);
      return { ok: false, retryAfterMs: 0, message: WRONG[req.kind] };
    }
    await guard.recordSuccess(req.username);
    if (req.purpose === 'approve') {
      if (!req.permission || !can(req.roles, req.permission)) {
        return { ok: false, retryAfterMs: 0, message: 'That person may not approve this action.' };
      }
      if (!session) return { ok: false, retryAfterMs: 0, message: 'Nobody is signed in to approve this for.' };
      grant = { permission: req.permission, forStaffId: session.staffId };
      return { ok: true, retryAfterMs: 0, message: 'Approved.' };
    }
    if (req.kind === 'password') await guard.notePasswordSignIn(req.staffId);
    if (session?.staffId !== req.staffId) grant = null;
    session = { staffId: req.staffId, roles: [...req.roles] };
    return { ok: true, retryAfterMs: 0, message: 'Signed in.' };
  }

  return {
    async hashSecret(req) {
      return { hash: await hash(req.secret) };
    },
    // A failed attempt leaves the current session alone: a mistyped manager override must not sign
    // out the person at the desk. Switching user goes through signOut.
    verify(req) {
      return serialized(() => attempt(req));
    },
    signOut() {
      session = null;
      grant = null;
    },
    current() {
      return session ? { staffId: session.staffId, roles: [...session.roles] } : null;
    },
    require(permission) {
      const action = PERMISSION_LABEL[permission];
      if (!session) throw new AppError('FORBIDDEN', `Sign in to ${action}.`);
      if (can(session.roles, permission)) return;
      if (grant && grant.permission === permission && grant.forStaffId === session.staffId) {
        grant = null;
        return;
      }
      throw new AppError('FORBIDDEN', `Your role does not allow you to ${action}.`);
    },
  };
}

/** `20 seconds`, `1 minute`, `2 minutes 30 seconds`: whole seconds, rounded up. */
function describeWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return unit(seconds, 'second');
  return seconds === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}
