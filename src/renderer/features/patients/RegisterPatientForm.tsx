import { Fieldset, Select, SimpleGrid, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, FormProvider, useForm } from 'react-hook-form';
import { z } from 'zod';
import { MemberIdSchema, blankCoverageInput } from '../../../shared/patients/coverage';
import type { PatientId } from '../../../shared/domain/ids';
import { blankPatientInput, PatientInputSchema, type Patient } from '../../../shared/patients/patient';
import type { PossibleDuplicate } from '../../../shared/patients/duplicates';
import { useDesk } from '../../app/DeskContext';
import { useToday } from '../../app/useToday';
import { FormFooter } from '../../components/FormFooter';
import { usePayers } from '../catalog/public';
import { errorAt, PatientFields } from './PatientFields';
import { PossibleDuplicatesPanel } from './PossibleDuplicatesPanel';

/** Registration takes the primary insurance too, so the member id can be checked for duplicates. */
const RegistrationSchema = PatientInputSchema.extend({
  insurance: z
    .object({ payerId: z.string(), memberId: z.string().trim(), groupNumber: z.string().trim().max(30, 'Group number is too long'), plan: z.string().trim().max(80, 'Plan name is too long') })
    .superRefine((ins, ctx) => {
      if (!ins.payerId && !ins.memberId && !ins.groupNumber && !ins.plan) return;
      if (!ins.payerId) ctx.addIssue({ code: 'custom', path: ['payerId'], message: 'Choose the insurance company' });
      const member = MemberIdSchema.safeParse(ins.memberId);
      if (!member.success) ctx.addIssue({ code: 'custom', path: ['memberId'], message: member.error.issues[0]?.message ?? 'Enter the member id' });
    }),
});
type RegistrationInput = z.input<typeof RegistrationSchema>;

/**
 * Registration: nothing is saved until every field is valid, and not before the desk has looked
 * at any registered patient who may be the same person.
 */
export function RegisterPatientForm({ onSaved, onCancel, onUseExisting }: { onSaved: (p: Patient) => void; onCancel: () => void; onUseExisting: (id: PatientId) => void }) {
  const desk = useDesk();
  const today = useToday();
  const payers = usePayers();
  const [saveError, setSaveError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([]);
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const form = useForm<RegistrationInput>({
    resolver: zodResolver(RegistrationSchema),
    defaultValues: { ...blankPatientInput(), insurance: { payerId: '', memberId: '', groupNumber: '', plan: '' } },
    mode: 'onTouched',
  });
  const { register, control, handleSubmit, formState } = form;
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    const { insurance, ...input } = values;
    try {
      // The check runs again whenever what was typed changes after the panel was shown.
      const key = JSON.stringify(values);
      if (checkedFor !== key) {
        const found = await desk.patients.possibleDuplicates(input, insurance.memberId);
        setCheckedFor(key);
        setDuplicates(found);
        if (found.length > 0) return;
      }
      const patient = await desk.patients.register(input);
      if (insurance.payerId) {
        try {
          await desk.coverages.add(patient.id, { ...blankCoverageInput('primary'), ...insurance });
        } catch (error) {
          setSaveError(`The patient was registered, but the insurance was not saved: ${(error as Error).message} Add it from the patient's page.`);
        }
      }
      onSaved(patient);
    } catch (error) {
      setSaveError((error as Error).message);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={(e) => void submit(e)} aria-label="Register patient" noValidate>
        <PatientFields autoFocus today={today.date} />
        <Fieldset legend="Primary insurance (optional)" mt="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Controller
              control={control}
              name="insurance.payerId"
              render={({ field }) => (
                <Select
                  label="Insurance company"
                  searchable
                  clearable
                  data={payers.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  nothingFoundMessage="Not on the clinic's payer list"
                  error={errorAt(errors, 'insurance.payerId')}
                />
              )}
            />
            <TextInput label="Member id" {...register('insurance.memberId')} error={errorAt(errors, 'insurance.memberId')} />
            <TextInput label="Group number" {...register('insurance.groupNumber')} error={errorAt(errors, 'insurance.groupNumber')} />
            <TextInput label="Plan" {...register('insurance.plan')} error={errorAt(errors, 'insurance.plan')} />
          </SimpleGrid>
        </Fieldset>
        {duplicates.length > 0 && <PossibleDuplicatesPanel duplicates={duplicates} onUse={onUseExisting} />}
        <FormFooter
          error={saveError}
          submitLabel={duplicates.length > 0 ? 'Register as a new patient' : 'Save patient'}
          loading={formState.isSubmitting}
          onCancel={onCancel}
        />
      </form>
    </FormProvider>
  );
}
