import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PrintQueueJob } from '../../../shared/print/queue';
import type { PlatformClient } from '../../platform/client';
import { usePrintQueueStore } from './printQueueStore';

let unfollow: (() => void) | null = null;

/**
 * Keeps the desk's copy of main's print queue current, and tells the desk when a printer could
 * not print: one notice per printer, updated in place, that opens the queue.
 */
export function followPrintQueue(client: PlatformClient): void {
  unfollow?.();
  const store = usePrintQueueStore.getState();
  unfollow = client.on('print:job', (job) => {
    const before = usePrintQueueStore.getState().jobs.find((j) => j.id === job.id);
    store.upsert(job);
    const triedAndFailed = (job.state === 'retrying' || job.state === 'failed') && job.attempts > (before?.attempts ?? 0);
    const gaveUp = job.state === 'failed' && before?.state !== 'failed';
    if (triedAndFailed || gaveUp) notifyNotPrinted(job);
    // A printer with nothing left that did not print (printed, moved away or cancelled) has no notice.
    for (const printer of new Set([job.printer, before?.printer ?? job.printer])) clearNoticeIfNothingStuck(printer);
  });
  void client
    .call('print:jobs', {})
    .then((jobs) => store.setJobs(jobs))
    .catch(() => undefined);
}

function noticeId(printer: string): string {
  return `print-problem-${printer}`;
}

function notifyNotPrinted(job: PrintQueueJob): void {
  const waiting = usePrintQueueStore.getState().jobs.filter((j) => j.printer === job.printer && (j.state === 'retrying' || j.state === 'failed'));
  const count = waiting.length;
  const next = job.nextAttemptAt ? ` Tried again at ${new Date(job.nextAttemptAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}.` : '';
  const notice = {
    id: noticeId(job.printer),
    color: 'red',
    autoClose: false as const,
    title: `${count === 1 ? '1 document' : `${count} documents`} not printed on "${job.printer}"`,
    message: (
      <Stack gap={6} align="flex-start">
        <Text size="sm">
          {withFullStop(job.reason)}
          {next}
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          onClick={() => {
            notifications.hide(noticeId(job.printer));
            usePrintQueueStore.getState().setOpen(true);
          }}
        >
          Open print queue
        </Button>
      </Stack>
    ),
  };
  // One notice per printer: a second failure updates it (show does nothing when it is up already).
  notifications.update(notice);
  notifications.show(notice);
}

function clearNoticeIfNothingStuck(printer: string): void {
  const stillWaiting = usePrintQueueStore.getState().jobs.some((j) => j.printer === printer && (j.state === 'retrying' || j.state === 'failed'));
  if (!stillWaiting) notifications.hide(noticeId(printer));
}

function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
