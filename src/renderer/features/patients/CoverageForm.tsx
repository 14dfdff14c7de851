import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { COVERAGE_RANK_LABEL, CoverageInputSchema, SUBSCRIBER_RELATIONSHIP_LABEL, blankCoverageInput, type Coverage, type CoverageInput } from '../../../shared/patients/coverage';
import type { PatientId } from '../../../shared/domain/ids';
import { formatUsDate } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { usePayers } from '../catalog/public';
import { errorAt } from './PatientFields';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function toInput(c: Coverage): CoverageInput {
  return {
    rank: c.rank,
    payerId: c.payerId,
    plan: c.plan,
    memberId: c.memberId,
    groupNumber: c.groupNumber,
    relationship: c.relationship,
    subscriberName: c.subscriberName,
    subscriberBirthDate: formatUsDate(c.subscriberBirthDate),
    effectiveFrom: formatUsDate(c.effectiveFrom),
    effectiveTo: formatUsDate(c.effectiveTo),
  };
}

/** Adds an insurance coverage to a patient, or corrects one. */
export function CoverageForm({ patientId, coverage, defaultRank, onDone, run }: { patientId: PatientId; coverage: Coverage | null; defaultRank: Coverage['rank']; onDone: () => void; run: (action: () => Promise<void>) => Promise<void> }) {
  const desk = useDesk();
  const payers = usePayers();
  const [error, setError] = useState<string | null>(null);
  const { register, control, handleSubmit, formState } = useForm<CoverageInput>({
    resolver: zodResolver(CoverageInputSchema),
    defaultValues: coverage ? toInput(coverage) : blankCoverageInput(defaultRank),
    mode: 'onTouched',
  });
  const errors = formState.errors;
  const relationship = useWatch({ control, name: 'relationship' });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await run(async () => {
        if (coverage) await desk.coverages.update(coverage.id, values);
        else await desk.coverages.add(patientId, values);
        onDone();
      });
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <form aria-label={coverage ? 'Edit coverage' : 'Add coverage'} noValidate onSubmit={(e) => void submit(e)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Controller
          control={control}
          name="rank"
          render={({ field }) => <Select label="Order" withAsterisk data={options(COVERAGE_RANK_LABEL)} value={field.value} onChange={(v) => field.onChange(v ?? 'primary')} allowDeselect={false} error={errorAt(errors, 'rank')} />}
        />
        <Controller
          control={control}
          name="payerId"
          render={({ field }) => (
            <Select
              label="Insurance company"
              withAsterisk
              searchable
              data={payers.filter((p) => p.active || p.id === field.value).map((p) => ({ value: p.id, label: p.name }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              nothingFoundMessage="Not on the clinic's payer list (a manager adds payers in Settings)"
              error={errorAt(errors, 'payerId')}
            />
          )}
        />
        <TextInput label="Plan" {...register('plan')} error={errorAt(errors, 'plan')} />
        <TextInput label="Member id" withAsterisk {...register('memberId')} error={errorAt(errors, 'memberId')} />
        <TextInput label="Group number" {...register('groupNumber')} error={errorAt(errors, 'groupNumber')} />
        <Controller
          control={control}
          name="relationship"
          render={({ field }) => (
            <Select label="Patient is the subscriber's" data={options(SUBSCRIBER_RELATIONSHIP_LABEL)} value={field.value} onChange={(v) => field.onChange(v ?? 'self')} allowDeselect={false} />
          )}
        />
        {relationship !== 'self' && (
          <>
            <TextInput label="Subscriber name" withAsterisk {...register('subscriberName')} error={errorAt(errors, 'subscriberName')} />
            <TextInput label="Subscriber date of birth" withAsterisk placeholder="MM/DD/YYYY" {...register('subscriberBirthDate')} error={errorAt(errors, 'subscriberBirthDate')} />
          </>
        )}
        <TextInput label="Effective from" placeholder="MM/DD/YYYY" {...register('effectiveFrom')} error={errorAt(errors, 'effectiveFrom')} />
        <TextInput label="Ends on" placeholder="MM/DD/YYYY" {...register('effectiveTo')} error={errorAt(errors, 'effectiveTo')} />
      </SimpleGrid>
      <FormFooter error={error} submitLabel={coverage ? 'Save coverage' : 'Add coverage'} loading={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
