import { NativeSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useDesk } from '../../app/DeskContext';
import { FormFooter } from '../../components/FormFooter';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';
import type { PrintNames } from './schedulePrints';

/** Prints one provider's day (letter) through main; the PDF is kept with the printed documents. */
export function PrintDayForm({ date, providers, names, onDone }: { date: string; providers: readonly { id: string; title: string }[]; names: PrintNames; onDone: () => void }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '');
  const { busy, error, submit } = useFormSubmit(guard);
  const print = () =>
    submit(async () => {
      const result = await desk.schedulePrints.printDay(date, providerId, names);
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Day schedule printed', message: `${result.printerMessage} (${result.document.fileName})` });
      onDone();
    });
  return (
    <form
      aria-label="Print day schedule"
      onSubmit={(e) => {
        e.preventDefault();
        void print();
      }}
    >
      <Text size="sm" mb="sm">
        A letter page of the provider's visits on {date}, kept as a PDF with the printed documents.
      </Text>
      <NativeSelect label="Provider" data={providers.map((p) => ({ value: p.id, label: p.title }))} value={providerId} onChange={(e) => setProviderId(e.currentTarget.value)} data-autofocus />
      <RefusalNotice guard={guard} />
      <FormFooter error={error} submitLabel="Print" loading={busy} onCancel={onDone} />
    </form>
  );
}
