import { create } from 'zustand';
import type { Settings } from '../../shared/settings/channels';

type SettingsState = { settings: Settings | null };
type SettingsActions = { setSettings(settings: Settings): void };

/** The workstation's settings as main last reported them. */
export const useSettingsStore = create<SettingsState & SettingsActions>()((set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
}));

/** The current settings; only used below the start-up gate, where they are always loaded. */
export function useSettings(): Settings {
  const settings = useSettingsStore((s) => s.settings);
  if (!settings) throw new Error('Settings are not loaded yet');
  return settings;
}

export function currentSettings(): Settings {
  const settings = useSettingsStore.getState().settings;
  if (!settings) throw new Error('Settings are not loaded yet');
  return settings;
}
