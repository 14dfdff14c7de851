import { Alert, Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { PatientId } from '../../../shared/domain/ids';
import { patientDisplayName, type Patient, type PatientFields } from '../../../shared/patients/patient';
import { useProviderNames } from '../catalog/public';
import { defaultMergeChoices, differingFields, type MergeChoices } from '../../../shared/patients/merge';
import { useDesk } from '../../app/DeskContext';
import { usePatient } from './usePatient';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { PatientPicker } from './PatientPicker';
import { describeValue, FIELD_LABEL } from './patientFieldLabels';

/**
 * Merges two records of the same person: the desk picks the record that survives and, field by
 * field, whose value it keeps. The other record is kept as "merged into" the survivor.
 */
export function MergeDialog({ patient, opened, onClose, onMerged }: { patient: Patient; opened: boolean; onClose: () => void; onMerged: (survivor: PatientId) => void }) {
  const desk = useDesk();
  const guard = useGuardedAction();
  const names = useProviderNames();
  const [otherId, setOtherId] = useState('');
  const other = usePatient((otherId || null) as PatientId | null);
  const [survivorIsThis, setSurvivorIsThis] = useState(true);
  /** What the desk changed from the proposal, for this pair of records only. */
  const [picked, setPicked] = useState<{ pair: string; choices: MergeChoices }>({ pair: '', choices: {} });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [survivor, merged] = other ? (survivorIsThis ? [patient, other] : [other, patient]) : [patient, null];
  const pair = merged ? `${survivor.id}|${merged.id}` : '';
  const fields = useMemo(() => (merged ? differingFields(survivor, merged) : []), [survivor, merged]);
  const proposed = useMemo(() => (merged ? defaultMergeChoices(survivor, merged) : {}), [survivor, merged]);
  const choices: MergeChoices = { ...proposed, ...(picked.pair === pair ? picked.choices : {}) };
  const choose = (field: keyof PatientFields, side: 'survivor' | 'other') => setPicked((p) => ({ pair, choices: { ...(p.pair === pair ? p.choices : {}), [field]: side } }));
  const close = () => {
    setOtherId('');
    setError(null);
    setSurvivorIsThis(true);
    onClose();
  };

  const merge = async () => {
    if (!merged) return;
    setError(null);
    setBusy(true);
    try {
      await guard.run(async () => {
        const result = await desk.patients.merge(survivor.id, merged.id, choices);
        notifications.show({ color: 'teal', message: `${patientDisplayName(merged)} (${merged.mrn}) was merged into ${patientDisplayName(result)} (${result.mrn})` });
        setOtherId('');
        setSurvivorIsThis(true);
        onMerged(result.id);
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Merge duplicate records" size="xl" withinPortal={false}>
      <Stack>
        <RefusalNotice guard={guard} />
        <PatientPicker label="The other record of this person" value={otherId} onChange={setOtherId} exclude={[patient.id]} autoFocus />
        {other && merged && (
          <>
            <Radio.Group label="Record to keep" value={survivorIsThis ? 'this' : 'other'} onChange={(v) => setSurvivorIsThis(v === 'this')}>
              <Group mt="xs">
                <Radio value="this" label={`${patientDisplayName(patient)} · ${patient.mrn || 'no MRN'}`} />
                <Radio value="other" label={`${patientDisplayName(other)} · ${other.mrn || 'no MRN'}`} />
              </Group>
            </Radio.Group>
            {fields.length === 0 ? (
              <Text size="sm">The two records have the same details.</Text>
            ) : (
              <Table aria-label="Values to keep" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Field</Table.Th>
                    <Table.Th>Kept record ({survivor.mrn || 'no MRN'})</Table.Th>
                    <Table.Th>Merged record ({merged.mrn || 'no MRN'})</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fields.map((field) => (
                    <Table.Tr key={field}>
                      <Table.Td>{FIELD_LABEL[field]}</Table.Td>
                      {(['survivor', 'other'] as const).map((side) => (
                        <Table.Td key={side}>
                          <Radio
                            name={`merge-${field}`}
                            checked={(choices[field] ?? 'survivor') === side}
                            onChange={() => choose(field, side)}
                            label={describeValue(field, (side === 'survivor' ? survivor : merged)[field], names)}
                            aria-label={`${FIELD_LABEL[field]}: keep ${describeValue(field, (side === 'survivor' ? survivor : merged)[field], names)}`}
                          />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Alert color="yellow">
              {patientDisplayName(merged)} ({merged.mrn || 'no MRN'}) will be marked as merged. Its appointments, insurance and documents move to the kept record;
              its payments stay on the ledger as they were and count towards the kept record. This is recorded in the audit log.
            </Alert>
          </>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" disabled={!merged} loading={busy} onClick={() => void merge()}>
            Merge records
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
