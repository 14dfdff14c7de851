import { ActionIcon, Alert, Box, Button, Card, Drawer, Group, List, Modal, MultiSelect, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { memo, useCallback, useMemo, useState } from 'react';
import { providerLabel, type Provider } from '../../../shared/catalog/catalog';
import { addDays, clockTimeInZone, dateInZone, dayRangeInZone, formatTimeInZone } from '../../../shared/domain/time';
import { CANCEL_REASON_LABEL, type Appointment } from '../../../shared/schedule/appointment';
import { openBlocks } from '../../../shared/schedule/availability';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useObservable } from '../../app/useObservable';
import { useMinute, useToday } from '../../app/useToday';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useProviders } from '../catalog/public';
import { usePatientNames } from '../patients/public';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { HOLDS_TIME, OverlapError, type DoubleBooking } from './appointmentsRepo';
import { BookAppointmentForm, type ChosenTime } from './BookAppointmentForm';
import { closedEvents, viewDates, visitEvents, type VisitEvent } from './calendar/calendarModel';
import { ScheduleCalendar, type MoveTo } from './calendar/ScheduleCalendar';
import { CancelForm } from './CancelForm';
import { OverlapOverride } from './OverlapOverride';
import { useDateWhenRead, useVisitsWithNames, type Range } from './useVisitsWithNames';
import { NotCheckedIn } from './NotCheckedIn';
import { PrintDayForm } from './PrintDayForm';
import { ReminderCalls } from './ReminderCalls';
import { VisitPanel } from './VisitPanel';
import { FreedTimeNotice, WaitlistPanel } from './WaitlistPanel';
import { waitlistFits, type FreedTime, type WaitlistFit } from '../../../shared/schedule/waitlist';
import type { AppointmentId } from '../../../shared/domain/ids';

const NONE: never[] = [];
/** How far ahead the schedule looks for double bookings to sort out. */
const ATTENTION_DAYS = 14;
const KIND_LABEL: Record<DoubleBooking['kinds'][number], string> = { provider: 'same provider', room: 'same room', patient: 'same patient' };
type View = 'day' | 'week' | 'list';

