import { Alert, Button, Group, Modal, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useHotkeys } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import type { PaymentEntry } from '../../../shared/payments/ledger';
import { NO_FOLLOW_UP_REASONS, PAID_EARLIER } from '../../../shared/checkin/checkin';
import type { Visit } from '../../../shared/checkin/visit';
import { providerLabel } from '../../../shared/catalog/catalog';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { addDays, dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import { formatUsDate } from '../../../shared/patients/patient';
import { accountOf, copayPaidFor, standingPayments } from '../../../shared/payments/account';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useDeskRules, useProviders } from '../catalog/public';
import { PaymentForm } from '../payments/public';
import { BookAppointmentForm } from '../schedule/public';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';

const NONE: never[] = [];

/**
 * Checking a patient out: the follow-up booked (the scheduler opens at the interval the visit's
 * type suggests, with the same provider) or why none, what is owed collected (a co-pay deferred at
 * check-in, a balance), the appointment card printed; then the visit is done.
 */
export function CheckOutDialog({ visit, name, onClose }: { visit: Visit | null; name: string; onClose: () => void }) {
  return (
    <Modal opened={visit !== null} onClose={onClose} size="lg" title={`Check out · ${name}`} closeOnClickOutside={false}>
      {visit && <CheckOut key={visit.id} visit={visit} name={name} onDone={onClose} />}
    </Modal>
  );
}

