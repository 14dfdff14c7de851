import { Box, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { providerLabel, type Provider } from '../../../shared/catalog/catalog';
import { clockTimeInZone, dateInZone, formatTimeInZone, zonedTimeToInstant } from '../../../shared/domain/time';
import { CANCEL_REASON_LABEL, type Appointment } from '../../../shared/schedule/appointment';
import { ClockTimeSchema } from '../../../shared/schedule/scheduling';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { OverlapError } from './appointmentsRepo';
import { CancelForm, SeriesScopeChoice } from './CancelForm';
import type { SeriesScope } from './appointmentsRepo';
import { OverlapOverride } from './OverlapOverride';
import type { PrintNames } from './schedulePrints';
import { useDeskRules } from '../catalog/public';

const MOVABLE = new Set(['booked', 'pending', 'proposed']);

/**
 * One visit, opened from the calendar: what it is, and what the desk can do with it (move it to
 * another time or provider, cancel it with a reason, mark a no-show once it has started).
 */
export function VisitPanel({ visit, patientName, typeName, providers, now, printNames, onDone, onCancelled }: { visit: Appointment; patientName: string; typeName: string; providers: readonly Provider[]; now: number; printNames: PrintNames; onDone: () => void; onCancelled?: (visit: Appointment) => void }) {
  const rules = useDeskRules();
  const desk = useDesk();
  const guard = useGuardedAction();
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const tz = visit.timeZone;
  const provider = providers.find((p) => p.id === visit.providerId);
  const when = `${new Date(visit.start).toLocaleDateString('en-US', { timeZone: tz, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })}, ${formatTimeInZone(visit.start, tz)} to ${formatTimeInZone(visit.end, tz)}`;
  const noShow = () =>
    void guard.run(async () => {
      try {
        await desk.appointments.markNoShow(visit.id);
        notifications.show({ message: `${patientName} marked as a no-show` });
        onDone();
      } catch (e) {
        notifications.show({ color: 'red', message: (e as Error).message });
      }
    });

  const printCard = () =>
    void guard.run(async () => {
      try {
        const result = await desk.schedulePrints.printCard(visit.patientId, printNames, rules);
        notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Appointment card printed', message: `${result.printerMessage} (${result.document.fileName})` });
      } catch (e) {
        notifications.show({ color: 'red', title: 'No card printed', message: (e as Error).message });
      }
    });

  if (mode === 'cancel') return <CancelForm visit={visit} onDone={onDone} {...(onCancelled ? { onCancelled } : {})} />;
  if (mode === 'move') return <MoveForm visit={visit} providers={providers} onDone={onDone} onBack={() => setMode('view')} />;
  return (
    <Stack gap="sm">
      <Table variant="vertical" layout="fixed" aria-label="Visit">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={110}>Patient</Table.Th>
            <Table.Td>{patientName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Td>{when}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Td>{typeName || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Td>{provider ? providerLabel(provider) : '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Reason</Table.Th>
            <Table.Td>{visit.reason || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            <Table.Td>
              <AppointmentStatusBadge status={visit.status} />
              {visit.cancelReason && ` ${CANCEL_REASON_LABEL[visit.cancelReason]}${visit.cancelNote ? `: ${visit.cancelNote}` : ''}`}
            </Table.Td>
          </Table.Tr>
          {visit.seriesId && (
            <Table.Tr>
              <Table.Th>Repeats</Table.Th>
              <Table.Td>Part of a repeating series</Table.Td>
            </Table.Tr>
          )}
          {visit.overbookReason && (
            <Table.Tr>
              <Table.Th>Booked over</Table.Th>
              <Table.Td>{visit.overbookReason}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <RefusalNotice guard={guard} />
      <Group justify="flex-end">
        {visit.status === 'booked' && Date.parse(visit.start) > now && (
          <Button variant="default" onClick={printCard}>
            Print card
          </Button>
        )}
        {visit.status === 'booked' && Date.parse(visit.start) <= now && (
          <Button variant="default" onClick={noShow}>
            No-show
          </Button>
        )}
        {MOVABLE.has(visit.status) && (
          <>
            <Button variant="default" onClick={() => setMode('cancel')}>
              Cancel visit…
            </Button>
            <Button onClick={() => setMode('move')} data-autofocus>
              Reschedule…
            </Button>
          </>
        )}
        {!MOVABLE.has(visit.status) && (
          <Button variant="default" onClick={onDone}>
            Close
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Another date, time, length or provider for a visit, with the same checks as booking. */
function MoveForm({ visit, providers, onDone, onBack }: { visit: Appointment; providers: readonly Provider[]; onDone: () => void; onBack: () => void }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const tz = visit.timeZone;
  const [day, setDay] = useState(dateInZone(new Date(visit.start), tz));
  const [time, setTime] = useState(() => clockTimeInZone(visit.start, tz));
  const [minutes, setMinutes] = useState(String(Math.round((Date.parse(visit.end) - Date.parse(visit.start)) / 60_000)));
  const [providerId, setProviderId] = useState(visit.providerId);
  const [scope, setScope] = useState<SeriesScope>('this');
  const [overlap, setOverlap] = useState<string | null>(null);
  const { busy, error, setError, submit } = useFormSubmit(guard, (e) => e instanceof OverlapError && (setOverlap(e.message), true));

  const save = (overbookReason: string | null) => {
    const length = Number(minutes);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setError('Enter the date.');
    if (!ClockTimeSchema.safeParse(time).success) return setError('Enter the time as HH:MM, e.g. 09:30.');
    if (!Number.isInteger(length) || length < 5 || length > 720) return setError('The length is from 5 minutes to 12 hours, in whole minutes.');
    return submit(async () => {
      const start = zonedTimeToInstant(day, time, tz);
      const end = new Date(start.getTime() + length * 60_000);
      const to = { start: start.toISOString(), end: end.toISOString(), providerId };
      const options = overbookReason ? { overbookReason } : {};
      if (scope === 'following') {
        const moved = await desk.appointments.rescheduleFollowing(visit.id, to, options);
        notifications.show({ color: 'teal', message: `Moved ${moved.length} visits, from ${day} at ${formatTimeInZone(start, tz)}` });
      } else {
        await desk.appointments.reschedule(visit.id, to, options);
        notifications.show({ color: 'teal', message: `Moved to ${day} at ${formatTimeInZone(start, tz)}` });
      }
      onDone();
    });
  };
  return (
    <form
      aria-label="Reschedule"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(null);
      }}
    >
      <Text size="sm" c="dimmed" mb="xs">
        The earlier time stays in the visit's history.
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Date" type="date" value={day} onChange={(e) => setDay(e.currentTarget.value)} required data-autofocus />
        <TextInput label="Time" type="time" step={300} value={time} onChange={(e) => setTime(e.currentTarget.value)} required />
        <TextInput label="Length (minutes)" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} required />
        <NativeSelect label="Provider" data={[...(visit.providerId ? [] : [{ value: '', label: 'No provider' }]), ...providers.filter((p) => p.active || p.id === visit.providerId).map((p) => ({ value: p.id, label: providerLabel(p) }))]} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)} />
      </SimpleGrid>
      {visit.seriesId && (
        <Box mt="sm">
          <SeriesScopeChoice value={scope} onChange={setScope} verb="Move" />
        </Box>
      )}
      <RefusalNotice guard={guard} />
      {overlap && <OverlapOverride message={overlap} busy={busy} actionLabel="Move anyway" onConfirm={(why) => void save(why)} />}
      <FormFooter error={error} submitLabel="Move visit" loading={busy} onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}
