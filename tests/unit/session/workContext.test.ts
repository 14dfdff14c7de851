import { patientLookup } from '../../support/desk';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { createAuditLog, webCryptoSha256 } from '../../../src/renderer/features/audit/auditLog';
import { createPatientsRepo } from '../../../src/renderer/features/patients/data/patientsRepo';
import { createAuditTrail } from '../../../src/renderer/features/audit/auditTrail';
import { createStaffRepo } from '../../../src/renderer/features/staff/staffRepo';
import { startPatientFinder } from '../../../src/renderer/features/patients/finder/patientFinderIndex';
import { createWorkContext, PermissionDenied } from '../../../src/renderer/data/workContext';
import { verifyChains } from '../../../src/shared/audit/chain';
import type { Role } from '../../../src/shared/auth/permissions';
import { DanaFrontDesk, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { numberSequence } from '../../support/numbers';

let db: ClinicDatabase;
let roles: Role[];
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `wc${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['front-desk'];
});
afterEach(async () => {
  await db.close();
});

function context() {
  const log = createAuditLog(db, { workstationId: () => 'ws-1', siteId: () => 'north', now: () => new Date('2026-11-23T15:00:00Z') });
  const ctx = createWorkContext({
    actor: () => ({ id: 'staff-1', name: 'Dana Reyes', roles }),
    siteId: () => 'north',
    timeZone: () => 'America/Chicago',
    now: () => new Date('2026-11-23T15:00:00Z'),
    log,
    patients: patientLookup(db),
  });
  return { ctx, log };
}

const entries = async () => (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());

describe('where the action happens', () => {
  it('refuses an action the role does not allow, changes nothing and audits the refusal', async () => {
    const { ctx } = context();
    await expect(ctx.authorize('audit.read')).rejects.toBeInstanceOf(PermissionDenied);
    expect(await entries()).toMatchObject([{ action: 'permission-refused', actor: 'staff-1', detail: 'Refused: read the audit log' }]);
  });

  it('uses a manager override once, audits it with the approver, and refuses the next attempt', async () => {
    const { ctx } = context();
    ctx.grantOverride({ permission: 'audit.read', managerId: 'staff-9', managerName: 'Morgan Lee' });
    await expect(ctx.authorize('audit.read')).resolves.toEqual({ approvedBy: 'staff-9' });
    await expect(ctx.authorize('audit.read')).rejects.toBeInstanceOf(PermissionDenied);
    expect((await entries()).map((e) => [e.action, e.approvedBy])).toEqual([
      ['manager-override', 'staff-9'],
      ['permission-refused', null],
    ]);
  });

  it('does not let an override for one permission approve another', async () => {
    const { ctx } = context();
    ctx.grantOverride({ permission: 'audit.read', managerId: 'staff-9', managerName: 'Morgan Lee' });
    await expect(ctx.authorize('data.export')).rejects.toBeInstanceOf(PermissionDenied);
  });

  it('refuses registration to a role without it, saving no patient', async () => {
    roles = [];
    const { ctx } = context();
    const patients = createPatientsRepo(db, ctx, (await startPatientFinder(db)).finder, numberSequence('N1'), createAuditTrail(db));
    await expect(patients.register({ givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile', texts: false }] })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.patients.count().exec()).toBe(0);
  });

  it('audits a registration with its fields and a record view, in an intact chain', async () => {
    const { ctx } = context();
    const patients = createPatientsRepo(db, ctx, (await startPatientFinder(db)).finder, numberSequence('N1'), createAuditTrail(db));
    const jane = await patients.register({ givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile', texts: false }] });
    await patients.open(jane.id);
    const log = await entries();
    expect(log.map((e) => [e.seq, e.action, e.patientId])).toEqual([
      [1, 'create', jane.id],
      [2, 'view', jane.id],
    ]);
    expect(log[0]!.changes).toContainEqual({ field: 'familyName', before: null, after: 'Doe' });
    expect((await verifyChains(log, webCryptoSha256)).ok).toBe(true);
  });

  it('keeps the chain linked when many entries are written at once', async () => {
    const { log } = context();
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.record({ action: 'view', actor: 's', actorName: 'S', detail: `#${i}` })));
    const all = await entries();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await verifyChains(all, webCryptoSha256)).ok).toBe(true);
  });

  it('continues the chain after the workstation restarts', async () => {
    await context().log.record({ action: 'sign-in', actor: 's', actorName: 'S' });
    await context().log.record({ action: 'sign-out', actor: 's', actorName: 'S' });
    const all = await entries();
    expect(all.map((e) => e.seq)).toEqual([1, 2]);
    expect(all[1]!.prevHash).toBe(all[0]!.hash);
  });

  it('lets a person change their own secret, keeps hashes out of the log, and refuses resetting someone else', async () => {
    const { ctx } = context();
    const staff = createStaffRepo(db);
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-1' });
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-2', username: 'other', displayName: 'Other Person' });
    await staff.setSecret(ctx, 'staff-1', 'pin', 'scrypt$new-pin-hash');
    expect((await staff.get('staff-1'))?.pinHash).toBe('scrypt$new-pin-hash');
    await expect(staff.setSecret(ctx, 'staff-2', 'password', 'scrypt$x')).rejects.toBeInstanceOf(PermissionDenied);
    expect((await staff.get('staff-2'))?.passwordHash).toBe(DanaFrontDesk.passwordHash);
    await expect(staff.setActive(ctx, 'staff-2', false)).rejects.toBeInstanceOf(PermissionDenied);
    const log = JSON.stringify(await entries());
    expect(log).not.toContain('new-pin-hash');
    expect(log).toContain('Changed own pin');
  });

  it('lets an administrator deactivate someone else but not themselves', async () => {
    roles = ['administrator'];
    const { ctx } = context();
    const staff = createStaffRepo(db);
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-1' });
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-2', username: 'other' });
    await staff.setActive(ctx, 'staff-2', false);
    expect((await staff.get('staff-2'))?.status).toBe('deactivated');
    await expect(staff.setActive(ctx, 'staff-1', false)).rejects.toThrow('You cannot deactivate yourself.');
  });

  it('does not let a manager reset the password of an administrator', async () => {
    roles = ['manager'];
    const { ctx } = context();
    const staff = createStaffRepo(db);
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-1', roles: ['manager'] });
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-admin', username: 'boss', roles: ['administrator'] });
    await db.staff.insert({ ...DanaFrontDesk, id: 'staff-desk', username: 'desk', roles: ['front-desk'] });
    await expect(staff.setSecret(ctx, 'staff-admin', 'password', 'scrypt$x')).rejects.toThrow('Only an administrator can reset');
    expect((await staff.get('staff-admin'))?.passwordHash).toBe(DanaFrontDesk.passwordHash);
    await staff.setSecret(ctx, 'staff-desk', 'password', 'scrypt$new');
    expect((await staff.get('staff-desk'))?.passwordHash).toBe('scrypt$new');
  });

  it('edits only what changed, audits each field before and after, and shows it as the history', async () => {
    const { ctx } = context();
    const patients = createPatientsRepo(db, ctx, (await startPatientFinder(db)).finder, numberSequence('N1'), createAuditTrail(db));
    const input = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile' as const, texts: false }] };
    const jane = await patients.register(input);
    expect(jane.mrn).toBe('N1-000001');
    await patients.update(jane.id, { ...input, phones: [{ number: '(555) 010-7777', type: 'mobile', texts: false }] });
    await patients.update(jane.id, { ...input, phones: [{ number: '5550107777', type: 'mobile', texts: false }] });
    const changes = (await entries()).filter((e) => e.action === 'change');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.changes).toEqual([{ field: 'phones', before: [{ number: '5550101234', type: 'mobile', texts: false }], after: [{ number: '5550107777', type: 'mobile', texts: false }] }]);
    const history = await patients.history(jane.id);
    expect(history.map((h) => h.action)).toEqual(['change', 'create']);
    expect((await patients.get(jane.id))?.phones[0]?.number).toBe('5550107777');
  });
});
