import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { RoleSchema } from './permissions';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,39}$/, 'Use 2 to 40 letters, digits, dots, dashes or underscores, starting with a letter');

/** A site of the clinic, as each workstation names its own in its settings (e.g. `main`, `north`). */
export const SiteIdSchema = z.string().trim().min(1, 'Give the site').max(40, 'Use at most 40 characters');

/** What a person enters to add a staff member. */
export const StaffInputSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, 'Name is required').max(120),
  initials: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,4}$/, 'Use 1 to 4 letters'),
  roles: z.array(RoleSchema).min(1, 'Give at least one role').max(4),
  siteIds: z.array(SiteIdSchema).min(1, 'Give at least one site').max(50),
});
export type StaffInput = z.input<typeof StaffInputSchema>;

const distinct = <T>(list: T[]): T[] => [...new Set(list)];

/**
 * What an administrator changes about an existing person: their roles and the sites they work
 * at. A role or site given twice counts once.
 */
export const StaffAccessSchema = z.object({
  roles: StaffInputSchema.shape.roles.transform(distinct),
  siteIds: StaffInputSchema.shape.siteIds.transform(distinct),
});
export type StaffAccess = z.input<typeof StaffAccessSchema>;

/**
 * A member of staff. Staff records sync, so someone added at headquarters can sign in at a
 * satellite after its next sync, offline. Secrets are stored only as slow salted hashes. Staff
 * are deactivated, never deleted, so the audit log can always name them.
 */
export const StaffSchema = StaffInputSchema.extend({
  id: z.string().min(1).max(36),
  status: z.enum(['active', 'deactivated']),
  passwordHash: z.string().min(1).max(400),
  pinHash: z.string().max(400).nullable(),
}).extend(ChangeStampSchema.shape);
export type Staff = z.infer<typeof StaffSchema>;

/**
 * Whether a person may sign in at a site: one of their sites, or any site for an administrator
 * (who must always be able to reach the Staff screen to add a site to people).
 */
export function worksAtSite(staff: Pick<Staff, 'roles' | 'siteIds'>, siteId: string): boolean {
  return staff.siteIds.includes(siteId) || staff.roles.includes('administrator');
}

/** The active people who may sign in at a site, by name. */
export function whoWorksAtSite<T extends Pick<Staff, 'roles' | 'siteIds' | 'status' | 'displayName'>>(staff: readonly T[], siteId: string): T[] {
  return staff.filter((s) => s.status === 'active' && worksAtSite(s, siteId)).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The sites the clinic is known to have here: this workstation's and every site someone works at, sorted. */
export function knownSites(staff: readonly Pick<Staff, 'siteIds'>[], here: string): string[] {
  return [...new Set([here, ...staff.flatMap((s) => s.siteIds)])].sort((a, b) => a.localeCompare(b));
}
