import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { formatTimeInZone } from '../../../shared/domain/time';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { usePatientNames } from '../patients/public';
import { useToday } from '../../app/useToday';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { BookAppointmentForm } from './BookAppointmentForm';

export function ScheduleScreen() {
  const desk = useDesk();
  const today = useToday();
  const patientId = useDeskStore((s) => s.selectedPatientId);
  const appointments = useObservable(() => desk.appointments.observeRange(today.start, today.end), [], [desk, today.date, today.timeZone]);
  const names = usePatientNames([...appointments.map((a) => a.patientId), ...(patientId ? [patientId] : [])]);

  return (
    <Stack>
      <Title order={2}>Schedule</Title>
      <Card withBorder>
        {patientId ? (
          <>
            <Text fw={500} mb="xs">
              Book for {names.get(patientId) ?? '…'}
            </Text>
            <BookAppointmentForm patientId={patientId} date={today.date} timeZone={today.timeZone} />
          </>
        ) : (
          <Text c="dimmed">Find a patient first (Ctrl+K on the Patients screen) to book an appointment.</Text>
        )}
      </Card>
      <Title order={3}>Today, {today.date}</Title>
      {appointments.length === 0 ? (
        <Text c="dimmed">No appointments today.</Text>
      ) : (
        <Table aria-label="Today's appointments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{formatTimeInZone(a.start, a.timeZone)}</Table.Td>
                <Table.Td>{names.get(a.patientId) ?? '…'}</Table.Td>
                <Table.Td>{a.reason}</Table.Td>
                <Table.Td>
                  <AppointmentStatusBadge status={a.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
