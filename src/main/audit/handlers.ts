import type { auditChannels } from '../../shared/audit/channels';
import type { FeatureHandlers } from '../ipc/registry';
import type { MainServices } from '../services';

export function auditHandlers(s: Pick<MainServices, 'auth' | 'saveExport'>): FeatureHandlers<typeof auditChannels> {
  return {
    'files:saveExport': async (req) => {
      s.auth.require('data.export');
      return { path: await s.saveExport(req.kind, req.content) };
    },
  };
}
