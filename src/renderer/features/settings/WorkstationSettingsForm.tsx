import { Checkbox, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { RECEIPT_PAPER_LABEL, ReceiptPaperSchema, type ReceiptPaper } from '../../../shared/print/receipt';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** This workstation's number prefix and site, and the printer receipts go to. */
export function WorkstationSettingsForm() {
  const desk = useDesk();
  const settings = useSettings();
  const [prefix, setPrefix] = useState(settings.workstationPrefix);
  const [siteId, setSiteId] = useState(settings.siteId);
  const [printer, setPrinter] = useState(settings.receiptPrinter ?? '');
  const [paper, setPaper] = useState<ReceiptPaper>(settings.receiptPaper);
  const [autoPrint, setAutoPrint] = useState(settings.receiptAutoPrint);
  const [lockMinutes, setLockMinutes] = useState(String(settings.lockMinutes));
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    const minutes = Number(lockMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) return setError('Lock after 1 to 60 minutes.');
    try {
      await desk.ctx.authorize('settings.workstation');
      await desk.client.call('settings:setWorkstation', { workstationPrefix: prefix.trim().toUpperCase(), siteId });
      await desk.client.call('settings:setReceiptPrinter', { name: printer.trim() || null, paper, printAutomatically: autoPrint });
      await desk.client.call('settings:setLockMinutes', { minutes });
      await desk.ctx.audit({ action: 'change', subject: 'workstation settings', detail: `Prefix ${prefix.trim().toUpperCase()}, site ${siteId}, printer ${printer.trim() || 'none'} (${RECEIPT_PAPER_LABEL[paper]}, ${autoPrint ? 'prints at once' : 'on demand'}), lock after ${minutes} min` });
      await desk.refreshSettings();
      notifications.show({ color: 'teal', message: 'Workstation settings saved' });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      aria-label="Workstation"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <TextInput label="Workstation prefix" description="Starts every receipt number, e.g. N2-000145" value={prefix} onChange={(e) => setPrefix(e.currentTarget.value)} />
        <TextInput label="Site" value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)} />
        <TextInput label="Receipt printer" description="Empty: receipts are kept as PDFs only" value={printer} onChange={(e) => setPrinter(e.currentTarget.value)} />
        <NativeSelect label="Receipt paper" value={paper} onChange={(e) => setPaper(e.currentTarget.value as ReceiptPaper)} data={ReceiptPaperSchema.options.map((p) => ({ value: p, label: RECEIPT_PAPER_LABEL[p] }))} />
        <Checkbox
          mt="lg"
          label="Print the receipt as soon as a payment is taken"
          description="Off: receipts are kept as PDFs and printed with Print receipt"
          checked={autoPrint}
          onChange={(e) => setAutoPrint(e.currentTarget.checked)}
        />
        <TextInput label="Lock after (minutes)" description="Idle time before the screen locks" inputMode="numeric" value={lockMinutes} onChange={(e) => setLockMinutes(e.currentTarget.value)} />
      </SimpleGrid>
      <FormFooter error={error} submitLabel="Save workstation" />
    </form>
  );
}