function CheckOut({ visit, name, onDone }: { visit: Visit; name: string; onDone: () => void }) {
  const desk = useDesk();
  const providers = useProviders();
  const rules = useDeskRules();
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
  const ledger = useObservable(() => desk.ledger.observeForPatients([visit.patientId]), NONE, [desk, visit.patientId]);
  const type = types.find((t) => t.id === visit.typeId);
  const weeks = type?.followUpWeeks ?? 0;
  const suggested = addDays(visit.date, Math.max(weeks, 0) * 7);
  const [booking, setBooking] = useState(false);
  const [followUp, setFollowUp] = useState<Appointment | null>(null);
  const [reason, setReason] = useState('');
  const [noFollowUp, setNoFollowUp] = useState('');
  const [payment, setPayment] = useState<PaymentEntry | null>(null);
  // A payment split across tenders: every tender of it, on one receipt.
  const [paidCents, setPaidCents] = useState(0);
  const paymentId = payment?.id ?? '';
  const [settled, setSettled] = useState(false);
  // Through the guard: a check-out refused by role offers a manager's approval, then runs again.
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);

  // What is owed now: a co-pay deferred at check-in (less what was paid for the appointment since), or the account's balance.
  const account = accountOf(ledger);
  const paidForVisit = visit.appointmentId ? copayPaidFor(account, visit.appointmentId).cents : 0;
  const { money } = visit.checkin;
  const deferred = money.deferredReason && money.deferredReason !== PAID_EARLIER && !money.paymentId ? Math.max(0, money.copayCents - paidForVisit) : 0;
  const balance = Math.max(0, account.totals.balanceCents);
  const owed = Math.max(deferred, balance);
  const moneyDone = owed === 0 || paymentId !== '' || settled;
  const followUpDone = followUp !== null || noFollowUp !== '';

  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : '';
  };

  const rooms = useObservable(() => desk.catalog.observeRooms(), NONE, [desk]);
  const names = { provider: providerName, type: (id: string) => types.find((t) => t.id === id)?.name ?? '', room: (id: string) => rooms.find((r) => r.id === id)?.name ?? '' };
  const printSummary = async () => {
    try {
      const result = await desk.formPrints.printVisitSummary({ visit, followUp, noFollowUpReason: noFollowUp, payments: standingPayments(account).map((p) => p.entry), names, cancelNoticeHours: rules.cancelNoticeHours });
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Visit summary printed', message: `${result.printerMessage} (${result.document.fileName})` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'No visit summary printed', message: (e as Error).message });
    }
  };

  const printCard = async () => {
    try {
      const result = await desk.schedulePrints.printCard(visit.patientId, names, rules);
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Appointment card printed', message: `${result.printerMessage} (${result.document.fileName})` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'No card printed', message: (e as Error).message });
    }
  };

  const finish = () => {
    if (busy) return;
    if (!followUpDone) return setError('Book the follow-up, or say why there is none.');
    if (!moneyDone) return setError(`Collect ${formatCents(owed)}, or leave it on the account.`);
    void submit(async () => {
      await desk.visits.checkOut(visit.id, { followUpAppointmentId: followUp?.id ?? '', noFollowUpReason: followUp ? '' : noFollowUp, paymentId });
      if (visit.appointmentId) await desk.appointments.fulfil(visit.appointmentId as AppointmentId);
      notifications.show({ color: 'teal', message: `${name} checked out` });
      onDone();
    });
  };

  // Ctrl+Enter finishes from anywhere in the dialog, a field included.
  useHotkeys([['mod+Enter', () => void finish()]], []);

  return (
    <Stack gap="sm">
      <Part title="Follow-up" done={followUpDone}>
        {followUp ? (
          <Group justify="space-between">
            <Text size="sm" c="teal.9" role="status">
              ✓ Booked {formatUsDate(dateInZone(new Date(followUp.start), followUp.timeZone))} at {formatTimeInZone(followUp.start, followUp.timeZone)}
              {followUp.providerId ? ` with ${providerName(followUp.providerId)}` : ''}
            </Text>
            <Button size="compact-sm" variant="light" onClick={() => void printCard()}>
              Print appointment card
            </Button>
          </Group>
        ) : noFollowUp ? (
          <Text size="sm" c="teal.9" role="status">
            ✓ No follow-up: {noFollowUp}
          </Text>
        ) : booking ? (
          <BookAppointmentForm
            patientId={visit.patientId as PatientId}
            date={suggested}
            timeZone={visit.timeZone}
            typeId={visit.typeId}
            {...(type ? { at: { providerId: visit.providerId, date: suggested, time: '09:00', minutes: type.durationMinutes } } : {})}
            onBooked={(first) => {
              if (first) setFollowUp(first);
              setBooking(false);
            }}
          />
        ) : (
          <>
            <Text size="sm">
              {weeks > 0 ? `${type?.name ?? 'This visit'} suggests a follow-up in ${weeks} ${weeks === 1 ? 'week' : 'weeks'}: around ${formatUsDate(suggested)}.` : `${type?.name ?? 'This visit'} suggests no follow-up.`}
            </Text>
            <Group justify="space-between" align="flex-end">
              <Group gap="xs" align="flex-end">
                <NativeSelect label="No follow-up because" value={reason} onChange={(e) => setReason(e.currentTarget.value)} data={[{ value: '', label: 'Choose why' }, ...NO_FOLLOW_UP_REASONS.map((r) => ({ value: r, label: r }))]} />
                <Button variant="default" disabled={!reason} onClick={() => setNoFollowUp(reason)}>
                  No follow-up
                </Button>
              </Group>
              <Button data-autofocus={weeks > 0 ? true : undefined} onClick={() => setBooking(true)}>
                Book follow-up…
              </Button>
            </Group>
          </>
        )}
      </Part>

      <Part title="Payment" done={moneyDone}>
        {payment ? (
          <Text size="sm" c="teal.9" role="status">
            ✓ {formatCents(paidCents)} collected, receipt {payment.receiptNumber}
          </Text>
        ) : owed === 0 ? (
          <Text size="sm">Nothing owed today.</Text>
        ) : settled ? (
          <Text size="sm" role="status">
            Left on the account: {formatCents(owed)}
          </Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">
              {deferred > 0 ? `Co-pay deferred at check-in (${visit.checkin.money.deferredReason}): ${formatCents(deferred)}` : `Balance: ${formatCents(balance)}`}
            </Text>
            <PaymentForm
              patientId={visit.patientId as PatientId}
              appointmentId={(visit.appointmentId || null) as AppointmentId | null}
              amountCents={owed}
              submitLabel={`Collect ${formatCents(owed)} and print receipt`}
              onDone={(outcome) => {
                setPayment(outcome.entry);
                setPaidCents(outcome.receipt.totalCents);
                if (outcome.printError) notifications.show({ color: 'orange', title: 'Payment recorded; the receipt did not print', message: `${outcome.printError} Reprint it from Payments.` });
              }}
            />
            <Group justify="flex-end">
              <Button variant="subtle" size="compact-sm" onClick={() => setSettled(true)}>
                Leave it on the account
              </Button>
            </Group>
          </Stack>
        )}
      </Part>

      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <RefusalNotice guard={guard} />
      <Group justify="flex-end">
        <Button variant="default" disabled={!followUpDone} onClick={() => void printSummary()}>
          Print visit summary
        </Button>
        <Text size="xs" c="dimmed">
          Ctrl+Enter
        </Text>
        <Button color="teal" loading={busy} disabled={!followUpDone || !moneyDone} onClick={() => void finish()}>
          Finish check-out
        </Button>
      </Group>
    </Stack>
  );
}

function Part({ title, done, children }: { title: string; done: boolean; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Text size="xs" fw={700} c={done ? 'teal.9' : 'dimmed'}>
            {done ? 'DONE' : 'TO DO'}
          </Text>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
