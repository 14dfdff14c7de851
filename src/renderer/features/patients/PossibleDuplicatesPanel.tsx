import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { PatientId } from '../../../shared/domain/ids';
import { formatPhone } from '../../../shared/patients/patient';
import { DUPLICATE_REASON_LABEL, type PossibleDuplicate } from '../../../shared/patients/duplicates';

/** Registered patients who may be the person being registered, with a way to use the record instead. */
export function PossibleDuplicatesPanel({ duplicates, onUse }: { duplicates: PossibleDuplicate[]; onUse: (id: PatientId) => void }) {
  return (
    <Alert color="yellow" mt="md" title="Possible duplicates" role="region" aria-label="Possible duplicates">
      <Stack gap="xs">
        <Text size="sm">Check these before registering a new patient:</Text>
        {duplicates.slice(0, 5).map((d) => (
          <Group key={d.record.id} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {d.record.familyName}, {d.record.givenName} · {d.record.birthDate} · {formatPhone(d.record.phones[0] ?? '')} {d.record.mrn ? `· ${d.record.mrn}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {d.reasons.map((r) => DUPLICATE_REASON_LABEL[r]).join('; ')}
              </Text>
            </div>
            <Button size="xs" variant="light" onClick={() => onUse(d.record.id as PatientId)} aria-label={`Use ${d.record.familyName}, ${d.record.givenName}`}>
              Use this patient
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
