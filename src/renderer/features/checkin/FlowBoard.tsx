import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import {
  FINAL_STEPS,
  initialsOf,
  isWaiting,
  roomOf,
  VISIT_STEP_LABEL,
  waitFigures,
  waitLevel,
  waitMinutes,
  type Visit,
  type VisitStep,
  type WaitLevel,
} from '../../../shared/checkin/visit';
import { formatTimeInZone } from '../../../shared/domain/time';
import { CheckOutDialog } from './CheckOutDialog';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useDeskRules, useProviders } from '../catalog/public';

const NONE: never[] = [];
const STEP_COLOR: Record<VisitStep, string> = { 'checked-in': 'blue', waiting: 'blue', roomed: 'violet', 'with-provider': 'teal', checkout: 'orange', left: 'gray', done: 'gray' };
const WAIT_COLOR: Record<WaitLevel, string> = { ok: 'green', amber: 'yellow', red: 'red' };
const WAIT_WORD: Record<WaitLevel, string> = { ok: '', amber: ' (long)', red: ' (too long)' };
/** The next steps offered from each step, in the order they are usually taken. */
const NEXT: Partial<Record<VisitStep, readonly VisitStep[]>> = {
  'checked-in': ['waiting', 'roomed', 'left'],
  waiting: ['roomed', 'left'],
  roomed: ['with-provider', 'roomed', 'left'],
  'with-provider': ['checkout'],
  checkout: ['done'],
};
const ACTION_WORD: Record<VisitStep, string> = {
  'checked-in': 'Check in',
  waiting: 'Waiting',
  roomed: 'Room…',
  'with-provider': 'With provider',
  checkout: 'Ready for check-out',
  left: 'Left…',
  done: 'Check out…',
};

/**
 * The patient flow board: everyone in the clinic today who is not done yet, where they are, how
 * long they have waited (amber and red past the thresholds) and the next steps. Initials and times
 * only, until a staff member shows a row's name (a view of the record, audited).
 */
