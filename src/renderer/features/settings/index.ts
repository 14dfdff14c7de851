import { defineFeature } from '../../app/feature';
import { SettingsScreen } from './SettingsScreen';

/** Settings: the clinic, this workstation, sync, payers and providers. */
export const settingsFeature = defineFeature({
  id: 'settings',
  collections: {},
  repositories: () => ({}),
  screens: [{ id: 'settings', label: 'Settings', key: '7', component: SettingsScreen }],
});
