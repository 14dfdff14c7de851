import { Alert, Button, Group, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AppointmentId } from '../../../shared/domain/ids';
import { formatTimeInZone } from '../../../shared/domain/time';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';

/**
 * Booked visits of the day that are over and were never checked in: the end-of-day list, each
 * marked a no-show with one click (or all at once), so the day closes with every visit accounted for.
 */
export function NotCheckedIn({ visits, names, now }: { visits: readonly Appointment[]; names: ReadonlyMap<string, string>; now: number }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const missed = visits.filter((a) => a.status === 'booked' && Date.parse(a.end) <= now).sort((a, b) => a.start.localeCompare(b.start));
  if (missed.length === 0) return null;
  const mark = (list: readonly Appointment[]) =>
    void guard
      .run(async () => {
        for (const a of list) await desk.appointments.markNoShow(a.id as AppointmentId);
        notifications.show({ message: list.length === 1 ? `${names.get(list[0]!.patientId) ?? 'The patient'} marked as a no-show` : `${list.length} visits marked as no-shows` });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', message: (e as Error).message }));
  return (
    <Alert color="yellow" title={`Not checked in: ${missed.length === 1 ? 'a visit' : `${missed.length} visits`}`} role="region" aria-label="Not checked in">
      <Text size="sm" mb="xs">
        These visits are over and the patients were never checked in. Check them in from Check-in if they came, or mark them as no-shows.
      </Text>
      <List size="sm" spacing={4}>
        {missed.map((a) => {
          const name = names.get(a.patientId) ?? '…';
          return (
            <List.Item key={a.id}>
              <Group gap="xs">
                <span>
                  {formatTimeInZone(a.start, a.timeZone)} {name}
                </span>
                <Button size="compact-xs" variant="default" onClick={() => mark([a])} aria-label={`No-show: mark ${name} as a no-show`}>
                  No-show
                </Button>
              </Group>
            </List.Item>
          );
        })}
      </List>
      {missed.length > 1 && (
        <Button mt="xs" size="xs" variant="default" onClick={() => mark(missed)}>
          Mark all {missed.length} as no-shows
        </Button>
      )}
      <RefusalNotice guard={guard} />
    </Alert>
  );
}