export function FlowBoard({ visits, names, now }: { visits: readonly Visit[]; names: ReadonlyMap<string, string>; now: number }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const providers = useProviders();
  const rooms = useObservable(() => desk.catalog.observeRooms(), NONE, [desk]);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<{ visit: Visit; step: 'roomed' | 'left' } | null>(null);
  const [checkingOut, setCheckingOut] = useState<Visit | null>(null);
  const rules = useDeskRules();
  const thresholds = { amberMinutes: rules.waitAmberMinutes, redMinutes: rules.waitRedMinutes };

  const open = visits.filter((v) => !FINAL_STEPS.has(v.step));
  const done = visits.filter((v) => v.step === 'done').length;
  const left = visits.filter((v) => v.step === 'left').length;
  const figures = waitFigures(visits, now);
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : 'No provider';
  };
  const roomName = (id: string) => rooms.find((r) => r.id === id)?.name ?? '';
  const nameOf = (v: Visit) => names.get(v.patientId) ?? '…';

  const show = (v: Visit) => {
    setShown((s) => new Set(s).add(v.id));
    void desk.ctx.audit({ action: 'view', patientId: v.patientId, subject: 'flow board', detail: 'Name shown on the flow board' });
  };
  const advance = (v: Visit, step: VisitStep, extra: { roomId?: string; reason?: string } = {}) =>
    guard
      .run(async () => {
        await desk.visits.advance(v.id, { step, ...extra });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not moved', message: (e as Error).message }));

  return (
    <Stack gap="xs" role="region" aria-label="Flow board">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>Flow board</Title>
        <Text size="sm" data-testid="wait-figures">
          Waiting now: {open.filter(isWaiting).length} · Average wait today: {figures.overall.averageMinutes} min · Longest: {figures.overall.longestMinutes} min · Done: {done} · Left without being seen: {left}
        </Text>
      </Group>
      {figures.byProvider.size > 0 && (
        <Text size="xs" c="dimmed" data-testid="wait-by-provider">
          {[...figures.byProvider]
            .map(([id, f]) => `${providerName(id)}: average ${f.averageMinutes} min, longest ${f.longestMinutes} min (${f.visits})`)
            .join(' · ')}
        </Text>
      )}
      <RefusalNotice guard={guard} />
      {open.length === 0 ? (
        <Text c="dimmed">Nobody is waiting or being seen.</Text>
      ) : (
        <Table aria-label="Patients in the clinic" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>Checked in</Table.Th>
              <Table.Th>Waited</Table.Th>
              <Table.Th>Next</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((v) => {
              const minutes = waitMinutes(v, now);
              const level = isWaiting(v) ? waitLevel(minutes, thresholds) : 'ok';
              const visible = shown.has(v.id);
              const label = visible ? nameOf(v) : initialsOf(nameOf(v));
              const room = roomOf(v);
              return (
                <Table.Tr key={v.id} aria-label={`${label}, ${VISIT_STEP_LABEL[v.step]}`} data-wait={level}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fw={600} size="sm">
                        {label}
                      </Text>
                      {!visible && (
                        <Button size="compact-xs" variant="subtle" onClick={() => show(v)} aria-label={`Show name: ${initialsOf(nameOf(v))}`}>
                          Show name
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{providerName(v.providerId)}</Table.Td>
                  <Table.Td>
                    <Badge color={STEP_COLOR[v.step]} variant="light">
                      {VISIT_STEP_LABEL[v.step]}
                    </Badge>
                    {room && (
                      <Text span size="sm" ml={6}>
                        {roomName(room)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatTimeInZone(v.timeline[0]!.at, v.timeZone)}</Table.Td>
                  <Table.Td>
                    <Badge color={WAIT_COLOR[level]} variant={level === 'ok' ? 'light' : 'filled'} className={`wait-${level}`}>
                      {minutes} min{isWaiting(v) ? WAIT_WORD[level] : ''}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {(NEXT[v.step] ?? []).map((step) => (
                        <Button
                          key={step}
                          size="compact-sm"
                          variant={step === 'left' ? 'subtle' : step === 'roomed' && v.step === 'roomed' ? 'default' : 'light'}
                          color={step === 'left' ? 'red' : undefined}
                          aria-label={`${step === 'roomed' && v.step === 'roomed' ? 'Move room' : ACTION_WORD[step].replace('…', '')}: ${label}`}
                          onClick={() => (step === 'roomed' || step === 'left' ? setAsking({ visit: v, step }) : step === 'done' ? setCheckingOut(v) : void advance(v, step))}
                        >
                          {step === 'roomed' && v.step === 'roomed' ? 'Move room…' : ACTION_WORD[step]}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <CheckOutDialog visit={checkingOut} name={checkingOut ? nameOf(checkingOut) : ''} onClose={() => setCheckingOut(null)} />
      <StepDetailsModal
        asking={asking}
        rooms={rooms.filter((r) => r.active)}
        label={asking ? (shown.has(asking.visit.id) ? nameOf(asking.visit) : initialsOf(nameOf(asking.visit))) : ''}
        guard={guard}
        onClose={() => setAsking(null)}
      />
    </Stack>
  );
}

/** The room for a roomed step, or why the patient left. */
function StepDetailsModal({
  asking,
  rooms,
  label,
  guard,
  onClose,
}: {
  asking: { visit: Visit; step: 'roomed' | 'left' } | null;
  rooms: readonly { id: string; name: string }[];
  label: string;
  guard: ReturnType<typeof useGuardedAction>;
  onClose: () => void;
}) {
  const desk = useDesk();
  const { busy, error, submit } = useFormSubmit(guard);
  const [roomId, setRoomId] = useState('');
  const [reason, setReason] = useState('');
  const roomed = asking?.step === 'roomed';
  const title = roomed ? `Room ${label}` : `${label} left without being seen`;
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    void submit(async () => {
      await desk.visits.advance(asking.visit.id, roomed ? { step: 'roomed', roomId } : { step: 'left', reason });
      setRoomId('');
      setReason('');
      onClose();
    });
  };
  return (
    <Modal opened={asking !== null} onClose={onClose} title={title}>
      <form aria-label={title} onSubmit={save}>
        <Stack gap="sm">
          {roomed ? (
            <NativeSelect label="Room" data={[{ value: '', label: 'Choose a room' }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]} value={roomId} onChange={(e) => setRoomId(e.currentTarget.value)} data-autofocus />
          ) : (
            <TextInput label="Why did the patient leave?" placeholder="e.g. waited too long" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} data-autofocus />
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={busy} color={roomed ? undefined : 'red'}>
              {roomed ? 'Room the patient' : 'Record that they left'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
