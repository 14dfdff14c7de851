import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ClinicInfoSchema, type ClinicInfo } from '../../../shared/ipc/contract';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** The clinic's name, address, phone and time zone, as printed on receipts. */
export function ClinicSettingsForm() {
  const desk = useDesk();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<ClinicInfo>({ resolver: zodResolver(ClinicInfoSchema), defaultValues: settings.clinic });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
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
      </SimpleGrid>
      <FormFooter error={error} submitLabel="Save clinic details" loading={formState.isSubmitting} />
    </form>
  );
}
