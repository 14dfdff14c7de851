import { ActionIcon, Alert, Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { TransactionInputSchema, type PaymentMethod } from '../../../shared/payments/ledger';
import { formatCents, parseDollarsToCents } from '../../../shared/domain/money';
import { useDesk } from '../../app/DeskContext';
import type { PaymentOutcome } from './takePayment';

interface TenderDraft {
  amount: string;
  method: PaymentMethod;
  reference: string;
  tendered: string;
  authCode: string;
}

const blank = (amount = ''): TenderDraft => ({ amount, method: 'cash', reference: '', tendered: '', authCode: '' });
const METHODS = [
  { value: 'cash', label: 'Cash' },
  { value: 'card', label: 'Card' },
  { value: 'check', label: 'Check' },
  { value: 'other', label: 'Other (HSA, FSA, money order)' },
];

/**
 * Co-pay or payment on account, by cash, card, check or other, or split across up to four
 * tenders (one receipt). `amountCents` fills in what is due (the co-pay at check-in), which the
 * desk may change.
 */
export function PaymentForm({
  patientId,
  appointmentId,
  onDone,
  amountCents: dueCents,
  balanceCents = 0,
  overdueCents = 0,
  offerCredit = true,
  submitLabel = 'Take payment and print receipt',
}: {
  patientId: PatientId;
  appointmentId: AppointmentId | null;
  onDone: (o: PaymentOutcome) => void;
  amountCents?: number;
  /** What the account owes, offered as the amount of a payment on account. */
  balanceCents?: number;
  /** What is overdue on the patient's payment plan, offered too. */
  overdueCents?: number;
  /** Whether a payment on account may be kept as credit instead of paying charges (not for a plan's instalment). */
  offerCredit?: boolean;
  submitLabel?: string;
}) {
  const desk = useDesk();
  const [tenders, setTenders] = useState<TenderDraft[]>([blank(dueCents ? (dueCents / 100).toFixed(2) : '')]);
  const [keepAsCredit, setKeepAsCredit] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const split = tenders.length > 1;
  const change = (i: number, patch: Partial<TenderDraft>) => setTenders((list) => list.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const amounts = tenders.map((t) => parseDollarsToCents(t.amount));
  const total = amounts.every((a) => a !== null) ? amounts.reduce((s: number, a) => s + (a ?? 0), 0) : null;

  const submit = async () => {
    const found: Record<string, string> = {};
    const key = (i: number, field: string) => (split ? `${i}.${field}` : field);
    const drafts = tenders.map((t, i) => {
      const amountCents = parseDollarsToCents(t.amount);
      const tenderedCents = t.method === 'cash' && t.tendered.trim() ? parseDollarsToCents(t.tendered) : undefined;
      if (amountCents === null) found[key(i, 'amountCents')] = 'Enter an amount like 25 or 25.00';
      if (tenderedCents === null) found[key(i, 'tenderedCents')] = 'Enter the cash handed over, like 40 or 40.00';
      return {
        amountCents: amountCents ?? Number.NaN,
        method: t.method,
        reference: t.method === 'cash' ? '' : t.reference,
        authCode: t.method === 'card' ? t.authCode : '',
        ...(tenderedCents !== undefined ? { tenderedCents: tenderedCents ?? Number.NaN } : {}),
      };
    });
    const candidate = { patientId, appointmentId, purpose: appointmentId ? ('copay' as const) : ('payment' as const), tenders: drafts };
    const parsed = TransactionInputSchema.safeParse(candidate);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const [top, index, field] = issue.path;
        const k = top === 'tenders' && typeof index === 'number' ? key(index, String(field)) : 'form';
        found[k] ??= issue.message;
      }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await desk.payments.take(candidate, { keepAsCredit: !appointmentId && offerCredit && keepAsCredit }));
      setKeepAsCredit(false);
      setTenders([blank()]);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Take payment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Stack gap="xs">
        {tenders.map((t, i) => (
          <TenderRow
            key={i}
            index={i}
            split={split}
            tender={t}
            errors={errors}
            onChange={(patch) => change(i, patch)}
            onRemove={split ? () => setTenders((list) => list.filter((_, j) => j !== i)) : undefined}
            amountHint={
              !split && !appointmentId && balanceCents > 0 ? (
                <Group gap="sm">
                  {overdueCents > 0 && (
                    <Anchor component="button" type="button" size="xs" onClick={() => change(0, { amount: (overdueCents / 100).toFixed(2) })}>
                      Pay the overdue instalment, {formatCents(overdueCents)}
                    </Anchor>
                  )}
                  <Anchor component="button" type="button" size="xs" onClick={() => change(0, { amount: (balanceCents / 100).toFixed(2) })}>
                    Pay the balance, {formatCents(balanceCents)}
                  </Anchor>
                </Group>
              ) : undefined
            }
          />
        ))}
      </Stack>
      <Group justify="space-between" mt="xs">
        {tenders.length < 4 ? (
          <Anchor component="button" type="button" size="sm" onClick={() => setTenders((list) => [...list, blank()])}>
            {split ? 'Add another tender' : 'Split across tenders'}
          </Anchor>
        ) : (
          <span />
        )}
        {split && (
          <Text fw={700} data-testid="split-total">
            Total {total === null ? '—' : formatCents(total)}
          </Text>
        )}
      </Group>
      {!appointmentId && offerCredit && (
        <Checkbox mt="sm" label="Keep it as credit (do not apply it to charges owed)" checked={keepAsCredit} onChange={(e) => setKeepAsCredit(e.currentTarget.checked)} />
      )}
      {errors['form'] && (
        <Alert color="red" mt="sm" role="alert">
          {errors['form']}
        </Alert>
      )}
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}

/** One tender: its amount and method, and what the method needs (the cash handed over and the change, a check number, a card's last four and authorization). */
function TenderRow({
  index,
  split,
  tender,
  errors,
  onChange,
  onRemove,
  amountHint,
}: {
  index: number;
  split: boolean;
  tender: TenderDraft;
  errors: Record<string, string>;
  onChange: (patch: Partial<TenderDraft>) => void;
  onRemove: (() => void) | undefined;
  amountHint: ReactNode;
}) {
  const label = (text: string) => (split ? `Tender ${index + 1}: ${text}` : text);
  const error = (field: string) => errors[split ? `${index}.${field}` : field];
  // The change to hand back, worked out as the cash is typed.
  const amountNow = parseDollarsToCents(tender.amount);
  const tenderedNow = tender.tendered.trim() ? parseDollarsToCents(tender.tendered) : null;
  const changeLine = amountNow !== null && tenderedNow !== null && tenderedNow >= amountNow ? `Change due: ${formatCents(tenderedNow - amountNow)}` : undefined;
  const { method } = tender;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <SimpleGrid cols={{ base: 1, md: method === 'card' ? 4 : 3 }} spacing="sm" style={{ flex: 1 }}>
        <TextInput label={label('Amount ($)')} inputMode="decimal" value={tender.amount} onChange={(e) => onChange({ amount: e.currentTarget.value })} error={error('amountCents')} withAsterisk description={amountHint} />
        <NativeSelect label={label('Method')} value={method} onChange={(e) => onChange({ method: e.currentTarget.value as PaymentMethod })} data={METHODS} />
        {method === 'cash' ? (
          <TextInput
            label={label('Cash handed over ($)')}
            inputMode="decimal"
            placeholder={tender.amount || 'The amount'}
            value={tender.tendered}
            onChange={(e) => onChange({ tendered: e.currentTarget.value })}
            error={error('tenderedCents')}
            description={changeLine}
            // The change to hand back is what the cashier reads next: under the cash, large.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            styles={{ description: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 700, color: 'var(--mantine-color-text)', marginTop: 4 } }}
          />
        ) : (
          <TextInput
            label={label(method === 'check' ? 'Check number' : method === 'card' ? 'Card last 4 digits' : 'Paid with (e.g. HSA card)')}
            value={tender.reference}
            onChange={(e) => onChange({ reference: e.currentTarget.value })}
            error={error('reference')}
            {...(method === 'card' ? { maxLength: 4, inputMode: 'numeric' as const } : {})}
          />
        )}
        {method === 'card' && (
          <TextInput label={label('Authorization code')} description="As the card terminal printed it" value={tender.authCode} onChange={(e) => onChange({ authCode: e.currentTarget.value })} error={error('authCode')} maxLength={12} />
        )}
      </SimpleGrid>
      {onRemove && (
        <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove tender ${index + 1}`} onClick={onRemove}>
          ×
        </ActionIcon>
      )}
    </Group>
  );
}
