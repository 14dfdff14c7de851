import { Badge, Button, Group, Text } from '@mantine/core';
import { formatTimeInZone } from '../../../shared/domain/time';
import { useSyncStore } from './syncStore';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { PrintQueueButton } from '../printing/public';

export const STATE_LABEL = {
  'not-configured': { text: 'Sync not set up', color: 'gray' },
  online: { text: 'Online', color: 'green' },
  offline: { text: 'Offline', color: 'orange' },
  'auth-failed': { text: 'Sign-in to server refused', color: 'red' },
} as const;

/** Always visible: connection, sync progress, what is waiting to be sent, the last error. */
export function StatusBar() {
  const desk = useDesk();
  const settings = useSettings();
  const { connectivity, active, pendingLocalChanges, lastSyncedAt, lastError, held } = useSyncStore();
  const label = STATE_LABEL[connectivity.state];
  const zone = settings.clinic.timeZone;
  const problem = lastError ?? (connectivity.state !== 'online' ? connectivity.message : null);
  const conflicts = useObservable(() => desk.conflicts.observeOpenCount(), 0, [desk]);
  const go = useDeskStore((s) => s.go);
  return (
    <Group h="100%" px="md" justify="space-between" role="status" aria-label="Sync status">
      <Group gap="sm">
        <Badge color={label.color} variant="filled" data-testid="connectivity">
          {label.text}
        </Badge>
        <Text size="sm" data-testid="sync-state">
          {describeSync(connectivity.state === 'online', active, pendingLocalChanges, held)}
        </Text>
        {lastSyncedAt && (
          <Text size="sm" c="dimmed">
            Last sync {formatTimeInZone(lastSyncedAt, zone)}
          </Text>
        )}
        {problem && (
          <Text size="sm" c={connectivity.state === 'not-configured' && !lastError ? 'dimmed' : 'red'} data-testid="sync-error">
            {problem}
          </Text>
        )}
      </Group>
      <Group gap="sm">
        <PrintQueueButton />
        {conflicts > 0 && (
          <Button size="compact-xs" color="orange" variant="light" onClick={() => go('conflicts')} data-testid="conflicts-to-review">
            {conflicts === 1 ? '1 conflict to review' : `${conflicts} conflicts to review`}
          </Button>
        )}
        <Text size="xs" c="dimmed">
          Workstation {settings.workstationPrefix} · {settings.clinic.name}
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => void desk.sync.syncNow()} disabled={!settings.sync}>
          Sync now
        </Button>
      </Group>
    </Group>
  );
}

/** What the desk needs to know: is anything done here not yet on the server? */
export function describeSync(online: boolean, active: boolean, pending: number | null, held = false): string {
  const waiting = `${pending?.toLocaleString('en-US')} change${pending === 1 ? '' : 's'} waiting to sync`;
  if (!online || held) return pending ? waiting : held ? 'Synced at set times' : 'Changes are kept on this computer';
  if (active || pending === null) return 'Syncing…';
  return pending > 0 ? waiting : 'All changes synced';
}
