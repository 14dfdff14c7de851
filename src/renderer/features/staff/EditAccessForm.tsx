import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { ROLE_DESCRIPTION, ROLE_LABEL, RoleSchema } from '../../../shared/auth/permissions';
import { StaffAccessSchema, type Staff, type StaffAccess } from '../../../shared/auth/staff';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { SiteChoice } from './SiteChoice';

export type EditAccessProps = {
  /** The signed-in person's id: changing one's own roles gets a word of warning. */
  me: string | null;
  /** The sites to offer (more can be added). */
  sites: readonly string[];
  /** This workstation's site. */
  here: string;
  onClose: () => void;
  run: (action: () => Promise<void>) => Promise<void>;
};

/** The roles and sites of one person, saved through the staff repository (administrators only). */
export function EditAccessForm({ person, me, sites, here, onClose, run }: EditAccessProps & { person: Staff }) {
  const desk = useDesk();
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, formState } = useForm<StaffAccess, unknown, z.output<typeof StaffAccessSchema>>({
    resolver: zodResolver(StaffAccessSchema),
    defaultValues: { roles: [...person.roles], siteIds: [...person.siteIds] },
  });
  const roles = useWatch({ control, name: 'roles' });
  const givingUpAdmin = person.id === me && person.roles.includes('administrator') && !roles.includes('administrator');

  const submit = handleSubmit(async (access) => {
    setError(null);
    try {
      // A refusal for lack of permission closes the dialog: the screen then offers "Ask a manager",
      // and an approval saves these same choices.
      await run(async () => {
        await desk.staff.setAccess(desk.ctx, person.id, access);
        notifications.show({ color: 'teal', message: `Saved the roles and sites of ${person.displayName}` });
      });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  });

  return (
    <form aria-label="Roles and sites" noValidate onSubmit={(e) => void submit(e)}>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {person.displayName} signs in as <b>{person.username}</b>. Changes apply on every workstation after its next sync.
        </Text>
        <Controller
          control={control}
          name="roles"
          render={({ field, fieldState }) => (
            <Checkbox.Group label="Roles" description="What they may do. Give at least one." value={field.value} onChange={field.onChange} error={fieldState.error?.message}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {RoleSchema.options.map((role) => (
                  <Checkbox.Card
                    key={role}
                    value={role}
                    radius="md"
                    p="sm"
                    // A button centres its content; the cards of a row line up at the top instead.
                    style={{ display: 'flex', alignItems: 'flex-start', borderColor: roles.includes(role) ? 'var(--mantine-primary-color-filled)' : undefined }}
                  >
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Checkbox.Indicator mt={2} />
                      <div>
                        <Text size="sm" fw={600}>
                          {ROLE_LABEL[role]}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {ROLE_DESCRIPTION[role]}
                        </Text>
                      </div>
                    </Group>
                  </Checkbox.Card>
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        />
        {givingUpAdmin && (
          <Alert color="orange" role="status" title="Your own administrator role">
            Once saved, you can no longer manage staff or the clinic&rsquo;s settings.
          </Alert>
        )}
        <Controller
          control={control}
          name="siteIds"
          render={({ field, fieldState }) => <SiteChoice value={field.value} onChange={field.onChange} known={sites} here={here} error={fieldState.error?.message} />}
        />
      </Stack>
      <FormFooter error={error} submitLabel="Save changes" loading={formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
