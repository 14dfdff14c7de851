import { zodResolver } from '@hookform/resolvers/zod';
import { PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { SyncSettingsInputSchema, type SyncSettingsInput } from '../../../shared/settings/channels';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** The clinic's CouchDB server. The password goes to main and never comes back. */
export function SyncSettingsForm() {
  const desk = useDesk();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SyncSettingsInput>({
    resolver: zodResolver(SyncSettingsInputSchema),
    defaultValues: { url: settings.sync?.url ?? '', username: settings.sync?.username ?? '', dbPrefix: settings.sync?.dbPrefix ?? 'clinic' },
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const { password, ...rest } = values;
      await desk.ctx.authorize('settings.clinic');
      await desk.client.call('settings:setSync', password ? values : rest);
      await desk.ctx.audit({ action: 'change', subject: 'sync settings', detail: `Server ${rest.url}, prefix ${rest.dbPrefix}, user ${rest.username}${password ? ', new password' : ''}` });
      await desk.refreshSettings();
      notifications.show({ color: 'teal', message: 'Sync settings saved' });
    } catch (e) {
      setError((e as Error).message);
    }
  });

  return (
    <form aria-label="Sync server" noValidate onSubmit={(e) => void submit(e)}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <TextInput label="Server address" placeholder="https://couch.example.org:6984" {...register('url')} error={errors.url?.message} />
        <TextInput label="Database prefix" {...register('dbPrefix')} error={errors.dbPrefix?.message} />
        <TextInput label="Sync user name" autoComplete="off" {...register('username')} error={errors.username?.message} />
        <PasswordInput
          label="Sync password"
          autoComplete="new-password"
          placeholder={settings.sync?.hasPassword ? 'Saved — leave empty to keep it' : ''}
          {...register('password', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
          error={errors.password?.message}
        />
      </SimpleGrid>
      <FormFooter error={error} submitLabel="Save and connect" loading={formState.isSubmitting} />
    </form>
  );
}
