import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { can, PermissionSchema } from '../../../shared/auth/permissions';
import { StaffAccessSchema, StaffInputSchema, StaffSchema, type Staff, type StaffAccess, type StaffInput } from '../../../shared/auth/staff';
import type { ChangeStamp } from '../../../shared/domain/changeStamp';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const stored = storedReader(StaffSchema, 'A staff record');

/** Staff as the app stores them; secrets arrive already hashed by main. */
export function createStaffRepo(db: { staff: RxCollection<Staff> }) {
  const build = (input: StaffInput, hashes: { passwordHash: string; pinHash: string | null }, stamp: ChangeStamp): Staff => {
    const parsed = StaffInputSchema.safeParse(input);
    if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
    return StaffSchema.parse({
      ...parsed.data,
      ...hashes,
      id: uuidv7(),
      status: 'active',
      ...stamp,
    });
  };

  const ensureUnique = async (username: string) => {
    const existing = await db.staff.findOne({ selector: { username } }).exec();
    if (existing) throw new DeskError(`The user name "${username}" is taken.`);
  };

  return {
    /** How many people this workstation knows, live (none until setup or the first sync). */
    observeCount(): Observable<number> {
      return db.staff.count().$;
    },
    /** Everyone, by user name, live. */
    observeAll(): Observable<Staff[]> {
      return stored.live(db.staff.find({ sort: [{ username: 'asc' }] }).$);
    },
    /** The active person with this user name, if any. */
    async findActive(username: string): Promise<Staff | null> {
      const doc = await db.staff.findOne({ selector: { username: username.trim().toLowerCase(), status: 'active' } }).exec();
      return stored.one(doc);
    },
    /** One person, live: follows changes made here and changes that sync in. */
    observe(id: string): Observable<Staff | null> {
      return db.staff.findOne(id).$.pipe(stored.liveOne);
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
      const staff = people.map((p) => build(p.input, { passwordHash: p.passwordHash, pinHash: p.pinHash }, { createdAt: stamp.at, updatedAt: stamp.at, updatedBy: 'setup', siteId: stamp.siteId }));
      if (new Set(staff.map((s) => s.username)).size !== staff.length) throw new DeskError('Two people have the same user name.');
      const result = await db.staff.bulkInsert(staff);
      if (result.error.length > 0) throw new DeskError('The staff records could not be saved.');
      return staff;
    },
    /** Adds a person; only administrators may. */
    async add(ctx: WorkContext, input: StaffInput, hashes: { passwordHash: string; pinHash: string | null }): Promise<Staff> {
      const { approvedBy } = await ctx.authorize('staff.manage');
      const staff = build(input, hashes, ctx.created());
      await ensureUnique(staff.username);
      await db.staff.insert(staff);
      await ctx.auditSaved({
        action: 'create',
        subject: `staff/${staff.id}`,
        changes: (['username', 'displayName', 'roles', 'siteIds'] as const).map((field) => ({ field, before: null, after: staff[field] })),
        approvedBy,
      });
      return staff;
    },
    /** Deactivates or reactivates a person (never deletes: the audit log keeps naming them). */
    async setActive(ctx: WorkContext, id: string, active: boolean): Promise<void> {
      const { approvedBy } = await ctx.authorize('staff.manage');
      if (!active && id === ctx.actor().id) throw new DeskError('You cannot deactivate yourself.');
      const doc = await db.staff.findOne(id).exec();
      if (!doc) throw new DeskError('That person could not be found.');
      const status = active ? 'active' : 'deactivated';
      if (doc.status === status) return;
      await doc.incrementalPatch({ status, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', subject: `staff/${id}`, changes: [{ field: 'status', before: doc.status, after: status }], approvedBy });
    },
    /**
     * Changes the roles and sites of a person; only administrators may. The last active
     * administrator keeps that role: without one, nobody could manage staff any more.
     */
    async setAccess(ctx: WorkContext, id: string, access: StaffAccess): Promise<Staff> {
      const { approvedBy } = await ctx.authorize('staff.manage', { subject: `staff/${id}` });
      const parsed = StaffAccessSchema.safeParse(access);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const doc = await db.staff.findOne(id).exec();
      const before = stored.one(doc);
      if (!doc || !before) throw new DeskError('That person could not be found.');
      const { roles, siteIds } = parsed.data;
      if (before.status === 'active' && before.roles.includes('administrator') && !roles.includes('administrator')) {
        const admins = await db.staff.find({ selector: { status: 'active' } }).exec();
        const others = stored.many(admins).filter((s) => s.id !== id && s.roles.includes('administrator'));
        if (others.length === 0) {
          throw new DeskError(`${before.displayName} is the only active administrator. Give someone else the administrator role first, or nobody could manage staff.`);
        }
      }
      const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
      const changes = [
        ...(same(before.roles, roles) ? [] : [{ field: 'roles', before: before.roles, after: roles }]),
        ...(same(before.siteIds, siteIds) ? [] : [{ field: 'siteIds', before: before.siteIds, after: siteIds }]),
      ];
      if (changes.length === 0) return before;
      const saved = await doc.incrementalPatch({ roles, siteIds, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        subject: `staff/${id}`,
        changes,
        detail: `Changed the ${changes.map((c) => (c.field === 'roles' ? 'roles' : 'sites')).join(' and ')} of ${before.displayName}`,
        approvedBy,
      });
      return StaffSchema.parse(saved.toJSON());
    },
    /**
     * Sets someone's password or PIN to a new hash. Changing one's own needs no permission (the
     * caller has checked the current secret); anyone else's needs `staff.resetSecret`.
     */
    async setSecret(ctx: WorkContext, id: string, kind: 'password' | 'pin', hash: string): Promise<void> {
      const own = id === ctx.actor().id;
      const { approvedBy } = own ? { approvedBy: null } : await ctx.authorize('staff.resetSecret');
      const doc = await db.staff.findOne(id).exec();
      if (!doc) throw new DeskError('That person could not be found.');
      const actor = ctx.actor();
      // Resetting a secret lets one sign in as that person: never for someone who may do anything
      // the resetter may not (a manager cannot become an administrator this way).
      if (!own && PermissionSchema.options.some((p) => can(doc.roles, p) && !can(actor.roles, p))) {
        throw new DeskError(`Only an administrator can reset the ${kind} of ${doc.displayName}.`);
      }
      const field = kind === 'password' ? 'passwordHash' : 'pinHash';
      await doc.incrementalPatch({ [field]: hash, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        subject: `staff/${id}`,
        // The hashes themselves stay out of the log.
        changes: [{ field, before: '(hidden)', after: '(hidden)' }],
        detail: own ? `Changed own ${kind}` : `Reset the ${kind} of ${doc.displayName}`,
        approvedBy,
      });
    },
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
