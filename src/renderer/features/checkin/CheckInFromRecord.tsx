import { Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { useGuardedAction } from '../../components/useGuardedAction';
import { CheckInFlow, type CheckInTarget } from './CheckInFlow';
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
  const [asking, setAsking] = useState(false);
  const [flow, setFlow] = useState<CheckInTarget | null>(null);
  const booked = appointments.filter((a) => a.status === 'booked').sort((a, b) => a.start.localeCompare(b.start));
  const todays = booked.filter((a) => dateInZone(new Date(a.start), a.timeZone) === today);
  // Of several visits today, the one nearest now.
  const due = [...todays].sort((a, b) => Math.abs(Date.parse(a.start) - now) - Math.abs(Date.parse(b.start) - now))[0];
  const next = booked.find((a) => Date.parse(a.start) > now && dateInZone(new Date(a.start), a.timeZone) !== today);
  const checkedIn = appointments.some((a) => (a.status === 'arrived' || a.status === 'checked-in') && dateInZone(new Date(a.start), a.timeZone) === today);

  const checkIn = (a: Appointment) =>
    setFlow({ patientId: a.patientId, appointmentId: a.id, providerId: a.providerId, typeId: a.typeId, appointmentStatus: a.status, label: `${name} · ${formatTimeInZone(a.start, a.timeZone)}` });

  if (checkedIn && !due) return null;
  return (
    <>
      <Button color="teal" onClick={() => (due ? checkIn(due) : setAsking(true))} aria-label={due ? `Check in for ${formatTimeInZone(due.start, due.timeZone)}` : 'Check in…'}>
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
            onStart={(target) => {
              setAsking(false);
              setFlow({ ...target, label: `${name} · ${target.label}` });
            }}
          />
        </Stack>
      </Modal>
      <CheckInFlow
        target={flow}
        onClose={() => setFlow(null)}
        onDone={(who) => {
          setFlow(null);
          notifications.show({ color: 'teal', message: `${who} checked in` });
        }}
      />
    </>
  );
}
