import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { DeskError, PermissionDenied } from '../../../src/renderer/data/workContext';
import { verifyStaff } from '../../../src/renderer/features/signin/public';
import type { Role } from '../../../src/shared/auth/permissions';
import { knownSites, whoWorksAtSite, worksAtSite, type Staff, type StaffAccess } from '../../../src/shared/auth/staff';
import { DanaFrontDesk, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk, testClient } from '../../support/desk';

const NOW = '2026-11-23T15:00:00.000Z';
/** The administrator at the desk in these tests. */
const AlexAdmin: Staff = { ...DanaFrontDesk, id: 'staff-1', username: 'alex', displayName: 'Alex Kim', initials: 'AK', roles: ['administrator'], siteIds: ['main'] };
const Dana: Staff = { ...DanaFrontDesk, siteIds: ['main'] };

let db: ClinicDatabase;
let roles: Role[];
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `sa${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['administrator'];
  await db.staff.bulkInsert([AlexAdmin, Dana]);
});
afterEach(async () => {
  await db.close();
});

const desk = () => openTestDesk(db, { actor: () => ({ id: AlexAdmin.id, name: AlexAdmin.displayName, roles }), now: () => new Date(NOW) });
const audit = async () => (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());
const stored = async (id: string) => (await db.staff.findOne(id).exec())?.toJSON();

describe('changing the roles and sites of a person', () => {
  it('saves the new roles and sites, stamped, and audits both before and after', async () => {
    const d = desk();
    const saved = await d.staff.setAccess(d.ctx, Dana.id, { roles: ['front-desk', 'billing'], siteIds: ['main', 'north'] });
    expect(saved).toMatchObject({ roles: ['front-desk', 'billing'], siteIds: ['main', 'north'], updatedAt: NOW, updatedBy: AlexAdmin.id, siteId: 'north' });
    expect(await stored(Dana.id)).toMatchObject({ roles: ['front-desk', 'billing'], siteIds: ['main', 'north'], createdAt: Dana.createdAt, updatedAt: NOW });
    expect(await audit()).toMatchObject([
      {
        action: 'change',
        actor: AlexAdmin.id,
        actorName: 'Alex Kim',
        subject: `staff/${Dana.id}`,
        detail: 'Changed the roles and sites of Dana Reyes',
        approvedBy: null,
        changes: [
          { field: 'roles', before: ['front-desk'], after: ['front-desk', 'billing'] },
          { field: 'siteIds', before: ['main'], after: ['main', 'north'] },
        ],
      },
    ]);
  });

  it('audits only what changed, and writes nothing when nothing changed', async () => {
    const d = desk();
    await d.staff.setAccess(d.ctx, Dana.id, { roles: ['front-desk'], siteIds: ['north', 'main'] });
    await d.staff.setAccess(d.ctx, Dana.id, { roles: ['front-desk'], siteIds: ['main', 'north'] });
    const entries = await audit();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ detail: 'Changed the sites of Dana Reyes', changes: [{ field: 'siteIds', before: ['main'], after: ['north', 'main'] }] });
  });

  it('counts a role or site given twice once', async () => {
    const d = desk();
    const saved = await d.staff.setAccess(d.ctx, Dana.id, { roles: ['billing', 'billing'], siteIds: [' north ', 'north'] });
    expect(saved).toMatchObject({ roles: ['billing'], siteIds: ['north'] });
  });

  it('lets the person then sign in at the new site, which they could not before', async () => {
    const d = desk();
    const client = testClient('N1', {
      'auth:verify': async () => ({ ok: true, retryAfterMs: 0, message: '' }),
      'auth:signOut': async () => ({}),
    });
    const signInAtNorth = () => verifyStaff({ client, staff: d.staff, log: d.log, siteId: () => 'north' }, 'dana', 'password', 'whatever she typed');
    await expect(signInAtNorth()).rejects.toThrow('Dana Reyes is not set up to work at site "north". An administrator can add the site to them on the Staff screen.');
    await d.staff.setAccess(d.ctx, Dana.id, { roles: ['front-desk'], siteIds: ['main', 'north'] });
    await expect(signInAtNorth()).resolves.toMatchObject({ id: Dana.id, siteIds: ['main', 'north'] });
  });

  it('records who approved the change when an administrator approved it for someone else', async () => {
    roles = ['manager'];
    const d = desk();
    d.ctx.grantOverride({ permission: 'staff.manage', managerId: 'staff-9', managerName: 'Robin Admin' });
    await d.staff.setAccess(d.ctx, Dana.id, { roles: ['front-desk'], siteIds: ['north'] });
    expect((await audit()).map((e) => [e.action, e.approvedBy])).toEqual([
      ['manager-override', 'staff-9'],
      ['change', 'staff-9'],
    ]);
  });
});

describe('what is refused, changing nothing', () => {
  it.each<[string, Role[]]>([
    ['front desk', ['front-desk']],
    ['billing', ['billing']],
    ['a manager', ['manager']],
  ])('refuses %s and audits the refusal', async (_who, actorRoles) => {
    roles = actorRoles;
    const d = desk();
    await expect(d.staff.setAccess(d.ctx, Dana.id, { roles: ['administrator'], siteIds: ['north'] })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await stored(Dana.id)).toEqual(Dana);
    expect(await audit()).toMatchObject([{ action: 'permission-refused', subject: `staff/${Dana.id}`, detail: 'Refused: manage staff', changes: [] }]);
  });

  it.each<[string, StaffAccess, RegExp]>([
    ['no role', { roles: [], siteIds: ['main'] }, /Give at least one role/],
    ['no site', { roles: ['front-desk'], siteIds: [] }, /Give at least one site/],
    ['a blank site', { roles: ['front-desk'], siteIds: ['  '] }, /siteIds/],
    ['a site id longer than 40 characters', { roles: ['front-desk'], siteIds: ['x'.repeat(41)] }, /siteIds/],
    ['a role that does not exist', { roles: ['owner' as Role], siteIds: ['main'] }, /roles/],
  ])('refuses %s with a message', async (_what, access, message) => {
    const d = desk();
    const attempt = d.staff.setAccess(d.ctx, Dana.id, access);
    await expect(attempt).rejects.toBeInstanceOf(DeskError);
    await expect(attempt).rejects.toThrow(message);
    expect(await stored(Dana.id)).toEqual(Dana);
    expect(await audit()).toEqual([]);
  });

  it('refuses someone not on file', async () => {
    const d = desk();
    await expect(d.staff.setAccess(d.ctx, 'nobody', { roles: ['front-desk'], siteIds: ['main'] })).rejects.toThrow('That person could not be found.');
  });
});

describe('the last active administrator', () => {
  it('keeps the administrator role, also when asking for it on oneself', async () => {
    const d = desk();
    const attempt = d.staff.setAccess(d.ctx, AlexAdmin.id, { roles: ['manager'], siteIds: ['main'] });
    await expect(attempt).rejects.toThrow('Alex Kim is the only active administrator. Give someone else the administrator role first, or nobody could manage staff.');
    expect(await stored(AlexAdmin.id)).toEqual(AlexAdmin);
    expect(await audit()).toEqual([]);
  });

  it('is still the last one when the other administrators are deactivated', async () => {
    await db.staff.insert({ ...AlexAdmin, id: 'staff-old', username: 'former', displayName: 'Former Admin', status: 'deactivated' });
    const d = desk();
    await expect(d.staff.setAccess(d.ctx, AlexAdmin.id, { roles: ['manager'], siteIds: ['main'] })).rejects.toThrow('only active administrator');
  });

  it('may change their sites', async () => {
    const d = desk();
    await expect(d.staff.setAccess(d.ctx, AlexAdmin.id, { roles: ['administrator'], siteIds: ['north'] })).resolves.toMatchObject({ siteIds: ['north'] });
  });

  it('may hand the role on: once another administrator is active, the first may give it up', async () => {
    const d = desk();
    await d.staff.setAccess(d.ctx, Dana.id, { roles: ['administrator'], siteIds: ['main'] });
    await expect(d.staff.setAccess(d.ctx, AlexAdmin.id, { roles: ['manager'], siteIds: ['main'] })).resolves.toMatchObject({ roles: ['manager'] });
  });
});

describe('who may sign in at a site', () => {
  it.each<[string, Role[], string[], boolean]>([
    ['one of their sites', ['front-desk'], ['main', 'north'], true],
    ['not one of their sites', ['front-desk', 'billing', 'manager'], ['main'], false],
    ['any site for an administrator', ['administrator'], ['main'], true],
    ['exactly the site id, not one like it', ['front-desk'], ['North'], false],
  ])('%s', (_case, personRoles, siteIds, expected) => {
    expect(worksAtSite({ roles: personRoles, siteIds }, 'north')).toBe(expected);
  });
});

describe('the sign-in list of a site', () => {
  const person = (displayName: string, personRoles: Role[], siteIds: string[], status: Staff['status'] = 'active') => ({ displayName, roles: personRoles, siteIds, status });

  it('names the active people of the site and every active administrator, by name', () => {
    const staff = [
      person('Sam Okoro', ['billing'], ['north']),
      person('Alex Kim', ['administrator'], ['main']),
      person('Dana Reyes', ['front-desk'], ['main']),
      person('Former Clerk', ['front-desk'], ['north'], 'deactivated'),
      person('Former Admin', ['administrator'], ['main'], 'deactivated'),
    ];
    expect(whoWorksAtSite(staff, 'north').map((p) => p.displayName)).toEqual(['Alex Kim', 'Sam Okoro']);
    expect(whoWorksAtSite(staff, 'main').map((p) => p.displayName)).toEqual(['Alex Kim', 'Dana Reyes']);
    expect(whoWorksAtSite([], 'north')).toEqual([]);
  });

  it("offers this workstation's site and everyone's sites, each once, sorted", () => {
    expect(knownSites([{ siteIds: ['main', 'south'] }, { siteIds: ['main'] }], 'north')).toEqual(['main', 'north', 'south']);
    expect(knownSites([], 'north')).toEqual(['north']);
  });
});
