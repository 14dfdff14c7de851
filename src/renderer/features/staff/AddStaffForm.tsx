import { Checkbox, Group, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABEL, RoleSchema, type Role } from '../../../shared/auth/permissions';
import { StaffInputSchema } from '../../../shared/auth/staff';
import { NewSecretSchema } from '../../../shared/auth/channels';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { FormFooter } from '../../components/FormFooter';
import { useTextFields } from '../../components/useTextFields';
import { SiteChoice } from './SiteChoice';

/** Adds a person with their roles, sites, first password and PIN (administrators only). */
export function AddStaffForm({ sites, onDone, run }: { sites: readonly string[]; onDone: () => void; run: (action: () => Promise<void>) => Promise<void> }) {
  const desk = useDesk();
  const settings = useSettings();
  const { values, errors, setErrors, field } = useTextFields({ displayName: '', initials: '', username: '', password: '', pin: '' });
  const [roles, setRoles] = useState<Role[]>(['front-desk']);
  const [siteIds, setSiteIds] = useState<string[]>([settings.siteId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    const input = { ...values, roles, siteIds };
    const found: Record<string, string> = {};
    const parsed = StaffInputSchema.safeParse(input);
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    const password = NewSecretSchema.safeParse({ kind: 'password', secret: values.password });
    if (!password.success) found['password'] = password.error.issues[0]?.message ?? 'Not a valid password';
    const pin = NewSecretSchema.safeParse({ kind: 'pin', secret: values.pin });
    if (!pin.success) found['pin'] = pin.error.issues[0]?.message ?? 'Not a valid PIN';
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      await run(async () => {
        const { hash: passwordHash } = await desk.client.call('auth:hashSecret', { kind: 'password', secret: values.password });
        const { hash: pinHash } = await desk.client.call('auth:hashSecret', { kind: 'pin', secret: values.pin });
        await desk.staff.add(desk.ctx, parsed.data, { passwordHash, pinHash });
        onDone();
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Add staff"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Full name" {...field('displayName')} />
          <TextInput label="Initials" {...field('initials')} />
          <TextInput label="User name" autoComplete="off" {...field('username')} />
          <PasswordInput label="First password" autoComplete="new-password" {...field('password')} />
          <PasswordInput label="PIN" description="4 to 8 digits" {...field('pin')} />
        </SimpleGrid>
        <Checkbox.Group label="Roles" value={roles} onChange={(v) => setRoles(v as Role[])} error={errors['roles']}>
          <Group mt="xs">
            {RoleSchema.options.map((r) => (
              <Checkbox key={r} value={r} label={ROLE_LABEL[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        <SiteChoice value={siteIds} onChange={setSiteIds} known={sites} here={settings.siteId} error={errors['siteIds']} />
      </Stack>
      <FormFooter error={error} submitLabel="Add person" loading={busy} onCancel={onDone} />
    </form>
  );
}
