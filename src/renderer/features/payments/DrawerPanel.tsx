import { ActionIcon, Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { from, of } from 'rxjs';
import { formatCents, parseDollarsToCents } from '../../../shared/domain/money';
import { formatTimeInZone } from '../../../shared/domain/time';
import { formatUsDate } from '../../../shared/patients/patient';
import { countedCash, DENOMINATION_LABEL, DENOMINATIONS, describeOverShort, type DrawerExpected, type DrawerSession } from '../../../shared/payments/drawer';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useObservable } from '../../app/useObservable';
import { useToday } from '../../app/useToday';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';

/**
 * This workstation's cash drawer for today (open it with a float, count and close it, a manager
 * reopens it) and every drawer of every site that has synced, with what each was over or short.
 * `version` changes whenever a payment was taken here, so what the drawer should hold is read again.
 */
export function DrawerPanel({ version, sessions }: { version: number; sessions: readonly DrawerSession[] }) {
  const desk = useDesk();
  const today = useToday();
  const { workstationId } = useSettings();
  const mine = sessions.find((s) => s.open.workstationId === workstationId && s.open.businessDate === today.date) ?? null;
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [float, setFloat] = useState('100.00');
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const sessionId = mine?.open.sessionId ?? null;
  const events = mine?.events.length ?? 0;
  const expected = useObservable<DrawerExpected | null>(() => (sessionId ? from(desk.drawers.expected(sessionId)) : of(null)), null, [desk, sessionId, version, events]);

  return (
    <Stack gap="sm">
      <Card withBorder aria-label="Cash drawer" role="region">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={3} size="h4">
                Cash drawer
              </Title>
              <Badge color={!mine ? 'gray' : mine.status === 'open' ? 'teal' : 'blue'} variant="light" data-testid="drawer-status">
                {!mine ? 'Not open today' : mine.status === 'open' ? 'Open' : 'Closed'}
              </Badge>
            </Group>
            {mine && (
              <Text size="sm">
                Opened {formatTimeInZone(mine.open.createdAt, today.timeZone)} with a float of {formatCents(mine.open.floatCents)}
                {expected && mine.status === 'open' && (
                  <>
                    {' '}
                    · should hold <b>{formatCents(expected.expectedCashCents)}</b> in cash and {expected.checks.length} check{expected.checks.length === 1 ? '' : 's'} ({formatCents(expected.expectedChecksCents)})
                  </>
                )}
              </Text>
            )}
            {mine?.close && (
              <Text size="sm" data-testid="drawer-result">
                Closed {formatTimeInZone(mine.close.createdAt, today.timeZone)}: cash {formatCents(mine.close.countedCashCents)} counted of {formatCents(mine.close.expectedCashCents)}, checks{' '}
                {formatCents(mine.close.countedChecksCents)} of {formatCents(mine.close.expectedChecksCents)} · <b>{describeOverShort(mine.close.overShortCents)}</b>
              </Text>
            )}
            {!mine && <Text size="sm">Cash and checks are taken only into a drawer opened today. Count the float into it and open it.</Text>}
          </Stack>
          {!mine ? (
            <form
              aria-label="Open the drawer"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const cents = parseDollarsToCents(float);
                if (cents === null) return setError('Enter the float like 100 or 100.00');
                void submit(async () => {
                  await desk.drawers.open({ floatCents: cents });
                  notifications.show({ message: `Drawer opened with ${formatCents(cents)}` });
                });
              }}
            >
              <Group align="flex-end" gap="xs">
                <TextInput label="Float ($)" inputMode="decimal" w={120} value={float} onChange={(e) => setFloat(e.currentTarget.value)} />
                <Button type="submit" loading={busy}>
                  Open drawer
                </Button>
              </Group>
            </form>
          ) : mine.status === 'open' ? (
            <Button onClick={() => setClosing(true)}>Count and close…</Button>
          ) : (
            <Button variant="light" onClick={() => setReopening(true)}>
              Reopen…
            </Button>
          )}
        </Group>
        {error && (
          <Alert color="red" role="alert" mt="sm">
            {error}
          </Alert>
        )}
        <RefusalNotice guard={guard} />
      </Card>
      {mine && expected && (
        <Modal opened={closing} onClose={() => setClosing(false)} title="Count and close the drawer" size="xl">
          <CloseDrawerForm session={mine} expected={expected} onDone={() => setClosing(false)} />
        </Modal>
      )}
      {mine && (
        <Modal opened={reopening} onClose={() => setReopening(false)} title="Reopen the drawer">
          <ReopenForm session={mine} onDone={() => setReopening(false)} />
        </Modal>
      )}
    </Stack>
  );
}

