import { Alert, Badge, Button, Card, Group, Progress, SegmentedControl, Stack, Table, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { clockTimeInZone, dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import type { SyncedCollection } from '../../../shared/sync/collections';
import { SyncModeSchema, describeSyncMode, nextScheduledSync, type SyncMode } from '../../../shared/sync/mode';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { STATE_LABEL, describeSync } from './StatusBar';
import { COLLECTION_LABEL } from './collectionLabels';
import { DayClosePanel } from './DayClosePanel';
import { SitesPanel } from './SitesPanel';
import { useSyncStore, type CollectionStatus, type SyncProgress } from './syncStore';


/** "about 2 min left", from seconds. */
export function formatEta(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function describeProgress(p: SyncProgress): string {
  const verb = p.direction === 'receiving' ? 'received' : 'sent';
  const done = p.done.toLocaleString('en-US');
  const count = p.total === null ? `${done} ${verb}` : `${done} of ${p.total.toLocaleString('en-US')} ${verb}`;
  return p.etaSeconds === null ? count : `${count} · ${formatEta(p.etaSeconds)}`;
}

function CollectionState({ status, held }: { status: CollectionStatus; held: boolean }) {
  if (status.error) {
    return (
      <Text size="sm" c="red.8">
        {status.error}
      </Text>
    );
  }
  if (status.progress) {
    const p = status.progress;
    return (
      <Stack gap={4}>
        <Progress
          value={p.total ? (100 * p.done) / p.total : 100}
          animated={p.total === null}
          striped={p.total === null}
          aria-label={`${p.direction === 'receiving' ? 'Receiving' : 'Sending'} progress`}
        />
        <Text size="xs">{describeProgress(p)}</Text>
      </Stack>
    );
  }
  if (status.pending === null) return <Text size="sm">Counting…</Text>;
  // Between set times the replication waits with its requests held: nothing is moving.
  if (held && status.pending > 0) return <Text size="sm">Waiting for the next sync</Text>;
  if (status.active && !held) return <Text size="sm">Syncing…</Text>;
  if (status.pending > 0) return <Text size="sm">Sending…</Text>;
  return (
    <Text size="sm" c="teal.9">
      Up to date
    </Text>
  );
}

/** Where each kind of record stands with the clinic's server, and when this workstation syncs. */
export function SyncScreen() {
  const desk = useDesk();
  const settings = useSettings();
  const { connectivity, collections, pendingLocalChanges, active, held, mode, lastError } = useSyncStore();
  const zone = settings.clinic.timeZone;
  const label = STATE_LABEL[connectivity.state];
  const next = mode.kind === 'scheduled' ? nextScheduledSync(mode.times, new Date(), zone) : null;
  const rows = Object.entries(collections) as [SyncedCollection, CollectionStatus][];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Sync</Title>
          <Text c="dimmed" size="sm">
            {describeSyncMode(mode)}
            {next && ` · next at ${formatNext(next, zone)}`}
          </Text>
        </div>
        <Group gap="sm">
          <Badge color={label.color} variant="filled" size="lg">
            {label.text}
          </Badge>
          <Button onClick={() => void desk.sync.syncNow()} disabled={!settings.sync}>
            Sync now
          </Button>
        </Group>
      </Group>

      {!settings.sync && (
        <Alert color="gray" title="Sync is not set up">
          Everything is kept on this workstation. An administrator enters the clinic&apos;s server in Settings.
        </Alert>
      )}
      {(lastError ?? (connectivity.state !== 'online' && settings.sync ? connectivity.message : null)) && (
        <Alert color={connectivity.state === 'offline' ? 'orange' : 'red'} title={connectivity.state === 'offline' ? 'Working offline' : 'Sync needs attention'} role="alert">
          {lastError ?? connectivity.message}
          {connectivity.state === 'offline' && ' Keep working: everything is saved on this workstation and goes to the server when it can be reached.'}
        </Alert>
      )}

      {rows.length > 0 && (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Sync by kind of record">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Records</Table.Th>
                <Table.Th ta="right">Not on the server yet</Table.Th>
                <Table.Th>Last synced</Table.Th>
                <Table.Th w="40%">State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([name, status]) => (
                <Table.Tr key={name} data-collection={name}>
                  <Table.Td>{COLLECTION_LABEL[name]}</Table.Td>
                  <Table.Td ta="right" data-testid="pending">
                    {status.pending === null ? '…' : status.pending.toLocaleString('en-US')}
                  </Table.Td>
                  <Table.Td>{status.lastSyncedAt ? formatWhen(status.lastSyncedAt, zone) : 'Not yet'}</Table.Td>
                  <Table.Td>
                    <CollectionState status={status} held={held} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>All records</Table.Th>
                <Table.Th ta="right">{pendingLocalChanges === null ? '…' : pendingLocalChanges.toLocaleString('en-US')}</Table.Th>
                <Table.Th colSpan={2}>{describeSync(connectivity.state === 'online', active, pendingLocalChanges, held)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Card>
      )}

      <DayClosePanel />
      <SyncModeForm mode={mode} />
      <SitesPanel />
    </Stack>
  );
}

/** A set time as it was entered (24-hour), with "tomorrow" when it is not today. */
function formatNext(at: Date, zone: string): string {
  const time = clockTimeInZone(at, zone);
  return dateInZone(at, zone) === dateInZone(new Date(), zone) ? time : `${time} tomorrow`;
}

/** Today's times as a time, other days with the date. */
function formatWhen(instant: string, zone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' });
  const time = formatTimeInZone(instant, zone);
  if (day.format(new Date(instant)) === day.format(new Date())) return time;
  return `${new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric' }).format(new Date(instant))}, ${time}`;
}

function SyncModeForm({ mode }: { mode: SyncMode }) {
  const desk = useDesk();
  const [kind, setKind] = useState<SyncMode['kind']>(mode.kind);
  const [times, setTimes] = useState<string[]>(mode.kind === 'scheduled' ? mode.times : ['12:30', '17:00']);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    const parsed = SyncModeSchema.safeParse(kind === 'live' ? { kind } : { kind, times });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the times');
    try {
      await desk.ctx.authorize('settings.workstation');
      await desk.client.call('settings:setSyncMode', parsed.data);
      await desk.ctx.audit({ action: 'change', subject: 'sync mode', detail: describeSyncMode(parsed.data) });
      await desk.refreshSettings();
      notifications.show({ color: 'teal', message: 'Sync times saved' });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Card withBorder>
      <form
        aria-label="When this workstation syncs"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            When this workstation syncs
          </Title>
          <SegmentedControl
            aria-label="Sync mode"
            value={kind}
            onChange={(v) => setKind(v as SyncMode['kind'])}
            data={[
              { value: 'live', label: 'Live' },
              { value: 'scheduled', label: 'At set times' },
            ]}
            w="fit-content"
          />
          <Text size="sm" c="dimmed">
            {kind === 'live'
              ? 'Changes go both ways within seconds whenever the server can be reached.'
              : 'For satellite offices on a slow or paid line: sync only at these times, on Sync now and at close of day. The desk works the same in between.'}
          </Text>
          {kind === 'scheduled' && (
            <TagsInput
              label="Sync times (24-hour)"
              description="Type a time such as 12:30 and press Enter"
              value={times}
              onChange={setTimes}
              maxTags={12}
              w={420}
            />
          )}
        </Stack>
        <FormFooter error={error} submitLabel="Save sync times" />
      </form>
    </Card>
  );
}
