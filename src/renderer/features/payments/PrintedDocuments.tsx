import { Button, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { PrintedDocument } from '../../../shared/print/channels';
import { useDesk } from '../../app/DeskContext';

/** Documents printed on this workstation, each kept as a PDF that can be printed again. */
export function PrintedDocuments({ refreshKey }: { refreshKey: number }) {
  const desk = useDesk();
  const [docs, setDocs] = useState<PrintedDocument[]>([]);
  const load = useCallback(() => void desk.client.call('print:list', { limit: 20 }).then(setDocs).catch(() => setDocs([])), [desk]);
  useEffect(load, [load, refreshKey]);

  const reprint = async (doc: PrintedDocument) => {
    try {
      const result = await desk.client.call('print:reprint', { id: doc.id });
      await desk.ctx.audit({ action: 'print', subject: doc.title, detail: 'Reprinted as COPY' });
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'yellow', message: result.sentToPrinter ? 'Copy printed' : result.printerMessage });
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
    <>
      <Group justify="space-between">
        <Title order={3}>Printed on this workstation</Title>
        <Button variant="default" size="xs" onClick={() => void openFolder()}>
          Open folder
        </Button>
      </Group>
      {docs.length === 0 ? (
        <Text c="dimmed">Nothing printed yet.</Text>
      ) : (
        <Table aria-label="Printed documents">
          <Table.Tbody>
            {docs.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.title}</Table.Td>
                <Table.Td>{new Date(d.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{d.copies > 0 ? `${d.copies} cop${d.copies === 1 ? 'y' : 'ies'}` : ''}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => void reprint(d)} aria-label={`Reprint ${d.title}`}>
                    Reprint
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
