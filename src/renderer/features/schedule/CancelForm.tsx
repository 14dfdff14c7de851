import { NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { CANCEL_REASON_LABEL, CancelReasonSchema, type Appointment, type CancelReason } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import type { SeriesScope } from './appointmentsRepo';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';

/** Why a visit is cancelled (a note is needed for "Other"); the reason stays on the visit. */
export function CancelForm({ visit, onDone, onCancelled }: { visit: Appointment; onDone: () => void; onCancelled?: (visit: Appointment) => void }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [note, setNote] = useState('');
  const [scope, setScope] = useState<SeriesScope>('this');
  const { busy, error, setError, submit: run } = useFormSubmit(guard);
  const submit = () => {
    if (!reason) return setError('Choose why the appointment is cancelled.');
    return run(async () => {
      await desk.appointments.cancel(visit.id, reason, note, scope);
      onCancelled?.(visit);
      notifications.show({ message: scope === 'following' ? 'This visit and the later ones cancelled' : 'Appointment cancelled' });
      onDone();
    });
  };
  return (
    <form
      aria-label="Cancel appointment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <NativeSelect
          label="Why"
          withAsterisk
          data={[{ value: '', label: 'Choose a reason' }, ...CancelReasonSchema.options.map((r) => ({ value: r, label: CANCEL_REASON_LABEL[r] }))]}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as CancelReason | '')}
        />
        {visit.seriesId && <SeriesScopeChoice value={scope} onChange={setScope} verb="Cancel" />}
        <TextInput label="Note" withAsterisk={reason === 'other'} value={note} maxLength={200} onChange={(e) => setNote(e.currentTarget.value)} />
        <RefusalNotice guard={guard} />
      </Stack>
      <FormFooter error={error} submitLabel="Cancel appointment" loading={busy} onCancel={onDone} cancelLabel="Keep it" />
    </form>
  );
}

/** For a visit of a repeating series: this one only, or it and the later ones. */
export function SeriesScopeChoice({ value, onChange, verb }: { value: SeriesScope; onChange: (scope: SeriesScope) => void; verb: string }) {
  return (
    <Radio.Group label={`${verb} which visits`} value={value} onChange={(v) => onChange(v as SeriesScope)}>
      <Stack gap={6} mt={6}>
        <Radio value="this" label="This visit only" />
        <Radio value="following" label="This visit and the later ones of the series" />
      </Stack>
    </Radio.Group>
  );
}
