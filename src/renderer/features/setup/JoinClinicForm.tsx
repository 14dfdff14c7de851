import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { WorkstationPrefixSchema } from '../../../shared/domain/humanNumber';
import { SyncSettingsInputSchema } from '../../../shared/settings/channels';
import { SYNCED_COLLECTIONS } from '../../../shared/sync/collections';
import { FormFooter } from '../../components/FormFooter';
import { useTextFields } from '../../components/useTextFields';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useSettings } from '../../app/settingsStore';
import { useSyncStore } from '../sync/public';
import { useJoinStore } from './joinStore';
import { WhoCanSignIn } from './WhoCanSignIn';

/**
 * A new workstation of an existing clinic: the server and this workstation's credentials. Staff,
 * patients and the rest come down by sync; once the staff list has arrived the screen says who can
 * sign in at this workstation's site, and the person setting it up continues to sign-in.
 */
export function JoinClinicForm() {
  const desk = useDesk();
  const settings = useSettings();
  const { values, setErrors, field } = useTextFields({
    url: settings.sync?.url ?? '',
    dbPrefix: settings.sync?.dbPrefix ?? 'clinic',
    username: settings.sync?.username ?? '',
    password: '',
    siteId: settings.siteId,
    workstationPrefix: settings.sync ? settings.workstationPrefix : '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patients = useObservable(() => desk.patients.observeCount(), 0, [desk]);
  const staffCount = useObservable(() => desk.staff.observeCount(), 0, [desk]);
  const connectivity = useSyncStore((s) => s.connectivity);
  const everything = useSyncStore((s) => SYNCED_COLLECTIONS.every((c) => s.received.includes(c)));
  const joining = Boolean(settings.sync);
  const site = values.siteId.trim();

  // The join screen stays up after the staff list arrives, until the person here continues.
  useEffect(() => {
    if (joining) useJoinStore.getState().start();
  }, [joining]);
  useEffect(() => () => useJoinStore.getState().finish(), []);

  /** Saves what changed; answers whether everything was valid and saved. */
  const save = async (): Promise<boolean> => {
    setError(null);
    const found: Record<string, string> = {};
    // A password left empty on a workstation that has one keeps the one main holds.
    const sync = SyncSettingsInputSchema.safeParse({ ...values, password: values.password || (settings.sync?.hasPassword ? undefined : '') });
    if (!sync.success) for (const issue of sync.error.issues) found[String(issue.path[0])] ??= issue.message;
    const prefix = WorkstationPrefixSchema.safeParse(values.workstationPrefix.trim().toUpperCase());
    if (!prefix.success) found['workstationPrefix'] = prefix.error.issues[0]?.message ?? 'Not a valid prefix';
    if (!site) found['siteId'] = 'Site is required';
    setErrors(found);
    if (Object.keys(found).length > 0 || !sync.success || !prefix.success) return false;
    setBusy(true);
    try {
      useJoinStore.getState().start();
      await desk.client.call('settings:setWorkstation', { workstationPrefix: prefix.data, siteId: site });
      await desk.client.call('settings:setSync', sync.data);
      await desk.refreshSettings();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const continueToSignIn = async () => {
    if (site !== settings.siteId && !(await save())) return;
    useJoinStore.getState().finish();
  };

  return (
    <form
      aria-label="Join clinic"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void save();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Server address" placeholder="https://couch.example.org:6984" {...field('url')} />
        <TextInput label="Database prefix" {...field('dbPrefix')} />
        <TextInput label="Workstation user name" autoComplete="off" {...field('username')} />
        <TextInput label="Workstation password" type="password" autoComplete="new-password" {...field('password')} />
        <TextInput label="This workstation's site" description="Staff sign in only at their sites; administrators at any" {...field('siteId')} />
        <TextInput label="Workstation prefix" description="Unique in the clinic, e.g. N2" {...field('workstationPrefix')} />
      </SimpleGrid>
      {joining && (
        <Stack mt="md" gap="sm">
          <Alert color={connectivity.state === 'online' ? 'blue' : 'orange'} role="status" aria-label="Join progress">
            <Group gap="sm">
              {connectivity.state === 'online' && !everything && <Loader size="xs" />}
              <Text size="sm">
                {connectivity.state !== 'online'
                  ? connectivity.message
                  : everything
                    ? `The clinic's records are here: ${patients} patients.`
                    : `Receiving the clinic's records… ${patients} patients so far.`}
              </Text>
            </Group>
          </Alert>
          {site && <WhoCanSignIn siteId={site} />}
        </Stack>
      )}
      {joining && staffCount > 0 ? (
        <>
          {error && (
            <Alert color="red" mt="sm" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" mt="md">
            <Button type="submit" variant="default" loading={busy}>
              Save and retry
            </Button>
            <Button onClick={() => void continueToSignIn()} disabled={busy}>
              Continue to sign-in
            </Button>
          </Group>
        </>
      ) : (
        <FormFooter error={error} submitLabel={joining ? 'Save and retry' : 'Join the clinic'} loading={busy} />
      )}
    </form>
  );
}
