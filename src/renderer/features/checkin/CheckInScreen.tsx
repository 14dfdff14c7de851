import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';
import type { Appointment } from '../../../shared/schedule/appointment';
import { formatTimeInZone } from '../../../shared/domain/time';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { usePatientNames } from '../patients/public';
import { useToday } from '../../app/useToday';
import { AppointmentStatusBadge } from '../schedule/public';

/** The waiting room: today's patients, who has arrived and when. */
export function CheckInScreen() {
  const desk = useDesk();
  const today = useToday();
  const takePayment = useDeskStore((s) => s.takePayment);
  const appointments = useObservable(() => desk.appointments.observeRange(today.start, today.end), [], [desk, today.date, today.timeZone]);
  const names = usePatientNames(appointments.map((a) => a.patientId));

  // The list shows who is coming and when: each patient on it is a view of their record, logged
  // once each time the screen is opened.
  const logged = useRef(new Set<string>());
  useEffect(() => {
    for (const a of appointments) {
      if (logged.current.has(a.patientId)) continue;
      logged.current.add(a.patientId);
      void desk.ctx.audit({ action: 'view', patientId: a.patientId, subject: 'check-in list', detail: `Listed for ${today.date}` });
    }
  }, [appointments, desk, today.date]);

  const checkIn = async (a: Appointment) => {
    try {
      await desk.appointments.checkIn(a.id);
      notifications.show({ color: 'teal', message: `${names.get(a.patientId) ?? 'Patient'} checked in` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not check in', message: (error as Error).message });
    }
  };

  return (
    <Stack>
      <Title order={2}>Check-in · {today.date}</Title>
      {appointments.length === 0 ? (
        <Text c="dimmed">No appointments today.</Text>
      ) : (
        <Table aria-label="Check-in list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Arrived</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.map((a) => {
              const name = names.get(a.patientId) ?? '…';
              return (
                <Table.Tr key={a.id} aria-label={`${formatTimeInZone(a.start, a.timeZone)} ${name}`}>
                  <Table.Td>{formatTimeInZone(a.start, a.timeZone)}</Table.Td>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    <AppointmentStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>{a.arrivedAt ? formatTimeInZone(a.arrivedAt, a.timeZone) : ''}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {a.status === 'booked' && (
                        <Button size="xs" onClick={() => void checkIn(a)} aria-label={`Check in ${name}`}>
                          Check in
                        </Button>
                      )}
                      <Button size="xs" variant="light" onClick={() => takePayment(a.patientId, a.id)} aria-label={`Collect co-pay from ${name}`}>
                        Collect co-pay
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
