import { defineFeature } from '../../app/feature';
import { staffCollection } from './staffCollection';
import { createStaffRepo } from './staffRepo';
import { StaffScreen } from './StaffScreen';

/** Staff: the people who sign in, their roles and secrets' hashes (synced, so any site knows them). */
export const staffFeature = defineFeature({
  id: 'staff',
  collections: { staff: staffCollection },
  repositories: (db) => ({ staff: createStaffRepo(db) }),
  screens: [{ id: 'staff', label: 'Staff', key: '6', component: StaffScreen }],
});
