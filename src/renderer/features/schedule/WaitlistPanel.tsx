import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { providerLabel, type Provider } from '../../../shared/catalog/catalog';
import type { AppointmentId } from '../../../shared/domain/ids';
import { formatTimeInZone } from '../../../shared/domain/time';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { AppointmentType } from '../../../shared/schedule/scheduling';
import type { Slot } from '../../../shared/schedule/slots';
import { useDesk } from '../../app/DeskContext';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { nextAvailable } from './nextAvailable';
import { describeWants } from './WeekdayChoice';

const when = (instant: number | string, timeZone: string) =>
  `${new Date(instant).toLocaleDateString('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' })} at ${formatTimeInZone(new Date(instant), timeZone)}`;

/**
 * Everyone waiting for an earlier time, longest first: what they wait for, with whom and when
 * they can come. "Find a time" looks for the first free times that suit them; one click books it.
 */
export function WaitlistPanel({ entries, names, providers, types, timeZone }: { entries: readonly Appointment[]; names: ReadonlyMap<string, string>; providers: readonly Provider[]; types: readonly AppointmentType[]; timeZone: string }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const [choices, setChoices] = useState<{ id: string; slots: Slot[] } | null>(null);
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : 'Anyone';
  };
  const run = (action: () => Promise<void>) =>
    void guard.run(action).catch((e: unknown) => notifications.show({ color: 'red', message: (e as Error).message }));
  const find = (entry: Appointment) =>
    run(async () => {
      const type = types.find((t) => t.id === entry.typeId);
      if (!type) throw new Error('This visit type is no longer offered: remove the entry and add it again with another.');
      const slots = await nextAvailable(desk, { type, patientId: entry.patientId, from: new Date(), timeZone, ...(entry.providerId ? { providerIds: [entry.providerId] } : {}), partOfDay: entry.wants.partOfDay, weekdays: [...entry.wants.weekdays], limit: 3 });
      setChoices({ id: entry.id, slots });
    });
  const book = (entry: Appointment, slot: Slot) =>
    run(async () => {
      await desk.appointments.bookFromWaitlist(entry.id as AppointmentId, { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), providerId: slot.providerId, roomId: slot.roomId });
      notifications.show({ color: 'teal', message: `${names.get(entry.patientId) ?? 'The patient'} booked for ${when(slot.start, timeZone)}` });
      setChoices(null);
    });
  const remove = (entry: Appointment) =>
    run(async () => {
      await desk.appointments.cancel(entry.id as AppointmentId, 'other', 'Taken off the waitlist');
      notifications.show({ message: `${names.get(entry.patientId) ?? 'The patient'} taken off the waitlist` });
    });

  if (entries.length === 0) return <Text c="dimmed">Nobody is waiting. Add a patient from the booking form ("Add to waitlist").</Text>;
  return (
    <Stack gap="sm">
      <RefusalNotice guard={guard} />
      <Table aria-label="Waitlist" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Visit</Table.Th>
            <Table.Th>With</Table.Th>
            <Table.Th>Can come</Table.Th>
            <Table.Th>Waiting since</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const name = names.get(e.patientId) ?? '…';
            return (
              <Table.Tr key={e.id}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>{types.find((t) => t.id === e.typeId)?.name ?? e.reason}</Table.Td>
                <Table.Td>{providerName(e.providerId)}</Table.Td>
                <Table.Td>{describeWants(e.wants)}</Table.Td>
                <Table.Td>{new Date(e.createdAt).toLocaleDateString('en-US', { timeZone, month: 'short', day: 'numeric' })}</Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => find(e)} aria-label={`Find a time for ${name}`}>
                        Find a time
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(e)} aria-label={`Remove ${name} from the waitlist`}>
                        Remove
                      </Button>
                    </Group>
                    {choices?.id === e.id &&
                      (choices.slots.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          No free time that suits in the next 60 days.
                        </Text>
                      ) : (
                        choices.slots.map((slot) => (
                          <Button key={`${slot.providerId}|${slot.start}`} size="compact-xs" variant="light" onClick={() => book(e, slot)}>
                            Book {when(slot.start, timeZone)} with {providerName(slot.providerId)}
                          </Button>
                        ))
                      ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** A time just freed (a cancellation) and the waitlist patients who could take it, best first. */
export function FreedTimeNotice({ label, fits, names, types, onBook, onDismiss }: { label: string; fits: readonly { entry: Appointment; start: number; end: number }[]; names: ReadonlyMap<string, string>; types: readonly AppointmentType[]; onBook: (fit: { entry: Appointment; start: number; end: number }) => void; onDismiss: () => void }) {
  return (
    <Stack gap={6} role="region" aria-label="Time freed" p="sm" style={{ border: '1px solid var(--mantine-color-teal-4)', borderRadius: 'var(--mantine-radius-sm)', background: 'var(--mantine-color-teal-0)' }}>
      <Group justify="space-between">
        <Text fw={600}>A time came free: {label}</Text>
        <Button size="compact-xs" variant="subtle" onClick={onDismiss}>
          Dismiss
        </Button>
      </Group>
      <Text size="sm">On the waitlist and able to come, best first:</Text>
      {fits.slice(0, 5).map((fit) => (
        <Group key={fit.entry.id} gap="xs">
          <Text size="sm" fw={500}>
            {names.get(fit.entry.patientId) ?? '…'}
          </Text>
          <Text size="sm" c="dimmed">
            {types.find((t) => t.id === fit.entry.typeId)?.name ?? fit.entry.reason} · {describeWants(fit.entry.wants)}
          </Text>
          <Button size="compact-xs" onClick={() => onBook(fit)} aria-label={`Book ${names.get(fit.entry.patientId) ?? 'the patient'} into this time`}>
            Book
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
