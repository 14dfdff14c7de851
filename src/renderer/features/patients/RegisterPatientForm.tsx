import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { PatientId } from '../../../shared/domain/ids';
import { PatientInputSchema, type Patient, type PatientInput } from '../../../shared/domain/patient';
import type { PossibleDuplicate } from '../../../shared/patients/duplicates';
import { PatientFields } from './PatientFields';
import { PossibleDuplicatesPanel } from './PossibleDuplicatesPanel';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';

/**
 * Registration: nothing is saved until every field is valid, and not before the desk has looked
 * at any registered patient who may be the same person.
 */
export function RegisterPatientForm({ onSaved, onCancel, onUseExisting }: { onSaved: (p: Patient) => void; onCancel: () => void; onUseExisting: (id: PatientId) => void }) {
  const desk = useDesk();
  const [saveError, setSaveError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([]);
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<PatientInput>({
    resolver: zodResolver(PatientInputSchema),
    defaultValues: { givenName: '', familyName: '', birthDate: '', phone: '' },
    mode: 'onTouched',
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      // The check runs again whenever what was typed changes after the panel was shown.
      const key = JSON.stringify(values);
      if (checkedFor !== key) {
        const found = await desk.patients.possibleDuplicates(values);
        setCheckedFor(key);
        setDuplicates(found);
        if (found.length > 0) return;
      }
      onSaved(await desk.patients.register(values));
    } catch (error) {
      setSaveError((error as Error).message);
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Register patient" noValidate>
      <PatientFields register={register} errors={errors} autoFocus />
      {duplicates.length > 0 && <PossibleDuplicatesPanel duplicates={duplicates} onUse={onUseExisting} />}
      <FormFooter
        error={saveError}
        submitLabel={duplicates.length > 0 ? 'Register as a new patient' : 'Save patient'}
        loading={formState.isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
