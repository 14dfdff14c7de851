import { ActionIcon, Button, Checkbox, ColorInput, ColorSwatch, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { providerLabel } from '../../../shared/catalog/catalog';
import {
  AppointmentTypeInputSchema,
  AvailabilityTemplateInputSchema,
  EXCEPTION_REASONS,
  FORM_KINDS,
  FORM_LABEL,
  RoomInputSchema,
  ScheduleExceptionInputSchema,
  type AppointmentType,
  type AppointmentTypeInput,
  type AvailabilityTemplate,
  type Room,
  type ScheduleException,
} from '../../../shared/schedule/scheduling';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useObservable } from '../../app/useObservable';
import { FormFooter } from '../../components/FormFooter';
import { CatalogList, type EntryFormProps } from './CatalogLists';
import { useProviders } from './useCatalog';

const NONE: never[] = [];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const REASON_LABEL: Record<(typeof EXCEPTION_REASONS)[number], string> = { 'time-off': 'Time off', holiday: 'Holiday', closure: 'Closure', weather: 'Weather closure' };
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

type RoomInput = z.input<typeof RoomInputSchema>;
type TemplateInput = z.input<typeof AvailabilityTemplateInputSchema>;
type ExceptionInput = z.input<typeof ScheduleExceptionInputSchema>;

function useAppointmentTypes(): AppointmentType[] {
  const desk = useDesk();
  return useObservable(() => desk.catalog.observeAppointmentTypes(), NONE, [desk]);
}

/** A form of its own for one kind of entry: react-hook-form checked by the kind's schema. */
function ListForm<I extends FieldValues>({ schema, props, children }: { schema: z.ZodType; props: EntryFormProps<I>; children: (form: { control: Control<I>; errorOf: (name: string) => string | undefined }) => React.ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, formState } = useForm<I>({ resolver: zodResolver(schema as never), defaultValues: props.initial as never });
  const errors = formState.errors as Record<string, unknown>;
  const errorOf = (name: string): string | undefined => {
    let at: unknown = errors;
    for (const part of name.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
    return (at as { message?: string } | undefined)?.message;
  };
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await props.onSave(values);
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <form aria-label={props.title} noValidate onSubmit={(e) => void submit(e)}>
      {children({ control, errorOf })}
      <FormFooter error={error} submitLabel="Save" loading={formState.isSubmitting} onCancel={props.onDone} />
    </form>
  );
}

function TextField<I extends FieldValues>({ control, name, label, errorOf, ...rest }: { control: Control<I>; name: Path<I>; label: string; errorOf: (n: string) => string | undefined; required?: boolean; placeholder?: string; type?: string; description?: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <TextInput label={label} withAsterisk={rest.required ?? false} placeholder={rest.placeholder} description={rest.description} type={rest.type} {...field} value={(field.value as string) ?? ''} error={errorOf(name)} />}
    />
  );
}

