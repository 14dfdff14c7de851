import { describe, expect, it } from 'vitest';
import { SetupError } from '../../../src/main/sync/couchRequester';
import {
  USERS_DB,
  checkWorkstationName,
  generatePassword,
  serverAdminNames,
  setupWorkstationUsers,
  userDocId,
} from '../../../src/main/sync/workstationUsers';
import { fakeCouchRequester } from '../../support/fakeCouchRequester';

const ROLE = 'clinicdesk';

/** Passwords handed out in order, so a test knows which one each user got. */
function passwords(...list: string[]): () => string {
  let next = 0;
  return () => list[next++] ?? `extra-${next}`;
}

describe('workstation user names', () => {
  it.each(['front-1', 'front.desk_2', 'N2', 'a'])('accepts %s', (name) => {
    expect(checkWorkstationName(name)).toBe(name);
  });

  it.each([
    ['', 'empty'],
    ['_front', 'starts with _ (CouchDB reserves it)'],
    ['-front', 'starts with -'],
    ['front 1', 'a space'],
    ['front:1', 'a colon (it would split Basic auth)'],
    ['frönt', 'a letter outside ASCII'],
    ['x'.repeat(65), 'longer than 64'],
  ])('refuses %j (%s) with a message saying what a name may hold', (name) => {
    expect(() => checkWorkstationName(name)).toThrow(SetupError);
    expect(() => checkWorkstationName(name)).toThrow(/use 1 to 64 letters, digits, "\.", "-" and "_", starting with a letter or digit/);
  });
});

describe('generatePassword', () => {
  it('makes five groups of four from 32 unambiguous characters', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){4}$/);
    expect(generatePassword()).not.toBe(password);
  });

  it('maps every byte to one of the 32 characters evenly (a byte modulo 32)', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const picked = generatePassword(() => bytes).replaceAll('-', '');
    expect(picked).toBe(Array.from(bytes, (b) => 'abcdefghijkmnpqrstuvwxyz23456789'.charAt(b % 32)).join(''));
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    const counts = new Map<string, number>();
    for (let i = 0; i < 256; i += 20) {
      const slice = everyByte.subarray(i, i + 20);
      if (slice.length < 20) break;
      for (const c of generatePassword(() => slice).replaceAll('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
  });
});

describe('serverAdminNames', () => {
  it("reads CouchDB 3.x's list, or falls back to /_config/admins", async () => {
    expect(await serverAdminNames(fakeCouchRequester({ admins: ['admin', 'ops'] }).requester)).toEqual(['admin', 'ops']);
    const older = fakeCouchRequester({ admins: ['root'], adminsAt: '_config/admins' });
    expect(await serverAdminNames(older.requester)).toEqual(['root']);
    expect(older.calls).toEqual(['GET /_node/_local/_config/admins', 'GET /_config/admins']);
  });

  it('refuses to go on when the server lists no admins anywhere', async () => {
    await expect(serverAdminNames(fakeCouchRequester({ adminsAt: null }).requester)).rejects.toThrow(/does not list its admins/);
  });
});

