import type { Appointment } from '../../../shared/schedule/appointment';
import { Alert, Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import type { PatientId } from '../../../shared/domain/ids';
import { dateInZone, formatTimeInZone, zonedTimeToInstant } from '../../../shared/domain/time';
import type { PartOfDay, Slot } from '../../../shared/schedule/slots';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useMinute } from '../../app/useToday';
import { useProviders } from '../catalog/public';
import { PatientPicker } from '../patients/public';
import { OverlapError, SeriesOverlapError } from './appointmentsRepo';
import { NO_REPEAT, RepeatFields, repeatRule } from './RepeatFields';
import { WeekdayChoice } from './WeekdayChoice';
import { OverlapOverride } from './OverlapOverride';
import { nextAvailable, SEARCH_DAYS } from './nextAvailable';

const TIMES = Array.from({ length: 4 * 11 }, (_, i) => {
  const minutes = 7 * 60 + i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const DURATIONS = ['15', '20', '30', '40', '45', '60'];
const NONE: never[] = [];

/** A time chosen on the calendar: who, when and how long. */
export interface ChosenTime {
  providerId: string;
  date: string;
  time: string;
  minutes: number;
}

/**
 * Books a patient (the one in hand, or one chosen here) on a date and time in the clinic's time
 * zone, with a provider and a type (which sets the length). A time that overlaps another visit is
 * refused with what it overlaps; "Book anyway" with a reason needs a manager's permission.
 */
export function BookAppointmentForm({
  patientId: given,
  date,
  timeZone,
  at,
  typeId: givenType,
  onBooked,
}: {
  patientId?: PatientId;
  date: string;
  timeZone: string;
  at?: ChosenTime;
  /** The type to start with (a follow-up booked at check-out). */
  typeId?: string;
  /** Called with the first visit booked (none for a waitlist entry). */
  onBooked?: (first: Appointment | null) => void;
}) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const now = useMinute();
  const providers = useProviders().filter((p) => p.active);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]).filter((t) => t.active);
  const [chosenPatient, setChosenPatient] = useState('');
  const patientId = given ?? (chosenPatient as PatientId);
  const [day, setDay] = useState(at?.date ?? date);
  const [time, setTime] = useState(() => at?.time ?? nextSlot());
  const [providerId, setProviderId] = useState(at?.providerId ?? '');
  const [typeId, setTypeId] = useState(givenType ?? '');
  const [duration, setDuration] = useState(String(at?.minutes ?? 20));
  const [reason, setReason] = useState('');
  // A type given to start with sets its length and reason once the types are read.
  const typeApplied = useRef(false);
  useEffect(() => {
    const type = givenType ? types.find((t) => t.id === givenType) : undefined;
    if (typeApplied.current || !type) return;
    typeApplied.current = true;
    setDuration(String(type.durationMinutes));
    setReason((r) => r || type.name);
  }, [givenType, types]);
  const [error, setError] = useState<string | null>(null);
  const [overlap, setOverlap] = useState<string | null>(null);
  const [seriesTaken, setSeriesTaken] = useState<{ message: string; slot: Slot | undefined } | null>(null);
  const [repeat, setRepeat] = useState(NO_REPEAT);
  const [busy, setBusy] = useState(false);
  const [partOfDay, setPartOfDay] = useState<PartOfDay>('any');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [choices, setChoices] = useState<Slot[] | null>(null);
  const firstChoice = useRef<HTMLButtonElement>(null);
  // The choices are keyboard-first: the earliest is in focus, Tab moves on, Enter books.
  useEffect(() => {
    if (choices?.length) firstChoice.current?.focus();
  }, [choices]);

  const chooseType = (id: string) => {
    setTypeId(id);
    const type = types.find((t) => t.id === id);
    if (!type) return;
    setDuration(String(type.durationMinutes));
    if (!reason.trim()) setReason(type.name);
  };

  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : 'Any provider';
  };
  const slotLabel = (slot: Slot) =>
    `${new Date(slot.start).toLocaleDateString('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' })} at ${formatTimeInZone(new Date(slot.start), timeZone)} with ${providerName(slot.providerId)}`;

  const findNext = async () => {
    setError(null);
    if (!patientId) {
      setError('Choose the patient first.');
      return;
    }
    const type = types.find((t) => t.id === typeId);
    if (!type) {
      setError('Choose a type first: its length and providers decide which times fit.');
      return;
    }
    const from = new Date(Math.max(now, zonedTimeToInstant(day, '00:00', timeZone).getTime()));
    setChoices(await nextAvailable(desk, { type, patientId, from, timeZone, ...(providerId ? { providerIds: [providerId] } : {}), partOfDay, weekdays }));
  };

  const addToWaitlist = async () => {
    setError(null);
    if (!patientId) return setError('Choose the patient first.');
    const type = types.find((t) => t.id === typeId);
    if (!type) return setError('Choose the type of visit the patient is waiting for.');
    setBusy(true);
    try {
      await guard.run(async () => {
        await desk.appointments.addToWaitlist({ patientId, typeId, providerId, minutes: type.durationMinutes, reason: reason || type.name, timeZone, wants: { partOfDay, weekdays } });
        notifications.show({ color: 'teal', message: `Added to the waitlist for ${type.name}${providerId ? ` with ${providerName(providerId)}` : ''}` });
        setReason('');
        onBooked?.(null);
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const book = async (overbookReason: string | null, slot?: Slot, skipTaken = false) => {
    setError(null);
    if (!patientId) {
      setError('Choose the patient to book.');
      return;
    }
    const start = slot ? new Date(slot.start) : zonedTimeToInstant(day, time, timeZone);
    const rule = repeatRule(repeat, dateInZone(start, timeZone));
    if (typeof rule === 'string') {
      setError(rule);
      return;
    }
    setBusy(true);
    try {
      await guard.run(async () => {
        const end = slot ? new Date(slot.end) : new Date(start.getTime() + Number(duration) * 60_000);
        const at = { providerId: slot?.providerId ?? providerId, roomId: slot?.roomId ?? '' };
        const input = { patientId, start: start.toISOString(), end: end.toISOString(), timeZone, reason, typeId, ...at };
        const when = `${dateInZone(start, timeZone)} at ${formatTimeInZone(start, timeZone)}`;
        let first: Appointment | null;
        if (rule) {
          const { booked, skipped } = await desk.appointments.bookSeries(input, rule, { ...(overbookReason ? { overbookReason } : {}), skipTaken });
          first = booked[0] ?? null;
          notifications.show({ color: 'teal', message: `Booked ${booked.length} visits from ${when}${skipped.length ? `; ${skipped.length === 1 ? 'a taken date was' : `${skipped.length} taken dates were`} left out` : ''}` });
        } else {
          first = await desk.appointments.book(input, overbookReason ? { overbookReason } : {});
          notifications.show({ color: 'teal', message: `Booked for ${when}` });
        }
        setReason('');
        setOverlap(null);
        setSeriesTaken(null);
        setChoices(null);
        setRepeat(NO_REPEAT);
        onBooked?.(first);
      });
    } catch (e) {
      if (e instanceof SeriesOverlapError) setSeriesTaken({ message: e.message, slot });
      else if (e instanceof OverlapError) setOverlap(e.message);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const durations = DURATIONS.includes(duration) ? DURATIONS : [...DURATIONS, duration].sort((a, b) => Number(a) - Number(b));
  return (
    <form
      aria-label="Book appointment"
      onSubmit={(e) => {
        e.preventDefault();
        void book(null);
      }}
    >
      {!given && (
        <Box mb="sm">
          <PatientPicker label="Patient" value={chosenPatient} onChange={setChosenPatient} />
        </Box>
      )}
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <NativeSelect label="Type" data={[{ value: '', label: 'Choose a type' }, ...types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))]} value={typeId} onChange={(e) => chooseType(e.currentTarget.value)} />
        <NativeSelect label="Provider" data={[{ value: '', label: 'Any provider' }, ...providers.map((p) => ({ value: p.id, label: providerLabel(p) }))]} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)} />
        <TextInput label="Date" type="date" value={day} onChange={(e) => setDay(e.currentTarget.value)} required />
        <NativeSelect label="Time" data={TIMES.includes(time) ? TIMES : [...TIMES, time].sort()} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        <NativeSelect label="Length (minutes)" data={durations} value={duration} onChange={(e) => setDuration(e.currentTarget.value)} />
        <TextInput label="Reason" value={reason} maxLength={200} onChange={(e) => setReason(e.currentTarget.value)} />
      </SimpleGrid>
      <RepeatFields value={repeat} onChange={setRepeat} />
      <Group mt="sm" align="flex-end">
        <NativeSelect
          label="Part of the day"
          data={[
            { value: 'any', label: 'Any time' },
            { value: 'morning', label: 'Mornings' },
            { value: 'afternoon', label: 'Afternoons' },
          ]}
          value={partOfDay}
          onChange={(e) => setPartOfDay(e.currentTarget.value as PartOfDay)}
        />
        <WeekdayChoice value={weekdays} onChange={setWeekdays} />
        <Button variant="default" onClick={() => void findNext()}>
          Find next available
        </Button>
        <Button variant="subtle" onClick={() => void addToWaitlist()} disabled={busy}>
          Add to waitlist
        </Button>
      </Group>
      {choices && (
        <Stack gap={4} mt="sm">
          {choices.length === 0 ? (
            <Text size="sm" c="dimmed">
              No free time for this type in the next {SEARCH_DAYS} days{providerId ? ' with this provider' : ''}.
            </Text>
          ) : (
            <>
              <Text size="sm" fw={500} id="next-available-label">
                Next available (Enter books the one in focus)
              </Text>
              <Group component="ul" gap="xs" aria-labelledby="next-available-label" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {choices.map((slot, i) => (
                  <li key={`${slot.providerId}|${slot.start}`}>
                    <Button ref={i === 0 ? firstChoice : undefined} size="compact-sm" variant="light" onClick={() => void book(null, slot)}>
                      {slotLabel(slot)}
                    </Button>
                  </li>
                ))}
              </Group>
            </>
          )}
        </Stack>
      )}
      <RefusalNotice guard={guard} />
      {overlap && <OverlapOverride message={overlap} busy={busy} actionLabel="Book anyway" onConfirm={(why) => void book(why)} />}
      {seriesTaken && (
        <>
          <Alert mt="sm" color="orange" title="Some dates are taken" role="alert">
            {seriesTaken.message}
            <Group mt="sm">
              <Button variant="default" disabled={busy} onClick={() => void book(null, seriesTaken.slot, true)}>
                Book the free dates
              </Button>
            </Group>
          </Alert>
          <OverlapOverride title="Or book every date" message="Over the other visits, with a manager's permission." busy={busy} actionLabel="Book all anyway" onConfirm={(why) => void book(why, seriesTaken.slot)} />
        </>
      )}
      <FormFooter error={error} submitLabel="Book" loading={busy} />
    </form>
  );
}

function nextSlot(): string {
  const now = new Date();
  const minutes = Math.min(Math.max(now.getHours() * 60 + now.getMinutes(), 7 * 60), 17 * 60 + 45);
  const rounded = Math.ceil(minutes / 15) * 15;
  const clamped = Math.min(rounded, 17 * 60 + 45);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}