function CloseDrawerForm({ session, expected, onDone }: { session: DrawerSession; expected: DrawerExpected; onDone: () => void }) {
  const desk = useDesk();
  const [counts, setCounts] = useState<string[]>(DENOMINATIONS.map(() => ''));
  const [checks, setChecks] = useState(expected.checks.map((c) => ({ number: c.reference, amount: (c.amountCents / 100).toFixed(2) })));
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const numbers = counts.map((c) => (c.trim() === '' ? 0 : Number(c)));
  const badCount = numbers.findIndex((n) => !Number.isInteger(n) || n < 0);
  const cash = badCount === -1 ? countedCash(numbers) : null;
  const checkCents = checks.map((c) => parseDollarsToCents(c.amount));
  const checksTotal = checkCents.every((c) => c !== null) ? checkCents.reduce((s: number, c) => s + (c ?? 0), 0) : null;
  const overShort = cash !== null && checksTotal !== null ? cash - expected.expectedCashCents + (checksTotal - expected.expectedChecksCents) : null;

  return (
    <>
      <form
        aria-label="Count and close the drawer"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (badCount !== -1) return setError(`${DENOMINATION_LABEL[DENOMINATIONS[badCount]!]}: enter how many, a whole number`);
          const list = checks.map((c, i) => ({ number: c.number.trim(), amountCents: checkCents[i] ?? Number.NaN }));
          if (list.some((c) => Number.isNaN(c.amountCents))) return setError('Enter each check’s amount like 45 or 45.00');
          void submit(async () => {
            const closed = await desk.drawers.close(session.open.sessionId, { counts: numbers, checks: list, note });
            notifications.show({ message: `Drawer closed: ${describeOverShort(closed.overShortCents)}` });
            onDone();
          });
        }}
      >
        <Stack gap="md">
          <div>
            <Text fw={600} size="sm" mb={4}>
              Cash, by denomination
            </Text>
            <SimpleGrid cols={6} spacing="xs">
              {DENOMINATIONS.map((d, i) => (
                <TextInput
                  key={d}
                  label={DENOMINATION_LABEL[d]}
                  inputMode="numeric"
                  value={counts[i]}
                  placeholder="0"
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setCounts((old) => old.map((c, j) => (j === i ? value : c)));
                  }}
                  {...(i === 0 ? { 'data-autofocus': true } : {})}
                />
              ))}
            </SimpleGrid>
          </div>
          <div>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                Checks in the drawer
              </Text>
              <Button size="compact-sm" variant="subtle" onClick={() => setChecks((c) => [...c, { number: '', amount: '' }])}>
                Add a check
              </Button>
            </Group>
            {checks.length === 0 ? (
              <Text size="sm">No checks were taken into this drawer.</Text>
            ) : (
              <Stack gap={6}>
                {checks.map((c, i) => (
                  <Group key={i} gap="xs" align="flex-end">
                    <TextInput label={i === 0 ? 'Check number' : undefined} aria-label={`Check ${i + 1} number`} value={c.number} onChange={(e) => {
                      const value = e.currentTarget.value;
                      setChecks((old) => old.map((x, j) => (j === i ? { ...x, number: value } : x)));
                    }} />
                    <TextInput label={i === 0 ? 'Amount ($)' : undefined} aria-label={`Check ${i + 1} amount`} inputMode="decimal" value={c.amount} onChange={(e) => {
                      const value = e.currentTarget.value;
                      setChecks((old) => old.map((x, j) => (j === i ? { ...x, amount: value } : x)));
                    }} />
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove check ${i + 1}`} onClick={() => setChecks((old) => old.filter((_, j) => j !== i))} mb={4}>
                      ×
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            )}
          </div>
          <Table aria-label="Drawer count" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">Expected</Table.Th>
                <Table.Th ta="right">Counted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>
                  Cash (float {formatCents(expected.floatCents)}, taken {formatCents(expected.cashInCents)}, refunded {formatCents(expected.cashOutCents)})
                </Table.Td>
                <Table.Td ta="right">{formatCents(expected.expectedCashCents)}</Table.Td>
                <Table.Td ta="right" data-testid="counted-cash">
                  {cash === null ? '—' : formatCents(cash)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>Checks</Table.Td>
                <Table.Td ta="right">{formatCents(expected.expectedChecksCents)}</Table.Td>
                <Table.Td ta="right">{checksTotal === null ? '—' : formatCents(checksTotal)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td fw={700}>Over / short</Table.Td>
                <Table.Td />
                <Table.Td ta="right" fw={700} c={overShort ? 'red.8' : undefined} data-testid="over-short">
                  {overShort === null ? '—' : describeOverShort(overShort)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="xs">Card and other payments taken here today (not in the drawer): {formatCents(expected.cardCents + expected.otherCents)}.</Text>
          <TextInput label="Note" description={overShort ? 'Over or short: say why (recount first)' : undefined} withAsterisk={Boolean(overShort)} value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
        </Stack>
        <FormFooter error={error} submitLabel="Close drawer" loading={busy} onCancel={onDone} cancelLabel="Keep it open" />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

function ReopenForm({ session, onDone }: { session: DrawerSession; onDone: () => void }) {
  const desk = useDesk();
  const [note, setNote] = useState('');
  const guard = useGuardedAction();
  const { busy, error, submit } = useFormSubmit(guard);
  return (
    <>
      <form
        aria-label="Reopen the drawer"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            await desk.drawers.reopen(session.open.sessionId, note);
            notifications.show({ message: 'Drawer reopened' });
            onDone();
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">A closed drawer takes no cash or checks. Reopening it is a manager’s decision and is kept with the day’s close.</Text>
          <TextInput label="Why" withAsterisk value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
        </Stack>
        <FormFooter error={error} submitLabel="Reopen drawer" loading={busy} onCancel={onDone} />
      </form>
      <RefusalNotice guard={guard} />
    </>
  );
}

/** Every drawer of every site that has synced: what a manager reconciles. */
export function AllDrawers({ sessions }: { sessions: readonly DrawerSession[] }) {
  if (sessions.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Drawers of every site
      </Title>
      <Table aria-label="Drawers of every site" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th>Site</Table.Th>
            <Table.Th>Workstation</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Float</Table.Th>
            <Table.Th ta="right">Cash counted</Table.Th>
            <Table.Th ta="right">Checks counted</Table.Th>
            <Table.Th ta="right">Over / short</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.slice(0, 60).map((s) => (
            <Table.Tr key={s.open.sessionId}>
              <Table.Td>{formatUsDate(s.open.businessDate)}</Table.Td>
              <Table.Td>{s.open.siteId}</Table.Td>
              <Table.Td>{s.open.workstationName || s.open.workstationId.slice(0, 8)}</Table.Td>
              <Table.Td>
                {s.status === 'open' ? 'Open' : 'Closed'}
                {s.events.some((e) => e.kind === 'reopen') ? ' (reopened)' : ''}
              </Table.Td>
              <Table.Td ta="right">{formatCents(s.open.floatCents)}</Table.Td>
              <Table.Td ta="right">{s.close ? formatCents(s.close.countedCashCents) : '—'}</Table.Td>
              <Table.Td ta="right">{s.close ? formatCents(s.close.countedChecksCents) : '—'}</Table.Td>
              <Table.Td ta="right" c={s.close && s.close.overShortCents !== 0 ? 'red.8' : undefined}>
                {s.close ? describeOverShort(s.close.overShortCents) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
