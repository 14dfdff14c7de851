import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import { formatTimeInZone } from '../../../shared/domain/time';
import { APPOINTMENT_STATUS_LABEL, type Appointment, type AppointmentStatus } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { useMinute, useToday } from '../../app/useToday';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useDeskRules, useProviders } from '../catalog/public';
import { usePatientMarkers, usePatientNames, type PatientMarkers } from '../patients/public';
import { AppointmentStatusBadge } from '../schedule/public';
import { CheckInFlow, type CheckInTarget } from './CheckInFlow';
import { FlowBoard } from './FlowBoard';
import { useArrivalMarkers } from './useArrivalMarkers';
import { WalkInForm } from './WalkInForm';

const NONE: never[] = [];
/** Statuses the arrivals list leaves out: they will not come today. */
const GONE = new Set<AppointmentStatus>(['cancelled', 'entered-in-error', 'waitlist']);

/**
 * The front desk's day: today's arrivals (who is coming and when, who is late), checked in with
 * one action, walk-ins, and the flow board of everyone in the clinic.
 */
export function CheckInScreen() {
  const desk = useDesk();
  const today = useToday();
  const now = useMinute();
  const guard = useGuardedAction();
  const takePayment = useDeskStore((s) => s.takePayment);
  const selectedPatient = useDeskStore((s) => s.selectedPatientId);
  const providers = useProviders();
  const { lateAfterMinutes } = useDeskRules();
  const appointments = useObservable(() => desk.appointments.observeRange(today.start, today.end), NONE, [desk, today.date, today.timeZone]);
  const visits = useObservable(() => desk.visits.observeDay(today.date), NONE, [desk, today.date]);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
  const names = usePatientNames([...appointments.map((a) => a.patientId), ...visits.map((v) => v.patientId)]);
  const markers = usePatientMarkers(appointments.map((a) => a.patientId));
  const deskMarkers = useArrivalMarkers(appointments, types, now, today);
  const [provider, setProvider] = useState('');
  const [status, setStatus] = useState('');
  const [walkIn, setWalkIn] = useState(false);
  const [flow, setFlow] = useState<CheckInTarget | null>(null);

  const arrivals = useMemo(
    () => appointments.filter((a) => !GONE.has(a.status) && (!provider || a.providerId === provider) && (!status || a.status === status)),
    [appointments, provider, status],
  );

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

  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : '';
  };
  const typeName = (a: Appointment) => types.find((t) => t.id === a.typeId)?.name ?? a.reason;

  const checkIn = (a: Appointment) =>
    setFlow({
      patientId: a.patientId,
      appointmentId: a.id,
      providerId: a.providerId,
      typeId: a.typeId,
      appointmentStatus: a.status,
      label: `${names.get(a.patientId) ?? 'Patient'} · ${formatTimeInZone(a.start, a.timeZone)} ${typeName(a)}`,
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Check-in · {today.date}</Title>
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label="Provider"
            data={[{ value: '', label: 'All providers' }, ...providers.filter((p) => p.active).map((p) => ({ value: p.id, label: providerLabel(p) }))]}
            value={provider}
            onChange={(e) => setProvider(e.currentTarget.value)}
            w={220}
          />
          <NativeSelect
            label="Status"
            data={[{ value: '', label: 'Any status' }, ...(['booked', 'arrived', 'fulfilled', 'noshow'] as const).map((s) => ({ value: s, label: APPOINTMENT_STATUS_LABEL[s] }))]}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            w={160}
          />
          <Button variant="default" onClick={() => setWalkIn(true)}>
            Walk-in…
          </Button>
        </Group>
      </Group>
      <RefusalNotice guard={guard} />
      <FlowBoard visits={visits} names={names} now={now} />
      <Title order={3}>Today’s arrivals</Title>
      {arrivals.length === 0 ? (
        <Text c="dimmed">{appointments.length === 0 ? 'No appointments today.' : 'No appointments match the filters.'}</Text>
      ) : (
        <Table aria-label="Check-in list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th miw={150}>Status</Table.Th>
              <Table.Th>Arrived</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {arrivals.map((a) => {
              const name = names.get(a.patientId) ?? '…';
              const lateBy = a.status === 'booked' ? Math.floor((now - Date.parse(a.start)) / 60_000) : 0;
              return (
                <Table.Tr key={a.id} aria-label={`${formatTimeInZone(a.start, a.timeZone)} ${name}`}>
                  <Table.Td>{formatTimeInZone(a.start, a.timeZone)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{name}</Text>
                    <PatientMarkerBadges markers={markers.get(a.patientId)} desk={a.status === 'booked' ? deskMarkers.get(a.id) : undefined} />
                  </Table.Td>
                  <Table.Td>{providerName(a.providerId)}</Table.Td>
                  <Table.Td>{typeName(a)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <AppointmentStatusBadge status={a.status} />
                      {lateBy >= lateAfterMinutes && (
                        <Badge color="red" variant="filled">
                          Late {lateBy >= 60 ? `${Math.floor(lateBy / 60)} h ${lateBy % 60} min` : `${lateBy} min`}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{a.arrivedAt ? formatTimeInZone(a.arrivedAt, a.timeZone) : ''}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {a.status === 'booked' && (
                        <Button size="xs" onClick={() => checkIn(a)} aria-label={`Check in ${name}`}>
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
      <Modal opened={walkIn} onClose={() => setWalkIn(false)} title="Walk-in">
        <WalkInForm
          guard={guard}
          patientId={selectedPatient ?? ''}
          onStart={(target) => {
            setWalkIn(false);
            setFlow(target);
          }}
        />
      </Modal>
      <CheckInFlow
        target={flow}
        onClose={() => setFlow(null)}
        onDone={(name) => {
          setFlow(null);
          notifications.show({ color: 'teal', message: `${name} checked in` });
        }}
      />
    </Stack>
  );
}

/** Alerts are read, not skimmed: written as typed and wrapped rather than cut short. */
const MARKER_STYLES = { root: { height: 'auto', textTransform: 'none' as const, paddingBlock: 2 }, label: { whiteSpace: 'normal' as const, overflow: 'visible' } };

/**
 * A patient's alerts and interpreter need, under their name on the arrivals list, and what their
 * check-in will ask for (a balance, forms to sign, insurance to verify).
 */
function PatientMarkerBadges({ markers, desk }: { markers: PatientMarkers | undefined; desk: readonly string[] | undefined }) {
  const alerts = markers && (markers.alerts.length > 0 || markers.interpreter);
  if (!alerts && !desk?.length) return null;
  return (
    <Group gap={4} mt={2} aria-label="Alerts">
      {desk?.map((marker) => (
        <Badge key={marker} color="orange" variant="light" size="sm" styles={MARKER_STYLES}>
          {marker}
        </Badge>
      ))}
      {markers?.interpreter && (
        <Badge color="grape" variant="light" size="sm" styles={MARKER_STYLES}>
          Interpreter: {markers.interpreter}
        </Badge>
      )}
      {markers?.alerts.map((alert) => (
        <Badge key={alert} color="red" variant="light" size="sm" styles={MARKER_STYLES}>
          {alert}
        </Badge>
      ))}
    </Group>
  );
}
