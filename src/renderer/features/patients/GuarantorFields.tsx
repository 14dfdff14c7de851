import { Fieldset, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import type { PatientInput } from '../../../shared/patients/patient';
import { errorAt } from './PatientFields';
import { PatientPicker } from './PatientPicker';

/** Who pays: the patient, another patient (a parent), or someone who is not a patient here. */
export function GuarantorFields({ selfId }: { selfId?: string | undefined }) {
  const { register, control, formState } = useFormContext<PatientInput>();
  const errors = formState.errors;
  const kind = useWatch({ control, name: 'guarantor.kind' });

  return (
    <Fieldset legend="Guarantor (responsible for the bill)">
      <Stack gap="sm">
        <Controller
          control={control}
          name="guarantor.kind"
          render={({ field }) => (
            <SegmentedControl
              aria-label="Guarantor"
              value={field.value ?? 'self'}
              onChange={field.onChange}
              data={[
                { value: 'self', label: 'The patient' },
                { value: 'patient', label: 'Another patient' },
                { value: 'person', label: 'Someone else' },
              ]}
              w="fit-content"
            />
          )}
        />
        {kind === 'patient' && (
          <Controller
            control={control}
            name="guarantor.patientId"
            render={({ field }) => (
              <PatientPicker label="Responsible patient" value={field.value ?? ''} onChange={field.onChange} exclude={selfId ? [selfId] : []} error={errorAt(errors, 'guarantor.patientId')} />
            )}
          />
        )}
        {kind === 'person' && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Guarantor name" withAsterisk {...register('guarantor.name')} error={errorAt(errors, 'guarantor.name')} />
            <TextInput label="Guarantor relationship" withAsterisk placeholder="Parent, spouse…" {...register('guarantor.relationship')} error={errorAt(errors, 'guarantor.relationship')} />
            <TextInput label="Guarantor phone" withAsterisk type="tel" {...register('guarantor.phone')} error={errorAt(errors, 'guarantor.phone')} />
          </SimpleGrid>
        )}
      </Stack>
    </Fieldset>
  );
}
