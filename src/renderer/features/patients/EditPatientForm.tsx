import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { PatientInputSchema, formatPhone, type Patient, type PatientInput } from '../../../shared/domain/patient';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { PatientFields } from './PatientFields';

/** Corrects a patient's demographics; every changed field goes into the record's history. */
export function EditPatientForm({ patient, onDone }: { patient: Patient; onDone: () => void }) {
  const desk = useDesk();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<PatientInput>({
    resolver: zodResolver(PatientInputSchema),
    defaultValues: { givenName: patient.givenName, familyName: patient.familyName, birthDate: patient.birthDate, phone: formatPhone(patient.phone) },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await desk.patients.update(patient.id, values);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <form aria-label="Edit patient" noValidate onSubmit={(e) => void submit(e)}>
      <PatientFields register={register} errors={formState.errors} autoFocus />
      <FormFooter error={error} submitLabel="Save changes" loading={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
