import { Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import type { useGuardedAction } from '../../components/useGuardedAction';
import { WalkInForm } from './WalkInForm';

/**
 * Check-in from a patient's page (found with Ctrl+K): a patient booked today is checked in at once;
 * one who came on the wrong day is told when their visit is, and may be seen today as a walk-in.
 */
export function CheckInFromRecord({
  patientId,
  name,
  appointments,
  today,
  now,
  providerName,
  guard,
}: {
  patientId: string;
  name: string;
  appointments: readonly Appointment[];
  today: string;
  now: number;
  providerName: (id: string) => string;
  guard: ReturnType<typeof useGuardedAction>;
}) {
  const desk = useDesk();
  const [asking, setAsking] = useState(false);
  const booked = appointments.filter((a) => a.status === 'booked').sort((a, b) => a.start.localeCompare(b.start));
  const todays = booked.filter((a) => dateInZone(new Date(a.start), a.timeZone) === today);
  // Of several visits today, the one nearest now.
  const due = [...todays].sort((a, b) => Math.abs(Date.parse(a.start) - now) - Math.abs(Date.parse(b.start) - now))[0];
  const next = booked.find((a) => Date.parse(a.start) > now && dateInZone(new Date(a.start), a.timeZone) !== today);
  const checkedIn = appointments.some((a) => (a.status === 'arrived' || a.status === 'checked-in') && dateInZone(new Date(a.start), a.timeZone) === today);

  const checkIn = (a: Appointment) =>
    guard
      .run(async () => {
        await desk.visits.start({ patientId: a.patientId, appointmentId: a.id, providerId: a.providerId, typeId: a.typeId });
        await desk.appointments.checkIn(a.id);
        notifications.show({ color: 'teal', message: `${name} checked in for ${formatTimeInZone(a.start, a.timeZone)}` });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Could not check in', message: (e as Error).message }));

  if (checkedIn && !due) return null;
  return (
    <>
      <Button color="teal" onClick={() => (due ? void checkIn(due) : setAsking(true))} aria-label={due ? `Check in for ${formatTimeInZone(due.start, due.timeZone)}` : 'Check in…'}>
        {due ? `Check in for ${formatTimeInZone(due.start, due.timeZone)}` : 'Check in…'}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={`Check in ${name}`}>
        <Stack gap="sm">
          <Text size="sm" role="status">
            {next
              ? `${name} has no appointment today. Their next visit is ${new Date(next.start).toLocaleDateString('en-US', { timeZone: next.timeZone, weekday: 'long', month: 'long', day: 'numeric' })} at ${formatTimeInZone(next.start, next.timeZone)}${next.providerId ? ` with ${providerName(next.providerId)}` : ''}.`
              : `${name} has no appointment today or later.`}{' '}
            They can be seen today as a walk-in:
          </Text>
          <WalkInForm
            guard={guard}
            patientId={patientId}
            onDone={() => {
              setAsking(false);
              notifications.show({ color: 'teal', message: `${name} checked in as a walk-in` });
            }}
          />
        </Stack>
      </Modal>
    </>
  );
}
