import { Modal } from '@mantine/core';
import { useEffect } from 'react';
import { useDeskStore } from '../../../app/deskStore';
import { useSessionStore } from '../../signin/public';
import { FinderPanel } from './FinderPanel';

/**
 * Ctrl+K from any screen: find a patient by name, date of birth, phone or MRN and open their
 * record. Rendered in place (no portal) so the lock screen hides it with the rest of the desk.
 */
export function PatientFinderOverlay() {
  const opened = useDeskStore((s) => s.finderOpen);
  const close = useDeskStore((s) => s.closeFinder);
  // Whatever was typed must not wait behind the lock screen for whoever unlocks.
  useEffect(
    () =>
      useSessionStore.subscribe((s) => {
        if (s.locked) useDeskStore.getState().closeFinder();
      }),
    [],
  );

  return (
    <Modal opened={opened} onClose={close} title="Find a patient" size="xl" yOffset="8vh" withinPortal={false} transitionProps={{ duration: 0 }}>
      <FinderPanel onOpened={close} />
    </Modal>
  );
}
