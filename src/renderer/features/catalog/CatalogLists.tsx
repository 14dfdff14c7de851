import { Badge, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm, type FieldValues, type Path } from 'react-hook-form';
import { z } from 'zod';
import { formatCents, parseDollarsToCents } from '../../../shared/domain/money';
import { PayerInputSchema, ProviderInputSchema, providerLabel, ServiceInputSchema, type Payer, type PayerInput, type Provider, type ProviderInput, type Service } from '../../../shared/catalog/catalog';
import { useObservable } from '../../app/useObservable';
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

/** What a list's own form is given: the values to start from, and what to do with the result. */
export interface EntryFormProps<I> {
  title: string;
  initial: I;
  onSave: (values: I) => Promise<void>;
  onDone: () => void;
}

/**
 * One of the clinic's lists: its entries, and a form to add one or change one (text fields from
 * `fields`, or the list's own `form`).
 */
export function CatalogList<E extends { id: string; name: string; active?: boolean }, I extends FieldValues>({
  noun,
  plural,
  entries,
  summary,
  schema,
  fields,
  form,
  blank,
  toInput,
  columns,
  save,
}: {
  noun: string;
  /** What the table of them is called; the noun with an s by default. */
  plural?: string;
  entries: E[];
  summary: string;
  schema?: z.ZodType<I, I>;
  fields?: Field<I>[];
  form?: (props: EntryFormProps<I>) => React.ReactNode;
  blank: I;
  toInput: (entry: E) => I;
  columns: (entry: E) => React.ReactNode[];
  save: (id: string | null, values: I) => Promise<unknown>;
}) {
  const guard = useGuardedAction();
  const [editing, setEditing] = useState<E | 'new' | null>(null);
  return (
    <Stack>
      <RefusalNotice guard={guard} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {summary}
        </Text>
        <Button size="compact-sm" onClick={() => setEditing('new')}>
          Add {noun}
        </Button>
      </Group>
      {editing &&
        (() => {
          const props: EntryFormProps<I> = {
            title: editing === 'new' ? `Add ${noun}` : `Edit ${noun}`,
            initial: editing === 'new' ? blank : toInput(editing),
            onSave: (values) =>
              guard.run(async () => {
                await save(editing === 'new' ? null : editing.id, values);
                notifications.show({ message: `${noun[0]!.toUpperCase()}${noun.slice(1)} saved` });
              }),
            onDone: () => setEditing(null),
          };
          return form ? form(props) : <EntryForm {...props} schema={schema!} fields={fields ?? []} />;
        })()}
      <Table aria-label={plural ?? `${noun[0]!.toUpperCase()}${noun.slice(1)}s`}>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              {columns(entry).map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
              <Table.Td>{entry.active === false && <Badge color="gray">Not in use</Badge>}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="default" onClick={() => setEditing(entry)} aria-label={`Edit ${entry.name}`}>
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

/** The clinic's payer list: insurance companies the desk can choose for a coverage. */
export function PayerList() {
  const desk = useDesk();
  return (
    <CatalogList<Payer, PayerInput>
      noun="payer"
      entries={usePayers()}
      summary="Payers no longer in use stay on old coverages."
      schema={PayerInputSchema as never}
      fields={[
        { name: 'name', label: 'Payer name', required: true },
        { name: 'payerCode', label: 'Payer id (electronic)', placeholder: '60054' },
        { name: 'phone', label: 'Provider services phone' },
      ]}
      blank={{ name: '', payerCode: '', phone: '', active: true }}
      toInput={(p) => ({ name: p.name, payerCode: p.payerCode, phone: p.phone, active: p.active })}
      columns={(p) => [p.name, p.payerCode, p.phone]}
      save={(id, values) => desk.catalog.savePayer(id, values)}
    />
  );
}

/** The clinic's providers, for a patient's primary provider. */
export function ProviderList() {
  const desk = useDesk();
  return (
    <CatalogList<Provider, ProviderInput>
      noun="provider"
      entries={useProviders()}
      summary="Providers no longer in use stay on the patients who had them."
      schema={ProviderInputSchema as never}
      fields={[
        { name: 'name', label: 'Provider name', required: true, placeholder: 'Dr. Ana Ruiz' },
        { name: 'credentials', label: 'Credentials', placeholder: 'MD' },
        { name: 'npi', label: 'NPI' },
      ]}
      blank={{ name: '', credentials: '', npi: '', active: true }}
      toInput={(p) => ({ name: p.name, credentials: p.credentials, npi: p.npi, active: p.active })}
      columns={(p) => [providerLabel(p), p.npi]}
      save={(id, values) => desk.catalog.saveProvider(id, values)}
    />
  );
}

/** The service form's fields as typed: the fee in dollars. */
const ServiceFormSchema = ServiceInputSchema.omit({ feeCents: true }).extend({
  fee: z.string().refine((v) => (parseDollarsToCents(v) ?? 0) > 0, 'Enter the fee, like 25 or 25.00'),
});
type ServiceForm = z.input<typeof ServiceFormSchema>;
const NO_SERVICES: Service[] = [];

/** The fee schedule's services by code: what the desk charges for each (appointment types carry their own fee). */
export function ServiceList() {
  const desk = useDesk();
  const services = useObservable(() => desk.catalog.observeServices(), NO_SERVICES, [desk]);
  return (
    <CatalogList<Service, ServiceForm>
      noun="service"
      plural="Fee schedule"
      entries={services}
      summary="Charges for these post at their fee from the desk; another amount needs billing staff."
      schema={ServiceFormSchema as never}
      fields={[
        { name: 'code', label: 'Code', required: true, placeholder: '36415' },
        { name: 'name', label: 'Service', required: true, placeholder: 'Blood draw' },
        { name: 'fee', label: 'Fee ($)', required: true, placeholder: '25.00' },
      ]}
      blank={{ code: '', name: '', fee: '', active: true }}
      toInput={(x) => ({ code: x.code, name: x.name, fee: (x.feeCents / 100).toFixed(2), active: x.active })}
      columns={(x) => [x.code, x.name, formatCents(x.feeCents)]}
      save={(id, values) => desk.catalog.saveService(id, { code: values.code, name: values.name, feeCents: parseDollarsToCents(values.fee) ?? 0, active: values.active })}
    />
  );
}
