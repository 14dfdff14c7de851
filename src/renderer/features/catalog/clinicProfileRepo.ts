import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import { CLINIC_PROFILE_ID, ClinicProfileSchema, type ClinicProfile } from '../../../shared/catalog/clinic';
import type { ClinicInfo } from '../../../shared/catalog/clinic';
import { storedReader } from '../../data/storedRecords';
import type { WorkContext, WriteStamp } from '../../data/workContext';
import type { CatalogEntry } from '../../../shared/catalog/catalog';

const stored = storedReader(ClinicProfileSchema, 'The clinic profile');

/** The clinic's synced profile (name, address, identifiers, time zone). */
export function createClinicProfileRepo(db: { catalog: RxCollection<CatalogEntry> }) {
  const write = async (info: ClinicInfo, stamp: WriteStamp): Promise<ClinicProfile> => {
    const existing = stored.one(await db.catalog.findOne(CLINIC_PROFILE_ID).exec());
    const profile = ClinicProfileSchema.parse({
      ...info,
      id: CLINIC_PROFILE_ID,
      kind: 'clinic-profile',
      ...stamp,
      createdAt: existing?.createdAt ?? stamp.updatedAt,
    });
    await db.catalog.upsert(profile);
    return profile;
  };
  return {
    /** Saves the profile for everyone in the clinic; only administrators may. */
    async save(ctx: WorkContext, info: ClinicInfo): Promise<ClinicProfile> {
      const { approvedBy } = await ctx.authorize('settings.clinic');
      const before = stored.one(await db.catalog.findOne(CLINIC_PROFILE_ID).exec());
      const profile = await write(info, ctx.stamp());
      await ctx.auditSaved({
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
      return write(info, { updatedAt: new Date().toISOString(), updatedBy: 'setup', siteId });
    },
    observe(): Observable<ClinicProfile | null> {
      return db.catalog.findOne(CLINIC_PROFILE_ID).$.pipe(stored.liveOne);
    },
  };
}

export type ClinicProfileRepo = ReturnType<typeof createClinicProfileRepo>;
