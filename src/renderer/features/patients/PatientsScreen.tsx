import { Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { getHotkeyHandler, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatPhone, formatUsDate, patientDisplayName, primaryPhone } from '../../../shared/patients/patient';
import type { PatientRow } from './data/patientsRepo';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { useSessionStore } from '../signin/public';
import { usePatient } from './usePatient';
import { EditPatientForm } from './EditPatientForm';
import { PatientCard } from './PatientCard';
import { RegisterPatientForm } from './RegisterPatientForm';
import { usePatientSearch } from './usePatientSearch';
import { PrintFormsDialog } from '../checkin/public';

export function PatientsScreen() {
  const [query, setQuery] = useState('');
  const [registering, setRegistering] = useState(false);
  const [blankForms, setBlankForms] = useState(false);
  const [editing, setEditing] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const { results, notReady } = usePatientSearch(query);
  const selectedId = useDeskStore((s) => s.selectedPatientId);
  const selectPatient = useDeskStore((s) => s.selectPatient);
  const selected = usePatient(selectedId);
  const openFinder = useDeskStore((s) => s.openFinder);
  useHotkeys([['alt+n', () => !useSessionStore.getState().locked && setRegistering(true)]]);

  const desk = useDesk();
  /** Opening a record is a view of patient data: checked and audited. */
  const choose = async (p: PatientRow | undefined) => {
    if (!p) return;
    try {
      await desk.patients.open(p.id);
      selectPatient(p.id);
      setQuery('');
    } catch (error) {
      notifications.show({ color: 'red', title: 'Cannot open the record', message: (error as Error).message });
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Patients</Title>
        <Group gap="sm">
          <Button variant="default" onClick={openFinder}>
            Find (Ctrl+K)
          </Button>
          <Button variant="default" onClick={() => setBlankForms(true)}>
            Blank forms…
          </Button>
          <Button onClick={() => setRegistering(true)}>Register patient</Button>
        </Group>
      </Group>
      <div>
        <TextInput
          label="Find patient"
          placeholder="Name, date of birth, phone or MRN"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setHighlight(0);
          }}
          onKeyDown={getHotkeyHandler([
            ['ArrowDown', () => setHighlight((h) => Math.min(h + 1, results.length - 1))],
            ['ArrowUp', () => setHighlight((h) => Math.max(h - 1, 0))],
            ['Enter', () => void choose(results[highlight])],
          ])}
          autoFocus
        />
        {query.trim() && results.length === 0 && (
          <Text c="dimmed" mt="sm" role="status">
            {notReady ?? `No patient matches “${query}”.`}
          </Text>
        )}
        {results.length > 0 && (
          <Table highlightOnHover mt="sm" aria-label="Search results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Date of birth</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>MRN</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.map((p, i) => (
                <Table.Tr
                  key={p.id}
                  onClick={() => void choose(p)}
                  bg={i === highlight ? 'var(--mantine-color-teal-light)' : undefined}
                  aria-selected={p.id === selectedId}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <button
                      type="button"
                      className="row-link"
                      onClick={(e) => {
                        e.stopPropagation();
                        void choose(p);
                      }}
                    >
                      {patientDisplayName(p)}
                    </button>
                  </Table.Td>
                  <Table.Td>{formatUsDate(p.birthDate)}</Table.Td>
                  <Table.Td>{formatPhone(primaryPhone(p))}</Table.Td>
                  <Table.Td>{p.mrn}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {/* The record sits outside any grid or card, so its dialogs can cover the window. */}
      {selected && <PatientCard patient={selected} onEdit={() => setEditing(true)} />}
      <Modal opened={editing && selected !== null} onClose={() => setEditing(false)} title="Edit patient" size="lg" withinPortal={false}>
        {selected && <EditPatientForm patient={selected} onDone={() => setEditing(false)} />}
      </Modal>
      {blankForms && <PrintFormsDialog onClose={() => setBlankForms(false)} />}
      <Modal opened={registering} onClose={() => setRegistering(false)} title="Register patient" size="lg" withinPortal={false}>
        <RegisterPatientForm
          onCancel={() => setRegistering(false)}
          onUseExisting={(id) => {
            setRegistering(false);
            void desk.patients
              .open(id)
              .then(() => selectPatient(id))
              .catch((error: unknown) => notifications.show({ color: 'red', title: 'Cannot open the record', message: (error as Error).message }));
          }}
          onSaved={(p) => {
            setRegistering(false);
            selectPatient(p.id);
            notifications.show({ color: 'teal', message: `${patientDisplayName(p)} registered` });
          }}
        />
      </Modal>
    </Stack>
  );
}
