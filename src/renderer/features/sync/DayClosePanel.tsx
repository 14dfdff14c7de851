import { Alert, Button, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import { formatCents } from '../../../shared/domain/money';
import { describeOverShort } from '../../../shared/payments/drawer';
import { SyncPanel } from './SyncPanel';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { isComplete, type DayCloseReport } from './dayClose';
import { COLLECTION_LABEL } from './collectionLabels';
import { useSyncStore } from './syncStore';

/** The drawer's totals in the report's words. */
export function drawerLine(r: DayCloseReport): string {
  if (r.drawer === undefined) return '';
  if (r.drawer === null) return 'No cash drawer was opened at this workstation that day.';
  const d = r.drawer;
  return `Cash drawer: cash ${formatCents(d.countedCashCents)} counted of ${formatCents(d.expectedCashCents)} (float ${formatCents(d.floatCents)}), checks ${formatCents(d.countedChecksCents)} of ${formatCents(d.expectedChecksCents)}; ${describeOverShort(d.overShortCents)}.`;
}

/** The words of a report's outcome, as the audit log and the screen say it. */
export function summarizeDayClose(r: DayCloseReport): string {
  const records = `${r.written.toLocaleString('en-US')} record${r.written === 1 ? '' : 's'}`;
  if (r.problem) return `${r.confirmed.toLocaleString('en-US')} of ${records} confirmed on the server. ${r.problem}`;
  if (r.written === 0) return 'Nothing was written at this workstation that day.';
  if (isComplete(r)) return `All ${records} written at this workstation that day are on the server.`;
  return `${(r.written - r.confirmed).toLocaleString('en-US')} of ${records} written that day are not confirmed on the server.`;
}

function Report({ report, zone }: { report: DayCloseReport; zone: string }) {
  const complete = isComplete(report);
  const unconfirmed = report.collections.flatMap((c) => c.pending.map((p) => ({ ...p, collection: c.collection })));
  return (
    <Stack gap="sm" data-testid="day-close-report">
      <Alert color={complete ? 'teal' : 'red'} title={complete ? 'Day closed and confirmed' : 'Not everything is confirmed'}>
        {summarizeDayClose(report)} Closed {formatTimeInZone(report.closedAt, zone)} by {report.closedBy}, {report.date}.
        {!complete && ' Keep this workstation on and run Close day and sync again when the server can be reached; tell your manager if it stays this way.'}
      </Alert>
      <Text size="sm" data-testid="day-close-drawer">
        {drawerLine(report)}
      </Text>
      <Table aria-label="Day close by kind of record" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Records</Table.Th>
            <Table.Th ta="right">Written here</Table.Th>
            <Table.Th ta="right">Confirmed on the server</Table.Th>
            <Table.Th ta="right">Not confirmed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.collections
            .filter((c) => c.written > 0)
            .map((c) => (
              <Table.Tr key={c.collection} data-collection={c.collection}>
                <Table.Td>{COLLECTION_LABEL[c.collection]}</Table.Td>
                <Table.Td ta="right">{c.written.toLocaleString('en-US')}</Table.Td>
                <Table.Td ta="right">{c.confirmed.toLocaleString('en-US')}</Table.Td>
                <Table.Td ta="right" c={c.written > c.confirmed ? 'red.8' : undefined}>
                  {(c.written - c.confirmed).toLocaleString('en-US')}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
      {unconfirmed.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Not confirmed
          </Text>
          <List size="sm">
            {unconfirmed.map((p) => (
              <List.Item key={`${p.collection}/${p.id}`}>
                {COLLECTION_LABEL[p.collection]} {p.id}: {p.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

/** "Close day and sync": one full sync, then the server's confirmation of the day's records. */
export function DayClosePanel() {
  const desk = useDesk();
  const settings = useSettings();
  const reports = useSyncStore((s) => s.dayCloses);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zone = settings.clinic.timeZone;
  const today = dateInZone(new Date(), zone);
  const latest = reports[0] ?? null;

  const close = async () => {
    setError(null);
    setRunning(true);
    try {
      await desk.ctx.authorize('day.close');
      // The drawer is counted and closed first: the close of day reports its totals.
      const session = await desk.drawers.today();
      if (session?.status === 'open') {
        setError('Count and close this workstation’s cash drawer first (Payments → Cash drawer): the close of day reports its totals.');
        return;
      }
      const counted = session?.close;
      const drawer = counted
        ? { floatCents: session.open.floatCents, expectedCashCents: counted.expectedCashCents, countedCashCents: counted.countedCashCents, expectedChecksCents: counted.expectedChecksCents, countedChecksCents: counted.countedChecksCents, overShortCents: counted.overShortCents }
        : null;
      const actor = desk.ctx.actor();
      const report = await desk.sync.closeDay({ date: today, settings, closedBy: actor.name, drawer });
      await desk.ctx.auditSaved({
        action: 'create',
        subject: `day close ${report.date}`,
        detail: [summarizeDayClose(report), drawerLine(report)].filter(Boolean).join(' '),
        changes: [
          { field: 'written', before: null, after: report.written },
          { field: 'confirmed', before: null, after: report.confirmed },
          { field: 'workstation', before: null, after: report.workstationPrefix },
          { field: 'complete', before: null, after: isComplete(report) },
        ],
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <SyncPanel
      title="Close of day"
      description={<>Sends everything, then asks the server to confirm every record written at this workstation today.</>}
      action={
        <Button onClick={() => void close()} loading={running} disabled={!settings.sync}>
            Close day and sync
          </Button>
      }
    >
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {latest && <Report report={latest} zone={zone} />}
        {reports.length > 1 && (
          <Text size="xs" c="dimmed">
            Earlier closes: {reports.slice(1, 6).map((r) => `${r.date} ${isComplete(r) ? 'confirmed' : `${r.written - r.confirmed} not confirmed`}`).join(' · ')}
          </Text>
        )}
    </SyncPanel>
  );
}
