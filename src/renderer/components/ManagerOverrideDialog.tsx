import { Alert, Anchor, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PERMISSION_LABEL, type Permission } from '../../shared/auth/permissions';
import { useDesk } from '../app/DeskContext';

/**
 * A manager approves one refused action on the spot with their own user name and password (or
 * PIN, if they signed in here today). The approval is audited and covers that action once.
 */
export function ManagerOverrideDialog({ permission, onApproved, onClose }: { permission: Permission | null; onApproved: () => void; onClose: () => void }) {
  const desk = useDesk();
  const [username, setUsername] = useState('');
  const [kind, setKind] = useState<'password' | 'pin'>('password');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    if (!permission) return;
    setError(null);
    setBusy(true);
    try {
      const manager = await desk.session.approve(username, kind, secret, permission);
      desk.ctx.grantOverride({ permission, managerId: manager.id, managerName: manager.displayName });
      setSecret('');
      onApproved();
    } catch (e) {
      setError((e as Error).message);
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={permission !== null} onClose={onClose} title="Manager approval" withinPortal={false}>
      <form
        aria-label="Manager approval"
        onSubmit={(e) => {
          e.preventDefault();
          // The dialog may sit inside the refused form: its submission is its own, not that form's too.
          e.stopPropagation();
          if (!busy) void approve();
        }}
      >
        <Stack>
          <Text size="sm">A manager can approve this once: {permission ? PERMISSION_LABEL[permission] : ''}.</Text>
          <TextInput label="Manager user name" autoComplete="off" value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus />
          <PasswordInput key={kind} label={kind === 'pin' ? 'Manager PIN' : 'Manager password'} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="space-between">
            <Anchor component="button" type="button" size="sm" onClick={() => setKind(kind === 'pin' ? 'password' : 'pin')}>
              {kind === 'pin' ? 'Use password instead' : 'Use PIN instead'}
            </Anchor>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Approve
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
