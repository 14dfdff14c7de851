import { Alert, Anchor, Button, Card, Center, Code, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABEL } from '../../../shared/auth/permissions';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useSyncStore } from '../sync/public';
import { DEMO_PASSWORD, DEMO_STAFF } from '../demo/public';

/** Sign-in by user name and password; the demo clinic lists its made-up accounts. */
export function SignInScreen() {
  const desk = useDesk();
  const settings = useSettings();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [kind, setKind] = useState<'password' | 'pin'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const connectivity = useSyncStore((s) => s.connectivity.state);

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      await desk.session.signIn(username, password, kind);
    } catch (e) {
      setError((e as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.0">
      <Stack w={420}>
        <Title order={1} ta="center">
          ClinicDesk
        </Title>
        <Text ta="center" c="dimmed">
          {settings.clinic.name} · workstation {settings.workstationPrefix}
        </Text>
        {settings.sync && connectivity !== 'online' && (
          <Text ta="center" size="sm" c="orange" data-testid="sign-in-connectivity">
            Offline: sign-in uses the staff list from the last sync.
          </Text>
        )}
        <Card withBorder padding="lg">
          <form
            aria-label="Sign in"
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void submit();
            }}
          >
            <Stack>
              <TextInput label="User name" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.currentTarget.value)} required />
              <PasswordInput
                key={kind}
                label={kind === 'pin' ? 'PIN' : 'Password'}
                description={kind === 'pin' ? 'Works if you signed in with your password here today' : undefined}
                autoComplete={kind === 'pin' ? 'off' : 'current-password'}
                inputMode={kind === 'pin' ? 'numeric' : 'text'}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Button type="submit" loading={busy}>
                Sign in
              </Button>
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="center"
                onClick={() => {
                  setKind(kind === 'pin' ? 'password' : 'pin');
                  setPassword('');
                }}
              >
                {kind === 'pin' ? 'Sign in with password' : 'Sign in with PIN'}
              </Anchor>
            </Stack>
          </form>
        </Card>
        {settings.clinic.demo && (
          <Card withBorder padding="md" aria-label="Demo accounts">
            <Text size="sm" fw={500} mb="xs">
              Demo clinic: made-up people only. Every demo account’s password is <Code>{DEMO_PASSWORD}</Code>.
            </Text>
            <Table fz="sm">
              <Table.Tbody>
                {DEMO_STAFF.map((s) => (
                  <Table.Tr key={s.username}>
                    <Table.Td>
                      <Code>{s.username}</Code>
                    </Table.Td>
                    <Table.Td>{s.roles.map((r) => ROLE_LABEL[r]).join(', ')}</Table.Td>
                    <Table.Td>PIN {s.pin}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        )}
      </Stack>
    </Center>
  );
}
