import type { Observable } from 'rxjs';
import { CLINIC_PROFILE_ID, ClinicProfileSchema, type ClinicProfile } from '../../../shared/catalog/clinic';
import type { ClinicInfo } from '../../../shared/catalog/clinic';
import type { ClinicDatabase } from '../../data/database';
import { storedReader } from '../../data/storedRecords';
import type { WorkContext } from '../../data/workContext';

const stored = storedReader(ClinicProfileSchema, 'The clinic profile');

/** The clinic's synced profile (name, address, identifiers, time zone). */
export function createClinicProfileRepo(db: ClinicDatabase) {
  const write = async (info: ClinicInfo, stamp: { at: string; by: string; siteId: string }): Promise<ClinicProfile> => {
    const existing = stored.one(await db.catalog.findOne(CLINIC_PROFILE_ID).exec());
    const profile = ClinicProfileSchema.parse({
      ...info,
      id: CLINIC_PROFILE_ID,
      kind: 'clinic-profile',
      createdAt: existing?.createdAt ?? stamp.at,
      updatedAt: stamp.at,
      updatedBy: stamp.by,
      siteId: stamp.siteId,
    });
    await db.catalog.upsert(profile);
    return profile;
  };
  return {
    /** Saves the profile for everyone in the clinic; only administrators may. */
    async save(ctx: WorkContext, info: ClinicInfo): Promise<ClinicProfile> {
      const { approvedBy } = await ctx.authorize('settings.clinic');
      const before = stored.one(await db.catalog.findOne(CLINIC_PROFILE_ID).exec());
      const profile = await write(info, { at: ctx.now().toISOString(), by: ctx.actor().id, siteId: ctx.siteId() });
      await ctx.audit({
        action: before ? 'change' : 'create',
        subject: `catalog/${CLINIC_PROFILE_ID}`,
        changes: Object.entries(info)
          .filter(([field, after]) => before?.[field as keyof ClinicInfo] !== after)
          .map(([field, after]) => ({ field, before: before?.[field as keyof ClinicInfo] ?? null, after })),
        approvedBy,
      });
      return profile;
    },
    /** The first profile, written during first-run setup, before anyone can sign in. */
    saveAtSetup(info: ClinicInfo, siteId: string): Promise<ClinicProfile> {
      return write(info, { at: new Date().toISOString(), by: 'setup', siteId });
    },
    observe(): Observable<ClinicProfile | null> {
      return db.catalog.findOne(CLINIC_PROFILE_ID).$.pipe(stored.liveOne);
    },
  };
}

export type ClinicProfileRepo = ReturnType<typeof createClinicProfileRepo>;
