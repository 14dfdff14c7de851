import { Alert, Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import type { PatientId } from '../../../shared/domain/ids';
import { zonedTimeToInstant } from '../../../shared/domain/time';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useProviders } from '../catalog/public';
import { OverlapError } from './appointmentsRepo';

const TIMES = Array.from({ length: 4 * 11 }, (_, i) => {
  const minutes = 7 * 60 + i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const DURATIONS = ['15', '20', '30', '40', '45', '60'];
const NONE: never[] = [];

/**
 * Books the patient in hand on a date and time in the clinic's time zone, with a provider and a
 * type (which sets the length). A time that overlaps another visit is refused with what it
 * overlaps; "Book anyway" with a reason needs a manager's permission.
 */
export function BookAppointmentForm({ patientId, date, timeZone }: { patientId: PatientId; date: string; timeZone: string }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const providers = useProviders().filter((p) => p.active);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]).filter((t) => t.active);
  const [day, setDay] = useState(date);
  const [time, setTime] = useState(() => nextSlot());
  const [providerId, setProviderId] = useState('');
  const [typeId, setTypeId] = useState('');
  const [duration, setDuration] = useState('20');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [overlap, setOverlap] = useState<string | null>(null);
  const [overbookReason, setOverbookReason] = useState('');
  const [busy, setBusy] = useState(false);

  const chooseType = (id: string) => {
    setTypeId(id);
    const type = types.find((t) => t.id === id);
    if (!type) return;
    const minutes = String(type.durationMinutes);
    setDuration(minutes);
    if (!reason.trim()) setReason(type.name);
  };

  const book = async (anyway: boolean) => {
    setError(null);
    setBusy(true);
    try {
      await guard.run(async () => {
        const start = zonedTimeToInstant(day, time, timeZone);
        const end = new Date(start.getTime() + Number(duration) * 60_000);
        await desk.appointments.book({ patientId, start: start.toISOString(), end: end.toISOString(), timeZone, reason, providerId, typeId }, anyway ? { overbookReason } : {});
        notifications.show({ color: 'teal', message: `Booked for ${day} at ${time}` });
        setReason('');
        setOverlap(null);
        setOverbookReason('');
      });
    } catch (e) {
      if (e instanceof OverlapError) setOverlap(e.message);
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
        void book(false);
      }}
    >
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <NativeSelect label="Type" data={[{ value: '', label: 'Choose a type' }, ...types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }))]} value={typeId} onChange={(e) => chooseType(e.currentTarget.value)} />
        <NativeSelect label="Provider" data={[{ value: '', label: 'Any provider' }, ...providers.map((p) => ({ value: p.id, label: providerLabel(p) }))]} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)} />
        <TextInput label="Date" type="date" value={day} onChange={(e) => setDay(e.currentTarget.value)} required />
        <NativeSelect label="Time" data={TIMES} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        <NativeSelect label="Length (minutes)" data={durations} value={duration} onChange={(e) => setDuration(e.currentTarget.value)} />
        <TextInput label="Reason" value={reason} maxLength={200} onChange={(e) => setReason(e.currentTarget.value)} />
      </SimpleGrid>
      <RefusalNotice guard={guard} />
      {overlap && (
        <Alert mt="sm" color="orange" title="This time is taken" role="alert">
          {overlap}
          <Group mt="sm" align="flex-end">
            <TextInput label="Reason to book anyway" value={overbookReason} maxLength={200} onChange={(e) => setOverbookReason(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="default" disabled={!overbookReason.trim() || busy} onClick={() => void book(true)}>
              Book anyway
            </Button>
          </Group>
        </Alert>
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
