import { Alert, Anchor, Badge, Button, Card, Group, Menu, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import type { PatientId } from '../../../shared/domain/ids';
import { formatCents, parseDollarsToCents } from '../../../shared/domain/money';
import { addDays, addMonths, dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import { formatUsDate } from '../../../shared/patients/patient';
import { accountOf, activePlans, guarantorBalance, instalmentsFor, planDue, sinceLastStatement, type Account, type AccountLine, type PlanState } from '../../../shared/payments/account';
import { PrintedDocuments } from './PrintedDocuments';
import { useOpenPatient } from '../patients/public';
import {
  ADJUSTMENT_REASON_LABEL,
  AdjustmentReasonSchema,
  PAYMENT_METHOD_LABEL,
  PLAN_FREQUENCY_LABEL,
  PaymentMethodSchema,
  PlanFrequencySchema,
  type PlanFrequency,
  type AdjustmentReason,
  type ChargeEntry,
  type LedgerEntry,
  type PaymentEntry,
  type PaymentMethod,
} from '../../../shared/payments/ledger';
import type { AppointmentType } from '../../../shared/schedule/scheduling';
import type { Service } from '../../../shared/catalog/catalog';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useProviderNames } from '../catalog/public';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { useToday } from '../../app/useToday';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';

type Dialog = { kind: 'charge' } | { kind: 'adjust'; charge: ChargeEntry } | { kind: 'void'; entry: LedgerEntry } | { kind: 'refund'; payment: PaymentEntry } | { kind: 'plan' } | { kind: 'statement' } | null;

const NO_TYPES: AppointmentType[] = [];
const NO_SERVICES: Service[] = [];

/** What a payment paid, one line per charge (applied in several parts, it is added up). */
function paidByCharge(paid: readonly { chargeId: string; amountCents: number }[]): { chargeId: string; amountCents: number }[] {
  const sums = new Map<string, number>();
  for (const x of paid) sums.set(x.chargeId, (sums.get(x.chargeId) ?? 0) + x.amountCents);
  return [...sums].map(([chargeId, amountCents]) => ({ chargeId, amountCents }));
}

/** What an entry is, in a line of the account. */
function describe(line: AccountLine, account: Account): ReactNode {
  const e = line.entry;
  const label = (id: string) => {
    const target = account.charges.get(id)?.entry ?? account.payments.get(id)?.entry ?? account.adjustments.get(id)?.entry ?? account.plans.get(id)?.entry;
    if (!target) return 'an entry not on this workstation yet';
    if (target.kind === 'charge') return `${target.description} (${formatUsDate(target.serviceDate)})`;
    if (target.kind === 'payment') return `receipt ${target.receiptNumber}`;
    if (target.kind === 'plan') return `the payment plan of ${formatCents(target.amountCents)}`;
    return `${ADJUSTMENT_REASON_LABEL[target.reason].toLowerCase()} of ${formatCents(target.amountCents)}`;
  };
  switch (e.kind) {
    case 'charge': {
      const c = account.charges.get(e.id);
      if (!c)
        return (
          <>
            {e.description} · {formatUsDate(e.serviceDate)}
            <Text size="xs" c="dimmed">
              The same co-pay was charged at another workstation: counted once
            </Text>
          </>
        );
      return (
        <>
          {e.description} · {formatUsDate(e.serviceDate)}
          {!c.voided && (
            <Text size="xs" c="dimmed">
              {c.openCents === 0 ? 'Paid in full' : `Owed ${formatCents(c.openCents)}`}
              {c.adjustedCents > 0 ? ` · adjusted ${formatCents(c.adjustedCents)}` : ''}
            </Text>
          )}
        </>
      );
    }
    case 'payment': {
      const p = account.payments.get(e.id)!;
      return (
        <>
          {e.purpose === 'copay' ? 'Co-pay' : 'Payment'} · {PAYMENT_METHOD_LABEL[e.method]}
          {e.method !== 'cash' && e.reference ? ` ${e.method === 'card' ? '…' : '#'}${e.reference}` : ''} · receipt {e.receiptNumber}
          {!p.voided && (
            <Text size="xs" c="dimmed">
              {p.paid.length > 0 ? `Paid ${paidByCharge(p.paid).map((x) => `${label(x.chargeId)} ${formatCents(x.amountCents)}`).join(', ')}` : 'Not applied to a charge'}
              {p.unallocatedCents > 0 && p.paid.length > 0 ? ` · ${formatCents(p.unallocatedCents)} credit` : p.unallocatedCents > 0 ? ' (credit)' : ''}
              {p.refundedCents > 0 ? ` · ${formatCents(p.refundedCents)} refunded` : ''}
            </Text>
          )}
        </>
      );
    }
    case 'adjustment':
      return (
        <>
          {ADJUSTMENT_REASON_LABEL[e.reason]} on {label(e.chargeId)}
          {e.note && (
            <Text size="xs" c="dimmed">
              {e.note}
            </Text>
          )}
        </>
      );
    case 'void':
      return (
        <>
          Void of {label(e.targetId)}
          <Text size="xs" c="dimmed">
            {e.note}
          </Text>
        </>
      );
    case 'refund':
      return (
        <>
          Refund of {label(e.targetId)} · {PAYMENT_METHOD_LABEL[e.method]}
          {e.reference ? ` ${e.reference}` : ''}
          <Text size="xs" c="dimmed">
            {e.note}
          </Text>
        </>
      );
    case 'allocation':
      return `Applied ${formatCents(e.amountCents)} of ${label(e.paymentId)} to ${label(e.chargeId)}`;
    case 'plan':
      return (
        <>
          Payment plan: {formatCents(e.amountCents)} in {e.instalments.length} instalments from {formatUsDate(e.instalments[0]!.dueDate)}
          {e.note && (
            <Text size="xs" c="dimmed">
              {e.note}
            </Text>
          )}
        </>
      );
    case 'statement':
      return `Statement sent: ${formatCents(e.amountCents)} due by ${formatUsDate(e.dueDate)}`;
  }
}

/**
 * A patient's account: every charge, payment, adjustment, void and refund with the running
 * balance, what each payment paid, and the actions on it. Whoever may not do one is offered a
 * manager's approval.
 */
export function AccountPanel({ patientId, identities }: { patientId: PatientId; identities: readonly string[] }) {
  const desk = useDesk();
  const takePayment = useDeskStore((s) => s.takePayment);
  const today = useToday();
  const entries = useObservable(() => desk.ledger.observeForPatients(identities), [], [desk, identities.join(',')]);
  const account = accountOf(entries);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [printed, setPrinted] = useState(0);
  const guard = useGuardedAction();
  const { busy, error, submit } = useFormSubmit(guard);
  const { totals } = account;
  // Allocations are shown on the payment and the charge they join, not as lines of their own.
  const lines = account.lines.filter((l) => l.entry.kind !== 'allocation').reverse();
  const canApplyCredit = totals.creditCents > 0 && totals.openCents > 0;
  const voided = (id: string) => account.voids.has(id);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <SimpleGrid cols={3} spacing="xl">
          <Figure label={totals.balanceCents < 0 ? 'Credit' : 'Balance'} value={formatCents(Math.abs(totals.balanceCents))} testId="account-balance" strong />
          <Figure label="Owed on charges" value={formatCents(totals.openCents)} testId="account-open" />
          <Figure label="Credit not applied" value={formatCents(totals.creditCents)} testId="account-credit" />
        </SimpleGrid>
        <Group gap="xs">
          <Button onClick={() => takePayment(patientId, null)}>Take payment</Button>
          <Button variant="light" onClick={() => setDialog({ kind: 'charge' })}>
            Add charge…
          </Button>
          {totals.balanceCents > 0 && activePlans(account).length === 0 && (
            <Button variant="light" onClick={() => setDialog({ kind: 'plan' })}>
              Payment plan…
            </Button>
          )}
          {totals.balanceCents > 0 && (
            <Button variant="light" onClick={() => setDialog({ kind: 'statement' })}>
              Statement…
            </Button>
          )}
          {canApplyCredit && (
            <Button
              variant="light"
              loading={busy}
              onClick={() =>
                void submit(async () => {
                  const { appliedCents } = await desk.ledger.applyCredit(patientId);
                  notifications.show({ message: `Applied ${formatCents(appliedCents)} of credit` });
                })
              }
            >
              Apply credit
            </Button>
          )}
        </Group>
      </Group>
      <RefusalNotice guard={guard} />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {account.problems.length > 0 && (
        <Alert color="orange" title="Entries from different workstations that do not fit together" role="status">
          {account.problems.map((p) => (
            <Text size="sm" key={p}>
              {p}
            </Text>
          ))}
        </Alert>
      )}
      <FamilyAccount guarantorId={patientId} ownBalanceCents={totals.balanceCents} today={today.date} />
      {activePlans(account).map((plan) => (
        <PlanCard key={plan.entry.id} plan={plan} today={today.date} onCancel={() => setDialog({ kind: 'void', entry: plan.entry })} />
      ))}
      {lines.length === 0 ? (
        <Text size="sm">No charges or payments yet.</Text>
      ) : (
        <Table aria-label="Account" striped verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th ta="right">Charges</Table.Th>
              <Table.Th ta="right">Payments and credits</Table.Th>
              <Table.Th ta="right">Balance</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => {
              const e = l.entry;
              const isVoided = voided(e.id);
              const charge = e.kind === 'charge' ? account.charges.get(e.id) : undefined;
              const repeated = account.sameCopay.has(e.id);
              const payment = e.kind === 'payment' ? account.payments.get(e.id) : undefined;
              const actions = [
                charge && !isVoided && charge.openCents > 0 && { label: 'Adjust…', run: () => setDialog({ kind: 'adjust', charge: charge.entry }) },
                payment && !isVoided && payment.entry.amountCents > payment.refundedCents && { label: 'Refund…', run: () => setDialog({ kind: 'refund', payment: payment.entry }) },
                (e.kind === 'charge' || e.kind === 'payment' || e.kind === 'adjustment') && !isVoided && !repeated && { label: 'Void…', run: () => setDialog({ kind: 'void', entry: e }) },
                e.kind === 'plan' && !isVoided && { label: 'Cancel plan…', run: () => setDialog({ kind: 'void', entry: e }) },
              ].filter((a): a is { label: string; run: () => void } => Boolean(a));
              return (
                <Table.Tr key={e.id} data-kind={e.kind} data-voided={isVoided || undefined}>
                  <Table.Td>
                    {formatUsDate(dateInZone(new Date(e.createdAt), today.timeZone))}
                    <Text size="xs" c="dimmed">
                      {formatTimeInZone(e.createdAt, today.timeZone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <div>{describe(l, account)}</div>
                      {isVoided && (
                        <Badge color="gray" variant="light" size="sm">
                          Voided
                        </Badge>
                      )}
                      {l.ignored && (
                        <Badge color="orange" variant="light" size="sm">
                          {l.ignored}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" td={isVoided ? 'line-through' : undefined}>
                    {l.effectCents > 0 ? formatCents(l.effectCents) : ''}
                  </Table.Td>
                  <Table.Td ta="right" td={isVoided ? 'line-through' : undefined}>
                    {l.effectCents < 0 ? formatCents(-l.effectCents) : ''}
                  </Table.Td>
                  <Table.Td ta="right" fw={500}>
                    {formatCents(l.runningCents)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {actions.length > 0 && (
                      <Menu position="bottom-end" withinPortal={false}>
                        <Menu.Target>
                          <Button size="compact-sm" variant="subtle" aria-label={`Actions for ${e.kind} of ${formatCents(e.amountCents)}`}>
                            …
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {actions.map((a) => (
                            <Menu.Item key={a.label} onClick={a.run}>
                              {a.label}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <PrintedDocuments refreshKey={printed + entries.length} patientId={patientId} title="Receipts and statements printed here" />
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog ? (dialog.kind === 'void' && dialog.entry.kind === 'plan' ? 'Cancel the payment plan' : DIALOG_TITLE[dialog.kind]) : ''} size="lg">
        {dialog?.kind === 'charge' && <ChargeForm patientId={patientId} identities={identities} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'adjust' && <AdjustForm patientId={patientId} charge={dialog.charge} openCents={account.charges.get(dialog.charge.id)?.openCents ?? 0} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'void' && <VoidForm patientId={patientId} entry={dialog.entry} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'statement' && <StatementForm patientId={patientId} account={account} onDone={() => { setDialog(null); setPrinted((n) => n + 1); }} />}
        {dialog?.kind === 'plan' && <PlanForm patientId={patientId} balanceCents={totals.balanceCents} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'refund' && (
          <RefundForm patientId={patientId} payment={dialog.payment} leftCents={dialog.payment.amountCents - (account.payments.get(dialog.payment.id)?.refundedCents ?? 0)} onDone={() => setDialog(null)} />
        )}
      </Modal>
    </Stack>
  );
}

const DIALOG_TITLE = { charge: 'Add a charge', adjust: 'Adjust a charge', void: 'Void an entry', refund: 'Refund a payment', plan: 'Agree a payment plan', statement: 'Print a statement' } as const;

/** Prints a statement of the balance, due by a date; it lists what was written since the last one. */
function StatementForm({ patientId, account, onDone }: { patientId: PatientId; account: Account; onDone: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const [dueDate, setDueDate] = useState(addDays(today.date, 30));
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const since = sinceLastStatement(account);
  const count = since.lines.filter((l) => l.entry.kind !== 'allocation' && l.entry.kind !== 'plan').length;
  return (
    <>
      <form
        aria-label="Print a statement"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return setError('Enter the date the payment is due by.');
          if (dueDate < today.date) return setError('The due date cannot be before today.');
          void submit(async () => {
            const { result, amountCents } = await desk.statements.send(patientId, dueDate);
            notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: `Statement of ${formatCents(amountCents)} printed`, message: result.printerMessage });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {since.last
              ? `Since the last statement (${formatUsDate(dateInZone(new Date(since.last.createdAt), today.timeZone))}, ${formatCents(since.last.amountCents)} due): ${count} ${count === 1 ? 'entry' : 'entries'}.`
              : `The first statement for this account: ${count} ${count === 1 ? 'entry' : 'entries'}.`}{' '}
            Amount due now: <b>{formatCents(account.totals.balanceCents)}</b>. It is addressed to whoever pays the patient’s bills, at their address on file, with a stub to return with the payment.
          </Text>
          <TextInput label="Please pay by" type="date" withAsterisk value={dueDate} min={today.date} onChange={(e) => setDueDate(e.currentTarget.value)} data-autofocus />
        </Stack>
        <FormFooter error={error} submitLabel="Print statement" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

const INSTALMENT_STATUS = { paid: ['Paid', 'teal'], part: ['Part paid', 'yellow'], overdue: ['Overdue', 'red'], due: ['Due', 'gray'] } as const;

const NO_DEPENDANTS: { id: PatientId; name: string; identities: string[] }[] = [];
const NO_ENTRIES: LedgerEntry[] = [];

/**
 * The guarantor's view: everyone this patient pays for, each with their balance and anything
 * overdue on a plan, and what the family owes with the guarantor's own balance. Shown only for a
 * patient who is someone's guarantor.
 */
function FamilyAccount({ guarantorId, ownBalanceCents, today }: { guarantorId: PatientId; ownBalanceCents: number; today: string }) {
  const desk = useDesk();
  const openPatient = useOpenPatient();
  const dependants = useObservable(() => desk.patients.observeDependants(guarantorId), NO_DEPENDANTS, [desk, guarantorId]);
  const ids = dependants.flatMap((d) => d.identities);
  const entries = useObservable(() => desk.ledger.observeForPatients(ids), NO_ENTRIES, [desk, ids.join(',')]);
  if (dependants.length === 0) return null;
  const owner = new Map(dependants.flatMap((d) => d.identities.map((i) => [i, d.id as string] as const)));
  const byPatient = new Map<string, LedgerEntry[]>(dependants.map((d) => [d.id, []]));
  for (const e of entries) byPatient.get(owner.get(e.patientId) ?? '')?.push(e);
  const accounts = new Map([...byPatient].map(([id, list]) => [id, accountOf(list)]));
  const family = guarantorBalance(accounts);
  return (
    <Card withBorder padding="sm" component="section" aria-label="Family account" data-testid="family-account">
      <Group justify="space-between" mb={6}>
        <Text fw={600}>
          Pays for {dependants.length} {dependants.length === 1 ? 'patient' : 'patients'}
        </Text>
        <Text size="sm">
          Family balance with this patient’s own: <b data-testid="family-balance">{formatCents(family.totalCents + ownBalanceCents)}</b>
        </Text>
      </Group>
      <Table aria-label="Patients this guarantor pays for" verticalSpacing={2} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
            <Table.Th>Payment plan</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dependants.map((d) => {
            const account = accounts.get(d.id)!;
            const overdue = activePlans(account).reduce((s, p) => s + planDue(p, today).overdueCents, 0);
            return (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => void openPatient(d.id)}>
                    {d.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{account.totals.balanceCents < 0 ? `${formatCents(-account.totals.balanceCents)} credit` : formatCents(account.totals.balanceCents)}</Table.Td>
                <Table.Td>{overdue > 0 ? <Badge color="red" variant="light" size="sm">{`${formatCents(overdue)} overdue`}</Badge> : activePlans(account).length > 0 ? 'On schedule' : ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** A payment plan that is not paid yet: each instalment with what was paid and whether it is overdue. */
function PlanCard({ plan, today, onCancel }: { plan: PlanState; today: string; onCancel: () => void }) {
  const due = planDue(plan, today);
  const status = (i: PlanState['instalments'][number]) => (i.paidCents >= i.amountCents ? 'paid' : i.dueDate < today ? 'overdue' : i.paidCents > 0 ? 'part' : 'due');
  return (
    <Card withBorder padding="sm" component="section" aria-label="Payment plan" data-testid="payment-plan">
      <Group justify="space-between" align="flex-start" mb={6}>
        <div>
          <Text fw={600}>
            Payment plan · {formatCents(plan.entry.amountCents)} in {plan.instalments.length} instalments
          </Text>
          <Text size="sm" c="dimmed">
            Paid {formatCents(plan.paidCents)} · left {formatCents(plan.remainingCents)}
            {due.next ? ` · next ${formatCents(due.next.amountCents)} due ${formatUsDate(due.next.dueDate)}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          {due.overdueCents > 0 ? (
            <Badge color="red" variant="light" data-testid="plan-overdue">
              {formatCents(due.overdueCents)} overdue
            </Badge>
          ) : (
            <Badge color="teal" variant="light">
              On schedule
            </Badge>
          )}
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onCancel}>
            Cancel plan…
          </Button>
        </Group>
      </Group>
      <Table aria-label="Instalments" verticalSpacing={2} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Due</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Paid</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.instalments.map((i) => {
            const [label, color] = INSTALMENT_STATUS[status(i)];
            return (
              <Table.Tr key={i.dueDate}>
                <Table.Td>{formatUsDate(i.dueDate)}</Table.Td>
                <Table.Td ta="right">{formatCents(i.amountCents)}</Table.Td>
                <Table.Td ta="right">{i.paidCents > 0 ? formatCents(i.paidCents) : ''}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={color}>
                    {label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Agrees a plan for part or all of the balance: equal instalments, shown before they are saved. */
function PlanForm({ patientId, balanceCents, onDone }: { patientId: PatientId; balanceCents: number; onDone: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const [amount, setAmount] = useState((balanceCents / 100).toFixed(2));
  const [count, setCount] = useState('3');
  const [frequency, setFrequency] = useState<PlanFrequency>('monthly');
  const [firstDueDate, setFirstDueDate] = useState(addMonths(today.date, 1));
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const cents = amountOf(amount);
  const n = /^\d{1,2}$/.test(count.trim()) ? Number(count) : NaN;
  const preview = typeof cents === 'number' && n >= 2 && n <= 60 && /^\d{4}-\d{2}-\d{2}$/.test(firstDueDate) && cents >= n ? instalmentsFor(cents, n, frequency, firstDueDate) : [];
  return (
    <>
      <form
        aria-label="Agree a payment plan"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (typeof cents === 'string') return setError(cents);
          if (!Number.isInteger(n)) return setError('Enter how many instalments (2 to 60).');
          void submit(async () => {
            await desk.ledger.agreePlan({ patientId, amountCents: cents, count: n, frequency, firstDueDate, note });
            notifications.show({ message: `Payment plan of ${formatCents(cents)} in ${n} instalments agreed` });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            The balance is {formatCents(balanceCents)}. Payments on account from today on count toward the plan, earliest instalment first; an instalment not paid by its date shows at check-in.
          </Text>
          <SimpleGrid cols={2}>
            <TextInput label="Amount of the plan ($)" withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} data-autofocus />
            <TextInput label="Instalments" withAsterisk inputMode="numeric" value={count} onChange={(e) => setCount(e.currentTarget.value)} />
            <NativeSelect label="How often" value={frequency} onChange={(e) => setFrequency(e.currentTarget.value as PlanFrequency)} data={PlanFrequencySchema.options.map((f) => ({ value: f, label: PLAN_FREQUENCY_LABEL[f] }))} />
            <TextInput label="First instalment due" type="date" withAsterisk value={firstDueDate} min={today.date} onChange={(e) => setFirstDueDate(e.currentTarget.value)} />
          </SimpleGrid>
          <TextInput label="Note" value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
          {preview.length > 0 && (
            <Text size="sm" data-testid="plan-preview">
              {preview.length} instalments: {preview[0]!.amountCents === preview.at(-1)!.amountCents ? `${formatCents(preview[0]!.amountCents)} each` : `${formatCents(preview[0]!.amountCents)} first, then ${formatCents(preview.at(-1)!.amountCents)}`}, from {formatUsDate(preview[0]!.dueDate)} to {formatUsDate(preview.at(-1)!.dueDate)}.
            </Text>
          )}
        </Stack>
        <FormFooter error={error} submitLabel="Agree plan" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

function Figure({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size={strong ? 'xl' : 'lg'} fw={strong ? 700 : 500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/** An amount field's text to cents; an error message when it is not an amount. */
function amountOf(text: string): number | string {
  const cents = parseDollarsToCents(text);
  return cents === null || cents === 0 ? 'Enter an amount like 25 or 25.00' : cents;
}

/** The visits a charge can be for: the patient's seen or booked visits of the last 90 days, newest first. */
const CHARGEABLE: ReadonlySet<string> = new Set(['booked', 'arrived', 'checked-in', 'fulfilled']);
const NO_APPOINTMENTS: Appointment[] = [];

function ChargeForm({ patientId, identities, onDone }: { patientId: PatientId; identities: readonly string[]; onDone: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const providerNames = useProviderNames();
  const visits = useObservable(() => desk.appointments.observeForPatients(identities), NO_APPOINTMENTS, [desk, identities.join(',')])
    .map((a) => ({ appointment: a, date: dateInZone(new Date(a.start), today.timeZone) }))
    .filter((v) => CHARGEABLE.has(v.appointment.status) && v.date <= today.date && v.date >= addDays(today.date, -90))
    .sort((a, b) => b.appointment.start.localeCompare(a.appointment.start))
    .slice(0, 20);
  const [visitId, setVisitId] = useState<string | null>(null);
  // Today's visit, when there is one, until the desk picks another (or none).
  const visit = visitId === null ? (visits.find((v) => v.date === today.date) ?? null) : (visits.find((v) => v.appointment.id === visitId) ?? null);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NO_TYPES, [desk]).filter((t) => t.active && t.feeCents > 0);
  const services = useObservable(() => desk.catalog.observeServices(), NO_SERVICES, [desk]).filter((s) => s.active);
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [serviceDate, setServiceDate] = useState<string | null>(null);
  const date = serviceDate ?? visit?.date ?? today.date;
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const typeName = (id: string) => types.find((t) => t.id === id)?.name ?? '';
  const choose = (id: string) => {
    setCode(id);
    const type = types.find((t) => t.id === id);
    const service = services.find((s) => s.id === id);
    const fee = type ? { name: type.name, feeCents: type.feeCents } : service ? { name: `${service.name} (${service.code})`, feeCents: service.feeCents } : null;
    if (fee) {
      setDescription(fee.name);
      setAmount((fee.feeCents / 100).toFixed(2));
    }
  };
  return (
    <>
      <form
        aria-label="Add a charge"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const cents = amountOf(amount);
          if (typeof cents === 'string') return setError(cents);
          void submit(async () => {
            await desk.ledger.postCharge({ patientId, code, description, amountCents: cents, serviceDate: date, appointmentId: visit?.appointment.id ?? null, providerId: visit?.appointment.providerId ?? '' });
            notifications.show({ message: `Charge of ${formatCents(cents)} added` });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label="From the fee schedule"
            data-autofocus
            value={code}
            onChange={(e) => choose(e.currentTarget.value)}
            data={[
              { value: '', label: 'Entered by hand (billing staff)' },
              ...types.map((t) => ({ value: t.id, label: `${t.name} — ${formatCents(t.feeCents)}` })),
              ...services.map((s) => ({ value: s.id, label: `${s.code} ${s.name} — ${formatCents(s.feeCents)}` })),
            ]}
          />
          <TextInput label="Description" withAsterisk value={description} maxLength={80} onChange={(e) => setDescription(e.currentTarget.value)} />
          <NativeSelect
            label="For the visit"
            description="Links the charge to the visit and its provider (the day sheet counts charges by provider)"
            value={visit?.appointment.id ?? ''}
            onChange={(e) => {
              setVisitId(e.currentTarget.value);
              setServiceDate(null);
            }}
            data={[
              { value: '', label: 'No visit' },
              ...visits.map((v) => ({
                value: v.appointment.id,
                label: [`${formatUsDate(v.date)} ${formatTimeInZone(v.appointment.start, today.timeZone)}`, typeName(v.appointment.typeId) || v.appointment.reason, providerNames.provider(v.appointment.providerId) ?? ''].filter(Boolean).join(' · '),
              })),
            ]}
          />
          <SimpleGrid cols={2}>
            <TextInput label="Amount ($)" withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} description={code ? 'Another amount than the fee needs billing staff' : undefined} />
            <TextInput label="Date of service" type="date" withAsterisk value={date} max={today.date} onChange={(e) => setServiceDate(e.currentTarget.value)} />
          </SimpleGrid>
        </Stack>
        <FormFooter error={error} submitLabel="Add charge" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

function AdjustForm({ patientId, charge, openCents, onDone }: { patientId: PatientId; charge: ChargeEntry; openCents: number; onDone: () => void }) {
  const desk = useDesk();
  const [amount, setAmount] = useState((openCents / 100).toFixed(2));
  const [reason, setReason] = useState<AdjustmentReason | ''>('');
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  return (
    <>
      <form
        aria-label="Adjust a charge"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const cents = amountOf(amount);
          if (typeof cents === 'string') return setError(cents);
          if (!reason) return setError('Choose the reason for the adjustment.');
          void submit(async () => {
            await desk.ledger.adjust({ patientId, chargeId: charge.id, amountCents: cents, reason, note });
            notifications.show({ message: `Adjusted ${formatCents(cents)}` });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {charge.description} of {formatUsDate(charge.serviceDate)}: {formatCents(charge.amountCents)}, owed {formatCents(openCents)}
          </Text>
          <SimpleGrid cols={2}>
            <TextInput label="Amount ($)" withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} data-autofocus />
            <NativeSelect
              label="Reason"
              withAsterisk
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value as AdjustmentReason | '')}
              data={[{ value: '', label: 'Choose a reason' }, ...AdjustmentReasonSchema.options.map((r) => ({ value: r, label: ADJUSTMENT_REASON_LABEL[r] }))]}
            />
          </SimpleGrid>
          <TextInput label="Note" value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
        </Stack>
        <FormFooter error={error} submitLabel="Adjust" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

function VoidForm({ patientId, entry, onDone }: { patientId: PatientId; entry: LedgerEntry; onDone: () => void }) {
  const desk = useDesk();
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, submit } = useFormSubmit(guard);
  const what = entry.kind === 'payment' ? `the payment on receipt ${entry.receiptNumber}` : entry.kind === 'charge' ? `the charge “${entry.description}”` : entry.kind === 'plan' ? 'the payment plan' : 'the adjustment';
  return (
    <>
      <form
        aria-label="Void an entry"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            await desk.ledger.void({ patientId, targetId: entry.id, note });
            notifications.show({ message: entry.kind === 'plan' ? 'Payment plan cancelled' : 'Voided' });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {entry.kind === 'plan'
              ? `Cancelling ${what} (${formatCents(entry.amountCents)}) changes no balance: what is owed stays owed, with no instalments. It needs billing staff or a manager.`
              : `Voiding cancels ${what} (${formatCents(entry.amountCents)}) entirely; it stays on the account, marked voided. A void on another day than it was written needs a manager.`}
          </Text>
          <TextInput label="Why" withAsterisk value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
        </Stack>
        <FormFooter error={error} submitLabel={entry.kind === 'plan' ? 'Cancel plan' : 'Void'} loading={busy} onCancel={onDone} cancelLabel="Keep it" />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

function RefundForm({ patientId, payment, leftCents, onDone }: { patientId: PatientId; payment: PaymentEntry; leftCents: number; onDone: () => void }) {
  const desk = useDesk();
  const [amount, setAmount] = useState((leftCents / 100).toFixed(2));
  const [method, setMethod] = useState<PaymentMethod>(payment.method);
  const [reference, setReference] = useState(payment.method === 'card' ? payment.reference : '');
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  return (
    <>
      <form
        aria-label="Refund a payment"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const cents = amountOf(amount);
          if (typeof cents === 'string') return setError(cents);
          void submit(async () => {
            await desk.ledger.refund({ patientId, targetId: payment.id, amountCents: cents, method, reference, note });
            notifications.show({ message: `Refunded ${formatCents(cents)}` });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Receipt {payment.receiptNumber}: {formatCents(payment.amountCents)} by {PAYMENT_METHOD_LABEL[payment.method]}; up to {formatCents(leftCents)} can be given back. Every refund needs a manager.
          </Text>
          <SimpleGrid cols={3}>
            <TextInput label="Amount ($)" withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} data-autofocus />
            <NativeSelect label="Given back by" value={method} onChange={(e) => setMethod(e.currentTarget.value as PaymentMethod)} data={PaymentMethodSchema.options.map((m) => ({ value: m, label: PAYMENT_METHOD_LABEL[m] }))} />
            {method !== 'cash' && (
              <TextInput label={method === 'card' ? 'Card last 4 digits' : method === 'check' ? 'Check number' : 'Reference'} value={reference} maxLength={method === 'card' ? 4 : 40} onChange={(e) => setReference(e.currentTarget.value)} />
            )}
          </SimpleGrid>
          <TextInput label="Why" withAsterisk value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
        </Stack>
        <FormFooter error={error} submitLabel="Refund" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}
