import type { authChannels } from '../../shared/auth/channels';
import type { FeatureHandlers } from '../ipc/registry';
import type { MainServices } from '../services';

export function authHandlers(s: Pick<MainServices, 'auth' | 'settings'>): FeatureHandlers<typeof authChannels> {
  return {
    'auth:hashSecret': (req) => s.auth.hashSecret(req),
    'auth:verify': async (req) => {
      const result = await s.auth.verify(req);
      // A workstation that joined a clinic finishes setup when its first person signs in: from then
      // on its settings change only with permission.
      if (result.ok && req.purpose === 'sign-in' && !s.settings.get().setupComplete) await s.settings.completeSetup();
      return result;
    },
    'auth:signOut': () => {
      s.auth.signOut();
      return {};
    },
  };
}
