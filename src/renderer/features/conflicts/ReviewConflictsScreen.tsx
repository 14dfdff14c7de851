import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { Staff } from '../../../shared/auth/staff';
import { parseGroupValues, type Conflict } from '../../../shared/conflicts/conflict';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useSettings } from '../../app/settingsStore';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { DeskError } from '../../data/workContext';
import { usePatientNames } from '../patients/public';
import type { RecordNow } from './conflictsRepo';
import { RECORD_KIND, describeValues, describeWhen } from './describeConflict';

const VERSION_NAME = ['A', 'B'] as const;

function ConflictCard({ conflict, patientName, staffName }: { conflict: Conflict; patientName: string; staffName: (id: string) => string }) {
  const desk = useDesk();
  const zone = useSettings().clinic.timeZone;
  const guard = useGuardedAction();
  const current = useObservable(() => desk.conflicts.observeCurrent(conflict), undefined as RecordNow | null | undefined, [desk, conflict.id]);
  const versions = conflict.versions.map((v) => ({ ...v, values: parseGroupValues(v.values) }));
  const held = current ? current.holds : -1;
  const titleId = `conflict-${conflict.id}`;

  const [error, setError] = useState<string | null>(null);
  const keep = (index: 0 | 1) => {
    setError(null);
    guard
      .run(async () => {
        await desk.conflicts.resolve(conflict.id, index);
        notifications.show({ color: 'teal', message: `${conflict.label} kept: ${describeValues(conflict.group, versions[index]!.values, zone)} (version ${VERSION_NAME[index]}).` });
      })
      .catch((e: unknown) => setError(e instanceof DeskError ? e.message : 'The choice could not be saved. Try again; if it happens again, call support.'));
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId} data-testid="conflict">
      <RefusalNotice guard={guard} />
      {error && (
        <Alert color="red" mb="sm" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={3} size="h4" id={titleId}>
            {patientName} · {conflict.label}
          </Title>
          <Text size="sm" c="dimmed">
            {RECORD_KIND[conflict.recordCollection]} · found {describeWhen(conflict.createdAt, zone)}
          </Text>
        </div>
      </Group>
      <SimpleGrid cols={2} spacing="md">
        {versions.map((v, index) => (
          <Card key={index} withBorder padding="sm" radius="sm" bg={held === index ? 'blue.0' : undefined} data-testid="version">
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  Version {VERSION_NAME[index]}
                </Text>
                {held === index && (
                  <Badge variant="light" color="blue">
                    In the record now
                  </Badge>
                )}
              </Group>
              <Text size="lg" fw={500} data-testid="version-value">
                {describeValues(conflict.group, v.values, zone)}
              </Text>
              <Text size="sm" c="dimmed">
                {staffName(v.updatedBy)} at site {v.siteId}, {describeWhen(v.updatedAt, zone)}
              </Text>
              <Button variant={held === index ? 'light' : 'filled'} onClick={() => keep(index as 0 | 1)} aria-label={`Keep version ${VERSION_NAME[index]}: ${describeValues(conflict.group, v.values, zone)}`}>
                Keep version {VERSION_NAME[index]}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {current === null && (
        <Text size="sm" c="orange.9" mt="sm">
          The record is not on this workstation yet; it arrives with the next sync.
        </Text>
      )}
      {current && held === -1 && (
        <Text size="sm" mt="sm">
          The record was changed since and now holds {describeValues(conflict.group, current.values, zone)}. Keeping a version writes it over that change.
        </Text>
      )}
    </Card>
  );
}

/**
 * Conflicts for a person to decide: two workstations changed the same meaningful details of a
 * record (a name, a date of birth, a visit's time, a member id) without seeing each other's change.
 * Sync kept the later change so work goes on; here both stand side by side until someone chooses.
 */
export function ReviewConflictsScreen() {
  const desk = useDesk();
  const zone = useSettings().clinic.timeZone;
  const open = useObservable(() => desk.conflicts.observeOpen(), [] as Conflict[], [desk]);
  const decided = useObservable(() => desk.conflicts.observeDecided(), [] as Conflict[], [desk]);
  const staff = useObservable(() => desk.staff.observeAll(), [] as Staff[], [desk]);
  const patientIds = useMemo(() => [...new Set([...open, ...decided].map((c) => c.patientId).filter(Boolean))], [open, decided]);
  const names = usePatientNames(patientIds);
  const staffNames = useMemo(() => new Map(staff.map((s) => [s.id, s.displayName])), [staff]);
  const staffName = (id: string) => staffNames.get(id) ?? id;
  const patientName = (c: Conflict) => (c.patientId ? (names.get(c.patientId) ?? 'A patient') : RECORD_KIND[c.recordCollection]);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Review conflicts</Title>
        <Text c="dimmed" size="sm" maw={760}>
          Two workstations changed the same details of a record without seeing each other&apos;s change. Sync kept the later change so work could go on; choose the one that is right. Your choice is
          saved in the record and its history.
        </Text>
      </div>

      {open.length === 0 ? (
        <Alert color="teal" title="Nothing to review">
          Every change that reached this workstation fitted together.
        </Alert>
      ) : (
        <Stack gap="md" aria-label="Conflicts to review">
          <Text size="sm" fw={500}>
            {open.length === 1 ? '1 conflict to review' : `${open.length} conflicts to review`}
          </Text>
          {open.map((c) => (
            <ConflictCard key={c.id} conflict={c} patientName={patientName(c)} staffName={staffName} />
          ))}
        </Stack>
      )}

      {decided.length > 0 && (
        <Title order={3} size="h4" mt="sm">
          Decided recently
        </Title>
      )}
      {decided.length > 0 && (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Decided recently">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th>Kept</Table.Th>
                <Table.Th>Decided by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {decided.map((c) => {
                const kept = c.versions[c.kept];
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>{patientName(c)}</Table.Td>
                    <Table.Td>{c.label}</Table.Td>
                    <Table.Td>{kept ? describeValues(c.group, parseGroupValues(kept.values), zone) : ''}</Table.Td>
                    <Table.Td>
                      {c.resolvedByName}, {c.resolvedAt ? describeWhen(c.resolvedAt, zone) : ''}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
