import { Alert, Button, Card, Container, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { whileSettingUp } from '../../session/sessionStore';
import { loadDemoClinic } from '../demo/loadDemoClinic';
import { JoinClinicForm } from './JoinClinicForm';
import { NewClinicForm } from './NewClinicForm';

/** A workstation with no staff yet: set up a new clinic, join one, or try the demo clinic. */
export function FirstRunScreen() {
  const desk = useDesk();
  const settings = useSettings();
  const [path, setPath] = useState(settings.sync ? 'join' : 'new');
  const [demoError, setDemoError] = useState<string | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);

  const demo = async () => {
    setDemoError(null);
    setLoadingDemo(true);
    try {
      await whileSettingUp(() => loadDemoClinic(desk, settings.clinic.timeZone));
    } catch (e) {
      setDemoError((e as Error).message);
    } finally {
      setLoadingDemo(false);
    }
  };

  return (
    <Container size="md" py="xl">
      <Stack>
        <Title order={1}>Welcome to ClinicDesk</Title>
        <Text c="dimmed">This workstation is new. Set up a new clinic, or join your clinic’s server so its staff and records come here.</Text>
        <SegmentedControl
          value={path}
          onChange={setPath}
          data={[
            { value: 'new', label: 'Set up a new clinic' },
            { value: 'join', label: 'Join an existing clinic' },
          ]}
        />
        <Card withBorder padding="lg">{path === 'new' ? <NewClinicForm /> : <JoinClinicForm />}</Card>
        {!settings.sync && (
          <Card withBorder padding="md">
            <Text size="sm" mb="sm">
              Just looking? Load a demo clinic of made-up patients and staff, one account for each role.
            </Text>
            {demoError && (
              <Alert color="red" mb="sm" role="alert">
                {demoError}
              </Alert>
            )}
            <Button variant="light" onClick={() => void demo()} loading={loadingDemo}>
              Load the demo clinic
            </Button>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
