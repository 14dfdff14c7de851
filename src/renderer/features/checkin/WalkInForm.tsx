import { Alert, Button, Group, NativeSelect, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import type { PatientId } from '../../../shared/domain/ids';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useFormSubmit } from '../../components/useFormSubmit';
import type { useGuardedAction } from '../../components/useGuardedAction';
import { useProviders } from '../catalog/public';
import { PatientPicker } from '../patients/public';
import type { CheckInTarget } from './CheckInFlow';

const NONE: never[] = [];

/** A patient seen today without an appointment: who, for what and with whom; then checked in through the desk's steps. */
export function WalkInForm({ guard, patientId, onStart }: { guard: ReturnType<typeof useGuardedAction>; patientId: string; onStart: (target: CheckInTarget) => void }) {
  const desk = useDesk();
  const providers = useProviders().filter((p) => p.active);
  const types = useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]).filter((t) => t.active);
  const [patient, setPatient] = useState(patientId);
  const [providerId, setProviderId] = useState('');
  const [typeId, setTypeId] = useState('');
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!patient) {
      setError('Choose the patient (find them by name, date of birth, phone or MRN; register a new patient on the Patients screen).');
      return;
    }
    if (!typeId) {
      setError('Choose what the visit is for.');
      return;
    }
    void submit(async () => {
      const type = types.find((t) => t.id === typeId);
      onStart({ patientId: patient as PatientId, appointmentId: '', providerId, typeId, appointmentStatus: '', label: `walk-in${type ? `, ${type.name}` : ''}` });
    });
  };
  return (
    <form aria-label="Walk-in" onSubmit={save}>
      <Stack gap="sm">
        <PatientPicker label="Patient" value={patient} onChange={setPatient} autoFocus={!patientId} />
        <NativeSelect label="Visit type" data={[{ value: '', label: 'Choose a type' }, ...types.map((t) => ({ value: t.id, label: t.name }))]} value={typeId} onChange={(e) => setTypeId(e.currentTarget.value)} />
        <NativeSelect label="Provider" data={[{ value: '', label: 'First available' }, ...providers.map((p) => ({ value: p.id, label: providerLabel(p) }))]} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Continue to check-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
