import { sameClinicInfo } from '../../../shared/catalog/clinic';
import { defineFeature } from '../../app/feature';
import { useSettingsStore } from '../../app/settingsStore';
import { catalogCollection } from './catalogCollection';
import { createCatalogRepo } from './catalogRepo';
import { createClinicProfileRepo } from './clinicProfileRepo';

/** The clinic's shared reference records: its profile, payers and providers. */
export const catalogFeature = defineFeature({
  id: 'catalog',
  collections: { catalog: catalogCollection },
  repositories: (db, { ctx }) => ({ catalog: createCatalogRepo(db, ctx), clinicProfile: createClinicProfileRepo(db) }),
  // The clinic's details follow the synced profile, whichever workstation saved it.
  start: ({ clinicProfile }, { client, settings }) => {
    clinicProfile.observe().subscribe((profile) => {
      if (!profile) return;
      const { id: _id, kind: _kind, createdAt: _c, updatedAt: _u, updatedBy: _b, siteId: _s, ...info } = profile;
      if (sameClinicInfo(info, settings().clinic)) return;
      void client
        .call('settings:adoptClinicProfile', info)
        .then((fresh) => useSettingsStore.getState().setSettings(fresh))
        .catch((error: unknown) => console.error('Could not take the clinic profile', error));
    });
  },
});
