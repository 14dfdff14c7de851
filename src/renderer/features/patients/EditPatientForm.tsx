import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { PatientInputSchema, patientToInput, type Patient, type PatientInput } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useToday } from '../../app/useToday';
import { FormFooter } from '../../components/FormFooter';
import { PatientFields } from './PatientFields';

/** Corrects a patient's record; every changed field goes into the record's history. */
export function EditPatientForm({ patient, onDone }: { patient: Patient; onDone: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<PatientInput>({ resolver: zodResolver(PatientInputSchema), defaultValues: patientToInput(patient), mode: 'onTouched' });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await desk.patients.update(patient.id, values);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <FormProvider {...form}>
      <form aria-label="Edit patient" noValidate onSubmit={(e) => void submit(e)}>
        <PatientFields autoFocus today={today.date} selfId={patient.id} />
        <FormFooter error={error} submitLabel="Save changes" loading={form.formState.isSubmitting} onCancel={onDone} />
      </form>
    </FormProvider>
  );
}
