import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { PatientInputSchema, type Patient, type PatientInput } from '../../../shared/domain/patient';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';

/** Registration: nothing is saved until every field is valid. */
export function RegisterPatientForm({ onSaved, onCancel }: { onSaved: (p: Patient) => void; onCancel: () => void }) {
  const desk = useDesk();
  const [saveError, setSaveError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<PatientInput>({
    resolver: zodResolver(PatientInputSchema),
    defaultValues: { givenName: '', familyName: '', birthDate: '', phone: '' },
    mode: 'onTouched',
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      onSaved(await desk.patients.register(values));
    } catch (error) {
      setSaveError((error as Error).message);
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Register patient" noValidate>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="First name" withAsterisk data-autofocus {...register('givenName')} error={errors.givenName?.message} />
        <TextInput label="Last name" withAsterisk {...register('familyName')} error={errors.familyName?.message} />
        <TextInput label="Date of birth" withAsterisk type="date" {...register('birthDate')} error={errors.birthDate?.message} />
        <TextInput label="Phone" withAsterisk type="tel" placeholder="(555) 010-1234" {...register('phone')} error={errors.phone?.message} />
      </SimpleGrid>
      <FormFooter error={saveError} submitLabel="Save patient" loading={formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}
