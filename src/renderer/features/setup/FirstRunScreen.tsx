import { Alert, Button, Card, Container, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SeedRequest } from '../../../shared/demo/seedRequest';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { whileSettingUp } from '../signin/public';
import { DEFAULT_DEMO_PATIENTS, DEMO_SIZES, loadDemoClinic } from '../demo/public';
import type { SeedProgress } from '../demo/public';
import { SeedProgressBar } from '../demo/public';
import { JoinClinicForm } from './JoinClinicForm';
import { NewClinicForm } from './NewClinicForm';

/** A workstation with no staff yet: set up a new clinic, join one, or try the demo clinic. */
export function FirstRunScreen() {
  const desk = useDesk();
  const settings = useSettings();
  const [path, setPath] = useState(settings.sync ? 'join' : 'new');
  const [demoError, setDemoError] = useState<string | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const [size, setSize] = useState(DEFAULT_DEMO_PATIENTS);
  const [progress, setProgress] = useState<SeedProgress | null>(null);
  const [request, setRequest] = useState<SeedRequest | null>(null);
  const sizes = [...new Set([...DEMO_SIZES, ...(request ? [request.patients] : [])])].sort((a, b) => a - b);

  // A synthetic clinic `npm run seed` asked for becomes the demo clinic's size.
  useEffect(() => {
    let current = true;
    desk.client
      .call('demo:seedRequest', {})
      .then((found) => {
        if (!current || !found) return;
        setRequest(found);
        setSize(found.patients);
      })
      .catch((error: unknown) => current && setDemoError((error as Error).message));
    return () => {
      current = false;
    };
  }, [desk]);

  const demo = async () => {
    setDemoError(null);
    setProgress(null);
    setLoadingDemo(true);
    try {
      await whileSettingUp(async () => {
        // With a request waiting, its seed keeps these patients the same people the request names.
        await loadDemoClinic(desk, settings.clinic.timeZone, { patients: size, ...(request ? { seed: request.seed } : {}), onProgress: setProgress });
        if (request && size >= request.patients) await desk.client.call('demo:seedDone', { requestedAt: request.requestedAt });
      });
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
            {request && (
              <Alert color="blue" mb="sm" title="A demo clinic was asked for">
                npm run seed asked for a demo clinic of {request.patients.toLocaleString('en-US')} synthetic patients; the size below is set to it.
              </Alert>
            )}
            {demoError && (
              <Alert color="red" mb="sm" role="alert">
                {demoError}
              </Alert>
            )}
            <Group mb="sm" gap="sm">
              <Text size="sm">Patients</Text>
              <SegmentedControl
                aria-label="Demo clinic size"
                value={String(size)}
                onChange={(value) => setSize(Number(value))}
                disabled={loadingDemo}
                data={sizes.map((n) => ({ value: String(n), label: n.toLocaleString('en-US') }))}
              />
            </Group>
            {size > 10_000 && (
              <Text size="xs" c="dimmed" mb="sm">
                A clinic this large takes a few minutes to load.
              </Text>
            )}
            {loadingDemo && (
              <Stack mb="sm">
                <SeedProgressBar progress={progress} patients={size} />
              </Stack>
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
