import { Alert, Loader, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { WorkstationPrefixSchema } from '../../../shared/domain/humanNumber';
import { SyncSettingsInputSchema } from '../../../shared/settings/channels';
import { FormFooter } from '../../components/FormFooter';
import { useTextFields } from '../../components/useTextFields';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useSettings } from '../../app/settingsStore';
import { useSyncStore } from '../sync/public';

/**
 * A new workstation of an existing clinic: the server and this workstation's credentials. Staff,
 * patients and the rest come down by sync; once staff have arrived the sign-in screen appears.
 */
export function JoinClinicForm() {
  const desk = useDesk();
  const settings = useSettings();
  const { values, setErrors, field } = useTextFields({ url: '', dbPrefix: 'clinic', username: '', password: '', siteId: 'main', workstationPrefix: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patients = useObservable(() => desk.patients.observeCount(), 0, [desk]);
  const connectivity = useSyncStore((s) => s.connectivity);

  const submit = async () => {
    setError(null);
    const found: Record<string, string> = {};
    const sync = SyncSettingsInputSchema.safeParse(values);
    if (!sync.success) for (const issue of sync.error.issues) found[String(issue.path[0])] ??= issue.message;
    const prefix = WorkstationPrefixSchema.safeParse(values.workstationPrefix.trim().toUpperCase());
    if (!prefix.success) found['workstationPrefix'] = prefix.error.issues[0]?.message ?? 'Not a valid prefix';
    if (!values.siteId.trim()) found['siteId'] = 'Site is required';
    setErrors(found);
    if (Object.keys(found).length > 0 || !sync.success || !prefix.success) return;
    setBusy(true);
    try {
      await desk.client.call('settings:setWorkstation', { workstationPrefix: prefix.data, siteId: values.siteId.trim() });
      await desk.client.call('settings:setSync', sync.data);
      await desk.refreshSettings();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const joining = Boolean(settings.sync);
  return (
    <form
      aria-label="Join clinic"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Server address" placeholder="https://couch.example.org:6984" {...field('url')} />
        <TextInput label="Database prefix" {...field('dbPrefix')} />
        <TextInput label="Workstation user name" autoComplete="off" {...field('username')} />
        <TextInput label="Workstation password" type="password" autoComplete="new-password" {...field('password')} />
        <TextInput label="This workstation's site" {...field('siteId')} />
        <TextInput label="Workstation prefix" description="Unique in the clinic, e.g. N2" {...field('workstationPrefix')} />
      </SimpleGrid>
      {joining && (
        <Alert mt="md" color={connectivity.state === 'online' ? 'blue' : 'orange'} role="status" aria-label="Join progress">
          <Group gap="sm">
            {connectivity.state === 'online' && <Loader size="xs" />}
            <Text size="sm">
              {connectivity.state === 'online'
                ? `Receiving the clinic's records… ${patients} patients so far. Sign-in opens when the staff list arrives.`
                : connectivity.message}
            </Text>
          </Group>
        </Alert>
      )}
      <FormFooter error={error} submitLabel={joining ? 'Save and retry' : 'Join the clinic'} loading={busy} />
    </form>
  );
}
