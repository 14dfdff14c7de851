import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import type { Appointment } from '../../../shared/schedule/appointment';
import type { AppointmentId } from '../../../shared/domain/ids';
import type { useGuardedAction } from '../../components/useGuardedAction';
import { CheckInFlow, type CheckInTarget } from './CheckInFlow';
import { WalkInForm } from './WalkInForm';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { nextAvailable } from '../schedule/public';
import type { Slot } from '../../../shared/schedule/slots';

const NONE: never[] = [];

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
              : `${name} has no appointment today or later.`}
          </Text>
          {next && asking && (
            <MoveToToday
              visit={next}
              now={now}
              today={today}
              providerName={providerName}
              guard={guard}
              onMoved={(moved) => {
                setAsking(false);
                checkIn(moved);
              }}
            />
          )}
          <Text size="sm">They can be seen today as a walk-in:</Text>
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

/**
 * The patient's visit of another day, offered at today's next free time (their provider first,
 * then anyone who takes the type): moved and checked in with one action.
 */
function MoveToToday({
  visit,
  now,
  today,
  providerName,
  guard,
  onMoved,
}: {
  visit: Appointment;
  now: number;
  today: string;
  providerName: (id: string) => string;
  guard: ReturnType<typeof useGuardedAction>;
  onMoved: (moved: Appointment) => void;
}) {
  const desk = useDesk();
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
  const type = types.find((t) => t.id === visit.typeId);
  const [slot, setSlot] = useState<Slot | null | undefined>(undefined);
  useEffect(() => {
    if (!type) return;
    let live = true;
    const from = new Date(now);
    const todayOnly = (slots: Slot[]) => slots.find((s) => dateInZone(new Date(s.start), visit.timeZone) === today) ?? null;
    void (async () => {
      const request = { type, patientId: visit.patientId, from, timeZone: visit.timeZone, limit: 1 };
      const own = visit.providerId ? todayOnly(await nextAvailable(desk, { ...request, providerIds: [visit.providerId] })) : null;
      const found = own ?? todayOnly(await nextAvailable(desk, request));
      if (live) setSlot(found);
    })();
    return () => {
      live = false;
    };
    // Searched once when the dialog opens (not again every minute).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [desk, type?.id, visit.id]);

  if (!type || slot === undefined) return null;
  if (slot === null) return <Text size="sm">No free time today for a {type.name.toLowerCase()}.</Text>;
  const when = `${formatTimeInZone(new Date(slot.start), visit.timeZone)} today${slot.providerId ? ` with ${providerName(slot.providerId)}` : ''}`;
  const move = () =>
    guard
      .run(async () => {
        const moved = await desk.appointments.reschedule(visit.id as AppointmentId, { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), providerId: slot.providerId, roomId: slot.roomId });
        notifications.show({ color: 'teal', message: `Visit moved to ${when}` });
        onMoved(moved);
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not moved', message: (e as Error).message }));
  return (
    <Stack gap={6}>
      <Text size="sm">
        Next free time today: <b>{when}</b>
      </Text>
      <Group justify="flex-end">
        <Button data-autofocus onClick={() => void move()}>
          Move visit to today and check in
        </Button>
      </Group>
    </Stack>
  );
}
