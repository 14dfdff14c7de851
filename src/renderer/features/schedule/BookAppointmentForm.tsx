import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PatientId } from '../../../shared/domain/ids';
import { zonedTimeToInstant } from '../../../shared/domain/time';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';

const TIMES = Array.from({ length: 4 * 11 }, (_, i) => {
  const minutes = 7 * 60 + i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const DURATIONS = ['15', '20', '30', '45', '60'];

/** Books the patient in hand on a date and time in the clinic's time zone. */
export function BookAppointmentForm({ patientId, date, timeZone }: { patientId: PatientId; date: string; timeZone: string }) {
  const desk = useDesk();
  const [day, setDay] = useState(date);
  const [time, setTime] = useState(() => nextSlot());
  const [duration, setDuration] = useState('20');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const book = async () => {
    setError(null);
    setBusy(true);
    try {
      const start = zonedTimeToInstant(day, time, timeZone);
      const end = new Date(start.getTime() + Number(duration) * 60_000);
      await desk.appointments.book({ patientId, start: start.toISOString(), end: end.toISOString(), timeZone, reason });
      notifications.show({ color: 'teal', message: `Booked for ${day} at ${time}` });
      setReason('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Book appointment"
      onSubmit={(e) => {
        e.preventDefault();
        void book();
      }}
    >
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <TextInput label="Date" type="date" value={day} onChange={(e) => setDay(e.currentTarget.value)} required />
        <NativeSelect label="Time" data={TIMES} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        <NativeSelect label="Length (minutes)" data={DURATIONS} value={duration} onChange={(e) => setDuration(e.currentTarget.value)} />
        <TextInput label="Reason" value={reason} maxLength={200} onChange={(e) => setReason(e.currentTarget.value)} />
      </SimpleGrid>
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
