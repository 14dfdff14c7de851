import { Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatPhone, patientDisplayName, type Patient } from '../../../shared/domain/patient';
import { useDeskStore } from '../../app/deskStore';
import { PatientHistory } from './PatientHistory';

/** The patient in hand, with the next things the desk does for them. */
export function PatientCard({ patient, onEdit }: { patient: Patient; onEdit: () => void }) {
  const [history, setHistory] = useState(false);
  const go = useDeskStore((s) => s.go);
  const takePayment = useDeskStore((s) => s.takePayment);
  return (
    <Card withBorder padding="md" aria-label="Selected patient">
      <Stack gap={4}>
        <Title order={2} size="h4">
          {patientDisplayName(patient)}
        </Title>
        <Text size="sm" data-testid="patient-mrn">
          MRN: {patient.mrn || 'not assigned'}
        </Text>
        <Text size="sm">Date of birth: {patient.birthDate}</Text>
        <Text size="sm">Phone: {formatPhone(patient.phone)}</Text>
      </Stack>
      <Group mt="md">
        <Button onClick={() => go('schedule')}>Book appointment</Button>
        <Button variant="light" onClick={() => takePayment(patient.id, null)}>
          Take payment
        </Button>
        <Button variant="default" onClick={onEdit}>
          Edit
        </Button>
        <Button variant="subtle" onClick={() => setHistory(!history)} aria-expanded={history}>
          History
        </Button>
      </Group>
      {history && (
        <>
          <Divider my="sm" label="Edit history" labelPosition="left" />
          <PatientHistory patient={patient} />
        </>
      )}

    </Card>
  );
}