describe('setupWorkstationUsers', () => {
  it('creates a user per workstation with only the role and a new password, shown once', async () => {
    const couch = fakeCouchRequester();
    const results = await setupWorkstationUsers(couch.requester, { names: ['front-1', 'front-2'], role: ROLE, newPassword: passwords('pw-one', 'pw-two') });
    expect(results).toEqual([
      { name: 'front-1', created: true, roleAdded: false, password: 'pw-one' },
      { name: 'front-2', created: true, roleAdded: false, password: 'pw-two' },
    ]);
    expect(couch.hasDb(USERS_DB)).toBe(true);
    expect(couch.doc(USERS_DB, userDocId('front-1'))).toEqual({
      _id: 'org.couchdb.user:front-1',
      _rev: '1-x',
      name: 'front-1',
      type: 'user',
      roles: [ROLE],
      password_scheme: 'pbkdf2',
      iterations: 600000,
      derived_key: 'key-of-pw-one',
      salt: 'salt-1',
    });
  });

  it('leaves an existing user with the role as it is, and keeps its password on every run', async () => {
    const couch = fakeCouchRequester();
    await setupWorkstationUsers(couch.requester, { names: ['front-1'], role: ROLE, newPassword: passwords('pw-one') });
    const before = couch.doc(USERS_DB, userDocId('front-1'));
    const writes = couch.writes().length;

    const again = await setupWorkstationUsers(couch.requester, { names: ['front-1'], role: ROLE, newPassword: passwords('pw-new') });
    expect(again).toEqual([{ name: 'front-1', created: false, roleAdded: false, password: null }]);
    expect(couch.doc(USERS_DB, userDocId('front-1'))).toEqual(before);
    // The only write is the attempt to create _users, which answers 412.
    expect(couch.writes().slice(writes)).toEqual(['PUT /_users']);
  });

  it('adds the role to an existing user without touching its password', async () => {
    const couch = fakeCouchRequester();
    couch.put(USERS_DB, userDocId('front-1'), {
      _rev: '3-x', name: 'front-1', type: 'user', roles: ['reports'], password_scheme: 'pbkdf2', iterations: 600000, derived_key: 'old-key', salt: 'old-salt',
    });
    const results = await setupWorkstationUsers(couch.requester, { names: ['front-1'], role: ROLE });
    expect(results).toEqual([{ name: 'front-1', created: false, roleAdded: true, password: null }]);
    expect(couch.doc(USERS_DB, userDocId('front-1'))).toMatchObject({ _rev: '4-x', roles: ['reports', ROLE], derived_key: 'old-key', salt: 'old-salt' });
  });

  it('gives an existing user a new password only with resetPassword, dropping the old hash', async () => {
    const couch = fakeCouchRequester();
    couch.put(USERS_DB, userDocId('front-1'), {
      _rev: '1-x', name: 'front-1', type: 'user', roles: [ROLE], password_scheme: 'pbkdf2', iterations: 10, derived_key: 'old-key', salt: 'old-salt', pbkdf2_prf: 'sha',
    });
    const results = await setupWorkstationUsers(couch.requester, { names: ['front-1'], role: ROLE, resetPassword: true, newPassword: passwords('pw-new') });
    expect(results).toEqual([{ name: 'front-1', created: false, roleAdded: false, password: 'pw-new' }]);
    const stored = couch.doc(USERS_DB, userDocId('front-1'));
    expect(stored).toMatchObject({ _rev: '2-x', roles: [ROLE], derived_key: 'key-of-pw-new', iterations: 600000 });
    expect(stored).not.toHaveProperty('pbkdf2_prf');
  });

  it('never creates or changes a server admin, and writes nothing when one is named', async () => {
    const couch = fakeCouchRequester({ admins: ['admin', 'front-9'] });
    const run = setupWorkstationUsers(couch.requester, { names: ['front-1', 'front-9'], role: ROLE });
    await expect(run).rejects.toThrow(SetupError);
    await expect(setupWorkstationUsers(couch.requester, { names: ['front-9'], role: ROLE })).rejects.toThrow(
      /"front-9" is a server admin of this server\. A workstation must never sign in as an admin/,
    );
    expect(couch.writes()).toEqual([]);
  });

  it('leaves alone a _users record that is not a plain user', async () => {
    const couch = fakeCouchRequester();
    couch.put(USERS_DB, userDocId('front-1'), { _rev: '1-x', name: 'front-1', type: 'group', roles: [] });
    await expect(setupWorkstationUsers(couch.requester, { names: ['front-1', 'front-2'], role: ROLE })).rejects.toThrow(/not a plain CouchDB user/);
    expect(couch.doc(USERS_DB, userDocId('front-2'))).toBeUndefined();
  });

  it('checks every name before writing anything', async () => {
    const couch = fakeCouchRequester();
    await expect(setupWorkstationUsers(couch.requester, { names: ['front-1', 'front 2'], role: ROLE })).rejects.toThrow(/"front 2" cannot name a workstation user/);
    await expect(setupWorkstationUsers(couch.requester, { names: ['front-1', 'front-1'], role: ROLE })).rejects.toThrow(/named twice/);
    await expect(setupWorkstationUsers(couch.requester, { names: ['front-1'], role: '_admin' })).rejects.toThrow(/not a usable role name/);
    expect(couch.calls).toEqual([]);
  });

  it('does nothing at all without names', async () => {
    const couch = fakeCouchRequester({ adminsAt: null });
    expect(await setupWorkstationUsers(couch.requester, { names: [], role: ROLE })).toEqual([]);
    expect(couch.calls).toEqual([]);
  });
});
