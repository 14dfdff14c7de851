import { Alert, Anchor, Button, Card, Center, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSessionStore } from './sessionStore';

/**
 * Covers the whole window while locked and shows no patient data. The same person unlocks with
 * their PIN (or password); "Switch user" signs them out so someone else can sign in.
 */
export function LockScreen() {
  const desk = useDesk();
  const staff = useSessionStore((s) => s.staff);
  const [kind, setKind] = useState<'pin' | 'password'>('pin');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setError(null);
    setBusy(true);
    try {
      await desk.session.unlock(kind, secret);
    } catch (e) {
      setError((e as Error).message);
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center pos="fixed" inset={0} bg="gray.1" style={{ zIndex: 10000 }} role="dialog" aria-modal="true" aria-label="Screen locked">
      <Card withBorder padding="lg" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void unlock();
          }}
        >
          <Stack>
            <Title order={2} size="h3">
              Locked
            </Title>
            <Text size="sm">Signed in: {staff?.displayName}</Text>
            <PasswordInput
              key={kind}
              label={kind === 'pin' ? 'PIN' : 'Password'}
              inputMode={kind === 'pin' ? 'numeric' : 'text'}
              autoFocus
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              Unlock
            </Button>
            <Group justify="space-between">
              <Anchor component="button" type="button" size="sm" onClick={() => setKind(kind === 'pin' ? 'password' : 'pin')}>
                {kind === 'pin' ? 'Use password instead' : 'Use PIN instead'}
              </Anchor>
              <Button variant="subtle" size="compact-sm" onClick={() => void desk.session.signOut('switch-user')}>
                Switch user
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
