import type { demoChannels } from '../../shared/demo/channels';
import type { FeatureHandlers } from '../ipc/registry';
import type { MainServices } from '../services';

export function demoHandlers(s: Pick<MainServices, 'seedRequests'>): FeatureHandlers<typeof demoChannels> {
  return {
    // No permission needed: a request holds no clinic data, the desk itself refuses made-up
    // patients in a real clinic, and the first-run screen reads it before anyone can sign in.
    'demo:seedRequest': () => s.seedRequests.read(),
    'demo:seedDone': async (req) => ({ cleared: await s.seedRequests.clear(req.requestedAt) }),
  };
}
