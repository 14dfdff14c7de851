import { Autocomplete, Button, Checkbox, CloseButton, Fieldset, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { Controller, useFieldArray, useFormContext, useWatch, type FieldError } from 'react-hook-form';
import { ADMINISTRATIVE_SEX_LABEL, COMMON_LANGUAGES, US_STATES, type PatientInput } from '../../../shared/patients/patient';
import { providerLabel } from '../../../shared/catalog/catalog';
import { useProviders } from '../catalog/public';
import { GuarantorFields } from './GuarantorFields';

const PHONE_TYPES = [
  { value: 'mobile', label: 'Mobile' },
  { value: 'home', label: 'Home' },
  { value: 'work', label: 'Work' },
  { value: 'other', label: 'Other' },
];
const GENDER_IDENTITIES = ['Woman', 'Man', 'Non-binary', 'Transgender woman', 'Transgender man', 'Genderqueer', 'Prefer not to say'];
const PRONOUNS = ['she/her', 'he/him', 'they/them', 'ze/hir'];

/** The message of a field's error, wherever react-hook-form put it (nested objects and arrays too). */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  const error = node as (FieldError & { root?: FieldError }) | undefined;
  return error?.message ?? error?.root?.message;
}

/** Today in the clinic's calendar, for consent dates. */
function todayUs(today: string): string {
  const [y, m, d] = today.split('-');
  return `${m}/${d}/${y}`;
}

/**
 * Every field of the patient record, in the order the desk asks for them, for the registration
 * and edit forms. Used inside a react-hook-form `FormProvider`.
 */
