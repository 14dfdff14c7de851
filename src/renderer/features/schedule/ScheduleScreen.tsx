import { Alert, Button, Card, Group, List, Modal, NativeSelect, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import { formatTimeInZone } from '../../../shared/domain/time';
import { CANCEL_REASON_LABEL, CancelReasonSchema, type Appointment, type CancelReason } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { useMinute, useToday } from '../../app/useToday';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useProviders } from '../catalog/public';
import { usePatientNames } from '../patients/public';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { BookAppointmentForm } from './BookAppointmentForm';
import type { DoubleBooking } from './appointmentsRepo';

const NONE: never[] = [];
/** How far ahead the schedule looks for double bookings to sort out. */
const ATTENTION_DAYS = 14;
const KIND_LABEL: Record<DoubleBooking['kinds'][number], string> = { provider: 'same provider', room: 'same room', patient: 'same patient' };

export function ScheduleScreen() {
  const desk = useDesk();
  const today = useToday();
  const now = useMinute();
  const guard = useGuardedAction();
  const patientId = useDeskStore((s) => s.selectedPatientId);
  const appointments = useObservable(() => desk.appointments.observeRange(today.start, today.end), NONE, [desk, today.date, today.timeZone]);
  const attention = useObservable(() => desk.appointments.observeNeedsAttention(today.start, new Date(today.start.getTime() + ATTENTION_DAYS * 86_400_000)), NONE, [desk, today.date, today.timeZone]);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
  const providers = useProviders();
  const names = usePatientNames([...appointments.map((a) => a.patientId), ...attention.flatMap((p) => [p.first.patientId, p.second.patientId]), ...(patientId ? [patientId] : [])]);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : '';
  };
  const typeName = (id: string) => types.find((t) => t.id === id)?.name ?? '';
  const visitLabel = (a: Appointment) => `${names.get(a.patientId) ?? '…'} at ${formatTimeInZone(a.start, a.timeZone)} on ${new Date(a.start).toLocaleDateString('en-US', { timeZone: a.timeZone, month: 'short', day: 'numeric' })}`;

  const noShow = (a: Appointment) =>
    void guard.run(async () => {
      try {
        await desk.appointments.markNoShow(a.id);
        notifications.show({ message: `${names.get(a.patientId) ?? 'The patient'} marked as a no-show` });
      } catch (e) {
        notifications.show({ color: 'red', message: (e as Error).message });
      }
    });

  return (
    <Stack>
      <Title order={2}>Schedule</Title>
      {attention.length > 0 && (
        <Alert color="orange" title={`Needs attention: ${attention.length === 1 ? 'a double booking' : `${attention.length} double bookings`}`} role="region" aria-label="Needs attention">
          <Text size="sm" mb="xs">
            Booked at the same time at two workstations while offline. Move or cancel one of each pair.
          </Text>
          <List size="sm">
            {attention.map((p) => (
              <List.Item key={`${p.first.id}|${p.second.id}`}>
                {visitLabel(p.first)} and {visitLabel(p.second)} ({p.kinds.map((k) => KIND_LABEL[k]).join(', ')})
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
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
      <RefusalNotice guard={guard} />
      {appointments.length === 0 ? (
        <Text c="dimmed">No appointments today.</Text>
      ) : (
        <Table aria-label="Today's appointments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.map((a) => {
              const name = names.get(a.patientId) ?? '…';
              const started = Date.parse(a.start) <= now;
              return (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatTimeInZone(a.start, a.timeZone)}</Table.Td>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{typeName(a.typeId)}</Table.Td>
                  <Table.Td>{providerName(a.providerId)}</Table.Td>
                  <Table.Td>{a.status === 'cancelled' && a.cancelReason ? `${a.reason} (cancelled: ${CANCEL_REASON_LABEL[a.cancelReason]}${a.cancelNote ? `, ${a.cancelNote}` : ''})` : a.reason}</Table.Td>
                  <Table.Td>
                    <AppointmentStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>
                    {a.status === 'booked' && (
                      <Group gap="xs" wrap="nowrap">
                        {started && (
                          <Button size="compact-xs" variant="default" onClick={() => noShow(a)} aria-label={`Mark ${name} as a no-show`}>
                            No-show
                          </Button>
                        )}
                        <Button size="compact-xs" variant="default" onClick={() => setCancelling(a)} aria-label={`Cancel the visit of ${name}`}>
                          Cancel…
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={cancelling ? `Cancel the visit of ${visitLabel(cancelling)}` : ''}>
        {cancelling && <CancelForm visit={cancelling} onDone={() => setCancelling(null)} />}
      </Modal>
    </Stack>
  );
}

/** Why a visit is cancelled (a note is needed for "Other"); the reason stays on the visit. */
function CancelForm({ visit, onDone }: { visit: Appointment; onDone: () => void }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    if (!reason) {
      setError('Choose why the appointment is cancelled.');
      return;
    }
    setBusy(true);
    try {
      await guard.run(async () => {
        await desk.appointments.cancel(visit.id, reason, note);
        notifications.show({ message: 'Appointment cancelled' });
        onDone();
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label="Cancel appointment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <NativeSelect
          label="Why"
          withAsterisk
          data={[{ value: '', label: 'Choose a reason' }, ...CancelReasonSchema.options.map((r) => ({ value: r, label: CANCEL_REASON_LABEL[r] }))]}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as CancelReason | '')}
        />
        <TextInput label="Note" withAsterisk={reason === 'other'} value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
        <RefusalNotice guard={guard} />
      </Stack>
      <FormFooter error={error} submitLabel="Cancel appointment" loading={busy} onCancel={onDone} cancelLabel="Keep it" />
    </form>
  );
}