export function ScheduleScreen() {
  const desk = useDesk();
  const today = useToday();
  const now = useMinute();
  const guard = useGuardedAction();
  const patientId = useDeskStore((s) => s.selectedPatientId);
  const tz = today.timeZone;
  const [view, setView] = useState<View>('day');
  // The date asked for, and the one shown: a date whose visits are not read yet is shown once they are.
  const [wanted, setDate] = useState(today.date);
  const rangeOfView = useCallback((d: string): Range => {
    const dates = viewDates(view === 'week' ? 'week' : 'day', d);
    return { from: dayRangeInZone(dates.fromDate, tz).start, to: dayRangeInZone(dates.toDate, tz).end };
  }, [view, tz]);
  const { shown: date, pending } = useDateWhenRead(wanted, rangeOfView);
  const [chosenProviders, setChosenProviders] = useState<string[]>([]);
  const [weekProvider, setWeekProvider] = useState('');
  const [booking, setBooking] = useState<ChosenTime | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [refusedMove, setRefusedMove] = useState<{ visit: VisitEvent; to: MoveTo; message: string } | null>(null);
  const [moveBusy, setMoveBusy] = useState(false);
  const [waitlistOpen, setWaitlistOpen] = useState(false);
  const [remindersOpen, setRemindersOpen] = useState(false);
  const [printOpen, setPrintOpen] = useState(false);
  const [freed, setFreed] = useState<FreedTime | null>(null);

  const range = useMemo(() => viewDates(view === 'week' ? 'week' : 'day', date), [view, date]);
  const from = dayRangeInZone(range.fromDate, tz).start;
  const to = dayRangeInZone(range.toDate, tz).end;
  // The days (or weeks) either side are kept ready: Next and Previous draw them at once.
  const span = view === 'week' ? 7 : 1;
  const neighbours = [-span, span].map((days) => ({ from: dayRangeInZone(addDays(range.fromDate, days), tz).start, to: dayRangeInZone(addDays(range.toDate, days), tz).end }));
  const { visits: appointments, names: visitNames } = useVisitsWithNames(from, to, neighbours);
  const attention = useObservable(() => desk.appointments.observeNeedsAttention(today.start, new Date(today.start.getTime() + ATTENTION_DAYS * 86_400_000)), NONE, [desk, today.date, today.timeZone]);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
  const templates = useObservable(() => desk.catalog.observeAvailability(), NONE, [desk]);
  const exceptions = useObservable(() => desk.catalog.observeExceptions(), NONE, [desk]);
  const providers = useProviders();
  const rooms = useObservable(() => desk.catalog.observeRooms(), NONE, [desk]);
  const waitlist = useObservable(() => desk.appointments.observeWaitlist(), NONE, [desk]);
  const otherNames = usePatientNames([...attention.flatMap((p) => [p.first.patientId, p.second.patientId]), ...waitlist.map((w) => w.patientId), ...(patientId ? [patientId] : [])]);
  const names = useMemo(() => (otherNames.size ? new Map([...visitNames, ...otherNames]) : visitNames), [visitNames, otherNames]);

  const active = useMemo(() => providers.filter((p) => p.active), [providers]);
  const weekOf = weekProvider && active.some((p) => p.id === weekProvider) ? weekProvider : (active[0]?.id ?? '');
  // Kept while the columns are the same: a new list of columns draws the whole grid again.
  const unassigned = appointments.some((a) => a.providerId === '' && HOLDS_TIME.has(a.status));
  const columns = useMemo(() => {
    if (view === 'week') return active.filter((p) => p.id === weekOf).map((p) => ({ id: p.id as string, title: providerLabel(p) }));
    const chosen = chosenProviders.length ? active.filter((p) => chosenProviders.includes(p.id)) : active;
    const list = chosen.map((p) => ({ id: p.id as string, title: providerLabel(p) }));
    return unassigned ? [...list, { id: '', title: 'No provider' }] : list;
  }, [view, active, weekOf, chosenProviders, unassigned]);
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const blocks = useMemo(() => openBlocks(templates, exceptions, { ...range, timeZone: tz }), [templates, exceptions, range, tz]);
  // Each emission reuses the events of visits that did not change: the calendar redraws only for a change it shows.
  const [madeEvents] = useState(() => new WeakMap<Appointment, VisitEvent>());
  const visits = useMemo(() => visitEvents(appointments, types, names, madeEvents), [appointments, types, names, madeEvents]);
  const closed = useMemo(() => closedEvents(exceptions, columnIds, { ...range, timeZone: tz }), [exceptions, columnIds, range, tz]);
  const openVisit = appointments.find((a) => a.id === opened) ?? null;
  const fits = useMemo(() => (freed ? waitlistFits(waitlist, freed, new Map(types.map((t) => [t.id as string, t])), tz) : []), [freed, waitlist, types, tz]);
  const cancelled = useCallback((v: Appointment) => {
    if (Date.parse(v.end) > Date.now() && v.providerId) setFreed({ providerId: v.providerId, start: Math.max(Date.parse(v.start), Date.now()), end: Date.parse(v.end) });
  }, []);
  const bookFit = (fit: WaitlistFit) =>
    void guard
      .run(async () => {
        await desk.appointments.bookFromWaitlist(fit.entry.id as AppointmentId, { start: new Date(fit.start).toISOString(), end: new Date(fit.end).toISOString(), providerId: freed!.providerId });
        notifications.show({ color: 'teal', message: `${names.get(fit.entry.patientId) ?? 'The patient'} booked from the waitlist for ${formatTimeInZone(new Date(fit.start), tz)}` });
        setFreed(null);
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not booked', message: (e as Error).message }));

  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : '';
  };
  const typeName = (id: string) => types.find((t) => t.id === id)?.name ?? '';
  const printNames = { provider: providerName, type: typeName, room: (id: string) => rooms.find((r) => r.id === id)?.name ?? '' };
  const visitLabel = (a: Appointment) => `${names.get(a.patientId) ?? '…'} at ${formatTimeInZone(a.start, a.timeZone)} on ${new Date(a.start).toLocaleDateString('en-US', { timeZone: a.timeZone, month: 'short', day: 'numeric' })}`;

  const step = useCallback((days: number) => setDate((d) => addDays(d, view === 'week' ? days * 7 : days)), [view]);
  useHotkeys([
    ['alt+ArrowLeft', () => step(-1)],
    ['alt+ArrowRight', () => step(1)],
    ['alt+T', () => setDate(today.date)],
  ]);

  const move = useCallback(
    async (visit: VisitEvent, to: MoveTo, overbookReason?: string) => {
      try {
        await guard.run(async () => {
          await desk.appointments.reschedule(visit.appointment.id, { start: to.start.toISOString(), end: to.end.toISOString(), providerId: to.providerId }, overbookReason ? { overbookReason } : {});
          setRefusedMove(null);
        });
      } catch (e) {
        if (e instanceof OverlapError) setRefusedMove({ visit, to, message: e.message });
        else notifications.show({ color: 'red', title: 'Not moved', message: (e as Error).message });
      }
    },
    [desk, guard],
  );
  // Errors are left to the move itself: readying it only spares the drop a read.
  const prepareMove = useCallback((visit: VisitEvent) => void desk.appointments.prepareMove(visit.appointment.id).catch(() => undefined), [desk]);
  const chooseTime = useCallback(
    (at: { providerId: string; start: Date; end: Date }) =>
      setBooking({
        providerId: at.providerId,
        date: dateInZone(at.start, tz),
        time: clockTimeInZone(at.start, tz),
        minutes: Math.max(15, Math.round((at.end.getTime() - at.start.getTime()) / 60_000)),
      }),
    [tz],
  );
  const openEvent = useCallback((v: VisitEvent) => setOpened(v.appointment.id), []);

  const dayTitle = view === 'week'
    ? `Week of ${new Date(`${range.fromDate}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' })}`
    : new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  // The visits of the day shown (the week view holds seven days): compared as ISO instants.
  const dayShown = dayRangeInZone(date, tz);
  const [dayStart, dayEnd] = [dayShown.start.toISOString(), dayShown.end.toISOString()];
  const ofDay = useMemo(() => appointments.filter((a) => a.start >= dayStart && a.start < dayEnd), [appointments, dayStart, dayEnd]);
  const listed = view === 'list' ? ofDay.filter((a) => a.status !== 'waitlist') : [];

  return (
    <Stack gap="sm">
      <ScheduleToolbar view={view} onView={setView} canPrint={columns.length > 0} waitlistCount={waitlist.length} onPrint={setPrintOpen} onReminders={setRemindersOpen} onWaitlist={setWaitlistOpen} />
      {view !== 'week' && date <= today.date && <NotCheckedIn visits={ofDay} names={names} now={now} />}
      {freed && fits.length > 0 && (
        <FreedTimeNotice
          label={`${providerName(freed.providerId)}, ${new Date(freed.start).toLocaleDateString('en-US', { timeZone: tz, weekday: 'short', month: 'short', day: 'numeric' })} at ${formatTimeInZone(new Date(freed.start), tz)}`}
          fits={fits}
          names={names}
          types={types}
          onBook={bookFit}
          onDismiss={() => setFreed(null)}
        />
      )}
      {attention.length > 0 && (
        <Alert color="orange" title={`Needs attention: ${attention.length === 1 ? 'a double booking' : `${attention.length} double bookings`}`} role="region" aria-label="Needs attention">
          <Text size="sm" mb="xs">
            Booked at the same time at two workstations while offline. Move or cancel one of each pair.
          </Text>
          <List size="sm">
            {attention.map((p) => (
              <List.Item key={`${p.first.id}|${p.second.id}`}>
                {visitLabel(p.first)} and {visitLabel(p.second)} ({p.kinds.map((k) => KIND_LABEL[k]).join(', ')})
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {patientId && (
        <Card withBorder>
          <Text fw={500} mb="xs">
            Book for {names.get(patientId) ?? '…'}
          </Text>
          <BookAppointmentForm patientId={patientId} date={date} timeZone={tz} />
        </Card>
      )}
      <DateBar
        view={view}
        wanted={wanted}
        today={today.date}
        title={dayTitle}
        pending={pending}
        onDate={setDate}
        onStep={step}
        providers={active}
        weekOf={weekOf}
        onWeekOf={setWeekProvider}
        chosen={chosenProviders}
        onChosen={setChosenProviders}
      />
      {!refusedMove && <RefusalNotice guard={guard} />}
      {view === 'list' ? (
        listed.length === 0 ? (
          <Text c="dimmed">No appointments {date === today.date ? 'today' : 'on this day'}.</Text>
        ) : (
          <Table aria-label={date === today.date ? "Today's appointments" : `Appointments on ${date}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Provider</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {listed.map((a) => {
                const name = names.get(a.patientId) ?? '…';
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatTimeInZone(a.start, a.timeZone)}</Table.Td>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{typeName(a.typeId)}</Table.Td>
                    <Table.Td>{providerName(a.providerId)}</Table.Td>
                    <Table.Td>{a.status === 'cancelled' && a.cancelReason ? `${a.reason} (cancelled: ${CANCEL_REASON_LABEL[a.cancelReason]}${a.cancelNote ? `, ${a.cancelNote}` : ''})` : a.reason}</Table.Td>
                    <Table.Td>
                      <AppointmentStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-xs" variant="default" onClick={() => setOpened(a.id)} aria-label={`Open the visit of ${name}`}>
                          Open
                        </Button>
                        {a.status === 'booked' && (
                          <Button size="compact-xs" variant="default" onClick={() => setCancelling(a)} aria-label={`Cancel the visit of ${name}`}>
                            Cancel…
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )
      ) : columns.length === 0 ? (
        <Text c="dimmed">Add providers under Settings to see their calendar.</Text>
      ) : (
        <ScheduleCalendar view={view} date={date} timeZone={tz} providers={columns} visits={visits} closed={closed} blocks={blocks} now={now} onBook={chooseTime} onOpen={openEvent} onMove={move} onMoveStart={prepareMove} />
      )}
      <Modal opened={booking !== null} onClose={() => setBooking(null)} title={booking ? `Book ${providerName(booking.providerId) ? `with ${providerName(booking.providerId)}` : 'a visit'}` : ''} size="lg">
        {booking && <BookAppointmentForm {...(patientId ? { patientId } : {})} date={booking.date} timeZone={tz} at={booking} onBooked={() => setBooking(null)} />}
      </Modal>
      <Modal opened={openVisit !== null} onClose={() => setOpened(null)} title={openVisit ? `${names.get(openVisit.patientId) ?? 'Visit'}: ${typeName(openVisit.typeId) || openVisit.reason || 'visit'}` : ''} size="lg">
        {openVisit && <VisitPanel visit={openVisit} patientName={names.get(openVisit.patientId) ?? '…'} typeName={typeName(openVisit.typeId)} providers={providers} now={now} printNames={printNames} onDone={() => setOpened(null)} onCancelled={cancelled} />}
      </Modal>
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={cancelling ? `Cancel the visit of ${visitLabel(cancelling)}` : ''}>
        {cancelling && <CancelForm visit={cancelling} onDone={() => setCancelling(null)} onCancelled={cancelled} />}
      </Modal>
      <Drawer opened={waitlistOpen} onClose={() => setWaitlistOpen(false)} title={`Waitlist (${waitlist.length})`} position="right" size="xl" closeButtonProps={{ 'aria-label': 'Close the waitlist' }}>
        <WaitlistPanel entries={waitlist} names={names} providers={providers} types={types} timeZone={tz} />
      </Drawer>
      <Drawer opened={remindersOpen} onClose={() => setRemindersOpen(false)} title="Reminder calls" position="right" size="xl" closeButtonProps={{ 'aria-label': 'Close the reminder calls' }}>
        <ReminderCalls initialDate={addDays(today.date, 1)} timeZone={tz} providers={providers} />
      </Drawer>
      <Modal opened={printOpen} onClose={() => setPrintOpen(false)} title={`Print the schedule of ${date}`}>
        {printOpen && <PrintDayForm date={date} providers={columns} names={printNames} onDone={() => setPrintOpen(false)} />}
      </Modal>
      <Modal opened={refusedMove !== null} onClose={() => setRefusedMove(null)} title="Move this visit?">
        {refusedMove && <RefusalNotice guard={guard} />}
        {refusedMove && (
          <OverlapOverride
            message={refusedMove.message}
            busy={moveBusy}
            actionLabel="Move anyway"
            onConfirm={(why) => {
              setMoveBusy(true);
              void move(refusedMove.visit, refusedMove.to, why).finally(() => setMoveBusy(false));
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** The screen's title and its buttons: drawn again only when what they show changes (not for each visit saved). */
const ScheduleToolbar = memo(function ScheduleToolbar(props: {
  view: View;
  onView(view: View): void;
  canPrint: boolean;
  waitlistCount: number;
  onPrint(open: boolean): void;
  onReminders(open: boolean): void;
  onWaitlist(open: boolean): void;
}) {
  return (
    <Group justify="space-between" align="flex-end">
      <Title order={2}>Schedule</Title>
      <Group gap="sm">
        <Button variant="default" onClick={() => props.onPrint(true)} disabled={!props.canPrint}>
          Print day…
        </Button>
        <Button variant="default" onClick={() => props.onReminders(true)}>
          Reminder calls
        </Button>
        <Button variant="default" onClick={() => props.onWaitlist(true)}>
          Waitlist ({props.waitlistCount})
        </Button>
        <SegmentedControl
          aria-label="View"
          value={props.view}
          onChange={(v) => props.onView(v as View)}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
            { value: 'list', label: 'List' },
          ]}
        />
      </Group>
    </Group>
  );
});

/** The date shown and how to go to another, and the providers shown: drawn again only when they change. */
const DateBar = memo(function DateBar(props: {
  view: View;
  wanted: string;
  today: string;
  title: string;
  pending: boolean;
  onDate(date: string): void;
  onStep(days: number): void;
  providers: readonly Provider[];
  weekOf: string;
  onWeekOf(id: string): void;
  chosen: string[];
  onChosen(ids: string[]): void;
}) {
  const { view, wanted } = props;
  const options = useMemo(() => props.providers.map((p) => ({ value: p.id as string, label: providerLabel(p) })), [props.providers]);
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap">
      <Group gap="xs" align="flex-end">
        <Button variant="default" onClick={() => props.onDate(props.today)} disabled={wanted === props.today} title="Alt+T">
          Today
        </Button>
        <ActionIcon variant="default" size="lg" onClick={() => props.onStep(-1)} aria-label={view === 'week' ? 'Previous week' : 'Previous day'} title="Alt+Left">
          ‹
        </ActionIcon>
        <ActionIcon variant="default" size="lg" onClick={() => props.onStep(1)} aria-label={view === 'week' ? 'Next week' : 'Next day'} title="Alt+Right">
          ›
        </ActionIcon>
        <TextInput aria-label="Go to date" type="date" value={wanted} onChange={(e) => e.currentTarget.value && props.onDate(e.currentTarget.value)} w={160} />
        <Box pos="relative" ml="xs">
          <Title order={3} size="h4">
            {props.title}
          </Title>
          {/* Under the title, over the gap above the grid: its coming and going moves nothing. */}
          <Text size="sm" c="dimmed" role="status" pos="absolute" top="100%" left={0} style={{ whiteSpace: 'nowrap' }}>
            {props.pending && (
              <span className="appears-after-a-moment">
                Opening {new Date(`${wanted}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' })}…
              </span>
            )}
          </Text>
        </Box>
      </Group>
      {view === 'week' ? (
        <NativeSelect aria-label="Provider" data={options} value={props.weekOf} onChange={(e) => props.onWeekOf(e.currentTarget.value)} w={240} />
      ) : (
        <MultiSelect aria-label="Providers shown" placeholder={props.chosen.length ? undefined : 'All providers'} data={options} value={props.chosen} onChange={props.onChosen} clearable searchable w={320} />
      )}
    </Group>
  );
});