export function PatientFields({ autoFocus = false, today, selfId }: { autoFocus?: boolean; today: string; selfId?: string }) {
  const { register, control, formState, setValue } = useFormContext<PatientInput>();
  const errors = formState.errors;
  const phones = useFieldArray({ control, name: 'phones' });
  const consent = useWatch({ control, name: 'consent' });
  const providers = useProviders();

  return (
    <Stack gap="md">
      <Fieldset legend="Name and birth">
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <TextInput label="First name" withAsterisk data-autofocus={autoFocus || undefined} {...register('givenName')} error={errorAt(errors, 'givenName')} />
          <TextInput label="Middle name" {...register('middleName')} error={errorAt(errors, 'middleName')} />
          <TextInput label="Last name" withAsterisk {...register('familyName')} error={errorAt(errors, 'familyName')} />
          <TextInput label="Suffix" placeholder="Jr., III" {...register('suffix')} error={errorAt(errors, 'suffix')} />
          <TextInput label="Preferred name" {...register('preferredName')} error={errorAt(errors, 'preferredName')} />
          <TextInput label="Date of birth" withAsterisk placeholder="MM/DD/YYYY" {...register('birthDate')} error={errorAt(errors, 'birthDate')} />
          <Controller
            control={control}
            name="sex"
            render={({ field }) => (
              <Select
                label="Sex (administrative)"
                withAsterisk
                data={Object.entries(ADMINISTRATIVE_SEX_LABEL).map(([value, label]) => ({ value, label }))}
                value={field.value ?? 'unknown'}
                onChange={(v) => field.onChange(v ?? 'unknown')}
                onBlur={field.onBlur}
                allowDeselect={false}
                error={errorAt(errors, 'sex')}
              />
            )}
          />
          <Controller
            control={control}
            name="genderIdentity"
            render={({ field }) => <Autocomplete label="Gender identity" data={GENDER_IDENTITIES} value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur} error={errorAt(errors, 'genderIdentity')} />}
          />
          <Controller
            control={control}
            name="pronouns"
            render={({ field }) => <Autocomplete label="Pronouns" data={PRONOUNS} value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur} error={errorAt(errors, 'pronouns')} />}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Phone and email">
        <Stack gap="xs">
          {phones.fields.map((row, i) => (
            <Group key={row.id} align="flex-start" wrap="nowrap" role="group" aria-label={`Phone ${i + 1}`}>
              <TextInput
                label={i === 0 ? 'Phone' : `Phone ${i + 1}`}
                withAsterisk={i === 0}
                type="tel"
                placeholder="(555) 010-1234"
                style={{ flex: 1 }}
                {...register(`phones.${i}.number`)}
                error={errorAt(errors, `phones.${i}.number`)}
              />
              <Controller
                control={control}
                name={`phones.${i}.type`}
                render={({ field }) => (
                  <Select label="Type" w={120} data={PHONE_TYPES} value={field.value} onChange={(v) => field.onChange(v ?? 'mobile')} allowDeselect={false} aria-label={`Phone ${i + 1} type`} />
                )}
              />
              <Checkbox mt={32} label="Texts OK" {...register(`phones.${i}.texts`)} aria-label={`Phone ${i + 1} may receive texts`} />
              {phones.fields.length > 1 && <CloseButton mt={28} aria-label={`Remove phone ${i + 1}`} onClick={() => phones.remove(i)} />}
            </Group>
          ))}
          {errorAt(errors, 'phones') && (
            <Text c="red" size="xs" role="alert">
              {errorAt(errors, 'phones')}
            </Text>
          )}
          {phones.fields.length < 5 && (
            <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => phones.append({ number: '', type: 'home', texts: false })}>
              Add another phone
            </Button>
          )}
          <TextInput label="Email" type="email" placeholder="name@example.com" {...register('email')} error={errorAt(errors, 'email')} />
        </Stack>
      </Fieldset>

      <Fieldset legend="Address">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput label="Street address" style={{ gridColumn: 'span 2' }} {...register('address.line1')} error={errorAt(errors, 'address.line1')} />
          <TextInput label="Apartment, suite" style={{ gridColumn: 'span 2' }} {...register('address.line2')} error={errorAt(errors, 'address.line2')} />
          <TextInput label="City" style={{ gridColumn: 'span 2' }} {...register('address.city')} error={errorAt(errors, 'address.city')} />
          <Controller
            control={control}
            name="address.state"
            render={({ field }) => (
              <Select label="State" searchable clearable data={[...US_STATES]} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} error={errorAt(errors, 'address.state')} />
            )}
          />
          <TextInput label="ZIP code" inputMode="numeric" {...register('address.postalCode')} error={errorAt(errors, 'address.postalCode')} />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Language and consent">
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <Controller
            control={control}
            name="language"
            render={({ field }) => (
              <Select
                label="Preferred language"
                searchable
                data={COMMON_LANGUAGES.some((l) => l.code === field.value) || !field.value ? COMMON_LANGUAGES.map((l) => ({ value: l.code, label: l.label })) : [...COMMON_LANGUAGES.map((l) => ({ value: l.code, label: l.label })), { value: field.value, label: field.value }]}
                value={field.value ?? 'en'}
                onChange={(v) => field.onChange(v ?? 'en')}
                allowDeselect={false}
                error={errorAt(errors, 'language')}
              />
            )}
          />
          <Checkbox mt={32} label="Needs an interpreter" {...register('interpreterNeeded')} />
        </SimpleGrid>
        <Text size="sm" fw={500} mt="sm">
          The patient agrees to be contacted by
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {(['call', 'text', 'email'] as const).map((channel) => (
            <Group key={channel} align="flex-start" wrap="nowrap">
              <Controller
                control={control}
                name={`consent.${channel}.given`}
                render={({ field }) => (
                  <Checkbox
                    mt={32}
                    label={channel === 'call' ? 'Phone calls' : channel === 'text' ? 'Text messages' : 'Email'}
                    checked={field.value}
                    onChange={(e) => {
                      field.onChange(e.currentTarget.checked);
                      // The day the answer was given is recorded with it.
                      setValue(`consent.${channel}.recordedOn`, todayUs(today), { shouldDirty: true });
                    }}
                  />
                )}
              />
              <TextInput
                label="On"
                aria-label={`${channel} consent date`}
                placeholder="MM/DD/YYYY"
                w={130}
                disabled={!consent?.[channel]?.given && !consent?.[channel]?.recordedOn}
                {...register(`consent.${channel}.recordedOn`)}
                error={errorAt(errors, `consent.${channel}.recordedOn`)}
              />
            </Group>
          ))}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Emergency contact">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Contact name" {...register('emergencyContact.name')} error={errorAt(errors, 'emergencyContact.name')} />
          <TextInput label="Relationship" placeholder="Spouse, parent…" {...register('emergencyContact.relationship')} error={errorAt(errors, 'emergencyContact.relationship')} />
          <TextInput label="Contact phone" type="tel" {...register('emergencyContact.phone')} error={errorAt(errors, 'emergencyContact.phone')} />
        </SimpleGrid>
      </Fieldset>

      <GuarantorFields selfId={selfId} />

      <Fieldset legend="At the desk">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="primaryProviderId"
            render={({ field }) => (
              <Select
                label="Primary provider"
                clearable
                searchable
                data={providers.filter((p) => p.active || p.id === field.value).map((p) => ({ value: p.id, label: providerLabel(p) }))}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                nothingFoundMessage="No provider by that name"
                error={errorAt(errors, 'primaryProviderId')}
              />
            )}
          />
          <Controller
            control={control}
            name="alerts"
            render={({ field }) => (
              <TagsInput
                label="Front-desk alerts"
                description="Press Enter after each"
                placeholder="Needs wheelchair"
                maxTags={10}
                data={['Needs wheelchair', 'Prefers mornings', 'Hard of hearing', 'Bring interpreter']}
                value={field.value ?? []}
                onChange={field.onChange}
                error={errorAt(errors, 'alerts')}
              />
            )}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
