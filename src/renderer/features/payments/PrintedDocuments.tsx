import { Badge, Button, Group, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { PrintedDocument } from '../../../shared/print/channels';
import { useDesk } from '../../app/DeskContext';

const KIND_LABEL: Record<PrintedDocument['kind'], string> = {
  receipt: 'Receipt',
  statement: 'Statement',
  'day-sheet': 'Day sheet',
  'day-schedule': 'Schedule',
  'appointment-card': 'Appointment card',
  'reminder-calls': 'Call list',
  form: 'Form',
  'signed-form': 'Signed form',
  'visit-summary': 'Visit summary',
  labels: 'Labels',
  'card-copy': 'Insurance card',
  'form-packet': 'Forms packet',
};

/**
 * Documents printed on this workstation, each kept as a PDF that can be printed again (marked
 * COPY): the latest, a chosen clinic day's, or one patient's.
 */
export function PrintedDocuments({ refreshKey, patientId, title = 'Printed on this workstation' }: { refreshKey: number; patientId?: string; title?: string }) {
  const desk = useDesk();
  const [docs, setDocs] = useState<PrintedDocument[]>([]);
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<PrintedDocument['kind'] | ''>('');
  const load = useCallback(
    () =>
      void desk.client
        .call('print:list', { limit: patientId ? 50 : 20, ...(patientId ? { patientId } : {}), ...(/^\d{4}-\d{2}-\d{2}$/.test(day) ? { day } : {}), ...(kind ? { kind } : {}) })
        .then(setDocs)
        .catch(() => setDocs([])),
    [desk, patientId, day, kind],
  );
  useEffect(load, [load, refreshKey]);

  const reprint = async (doc: PrintedDocument) => {
    try {
      // A document kept to print on demand prints as the original the first time.
      const result = await desk.client.call(doc.waiting ? 'print:send' : 'print:reprint', { id: doc.id });
      await desk.ctx.audit({ action: 'print', subject: doc.title, detail: doc.waiting ? 'Printed on demand' : 'Reprinted as COPY', ...(doc.patientId ? { patientId: doc.patientId as never } : {}) });
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'yellow', message: result.sentToPrinter ? (doc.waiting ? 'Printed' : 'Copy printed') : result.printerMessage });
      load();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not reprint', message: (error as Error).message });
    }
  };

  const openFolder = async () => {
    try {
      const result = await desk.client.call('print:openFolder', {});
      if (!result.opened) notifications.show({ color: 'blue', title: 'Printed documents are kept in', message: result.path });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not open the folder', message: (error as Error).message });
    }
  };

  return (
    <section aria-label={title}>
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={patientId ? 4 : 3}>{title}</Title>
        <Group gap="xs" align="flex-end">
          <NativeSelect
            size="xs"
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as PrintedDocument['kind'] | '')}
            data={[{ value: '', label: 'All' }, ...(Object.keys(KIND_LABEL) as PrintedDocument['kind'][]).map((k) => ({ value: k, label: KIND_LABEL[k] }))]}
          />
          {!patientId && <TextInput size="xs" type="date" label="Printed on" value={day} onChange={(e) => setDay(e.currentTarget.value)} />}
          <Button variant="default" size="xs" onClick={() => void openFolder()}>
            Open folder
          </Button>
        </Group>
      </Group>
      {docs.length === 0 ? (
        <Text c="dimmed" size="sm">
          {kind ? `No ${KIND_LABEL[kind].toLowerCase()} printed ${patientId ? 'for this patient ' : ''}${day ? 'that day' : 'here'}.` : patientId ? 'Nothing printed for this patient on this workstation yet.' : day ? 'Nothing printed that day.' : 'Nothing printed yet.'}
        </Text>
      ) : (
        <Table aria-label="Printed documents">
          <Table.Tbody>
            {docs.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Badge variant="light" color="gray" size="sm">
                    {KIND_LABEL[d.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.title}</Table.Td>
                <Table.Td>{new Date(d.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{d.copies > 0 ? `${d.copies} cop${d.copies === 1 ? 'y' : 'ies'}` : ''}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant={d.waiting ? 'filled' : 'light'} onClick={() => void reprint(d)} aria-label={`${d.waiting ? 'Print' : 'Reprint'} ${d.title}`}>
                    {d.waiting ? 'Print' : 'Reprint'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
