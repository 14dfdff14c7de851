import { Badge, Button, Drawer, Group, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { PrintJobState, PrintQueueJob } from '../../../shared/print/queue';
import { useDesk } from '../../app/DeskContext';
import { queueCounts, usePrintQueueStore } from './printQueueStore';

const STATE: Record<PrintJobState, { label: string; color: string }> = {
  queued: { label: 'Waiting', color: 'blue' },
  printing: { label: 'Printing', color: 'teal' },
  printed: { label: 'Printed', color: 'green' },
  retrying: { label: 'Not printed · retrying', color: 'orange' },
  failed: { label: 'Not printed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

/** The status bar's way into the print queue: how many jobs wait, and how many did not print. */
export function PrintQueueButton() {
  const jobs = usePrintQueueStore((s) => s.jobs);
  const setOpen = usePrintQueueStore((s) => s.setOpen);
  if (jobs.length === 0) return null;
  const { open, notPrinted } = queueCounts(jobs);
  const label = notPrinted > 0 ? `${notPrinted} not printed` : open > 0 ? `Printing ${open}` : 'Print queue';
  return (
    <Button size="compact-xs" variant="light" color={notPrinted > 0 ? 'red' : 'gray'} onClick={() => setOpen(true)} data-testid="print-queue-button" aria-keyshortcuts="Control+Shift+P">
      {label}
    </Button>
  );
}

/**
 * The print queue of this workstation: each job's printer and state, why one did not print and
 * when it is tried again; one that has not printed can be retried, sent to another printer or
 * cancelled (its document stays kept as a PDF and can be reprinted from the printed documents).
 */
export function PrintQueuePanel() {
  const open = usePrintQueueStore((s) => s.open);
  const setOpen = usePrintQueueStore((s) => s.setOpen);
  const jobs = usePrintQueueStore((s) => s.jobs);
  const desk = useDesk();
  useHotkeys([['mod+shift+P', () => setOpen(!usePrintQueueStore.getState().open)]], []);
  const [printers, setPrinters] = useState<{ name: string; displayName: string }[]>([]);
  useEffect(() => {
    if (open) void desk.client.call('print:printers', {}).then(setPrinters, () => setPrinters([]));
  }, [open, desk]);

  const act = async (job: PrintQueueJob, what: string, run: () => Promise<PrintQueueJob>) => {
    try {
      const changed = await run();
      usePrintQueueStore.getState().upsert(changed);
      await desk.ctx.audit({ action: 'print', subject: `print job ${job.title}`, detail: what });
    } catch (error) {
      notifications.show({ color: 'red', title: 'The print job could not be changed', message: (error as Error).message });
    }
  };

  const shown = [...jobs].reverse();
  const { open: waiting, notPrinted } = queueCounts(jobs);
  return (
    <Drawer opened={open} onClose={() => setOpen(false)} position="right" size="xl" title="Print queue" closeButtonProps={{ 'aria-label': 'Close the print queue' }}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {waiting === 0 ? 'Nothing waiting to print.' : `${waiting} to print${notPrinted ? `, ${notPrinted} of them not printed yet` : ''}.`} Every document is kept as a PDF whatever happens here; printed and cancelled jobs are listed for two days.
        </Text>
        <Table aria-label="Print jobs" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Document</Table.Th>
              <Table.Th>Printer</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((job) => {
              const state = STATE[job.state];
              const stuck = job.state === 'retrying' || job.state === 'failed';
              return (
                <Table.Tr key={job.id} data-testid="print-job">
                  <Table.Td>
                    <Text size="sm">{job.title}</Text>
                    <Text size="xs" c="dimmed">
                      {time(job.createdAt)}
                      {job.copies > 1 ? ` · ${job.copies} copies` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{job.printer}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={state.color} variant="light" data-testid="print-job-state">
                      {state.label}
                    </Badge>
                    {job.reason && (
                      <Text size="xs" c={stuck ? 'red.8' : 'dimmed'} data-testid="print-job-reason">
                        {job.reason}
                        {job.state === 'retrying' && job.nextAttemptAt ? ` · next try ${time(job.nextAttemptAt)}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {stuck && (
                        <Button size="compact-xs" variant="light" onClick={() => void act(job, 'Tried again', () => desk.client.call('print:retryJob', { id: job.id }))} aria-label={`Retry ${job.title}`}>
                          Retry
                        </Button>
                      )}
                      {(stuck || job.state === 'queued') && printers.some((p) => p.name !== job.printer) && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="compact-xs" variant="default" aria-label={`Send to… another printer: ${job.title}`}>
                              Send to…
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {printers
                              .filter((p) => p.name !== job.printer)
                              .map((p) => (
                                <Menu.Item key={p.name} onClick={() => void act(job, `Sent to printer "${p.name}" instead of "${job.printer}"`, () => desk.client.call('print:moveJob', { id: job.id, printer: p.name }))}>
                                  {p.displayName}
                                </Menu.Item>
                              ))}
                          </Menu.Dropdown>
                        </Menu>
                      )}
                      {(stuck || job.state === 'queued') && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => void act(job, 'Cancelled; the document stays kept as a PDF', () => desk.client.call('print:cancelJob', { id: job.id }))} aria-label={`Cancel ${job.title}`}>
                          Cancel
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Drawer>
  );
}
