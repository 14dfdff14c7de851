import { Badge, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { PayerInputSchema, ProviderInputSchema, providerLabel, type Payer, type Provider } from '../../../shared/domain/catalog';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { usePayers, useProviders } from './useCatalog';

type Field<T> = { name: Path<T>; label: string; required?: boolean; placeholder?: string };

/** A small add-or-edit form for one catalog entry; the same one serves payers and providers. */
function EntryForm<T extends FieldValues>({ title, schema, fields, initial, onSave, onDone }: { title: string; schema: z.ZodType<T, T>; fields: Field<T>[]; initial: T; onSave: (values: T) => Promise<void>; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<T>({ resolver: zodResolver(schema), defaultValues: initial as never });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await onSave(values);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  });
  const errors = formState.errors as Record<string, { message?: string } | undefined>;
  return (
    <form aria-label={title} noValidate onSubmit={(e) => void submit(e)}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {fields.map((f) => (
          <TextInput key={f.name} label={f.label} withAsterisk={f.required ?? false} placeholder={f.placeholder} {...register(f.name)} error={errors[f.name]?.message} />
        ))}
      </SimpleGrid>
      <Checkbox mt="sm" label="In use" {...register('active' as Path<T>)} />
      <FormFooter error={error} submitLabel="Save" loading={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

/** The clinic's payer list: insurance companies the desk can choose for a coverage. */
export function PayerList() {
  const desk = useDesk();
  const payers = usePayers();
  const guard = useGuardedAction();
  const [editing, setEditing] = useState<Payer | 'new' | null>(null);
  return (
    <Stack>
      <RefusalNotice guard={guard} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {payers.length} payer(s). Payers no longer in use stay on old coverages.
        </Text>
        <Button size="compact-sm" onClick={() => setEditing('new')}>
          Add payer
        </Button>
      </Group>
      {editing && (
        <EntryForm
          title={editing === 'new' ? 'Add payer' : 'Edit payer'}
          schema={PayerInputSchema as never}
          fields={[
            { name: 'name', label: 'Payer name', required: true },
            { name: 'payerCode', label: 'Payer id (electronic)', placeholder: '60054' },
            { name: 'phone', label: 'Provider services phone' },
          ]}
          initial={editing === 'new' ? { name: '', payerCode: '', phone: '', active: true } : { name: editing.name, payerCode: editing.payerCode, phone: editing.phone, active: editing.active }}
          onSave={(values) =>
            guard.run(async () => {
              await desk.catalog.savePayer(editing === 'new' ? null : editing.id, values as never);
              notifications.show({ message: 'Payer saved' });
            })
          }
          onDone={() => setEditing(null)}
        />
      )}
      <Table aria-label="Payers">
        <Table.Tbody>
          {payers.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.payerCode}</Table.Td>
              <Table.Td>{p.phone}</Table.Td>
              <Table.Td>{!p.active && <Badge color="gray">Not in use</Badge>}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="default" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The clinic's providers, for a patient's primary provider. */
export function ProviderList() {
  const desk = useDesk();
  const providers = useProviders();
  const guard = useGuardedAction();
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  return (
    <Stack>
      <RefusalNotice guard={guard} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {providers.length} provider(s)
        </Text>
        <Button size="compact-sm" onClick={() => setEditing('new')}>
          Add provider
        </Button>
      </Group>
      {editing && (
        <EntryForm
          title={editing === 'new' ? 'Add provider' : 'Edit provider'}
          schema={ProviderInputSchema as never}
          fields={[
            { name: 'name', label: 'Provider name', required: true, placeholder: 'Dr. Ana Ruiz' },
            { name: 'credentials', label: 'Credentials', placeholder: 'MD' },
            { name: 'npi', label: 'NPI' },
          ]}
          initial={editing === 'new' ? { name: '', credentials: '', npi: '', active: true } : { name: editing.name, credentials: editing.credentials, npi: editing.npi, active: editing.active }}
          onSave={(values) =>
            guard.run(async () => {
              await desk.catalog.saveProvider(editing === 'new' ? null : editing.id, values as never);
              notifications.show({ message: 'Provider saved' });
            })
          }
          onDone={() => setEditing(null)}
        />
      )}
      <Table aria-label="Providers">
        <Table.Tbody>
          {providers.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{providerLabel(p)}</Table.Td>
              <Table.Td>{p.npi}</Table.Td>
              <Table.Td>{!p.active && <Badge color="gray">Not in use</Badge>}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="default" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
