import { zodResolver } from '@hookform/resolvers/zod';
import { Divider, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { StaffInputSchema } from '../../../shared/auth/staff';
import { WorkstationPrefixSchema } from '../../../shared/domain/humanNumber';
import { ClinicInfoSchema } from '../../../shared/catalog/clinic';
import { NewSecretSchema } from '../../../shared/auth/channels';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { whileSettingUp } from '../signin/public';

const NewClinicSchema = z
  .object({
    clinic: ClinicInfoSchema.omit({ demo: true }),
    siteId: z.string().trim().min(1, 'Site is required').max(40),
    workstationPrefix: WorkstationPrefixSchema,
    admin: StaffInputSchema.pick({ displayName: true, initials: true, username: true }),
    password: z.string(),
    confirm: z.string(),
    pin: z.string(),
  })
  .superRefine((v, ctx) => {
    const password = NewSecretSchema.safeParse({ kind: 'password', secret: v.password });
    if (!password.success) ctx.addIssue({ code: 'custom', path: ['password'], message: password.error.issues[0]?.message ?? 'Not a valid password' });
    if (v.confirm !== v.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'The passwords do not match' });
    const pin = NewSecretSchema.safeParse({ kind: 'pin', secret: v.pin });
    if (!pin.success) ctx.addIssue({ code: 'custom', path: ['pin'], message: pin.error.issues[0]?.message ?? 'Not a valid PIN' });
  });
type NewClinic = z.input<typeof NewClinicSchema>;
type NewClinicParsed = z.output<typeof NewClinicSchema>;

/** A new clinic on its first workstation: the clinic's details, this workstation, the first administrator. */
export function NewClinicForm() {
  const desk = useDesk();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<NewClinic, unknown, NewClinicParsed>({
    resolver: zodResolver(NewClinicSchema),
    defaultValues: {
      clinic: { name: '', address: '', phone: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, npi: '', taxId: '' },
      siteId: 'main',
      workstationPrefix: 'A1',
      admin: { displayName: '', initials: '', username: '' },
      password: '',
      confirm: '',
      pin: '',
    },
  });
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await whileSettingUp(async () => {
        const v = values;
        await desk.client.call('settings:setClinic', { ...v.clinic, demo: false });
        await desk.clinicProfile.saveAtSetup({ ...v.clinic, demo: false }, v.siteId);
        await desk.client.call('settings:setWorkstation', { workstationPrefix: v.workstationPrefix, siteId: v.siteId });
        const { hash: passwordHash } = await desk.client.call('auth:hashSecret', { kind: 'password', secret: v.password });
        const { hash: pinHash } = await desk.client.call('auth:hashSecret', { kind: 'pin', secret: v.pin });
        await desk.staff.createInitial([{ input: { ...v.admin, roles: ['administrator'], siteIds: [v.siteId] }, passwordHash, pinHash }], {
          at: new Date().toISOString(),
          siteId: v.siteId,
        });
        await desk.client.call('setup:complete', {});
        await desk.refreshSettings();
      });
    } catch (err) {
      setError((err as Error).message);
    }
  });

  return (
    <form aria-label="New clinic" noValidate onSubmit={(ev) => void submit(ev)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Clinic name" withAsterisk {...register('clinic.name')} error={e.clinic?.name?.message} />
        <TextInput label="Clinic phone" {...register('clinic.phone')} error={e.clinic?.phone?.message} />
        <TextInput label="Address" {...register('clinic.address')} error={e.clinic?.address?.message} />
        <TextInput label="Time zone" {...register('clinic.timeZone')} error={e.clinic?.timeZone?.message} />
        <TextInput label="NPI" {...register('clinic.npi')} error={e.clinic?.npi?.message} />
        <TextInput label="Tax id (EIN)" placeholder="12-3456789" {...register('clinic.taxId')} error={e.clinic?.taxId?.message} />
        <TextInput label="This workstation's site" {...register('siteId')} error={e.siteId?.message} />
        <TextInput label="Workstation prefix" description="Starts this workstation's receipt numbers and MRNs; unique in the clinic" {...register('workstationPrefix')} error={e.workstationPrefix?.message} />
      </SimpleGrid>
      <Divider my="md" label="First administrator" labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Full name" withAsterisk {...register('admin.displayName')} error={e.admin?.displayName?.message} />
        <TextInput label="Initials" withAsterisk {...register('admin.initials')} error={e.admin?.initials?.message} />
        <TextInput label="User name" withAsterisk autoComplete="off" {...register('admin.username')} error={e.admin?.username?.message} />
        <PasswordInput label="PIN" withAsterisk description="4 to 8 digits, for quick unlock" {...register('pin')} error={e.pin?.message} />
        <PasswordInput label="Password" withAsterisk autoComplete="new-password" {...register('password')} error={e.password?.message} />
        <PasswordInput label="Confirm password" withAsterisk autoComplete="new-password" {...register('confirm')} error={e.confirm?.message} />
      </SimpleGrid>
      <FormFooter error={error} submitLabel="Set up the clinic" loading={formState.isSubmitting} />
    </form>
  );
}
