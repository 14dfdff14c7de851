import { Autocomplete, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { RECEIPT_PAPER_LABEL, ReceiptPaperSchema, type ReceiptPaper } from '../../../shared/print/receipt';
import { DOCUMENT_PAPER_LABEL, DocumentPaperSchema, type DocumentPaper } from '../../../shared/print/paper';
import { LABEL_STOCK_LABEL, LabelStockSchema, type LabelStock } from '../../../shared/print/labels';
import { PRINTED_KIND_PLURAL, PrintedDocumentSchema, type PrintedKind } from '../../../shared/print/channels';
import type { PrintCopies } from '../../../shared/settings/channels';
import { FormFooter } from '../../components/FormFooter';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/** This workstation's number prefix and site, its receipt, document and label printers, and when the screen locks. */
export function WorkstationSettingsForm() {
  const desk = useDesk();
  const settings = useSettings();
  const [prefix, setPrefix] = useState(settings.workstationPrefix);
  const [siteId, setSiteId] = useState(settings.siteId);
  const [printer, setPrinter] = useState(settings.receiptPrinter ?? '');
  const [documentPrinter, setDocumentPrinter] = useState(settings.documentPrinter ?? '');
  const [documentPaper, setDocumentPaper] = useState<DocumentPaper>(settings.documentPaper);
  const [paper, setPaper] = useState<ReceiptPaper>(settings.receiptPaper);
  const [labelPrinter, setLabelPrinter] = useState(settings.labelPrinter ?? '');
  const [labelStock, setLabelStock] = useState<LabelStock>(settings.labelStock);
  const [copies, setCopies] = useState<Record<keyof PrintCopies, string | number>>(settings.printCopies);
  const [pdfOnly, setPdfOnly] = useState<string[]>(settings.pdfOnlyKinds);
  const [autoPrint, setAutoPrint] = useState(settings.receiptAutoPrint);
  const [lockMinutes, setLockMinutes] = useState(String(settings.lockMinutes));
  const [error, setError] = useState<string | null>(null);
  // The system's printers, where this host can print (none in a browser: the names are typed).
  const [printers, setPrinters] = useState<string[]>([]);
  useEffect(() => {
    desk.client
      .call('print:printers', {})
      .then((list) => setPrinters(list.map((p) => p.name)))
      .catch(() => setPrinters([]));
  }, [desk]);

  const save = async () => {
    setError(null);
    const minutes = Number(lockMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) return setError('Lock after 1 to 60 minutes.');
    const counts = { receipt: Number(copies.receipt), document: Number(copies.document), label: Number(copies.label) };
    if (Object.values(counts).some((n) => !Number.isInteger(n) || n < 1 || n > 5)) return setError('Each printer prints 1 to 5 copies.');
    try {
      await desk.ctx.authorize('settings.workstation');
      await desk.client.call('settings:setWorkstation', { workstationPrefix: prefix.trim().toUpperCase(), siteId });
      await desk.client.call('settings:setReceiptPrinter', { name: printer.trim() || null, paper, printAutomatically: autoPrint });
      await desk.client.call('settings:setDocumentPrinter', { name: documentPrinter.trim() || null, paper: documentPaper });
      await desk.client.call('settings:setLabelPrinter', { name: labelPrinter.trim() || null, stock: labelStock });
      await desk.client.call('settings:setPrintOptions', { copies: counts, pdfOnlyKinds: pdfOnly as PrintedKind[] });
      await desk.client.call('settings:setLockMinutes', { minutes });
      await desk.ctx.audit({
        action: 'change',
        subject: 'workstation settings',
        detail: `Prefix ${prefix.trim().toUpperCase()}, site ${siteId}, receipt printer ${printer.trim() || 'none'} (${RECEIPT_PAPER_LABEL[paper]}, ${autoPrint ? 'prints at once' : 'on demand'}), document printer ${documentPrinter.trim() || 'none'} (${DOCUMENT_PAPER_LABEL[documentPaper]}), label printer ${labelPrinter.trim() || 'none'} (${LABEL_STOCK_LABEL[labelStock]}), copies ${counts.receipt}/${counts.document}/${counts.label}, PDF only: ${pdfOnly.length ? pdfOnly.map((k) => PRINTED_KIND_PLURAL[k as PrintedKind]).join(', ') : 'none'}, lock after ${minutes} min`,
      });
      await desk.refreshSettings();
      notifications.show({ color: 'teal', message: 'Workstation settings saved' });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const testPage = async (to: 'receipt' | 'document' | 'label') => {
    try {
      const result = await desk.client.call('print:testPage', { to });
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'yellow', title: result.sentToPrinter ? 'Test page printed' : 'No test page printed', message: result.printerMessage });
    } catch (e) {
      notifications.show({ color: 'red', title: 'No test page printed', message: (e as Error).message });
    }
  };

  const printerField = (label: string, value: string, set: (v: string) => void, empty: string) => (
    <Autocomplete label={label} description={empty} data={printers} value={value} onChange={set} placeholder={printers.length > 0 ? 'Choose a printer' : 'The printer’s system name'} />
  );

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
        <TextInput label="Lock after (minutes)" description="Idle time before the screen locks" inputMode="numeric" value={lockMinutes} onChange={(e) => setLockMinutes(e.currentTarget.value)} />
        {printerField('Receipt printer', printer, setPrinter, 'Empty: receipts are kept as PDFs only')}
        <NativeSelect label="Receipt paper" description="Set to the paper that printer holds" value={paper} onChange={(e) => setPaper(e.currentTarget.value as ReceiptPaper)} data={ReceiptPaperSchema.options.map((p) => ({ value: p, label: RECEIPT_PAPER_LABEL[p] }))} />
        <Checkbox
          mt="lg"
          label="Print the receipt as soon as a payment is taken"
          description="Off: receipts are kept as PDFs and printed with Print receipt"
          checked={autoPrint}
          onChange={(e) => setAutoPrint(e.currentTarget.checked)}
        />
        {printerField('Document printer', documentPrinter, setDocumentPrinter, 'Schedules, forms, visit summaries, statements, the day sheet, label sheets. Empty: kept as PDFs only')}
        <NativeSelect
          label="Document paper"
          description="The paper it holds; statements and label sheets stay on letter"
          value={documentPaper}
          onChange={(e) => setDocumentPaper(e.currentTarget.value as DocumentPaper)}
          data={DocumentPaperSchema.options.map((p) => ({ value: p, label: DOCUMENT_PAPER_LABEL[p] }))}
        />
        {printerField('Label printer', labelPrinter, setLabelPrinter, 'Patient and chart labels, wristbands. Empty: kept as PDFs only')}
        <NativeSelect label="Label stock" description="The labels that printer holds" value={labelStock} onChange={(e) => setLabelStock(e.currentTarget.value as LabelStock)} data={LabelStockSchema.options.map((s) => ({ value: s, label: LABEL_STOCK_LABEL[s] }))} />
        <NumberInput label="Receipt copies" description="Each receipt, as it prints the first time" min={1} max={5} clampBehavior="none" allowDecimal={false} value={copies.receipt} onChange={(v) => setCopies((c) => ({ ...c, receipt: v }))} />
        <NumberInput label="Document copies" description="Each letter or A4 document" min={1} max={5} clampBehavior="none" allowDecimal={false} value={copies.document} onChange={(v) => setCopies((c) => ({ ...c, document: v }))} />
        <NumberInput label="Label copies" description="Each label job" min={1} max={5} clampBehavior="none" allowDecimal={false} value={copies.label} onChange={(v) => setCopies((c) => ({ ...c, label: v }))} />
      </SimpleGrid>
      <Checkbox.Group mt="sm" label="Keep as PDFs only, never printed here" description="These are kept with the printed documents and can be printed from there" value={pdfOnly} onChange={setPdfOnly}>
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing={6} mt={6}>
          {PrintedDocumentSchema.shape.kind.options.map((k) => (
            <Checkbox key={k} value={k} label={PRINTED_KIND_PLURAL[k].charAt(0).toUpperCase() + PRINTED_KIND_PLURAL[k].slice(1)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Group mt="sm" gap="xs">
        <Button variant="default" size="xs" onClick={() => void testPage('receipt')}>
          Test page on the receipt printer
        </Button>
        <Button variant="default" size="xs" onClick={() => void testPage('document')}>
          Test page on the document printer
        </Button>
        <Button variant="default" size="xs" onClick={() => void testPage('label')}>
          Test label on the label printer
        </Button>
      </Group>
      <FormFooter error={error} submitLabel="Save workstation" />
    </form>
  );
}
