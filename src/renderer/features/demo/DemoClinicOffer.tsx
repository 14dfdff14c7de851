import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { loadDemoClinic } from './loadDemoClinic';

/** On a new workstation with no data and no server, offers to load the synthetic demo clinic. */
export function DemoClinicOffer() {
  const desk = useDesk();
  const settings = useSettings();
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const subscription = desk.db.patients.count().$.subscribe((n) => setEmpty(n === 0));
    return () => subscription.unsubscribe();
  }, [desk]);
  if (!empty || settings.sync) return null;

  const load = async () => {
    setBusy(true);
    try {
      const n = await loadDemoClinic(desk, settings.clinic.timeZone);
      notifications.show({ color: 'teal', message: `Demo clinic loaded: ${n} made-up patients, 8 booked today` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not load the demo clinic', message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="blue" title="A new workstation">
      <Group justify="space-between">
        <Text size="sm">Load a demo clinic with made-up patients to try ClinicDesk, or connect to your clinic’s server in Settings.</Text>
        <Button size="xs" onClick={() => void load()} loading={busy}>
          Load demo clinic
        </Button>
      </Group>
    </Alert>
  );
}
