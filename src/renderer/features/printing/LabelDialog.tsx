import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Patient } from '../../../shared/patients/patient';
import { LABEL_KIND_LABEL, LABEL_STOCK_LABEL, MAX_LABELS, type LabelKind, type LabelLayout } from '../../../shared/print/labels';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';

/**
 * Prints a patient's labels: patient labels or chart labels on the label printer or on a letter
 * sheet of 30 (from the first free label), or a wristband; each with the MRN as a barcode.
 */
export function LabelDialog({ patient, providerName, onClose }: { patient: Patient; providerName: string; onClose: () => void }) {
  const desk = useDesk();
  const settings = useSettings();
  const [label, setLabel] = useState<LabelKind>('patient');
  const [layout, setLayout] = useState<LabelLayout>('roll');
  const [count, setCount] = useState<number | string>(6);
  const [startAt, setStartAt] = useState<number | string>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSheet = label !== 'wristband' && layout === 'sheet-30';
  const free = onSheet ? MAX_LABELS - Number(startAt) + 1 : MAX_LABELS;

  const print = async () => {
    setError(null);
    const n = label === 'wristband' ? 1 : Number(count);
    const from = onSheet ? Number(startAt) : 1;
    if (!Number.isInteger(from) || from < 1 || from > MAX_LABELS) return setError(`Start at a label from 1 to ${MAX_LABELS}.`);
    if (!Number.isInteger(n) || n < 1 || n > free) return setError(onSheet ? `From label ${from}, 1 to ${free} labels fit on the sheet.` : `Print 1 to ${MAX_LABELS} labels.`);
    setBusy(true);
    try {
      const result = await desk.labels.print(patient, { label, layout, count: n, startAt: from }, providerName);
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: `${LABEL_KIND_LABEL[label]} printed`, message: `${result.printerMessage} (${result.document.fileName})` });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Labels for ${patient.familyName}, ${patient.givenName}`} size="md">
      <form
        aria-label="Print labels"
        onSubmit={(e) => {
          e.preventDefault();
          void print();
        }}
      >
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} id="label-kind">
              Label
            </Text>
            <SegmentedControl
              aria-labelledby="label-kind"
              fullWidth
              value={label}
              onChange={(v) => setLabel(v as LabelKind)}
              data={(['patient', 'chart', 'wristband'] as const).map((k) => ({ value: k, label: LABEL_KIND_LABEL[k] }))}
            />
          </div>
          {label !== 'wristband' && (
            <div>
              <Text size="sm" fw={500} id="label-where">
                Print on
              </Text>
              <SegmentedControl
                aria-labelledby="label-where"
                fullWidth
                value={layout}
                onChange={(v) => setLayout(v as LabelLayout)}
                data={[
                  { value: 'roll', label: `Label printer (${LABEL_STOCK_LABEL[settings.labelStock]})` },
                  { value: 'sheet-30', label: 'Letter sheet of 30' },
                ]}
              />
            </div>
          )}
          {label === 'wristband' ? (
            <Text size="sm" c="dimmed">
              One 1 × 11 in band on the label printer{settings.labelPrinter ? ` (${settings.labelPrinter})` : ''}.
            </Text>
          ) : (
            <Group grow align="flex-start">
              <NumberInput label="How many" min={1} max={free} clampBehavior="none" value={count} onChange={setCount} allowDecimal={false} />
              {onSheet && <NumberInput label="Start at label" description="1 is the top left, across then down" min={1} max={MAX_LABELS} clampBehavior="none" value={startAt} onChange={setStartAt} allowDecimal={false} />}
            </Group>
          )}
          {!(onSheet ? settings.documentPrinter : settings.labelPrinter) && (
            <Text size="sm" c="dimmed">
              No {onSheet ? 'document' : 'label'} printer is set up here: the labels are kept as a PDF to print later.
            </Text>
          )}
          {error && (
            <Text size="sm" c="red.8" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Print
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
