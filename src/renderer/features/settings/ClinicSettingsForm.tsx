import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ClinicInfoSchema } from '../../../shared/catalog/clinic';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** The clinic's name, address, phone, time zone and identifiers, as printed on receipts and forms. */
export function ClinicSettingsForm() {
  const desk = useDesk();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<z.input<typeof ClinicInfoSchema>, unknown, z.output<typeof ClinicInfoSchema>>({
    resolver: zodResolver(ClinicInfoSchema),
    defaultValues: settings.clinic,
  });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await desk.clinicProfile.save(desk.ctx, values);
      await desk.client.call('settings:setClinic', values);
      await desk.refreshSettings();
      notifications.show({ color: 'teal', message: 'Clinic details saved' });
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <form aria-label="Clinic" noValidate onSubmit={(e) => void submit(e)}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <TextInput label="Clinic name" {...register('name')} error={errors.name?.message} />
        <TextInput label="Clinic phone" {...register('phone')} error={errors.phone?.message} />
        <TextInput label="Address" {...register('address')} error={errors.address?.message} />
        <TextInput label="Time zone" placeholder="America/Chicago" {...register('timeZone')} error={errors.timeZone?.message} />
        <TextInput label="NPI" {...register('npi')} error={errors.npi?.message} />
        <TextInput label="Tax id (EIN)" placeholder="12-3456789" {...register('taxId')} error={errors.taxId?.message} />
      </SimpleGrid>
      <FormFooter error={error} submitLabel="Save clinic details" loading={formState.isSubmitting} />
    </form>
  );
}
