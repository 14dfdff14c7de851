import { Button, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { coverageInForce, type Coverage } from '../../../shared/patients/coverage';
import type { Patient } from '../../../shared/patients/patient';
import { PRINTABLE_FORM_LABEL, PRINTABLE_FORMS, type PrintableForm } from '../../../shared/print/forms';
import { useDesk } from '../../app/DeskContext';
import { useToday } from '../../app/useToday';

/**
 * Prints the clinic's patient forms: filled in from a patient's record (with the coverage in
 * force) for them to check and sign, or blank for anyone to fill in by hand. Without a patient,
 * only blank forms.
 */
export function PrintFormsDialog({ patient, coverages = [], onClose }: { patient?: Patient; coverages?: readonly Coverage[]; onClose: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const [mode, setMode] = useState<'filled' | 'blank'>(patient ? 'filled' : 'blank');
  const [busy, setBusy] = useState<PrintableForm | null>(null);
  // What became of each form printed, shown on its row (notices would cover the list being worked through).
  const [outcomes, setOutcomes] = useState<Partial<Record<string, { ok: boolean; text: string }>>>({});
  const key = (form: PrintableForm) => `${mode}:${form}`;
  const coverage = coverages.find((c) => coverageInForce(c, today.date)) ?? null;

  const print = async (form: PrintableForm) => {
    setBusy(form);
    try {
      const result = mode === 'filled' && patient ? await desk.formPrints.print(form, patient, coverage) : await desk.formPrints.printBlank(form);
      setOutcomes((o) => ({ ...o, [key(form)]: { ok: true, text: `${result.sentToPrinter ? 'Printed' : 'Kept'}: ${result.printerMessage} (${result.document.fileName})` } }));
    } catch (e) {
      setOutcomes((o) => ({ ...o, [key(form)]: { ok: false, text: `Not printed: ${(e as Error).message}` } }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal opened onClose={onClose} title={patient ? `Forms for ${patient.familyName}, ${patient.givenName}` : 'Blank forms'} size="lg">
      <Stack gap="sm">
        {patient && (
          <div>
            <Text size="sm" fw={500} id="forms-mode">
              Print
            </Text>
            <SegmentedControl
              aria-labelledby="forms-mode"
              fullWidth
              value={mode}
              onChange={(v) => setMode(v as 'filled' | 'blank')}
              data={[
                { value: 'filled', label: 'Filled in from the record' },
                { value: 'blank', label: 'Blank' },
              ]}
            />
          </div>
        )}
        <Text size="sm" c="dimmed">
          {mode === 'filled' ? 'The patient checks what is on file, corrects it and signs.' : 'Nothing is filled in: for a walk-in, a mailing or a stack at the desk.'} Every form is kept as a PDF{patient && mode === 'filled' ? ' with the patient’s printed documents' : ''}.
        </Text>
        <Table aria-label="Forms" aria-live="polite">
          <Table.Tbody>
            {PRINTABLE_FORMS.map((form) => (
              <Table.Tr key={form}>
                <Table.Td>
                  <Text size="sm">{PRINTABLE_FORM_LABEL[form]}</Text>
                  {outcomes[key(form)] && (
                    <Text size="xs" c={outcomes[key(form)]!.ok ? 'dimmed' : 'red.8'} data-testid="form-outcome">
                      {outcomes[key(form)]!.text}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="light" loading={busy === form} disabled={busy !== null && busy !== form} onClick={() => void print(form)} aria-label={`Print ${PRINTABLE_FORM_LABEL[form]}${mode === 'blank' ? ' (blank)' : ''}`}>
                    Print
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
