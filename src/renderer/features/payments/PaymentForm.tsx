import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { PaymentInputSchema, type PaymentMethod } from '../../../shared/payments/ledger';
import { formatCents, parseDollarsToCents } from '../../../shared/domain/money';
import { useDesk } from '../../app/DeskContext';
import type { PaymentOutcome } from './takePayment';

/**
 * Co-pay or payment on account, by cash, card or check. `amountCents` fills in what is due (the
 * co-pay at check-in), which the desk may change.
 */
export function PaymentForm({
  patientId,
  appointmentId,
  onDone,
  amountCents: dueCents,
  balanceCents = 0,
  submitLabel = 'Take payment and print receipt',
}: {
  patientId: PatientId;
  appointmentId: AppointmentId | null;
  onDone: (o: PaymentOutcome) => void;
  amountCents?: number;
  /** What the account owes, offered as the amount of a payment on account. */
  balanceCents?: number;
  submitLabel?: string;
}) {
  const desk = useDesk();
  const [amount, setAmount] = useState(dueCents ? (dueCents / 100).toFixed(2) : '');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [tendered, setTendered] = useState('');
  const [authCode, setAuthCode] = useState('');
  const [keepAsCredit, setKeepAsCredit] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  // The change to hand back, worked out as the cash is typed.
  const amountNow = parseDollarsToCents(amount);
  const tenderedNow = tendered.trim() ? parseDollarsToCents(tendered) : null;
  const changeLine = amountNow !== null && tenderedNow !== null && tenderedNow >= amountNow ? `Change due: ${formatCents(tenderedNow - amountNow)}` : undefined;

  const submit = async () => {
    const amountCents = parseDollarsToCents(amount);
    const tenderedCents = method === 'cash' && tendered.trim() ? parseDollarsToCents(tendered) : undefined;
    const candidate = {
      patientId,
      appointmentId,
      amountCents: amountCents ?? Number.NaN,
      method,
      reference: method === 'cash' ? '' : reference,
      authCode: method === 'card' ? authCode : '',
      ...(tenderedCents !== undefined ? { tenderedCents: tenderedCents ?? Number.NaN } : {}),
      purpose: appointmentId ? 'copay' : 'payment',
    } as const;
    const parsed = PaymentInputSchema.safeParse(candidate);
    const found: Record<string, string> = {};
    if (amountCents === null) found['amountCents'] = 'Enter an amount like 25 or 25.00';
    if (tenderedCents === null) found['tenderedCents'] = 'Enter the cash handed over, like 40 or 40.00';
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await desk.payments.take(candidate, { keepAsCredit: !appointmentId && keepAsCredit }));
      setKeepAsCredit(false);
      setAmount('');
      setReference('');
      setTendered('');
      setAuthCode('');
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
      <SimpleGrid cols={{ base: 1, md: method === 'card' ? 4 : 3 }} spacing="sm">
        <TextInput
          label="Amount ($)"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={errors['amountCents']}
          withAsterisk
          description={
            !appointmentId && balanceCents > 0 ? (
              <Anchor component="button" type="button" size="xs" onClick={() => setAmount((balanceCents / 100).toFixed(2))}>
                Pay the balance, {formatCents(balanceCents)}
              </Anchor>
            ) : undefined
          }
        />
        <NativeSelect
          label="Method"
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value as PaymentMethod)}
          data={[
            { value: 'cash', label: 'Cash' },
            { value: 'card', label: 'Card' },
            { value: 'check', label: 'Check' },
            { value: 'other', label: 'Other (HSA, FSA, money order)' },
          ]}
        />
        {method === 'cash' ? (
          <TextInput
            label="Cash handed over ($)"
            inputMode="decimal"
            placeholder={amount || 'The amount'}
            value={tendered}
            onChange={(e) => setTendered(e.currentTarget.value)}
            error={errors['tenderedCents']}
            description={changeLine}
            // The change to hand back is what the cashier reads next: under the cash, large.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            styles={{ description: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 700, color: 'var(--mantine-color-text)', marginTop: 4 } }}
          />
        ) : (
          <TextInput
            label={method === 'check' ? 'Check number' : method === 'card' ? 'Card last 4 digits' : 'Paid with (e.g. HSA card)'}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors['reference']}
            {...(method === 'card' ? { maxLength: 4, inputMode: 'numeric' as const } : {})}
          />
        )}
        {method === 'card' && <TextInput label="Authorization code" description="As the card terminal printed it" value={authCode} onChange={(e) => setAuthCode(e.currentTarget.value)} error={errors['authCode']} maxLength={12} />}
      </SimpleGrid>
      {!appointmentId && (
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
