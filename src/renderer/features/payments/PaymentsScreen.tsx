import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { of, switchMap } from 'rxjs';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';
import { accountOf, overdueOnPlans } from '../../../shared/payments/account';
import { useState } from 'react';
import { PAYMENT_METHOD_LABEL } from '../../../shared/payments/ledger';
import { formatCents } from '../../../shared/domain/money';
import { formatTimeInZone } from '../../../shared/domain/time';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { usePatientNames } from '../patients/public';
import { useToday } from '../../app/useToday';
import { PaymentForm } from './PaymentForm';
import { AllDrawers, DrawerPanel } from './DrawerPanel';
import type { DrawerSession } from '../../../shared/payments/drawer';
import { PrintedDocuments } from './PrintedDocuments';
import type { PaymentOutcome } from './takePayment';

const NO_DRAWERS: DrawerSession[] = [];

export function PaymentsScreen() {
  const desk = useDesk();
  const today = useToday();
  const settings = useSettings();
  const patientId = useDeskStore((s) => s.selectedPatientId);
  const appointmentId = useDeskStore((s) => s.paymentAppointmentId);
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null);
  const [printedVersion, setPrintedVersion] = useState(0);
  const guard = useGuardedAction();
  const { busy, error, submit } = useFormSubmit(guard);
  const entries = useObservable(() => desk.ledger.observeRange(today.start, today.end), [], [desk, today.date]);
  const payments = entries.filter((e) => e.kind === 'payment');
  // Every site's drawer sessions, read once for today's drawer and the list of all of them.
  const drawers = useObservable(() => desk.drawers.observeAll(), NO_DRAWERS, [desk]);
  const owed = useObservable(() => (patientId ? desk.patients.observeIdentities(patientId).pipe(switchMap((ids) => desk.ledger.observeForPatients(ids))) : of([])), [], [desk, patientId]);
  const account = accountOf(owed);
  const names = usePatientNames([...payments.map((p) => p.patientId), ...(patientId ? [patientId] : [])]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Payments</Title>
        <Button
          variant="default"
          loading={busy}
          onClick={() =>
            void submit(async () => {
              const result = await desk.daySheets.printDaySheet(today.date);
              setPrintedVersion((v) => v + 1);
              notifications.show({ title: 'Day sheet printed', message: result.sentToPrinter ? result.printerMessage : `${result.printerMessage} (${result.document.fileName})` });
            })
          }
        >
          Print day sheet and deposit slip
        </Button>
      </Group>
      <RefusalNotice guard={guard} />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <DrawerPanel version={entries.length} sessions={drawers} />
      <Card withBorder>
        {patientId ? (
          <>
            <Group justify="space-between" mb="xs">
              <Text fw={500}>
                {appointmentId ? 'Co-pay' : 'Payment'} from {names.get(patientId) ?? '…'}
              </Text>
              <Text size="sm" data-testid="payment-balance">
                {account.totals.balanceCents > 0 ? `Balance due ${formatCents(account.totals.balanceCents)}` : account.totals.balanceCents < 0 ? `Credit ${formatCents(-account.totals.balanceCents)}` : 'No balance'}
                {overdueOnPlans(account, today.date) > 0 ? ` · instalment overdue ${formatCents(overdueOnPlans(account, today.date))}` : ''}
              </Text>
            </Group>
            <PaymentForm
              key={patientId}
              patientId={patientId}
              appointmentId={appointmentId}
              balanceCents={Math.max(0, account.totals.balanceCents)}
              overdueCents={overdueOnPlans(account, today.date)}
              onDone={(o) => {
                setOutcome(o);
                setPrintedVersion((v) => v + 1);
              }}
            />
          </>
        ) : (
          <Text c="dimmed">Find a patient first (Patients screen) or use “Collect co-pay” on the Check-in screen.</Text>
        )}
      </Card>
      {outcome && (
        <Alert color={outcome.print?.sentToPrinter ? 'teal' : outcome.print && (!settings.receiptPrinter || !settings.receiptAutoPrint) ? 'blue' : 'yellow'} title={`Payment recorded · Receipt ${outcome.entry.receiptNumber}`} role="status" data-testid="payment-outcome">
          {formatCents(outcome.receipt.totalCents)} by {[...new Set(outcome.entries.map((e) => PAYMENT_METHOD_LABEL[e.method]))].join(' and ')}.{' '}
          {outcome.print ? (outcome.print.sentToPrinter ? 'The receipt was printed.' : outcome.print.printerMessage) : `The receipt could not be printed: ${outcome.printError}`}
          {!outcome.print && (
            <Button
              size="xs"
              ml="sm"
              onClick={() =>
                void desk.payments.printReceipt(outcome.receipt, outcome.entry.patientId).then((again) => {
                  setOutcome({ ...outcome, ...again });
                  setPrintedVersion((v) => v + 1);
                })
              }
            >
              Print receipt
            </Button>
          )}
          {outcome.print && !outcome.print.sentToPrinter && !settings.receiptAutoPrint && (
            <Button
              size="xs"
              ml="sm"
              onClick={() =>
                void desk.payments.sendKept(outcome.print!, outcome.entry.patientId).then((again) => {
                  setOutcome({ ...outcome, ...again });
                  setPrintedVersion((v) => v + 1);
                })
              }
            >
              Print receipt
            </Button>
          )}
        </Alert>
      )}
      <Title order={3}>Today’s payments</Title>
      {payments.length === 0 ? (
        <Text c="dimmed">No payments today.</Text>
      ) : (
        <Table aria-label="Today's payments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Receipt</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{formatTimeInZone(p.createdAt, today.timeZone)}</Table.Td>
                <Table.Td>{p.receiptNumber}</Table.Td>
                <Table.Td>{names.get(p.patientId) ?? '…'}</Table.Td>
                <Table.Td>{PAYMENT_METHOD_LABEL[p.method]}</Table.Td>
                <Table.Td ta="right">{formatCents(p.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PrintedDocuments refreshKey={printedVersion} />
      <AllDrawers sessions={drawers} />
    </Stack>
  );
}
