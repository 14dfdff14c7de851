import { useEffect } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSessionStore } from '../signin/public';
import { loadWaitingSeedRequest } from './loadSeedRequest';

/**
 * When someone signs in, loads a synthetic clinic `npm run seed` asked for. Not during first-run
 * setup: the first-run screen offers the request as the demo clinic's size itself.
 */
export function useSeedRequestAtSignIn(): void {
  const desk = useDesk();
  const staffId = useSessionStore((s) => s.staff?.id ?? null);
  const settingUp = useSessionStore((s) => s.settingUp);
  useEffect(() => {
    if (staffId && !settingUp) void loadWaitingSeedRequest(desk);
  }, [desk, staffId, settingUp]);
}
