import { SimpleGrid, TextInput } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { PatientInput } from '../../../shared/domain/patient';

/** The demographic fields of the registration and edit forms. */
export function PatientFields({ register, errors, autoFocus = false }: { register: UseFormRegister<PatientInput>; errors: FieldErrors<PatientInput>; autoFocus?: boolean }) {
  return (
    <SimpleGrid cols={2} spacing="sm">
      <TextInput label="First name" withAsterisk data-autofocus={autoFocus || undefined} {...register('givenName')} error={errors.givenName?.message} />
      <TextInput label="Last name" withAsterisk {...register('familyName')} error={errors.familyName?.message} />
      <TextInput label="Date of birth" withAsterisk type="date" {...register('birthDate')} error={errors.birthDate?.message} />
      <TextInput label="Phone" withAsterisk type="tel" placeholder="(555) 010-1234" {...register('phone')} error={errors.phone?.message} />
    </SimpleGrid>
  );
}
