import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Staff } from '../../../shared/auth/staff';
import { NewSecretSchema } from '../../../shared/auth/channels';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { useSessionStore } from '../signin/public';
import { verifyStaff } from '../signin/public';
import { currentSettings } from '../../app/settingsStore';

export type SecretChange = { staff: Staff; kind: 'password' | 'pin' };

/**
 * Sets a new password or PIN. For one's own, the current password is asked first; for someone
 * else's (a manager's reset), the permission is checked where it is saved.
 */
export function SecretDialog({ change, onClose, run }: { change: SecretChange | null; onClose: () => void; run: (action: () => Promise<void>) => Promise<void> }) {
  const desk = useDesk();
  const me = useSessionStore((s) => s.staff);
  const own = change !== null && me !== null && change.staff.id === me.id;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = change?.kind === 'pin' ? 'PIN' : 'password';

  const save = async () => {
    if (!change) return;
    setError(null);
    const parsed = NewSecretSchema.safeParse({ kind: change.kind, secret: next });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? `Not a valid ${label}`);
    if (next !== confirm) return setError(`The new ${label}s do not match.`);
    setBusy(true);
    try {
      if (own) {
        await verifyStaff({ client: desk.client, staff: desk.staff, log: desk.log, siteId: () => currentSettings().siteId }, change.staff.username, 'password', current, {
          expected: change.staff,
          purpose: 'unlock',
        });
      }
      await run(async () => {
        const { hash } = await desk.client.call('auth:hashSecret', parsed.data);
        await desk.staff.setSecret(desk.ctx, change.staff.id, change.kind, hash);
        setCurrent('');
        setNext('');
        setConfirm('');
        onClose();
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={change !== null} onClose={onClose} title={own ? `Change my ${label}` : `Reset ${label}`} withinPortal={false}>
      <form
        aria-label={own ? `Change my ${label}` : `Reset ${label}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <Stack>
          {!own && change && <Text size="sm">New {label} for {change.staff.displayName}.</Text>}
          {own && <PasswordInput label="Current password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} />}
          <PasswordInput label={`New ${label}`} autoComplete="new-password" value={next} onChange={(e) => setNext(e.currentTarget.value)} />
          <PasswordInput label={`Repeat new ${label}`} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} />
        </Stack>
        <FormFooter error={error} submitLabel="Save" loading={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
