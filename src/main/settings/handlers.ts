import type { Permission } from '../../shared/auth/permissions';
import type { settingsChannels } from '../../shared/settings/channels';
import { AppError } from '../../shared/ipc/envelope';
import type { FeatureHandlers } from '../ipc/registry';
import type { MainServices } from '../services';

/**
 * Settings change freely during first-run setup (nobody can sign in yet), then only with
 * permission.
 */
export function allowSettingChange(s: Pick<MainServices, 'settings' | 'auth'>, permission: Permission): void {
  if (s.settings.get().setupComplete) s.auth.require(permission);
}

export function settingsHandlers(
  s: Pick<MainServices, 'host' | 'version' | 'settings' | 'auth' | 'transport' | 'connectivity' | 'triggerSync' | 'schedule' | 'databaseKey'>,
): FeatureHandlers<typeof settingsChannels> {
  const allow = (permission: Permission) => allowSettingChange(s, permission);
  return {
    'app:info': () => ({ host: s.host, version: s.version }),
    'settings:get': () => s.settings.get(),
    'settings:setClinic': async (req) => {
      allow('settings.clinic');
      const result = await s.settings.setClinic(req);
      s.schedule.replan();
      return result;
    },
    'settings:setWorkstation': (req) => {
      allow('settings.workstation');
      return s.settings.setWorkstation(req);
    },
    'settings:setReceiptPrinter': (req) => {
      allow('settings.workstation');
      return s.settings.setReceiptPrinter(req.name, { paper: req.paper, printAutomatically: req.printAutomatically });
    },
    'settings:setPrintOptions': (req) => {
      allow('settings.workstation');
      return s.settings.setPrintOptions(req.copies, req.pdfOnlyKinds);
    },
    'settings:setLabelPrinter': (req) => {
      allow('settings.workstation');
      return s.settings.setLabelPrinter(req.name, req.stock);
    },
    'settings:setDocumentPrinter': (req) => {
      allow('settings.workstation');
      return s.settings.setDocumentPrinter(req.name, req.paper);
    },
    'settings:setLockMinutes': (req) => {
      allow('settings.workstation');
      return s.settings.setLockMinutes(req.minutes);
    },
    // The profile comes from the synced catalog, saved by someone allowed to; any signed-in person's
    // workstation takes it, but nobody unsigned can push details here through this door.
    'settings:adoptClinicProfile': (req) => {
      if (s.settings.get().setupComplete && !s.auth.current()) throw new AppError('FORBIDDEN', 'Sign in first.');
      return s.settings.setClinic(req);
    },
    'setup:complete': () => {
      allow('settings.clinic');
      return s.settings.completeSetup();
    },
    'settings:setSyncMode': async (req) => {
      allow('settings.workstation');
      const result = await s.settings.setSyncMode(req);
      s.schedule.replan();
      s.triggerSync('settings');
      return result;
    },
    'settings:setSync': async (req) => {
      allow('settings.clinic');
      const result = await s.settings.setSync(req);
      s.transport.resetAuthFailure();
      await s.connectivity.checkNow();
      s.triggerSync('settings');
      return result;
    },
    'numbers:next': async (req) => ({ value: await s.settings.nextNumber(req.kind) }),
    'keys:database': async () => ({ key: await s.databaseKey.get() }),
  };
}