/** The kinds of visit the clinic books: length, color on the calendar, who takes them, forms and fees. */
export function AppointmentTypeList() {
  const desk = useDesk();
  const providers = useProviders();
  const providerOptions = providers.map((p) => ({ value: p.id, label: providerLabel(p) }));
  const names = (ids: readonly string[]) => (ids.length ? ids.map((id) => providerOptions.find((o) => o.value === id)?.label ?? 'Unknown').join(', ') : 'Any provider');
  return (
    <CatalogList<AppointmentType, AppointmentTypeInput>
      noun="appointment type"
      entries={useAppointmentTypes()}
      summary="Types no longer in use stay on the visits booked with them."
      blank={{ name: '', durationMinutes: 20, color: '#228be6', providerIds: [], needsRoom: false, formsDue: [], feeCents: 0, copayHintCents: 0, followUpWeeks: 0, active: true }}
      toInput={({ id: _i, kind: _k, createdAt: _c, updatedAt: _u, updatedBy: _b, siteId: _s, ...input }) => input}
      columns={(t) => [
        <Group key="name" gap="xs" wrap="nowrap">
          <ColorSwatch color={t.color} size={14} aria-hidden />
          <Text size="sm">{t.name}</Text>
        </Group>,
        `${t.durationMinutes} min`,
        names(t.providerIds),
        t.needsRoom ? 'Needs a room' : '',
        t.feeCents ? `Fee ${dollars(t.feeCents)}` : '',
      ]}
      save={(id, values) => desk.catalog.saveAppointmentType(id, values)}
      form={(props) => (
        <ListForm schema={AppointmentTypeInputSchema} props={props}>
          {({ control, errorOf }) => (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextField control={control} name="name" label="Type name" required placeholder="New patient" errorOf={errorOf} />
                <Controller control={control} name="durationMinutes" render={({ field }) => <NumberInput label="Length (minutes)" withAsterisk min={5} max={480} step={5} {...field} onChange={(v) => field.onChange(Number(v))} error={errorOf('durationMinutes')} />} />
                <Controller control={control} name="color" render={({ field }) => <ColorInput label="Color on the calendar" withAsterisk format="hex" withEyeDropper={false} {...field} error={errorOf('color')} />} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Controller
                  control={control}
                  name="providerIds"
                  render={({ field }) => <MultiSelect label="Providers who take it" placeholder={field.value?.length ? undefined : 'Any provider'} data={providerOptions} searchable {...field} error={errorOf('providerIds')} />}
                />
                <Controller
                  control={control}
                  name="formsDue"
                  render={({ field }) => <MultiSelect label="Forms due at check-in" searchable data={FORM_KINDS.map((k) => ({ value: k, label: FORM_LABEL[k] }))} {...field} error={errorOf('formsDue')} />}
                />
                <Controller
                  control={control}
                  name="feeCents"
                  render={({ field }) => <NumberInput label="Default fee" prefix="$" decimalScale={2} fixedDecimalScale min={0} value={(field.value ?? 0) / 100} onChange={(v) => field.onChange(Math.round(Number(v) * 100))} onBlur={field.onBlur} error={errorOf('feeCents')} />}
                />
                <Controller
                  control={control}
                  name="copayHintCents"
                  render={({ field }) => <NumberInput label="Usual co-pay" prefix="$" decimalScale={2} fixedDecimalScale min={0} value={(field.value ?? 0) / 100} onChange={(v) => field.onChange(Math.round(Number(v) * 100))} onBlur={field.onBlur} error={errorOf('copayHintCents')} />}
                />
                <Controller
                  control={control}
                  name="followUpWeeks"
                  render={({ field }) => (
                    <NumberInput
                      label="Follow-up after (weeks)"
                      description="Check-out suggests booking then; 0: no follow-up"
                      allowDecimal={false}
                      min={0}
                      max={104}
                      value={field.value ?? 0}
                      onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
                      onBlur={field.onBlur}
                      error={errorOf('followUpWeeks')}
                    />
                  )}
                />
              </SimpleGrid>
              <Group>
                <Controller control={control} name="needsRoom" render={({ field }) => <Checkbox label="Needs a room" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
                <Controller control={control} name="active" render={({ field }) => <Checkbox label="In use" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
              </Group>
            </Stack>
          )}
        </ListForm>
      )}
    />
  );
}

/** The rooms at each location. */
export function RoomList() {
  const desk = useDesk();
  const site = useSettings().siteId;
  const rooms = useObservable(() => desk.catalog.observeRooms(), NONE, [desk]);
  return (
    <CatalogList<Room, RoomInput>
      noun="room"
      entries={rooms}
      summary="Types that need a room are booked into a free one at the visit's location."
      schema={RoomInputSchema as never}
      fields={[
        { name: 'name', label: 'Room name', required: true, placeholder: 'Exam 1' },
        { name: 'locationId', label: 'Location (site)', required: true },
      ]}
      blank={{ name: '', locationId: site, active: true }}
      toInput={(r) => ({ name: r.name, locationId: r.locationId, active: r.active })}
      columns={(r) => [r.name, r.locationId]}
      save={(id, values) => desk.catalog.saveRoom(id, values)}
    />
  );
}

const clock = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};

/** A template's week in words: "Mon 9:00 AM–12:00 PM, 1:00 PM–5:00 PM · Tue …". */
export function weekInWords(blocks: AvailabilityTemplate['blocks']): string {
  const days = [...new Set(blocks.map((b) => b.weekday))].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return days
    .map((d) => `${WEEKDAYS[d]!.slice(0, 3)} ${blocks.filter((b) => b.weekday === d).sort((a, b) => a.start.localeCompare(b.start)).map((b) => `${clock(b.start)}–${clock(b.end)}`).join(', ')}`)
    .join(' · ');
}

/** Each provider's weekly hours at a location, from a date; the gaps between blocks are breaks. */
export function AvailabilityList() {
  const desk = useDesk();
  const site = useSettings().siteId;
  const providers = useProviders();
  const types = useAppointmentTypes();
  const templates = useObservable(() => desk.catalog.observeAvailability(), NONE, [desk]);
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? providerLabel(p) : 'Unknown provider';
  };
  return (
    <CatalogList<AvailabilityTemplate, TemplateInput>
      noun="set of hours"
      plural="Provider hours"
      entries={templates}
      summary="New hours from a date are a new set; end the old one the day before."
      blank={{ name: '', providerId: providers[0]?.id ?? '', locationId: site, effectiveFrom: '', effectiveTo: '', blocks: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00', typeIds: [] })) }}
      toInput={(t) => ({ name: t.name, providerId: t.providerId, locationId: t.locationId, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo, blocks: t.blocks })}
      columns={(t) => [t.name, providerName(t.providerId), t.locationId, `${t.effectiveFrom} – ${t.effectiveTo || 'no end'}`, weekInWords(t.blocks)]}
      save={(id, values) => desk.catalog.saveAvailability(id, values)}
      form={(props) => (
        <ListForm schema={AvailabilityTemplateInputSchema} props={props}>
          {({ control, errorOf }) => <TemplateFields control={control as Control<TemplateInput>} errorOf={errorOf} providers={providers.map((p) => ({ value: p.id, label: providerLabel(p) }))} types={types.map((t) => ({ value: t.id, label: t.name }))} />}
        </ListForm>
      )}
    />
  );
}

function TemplateFields({ control, errorOf, providers, types }: { control: Control<TemplateInput>; errorOf: (n: string) => string | undefined; providers: { value: string; label: string }[]; types: { value: string; label: string }[] }) {
  const blocks = useFieldArray({ control, name: 'blocks' });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextField control={control} name="name" label="Name" required placeholder="Winter hours" errorOf={errorOf} />
        <Controller control={control} name="providerId" render={({ field }) => <Select label="Provider" withAsterisk data={providers} {...field} error={errorOf('providerId')} />} />
        <TextField control={control} name="locationId" label="Location (site)" required errorOf={errorOf} />
        <TextField control={control} name="effectiveFrom" label="First day" required placeholder="YYYY-MM-DD" errorOf={errorOf} />
        <TextField control={control} name="effectiveTo" label="Last day" placeholder="No end" errorOf={errorOf} />
      </SimpleGrid>
      <Text size="sm" fw={500}>
        Weekly blocks
      </Text>
      {blocks.fields.map((block, i) => (
        <Group key={block.id} align="flex-end" gap="xs" role="group" aria-label={`Block ${i + 1}`}>
          <Controller control={control} name={`blocks.${i}.weekday`} render={({ field }) => <Select label="Day" w={140} data={WEEKDAYS.map((d, n) => ({ value: String(n), label: d }))} value={String(field.value)} onChange={(v) => field.onChange(Number(v))} allowDeselect={false} />} />
          <TextField control={control} name={`blocks.${i}.start`} label="From" type="time" errorOf={errorOf} />
          <TextField control={control} name={`blocks.${i}.end`} label="To" type="time" errorOf={errorOf} />
          <Controller control={control} name={`blocks.${i}.typeIds`} render={({ field }) => <MultiSelect label="Only these types" placeholder={field.value?.length ? undefined : 'Any type'} w={260} data={types} {...field} />} />
          <ActionIcon variant="default" size="lg" mb={2} aria-label={`Remove block ${i + 1}`} onClick={() => blocks.remove(i)}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-sm" variant="default" onClick={() => blocks.append({ weekday: 1, start: '09:00', end: '12:00', typeIds: [] })}>
          Add block
        </Button>
      </Group>
    </Stack>
  );
}

/** Time off, holidays and closures: whole days or some hours, for a provider, a location or everyone. */
export function ExceptionList() {
  const desk = useDesk();
  const providers = useProviders();
  const exceptions = useObservable(() => desk.catalog.observeExceptions(), NONE, [desk]);
  const who = (e: ScheduleException) => {
    const p = providers.find((x) => x.id === e.providerId);
    return [e.providerId ? (p ? providerLabel(p) : 'Unknown provider') : 'Everyone', e.locationId ? `at ${e.locationId}` : ''].filter(Boolean).join(' ');
  };
  return (
    <CatalogList<ScheduleException, ExceptionInput>
      noun="closure or time off"
      plural="Closures and time off"
      entries={exceptions}
      summary="Nobody can be booked in these times; a closure for weather can be entered on the day."
      blank={{ name: '', providerId: '', locationId: '', fromDate: '', toDate: '', startTime: '', endTime: '', reason: 'holiday', note: '' }}
      toInput={({ id: _i, kind: _k, createdAt: _c, updatedAt: _u, updatedBy: _b, siteId: _s, ...input }) => input}
      columns={(e) => [e.name, REASON_LABEL[e.reason], e.fromDate === e.toDate ? e.fromDate : `${e.fromDate} – ${e.toDate}`, e.startTime ? `${clock(e.startTime)}–${clock(e.endTime)}` : 'All day', who(e)]}
      save={(id, values) => desk.catalog.saveException(id, values)}
      form={(props) => (
        <ListForm schema={ScheduleExceptionInputSchema} props={props}>
          {({ control, errorOf }) => (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextField control={control} name="name" label="Name" required placeholder="Thanksgiving" errorOf={errorOf} />
              <Controller control={control} name="reason" render={({ field }) => <Select label="Kind" withAsterisk data={EXCEPTION_REASONS.map((r) => ({ value: r, label: REASON_LABEL[r] }))} allowDeselect={false} {...field} />} />
              <Controller
                control={control}
                name="providerId"
                render={({ field }) => <Select label="Provider" data={[{ value: '', label: 'Everyone' }, ...providers.map((p) => ({ value: p.id, label: providerLabel(p) }))]} allowDeselect={false} {...field} value={field.value ?? ''} />}
              />
              <TextField control={control} name="fromDate" label="First day" required placeholder="YYYY-MM-DD" errorOf={errorOf} />
              <TextField control={control} name="toDate" label="Last day" required placeholder="YYYY-MM-DD" errorOf={errorOf} />
              <TextField control={control} name="locationId" label="Location (site)" placeholder="Every location" errorOf={errorOf} />
              <TextField control={control} name="startTime" label="From (time)" type="time" description="Empty: all day" errorOf={errorOf} />
              <TextField control={control} name="endTime" label="To (time)" type="time" errorOf={errorOf} />
              <TextField control={control} name="note" label="Note" errorOf={errorOf} />
            </SimpleGrid>
          )}
        </ListForm>
      )}
    />
  );
}
