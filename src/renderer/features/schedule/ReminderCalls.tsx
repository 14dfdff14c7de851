import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { providerLabel, type Provider } from '../../../shared/catalog/catalog';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { dayRangeInZone, formatTimeInZone } from '../../../shared/domain/time';
import { patientDisplayName } from '../../../shared/patients/patient';
import { ReminderResultSchema, type ReminderResult } from '../../../shared/schedule/appointment';
import { REMINDER_RESULT_LABEL, reminderRows, remindersToCsv, type ReminderPatient } from '../../../shared/schedule/reminders';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';

const NONE: never[] = [];

/**
 * The reminder calls for a day: each booked visit with the patient's number, how they agreed to
 * be reached and whether they take texts. The result of each call is kept on the visit with who
 * called and when; the list exports as CSV (a manager's permission: it carries phone numbers).
 */
export function ReminderCalls({ initialDate, timeZone, providers }: { initialDate: string; timeZone: string; providers: readonly Provider[] }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const [date, setDate] = useState(initialDate);
  const range = useMemo(() => dayRangeInZone(date, timeZone), [date, timeZone]);
  const visits = useObservable(() => desk.appointments.observeRange(range.start, range.end), NONE, [desk, range.start.getTime(), range.end.getTime()]);
  const [patients, setPatients] = useState<ReadonlyMap<string, ReminderPatient>>(new Map());
  const ids = [...new Set(visits.map((v) => v.patientId))].sort().join(',');
  useEffect(() => {
    let live = true;
    void Promise.all((ids ? ids.split(',') : []).map((id) => desk.patients.get(id as PatientId))).then((list) => {
      if (!live) return;
      setPatients(new Map(list.filter((p) => p !== null).map((p) => [p.id as string, { name: patientDisplayName(p), phones: p.phones, consent: p.consent, email: p.email }])));
    });
    return () => {
      live = false;
    };
  }, [desk, ids]);
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : '';
  };
  const rows = reminderRows(visits, patients, providerName, (instant, zone) => formatTimeInZone(instant, zone));

  const record = (id: string, result: ReminderResult) =>
    void guard.run(async () => {
      await desk.appointments.recordReminder(id as AppointmentId, result);
    });
  const exportCsv = () =>
    void guard
      .run(async () => {
        await desk.ctx.authorize('data.export');
        const { path } = await desk.client.call('files:saveExport', { kind: 'reminder-calls-csv', content: remindersToCsv(date, rows) });
        await desk.ctx.audit({ action: 'export', subject: 'reminder calls', detail: `${rows.length} visits on ${date} to ${path}` });
        notifications.show({ color: 'teal', title: 'Reminder list exported', message: path });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not exported', message: (e as Error).message }));

  const printList = () =>
    void guard
      .run(async () => {
        const result = await desk.schedulePrints.printReminders(date, rows);
        notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Reminder list printed', message: `${result.printerMessage} (${result.document.fileName})` });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not printed', message: (e as Error).message }));

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <TextInput label="Visits on" type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} w={180} />
        <Group gap="xs">
          <Button variant="default" onClick={printList} disabled={rows.length === 0}>
            Print list
          </Button>
          <Button variant="default" onClick={exportCsv} disabled={rows.length === 0}>
            Export CSV
          </Button>
        </Group>
      </Group>
      <RefusalNotice guard={guard} />
      {rows.length === 0 ? (
        <Text c="dimmed">No booked visits on this day.</Text>
      ) : (
        <Table aria-label="Reminder calls" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Contact by</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.appointmentId}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.time}</Table.Td>
                <Table.Td>{r.patient}</Table.Td>
                <Table.Td>{r.provider}</Table.Td>
                <Table.Td>{r.phone}</Table.Td>
                <Table.Td>
                  {r.contact}{' '}
                  {r.texts && (
                    <Badge size="xs" variant="light" color="teal">
                      Texts OK
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Call result for ${r.patient}`}
                    size="xs"
                    data={[{ value: '', label: 'Not called' }, ...ReminderResultSchema.options.map((o) => ({ value: o, label: REMINDER_RESULT_LABEL[o] }))]}
                    value={r.result}
                    onChange={(e) => e.currentTarget.value && record(r.appointmentId, e.currentTarget.value as ReminderResult)}
                  />
                  {r.at && (
                    <Text size="xs" c="dimmed">
                      {r.by}, {new Date(r.at).toLocaleString('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
