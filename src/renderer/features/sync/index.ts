import { defineFeature } from '../../app/feature';
import { SyncScreen } from './SyncScreen';

/** Sync: where each kind of record stands with the clinic's server, and when this workstation syncs. */
export const syncFeature = defineFeature({
  id: 'sync',
  collections: {},
  repositories: () => ({}),
  screens: [{ id: 'sync', label: 'Sync', key: '8', component: SyncScreen }],
});
