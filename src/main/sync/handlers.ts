import type { syncChannels } from '../../shared/sync/channels';
import type { Connectivity } from '../../shared/sync/channels';
import type { FeatureHandlers } from '../ipc/registry';
import type { MainServices } from '../services';

export function syncHandlers(s: Pick<MainServices, 'transport' | 'connectivity' | 'triggerSync'>): FeatureHandlers<typeof syncChannels> {
  return {
    'sync:fetch': (req) => s.transport.perform(req),
    'sync:abort': (req) => {
      s.transport.abort(req.requestId);
      return {};
    },
    'sync:connectivity': (): Connectivity => s.connectivity.current(),
    // "Sync now" does not clear a refused password: repeated clicks would lock the account on
    // CouchDB (5 failures). Only new credentials in Settings do.
    'sync:check': async () => {
      const result = await s.connectivity.checkNow();
      if (result.state === 'online') s.triggerSync('manual');
      return result;
    },
  };
}
