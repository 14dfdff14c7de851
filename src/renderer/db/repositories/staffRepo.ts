import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { StaffInputSchema, StaffSchema, type Staff, type StaffInput } from '../../../shared/auth/staff';
import type { ClinicDatabase } from '../database';
import { storedReader } from './storedRecords';
import { DeskError, type WorkContext } from './workContext';

const stored = storedReader(StaffSchema, 'A staff record');

/** Staff as the app stores them; secrets arrive already hashed by main. */
export function createStaffRepo(db: ClinicDatabase) {
  const build = (input: StaffInput, hashes: { passwordHash: string; pinHash: string | null }, stamp: { at: string; by: string; siteId: string }): Staff => {
    const parsed = StaffInputSchema.safeParse(input);
    if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
    return StaffSchema.parse({
      ...parsed.data,
      ...hashes,
      id: uuidv7(),
      status: 'active',
      createdAt: stamp.at,
      updatedAt: stamp.at,
      updatedBy: stamp.by,
      siteId: stamp.siteId,
    });
  };

  const ensureUnique = async (username: string) => {
    const existing = await db.staff.findOne({ selector: { username } }).exec();
    if (existing) throw new DeskError(`The user name "${username}" is taken.`);
  };

  return {
    async count(): Promise<number> {
      return db.staff.count().exec();
    },
    /** The active person with this user name, if any. */
    async findActive(username: string): Promise<Staff | null> {
      const doc = await db.staff.findOne({ selector: { username: username.trim().toLowerCase(), status: 'active' } }).exec();
      return stored.one(doc);
    },
    async get(id: string): Promise<Staff | null> {
      return stored.one(await db.staff.findOne(id).exec());
    },
    async listActive(): Promise<Staff[]> {
      return stored.many(await db.staff.find({ selector: { status: 'active' }, sort: [{ username: 'asc' }] }).exec());
    },
    /**
     * The first people of a new clinic (its administrator, or the demo clinic's staff): allowed only
     * while this workstation has no staff at all, the one moment nobody can be signed in to approve.
     */
    async createInitial(people: { input: StaffInput; passwordHash: string; pinHash: string | null }[], stamp: { at: string; siteId: string }): Promise<Staff[]> {
      if ((await db.staff.count().exec()) > 0) throw new DeskError('This clinic already has staff: sign in as an administrator to add people.');
      const staff = people.map((p) => build(p.input, { passwordHash: p.passwordHash, pinHash: p.pinHash }, { ...stamp, by: 'setup' }));
      if (new Set(staff.map((s) => s.username)).size !== staff.length) throw new DeskError('Two people have the same user name.');
      const result = await db.staff.bulkInsert(staff);
      if (result.error.length > 0) throw new DeskError('The staff records could not be saved.');
      return staff;
    },
    /** Adds a person; only administrators may. */
    async add(ctx: WorkContext, input: StaffInput, hashes: { passwordHash: string; pinHash: string | null }): Promise<Staff> {
      const { approvedBy } = await ctx.authorize('staff.manage');
      const staff = build(input, hashes, { at: ctx.now().toISOString(), by: ctx.actor().id, siteId: ctx.siteId() });
      await ensureUnique(staff.username);
      await db.staff.insert(staff);
      await ctx.audit({
        action: 'create',
        subject: `staff/${staff.id}`,
        changes: (['username', 'displayName', 'roles', 'siteIds'] as const).map((field) => ({ field, before: null, after: staff[field] })),
        approvedBy,
      });
      return staff;
    },
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
