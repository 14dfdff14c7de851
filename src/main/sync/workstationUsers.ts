import { randomBytes } from 'node:crypto';
import { SetupError, ensureDatabase, getDocOrNull, statusOf, type CouchRequester } from './couchRequester';
import { checkRole } from './couchSetup';

/*
 * One CouchDB user per workstation, with the clinic's role and nothing more: a workstation never
 * signs in as the server admin, and one workstation's password can be replaced (or its account
 * locked out by CouchDB after failed logins) without touching the others.
 */

export const USERS_DB = '_users';

/** The `_users` document id CouchDB requires for a user name. */
export function userDocId(name: string): string {
  return `org.couchdb.user:${name}`;
}

/**
 * Names a person can read off a list and type into Settings without doubt. CouchDB itself refuses
 * names starting with `_`, and a `:` would break the user name and password of Basic auth.
 */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a workstation user name, with a message that says what a name may hold. */
export function checkWorkstationName(name: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new SetupError(
      `"${name}" cannot name a workstation user: use 1 to 64 letters, digits, ".", "-" and "_", starting with a letter or digit.`,
    );
  }
  return name;
}

/** 32 characters without the look-alikes 0/o and 1/l, so that a byte modulo 32 picks one evenly. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const PASSWORD_LENGTH = 20;

/**
 * A new workstation password: 20 characters chosen uniformly from 32 (100 bits), in groups of four
 * (`k7mf-2xqa-…`) because a person reads it off the screen and types it into that workstation.
 */
export function generatePassword(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(PASSWORD_LENGTH);
  if (bytes.length < PASSWORD_LENGTH) throw new Error('The random source gave too few bytes');
  const chars = Array.from(bytes.subarray(0, PASSWORD_LENGTH), (byte) => PASSWORD_ALPHABET.charAt(byte % 32));
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += 4) groups.push(chars.slice(i, i + 4).join(''));
  return groups.join('-');
}

/**
 * The names of the server's admins. CouchDB 3.x lists them under `/_node/_local/_config/admins`;
 * CouchDB 1.x and express-pouchdb under `/_config/admins`. A server that answers neither cannot
 * say whether a name is an admin's, so no user is made on it.
 */
export async function serverAdminNames(server: CouchRequester): Promise<string[]> {
  for (const path of ['_node/_local/_config/admins', '_config/admins']) {
    let admins: unknown;
    try {
      admins = await server.request({ path });
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 400) continue;
      throw err;
    }
    if (admins !== null && typeof admins === 'object' && !Array.isArray(admins)) return Object.keys(admins);
  }
  throw new SetupError(
    'the server does not list its admins (at /_node/_local/_config/admins or /_config/admins), so workstation users ' +
      'cannot be checked against them and none were made. Workstation users are for Apache CouchDB 3.x; ' +
      'the development sync-server checks no passwords.',
  );
}

export type WorkstationUserResult = {
  name: string;
  created: boolean;
  /** The role was missing from an existing user and has been added. */
  roleAdded: boolean;
  /** The new password (a new user, or `resetPassword`), to be shown once; nothing else keeps it. */
  password: string | null;
};

export type WorkstationUserOptions = {
  names: readonly string[];
  role: string;
  /** Give existing users a new password too (a new user always gets one). */
  resetPassword?: boolean;
  /** Where new passwords come from (tests pass a fixed one). */
  newPassword?: () => string;
};

/** What CouchDB derives from a password; dropped when a new one is set, so the server derives it again. */
const PASSWORD_FIELDS = ['password', 'password_scheme', 'derived_key', 'salt', 'iterations', 'pbkdf2_prf', 'password_sha'];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Makes sure each named workstation has a CouchDB user with the clinic's role: a new user gets a
 * new password; an existing one keeps its password (unless `resetPassword`) and gets the role if it
 * lacks it. Names are all checked before anything is written, and a name that belongs to a server
 * admin, or to a `_users` record that is not a plain user, stops the run: setup never creates or
 * changes an admin. Running it again changes nothing that is already right.
 */
export async function setupWorkstationUsers(server: CouchRequester, options: WorkstationUserOptions): Promise<WorkstationUserResult[]> {
  const role = checkRole(options.role);
  const newPassword = options.newPassword ?? (() => generatePassword());
  const seen = new Set<string>();
  for (const name of options.names) {
    checkWorkstationName(name);
    if (seen.has(name)) throw new SetupError(`the workstation "${name}" is named twice.`);
    seen.add(name);
  }
  if (seen.size === 0) return [];

  const admins = new Set(await serverAdminNames(server));
  for (const name of seen) {
    if (admins.has(name)) {
      throw new SetupError(
        `"${name}" is a server admin of this server. A workstation must never sign in as an admin, so setup neither creates nor changes that account; choose another name.`,
      );
    }
  }

  await ensureDatabase(server, USERS_DB);
  const existing = new Map<string, Record<string, unknown> | null>();
  for (const name of seen) {
    const doc = await getDocOrNull(server, USERS_DB, userDocId(name));
    if (doc && (doc.type !== 'user' || doc.name !== name || stringList(doc.roles).some((r) => r.startsWith('_')))) {
      throw new SetupError(`the _users record of "${name}" is not a plain CouchDB user; setup leaves it alone. Choose another name.`);
    }
    existing.set(name, doc);
  }

  const results: WorkstationUserResult[] = [];
  for (const name of seen) {
    const doc = existing.get(name) ?? null;
    if (!doc) {
      const password = newPassword();
      await server.request({
        db: USERS_DB,
        doc: userDocId(name),
        method: 'PUT',
        body: { _id: userDocId(name), name, type: 'user', roles: [role], password },
      });
      results.push({ name, created: true, roleAdded: false, password });
      continue;
    }
    const roles = stringList(doc.roles);
    const roleAdded = !roles.includes(role);
    const password = options.resetPassword ? newPassword() : null;
    if (roleAdded || password) {
      const body: Record<string, unknown> = { ...doc, roles: roleAdded ? [...roles, role] : roles };
      if (password) {
        for (const field of PASSWORD_FIELDS) delete body[field];
        body.password = password;
      }
      await server.request({ db: USERS_DB, doc: userDocId(name), method: 'PUT', body });
    }
    results.push({ name, created: false, roleAdded, password });
  }
  return results;
}
