import { Alert, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PATIENT_FIELDS, type Patient, type PatientFields } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { describeValue, fieldPathLabel } from './patientFieldLabels';
import { useProviderNames } from '../catalog/public';

type HistoryRow = Awaited<ReturnType<ReturnType<typeof useDesk>['patients']['history']>>[number];

/** A recorded value in words: whole fields as the merge screen shows them, parts of fields as they are. */
const show = (field: string, value: unknown, names: Parameters<typeof describeValue>[2]) => {
  if (value === null || value === undefined || value === '') return '—';
  if (PATIENT_FIELDS.includes(field as keyof PatientFields)) return describeValue(field as keyof PatientFields, value, names);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** The record's edit history: who changed which field, when, from what to what. */
export function PatientHistory({ patient }: { patient: Patient }) {
  const desk = useDesk();
  const zone = useSettings().clinic.timeZone;
  const names = useProviderNames();
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    desk.patients
      .history(patient.id)
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [desk, patient.id, patient.updatedAt]);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!rows) return null;
  if (rows.length === 0) return <Text size="sm">No changes recorded yet.</Text>;
  const merges = rows.filter((r) => r.action === 'merge' && r.detail);
  return (
    <>
    {merges.map((m) => (
      <Text key={m.at} size="xs" mb={4}>
        {new Date(m.at).toLocaleString('en-US', { timeZone: zone })} · {m.who}: {m.detail}
      </Text>
    ))}
    <Table fz="xs" aria-label="Edit history">
      <Table.Tbody>
        {rows.flatMap((row) =>
          row.changes.map((c, i) => (
            <Table.Tr key={`${row.at}-${c.field}-${i}`}>
              <Table.Td>{new Date(row.at).toLocaleString('en-US', { timeZone: zone })}</Table.Td>
              <Table.Td>{row.who}</Table.Td>
              <Table.Td>{fieldPathLabel(c.field)}</Table.Td>
              <Table.Td>
                {row.action === 'create' ? show(c.field, c.after, names) : `${show(c.field, c.before, names)} → ${show(c.field, c.after, names)}`}
              </Table.Td>
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </Table>
    </>
  );
}
