import { useHotkeys, useIdle } from '@mantine/hooks';
import { useEffect } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** Locks the screen after the configured idle minutes, and at once with Ctrl+L. */
export function useAutoLock(active: boolean) {
  const desk = useDesk();
  const minutes = useSettings().lockMinutes;
  const idle = useIdle(minutes * 60_000, { initialState: false });
  const lock = (reason: 'idle' | 'shortcut') => void desk.session.lock(reason);
  useEffect(() => {
    if (active && idle) lock('idle');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, idle]);
  useHotkeys([['mod+l', () => active && lock('shortcut')]], []);
}
