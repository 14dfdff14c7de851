import { Badge, Button, Card, FileButton, Group, Image, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { COVERAGE_RANK_LABEL, SUBSCRIBER_RELATIONSHIP_LABEL, coverageInForce, type Coverage } from '../../../shared/patients/coverage';
import type { PatientId } from '../../../shared/domain/ids';
import { formatUsDate, type Patient } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useToday } from '../../app/useToday';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { compressImage } from './cardImage';
import { useDocumentImage } from './useDocumentImage';
import { CoverageForm } from './CoverageForm';
import { printCardCopy } from './cardCopyPrint';
import { useSettings } from '../../app/settingsStore';

function CardSide({ coverage, side, run }: { coverage: Coverage; side: 'front' | 'back'; run: (action: () => Promise<void>) => Promise<void> }) {
  const desk = useDesk();
  const documentId = side === 'front' ? coverage.cardFrontId : coverage.cardBackId;
  const url = useDocumentImage(documentId);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const image = await compressImage(file);
      await run(async () => {
        const doc = await desk.documents.add(coverage.patientId, { kind: side === 'front' ? 'insurance-card-front' : 'insurance-card-back', title: `${coverage.payerName} card (${side})`, ...image });
        await desk.coverages.attachCard(coverage.id, side, doc.id);
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The card image was not saved', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Text size="xs" c="dimmed">
        Card {side}
      </Text>
      {url ? <Image src={url} alt={`Insurance card ${side}`} h={110} w="auto" fit="contain" radius="sm" /> : <Text size="xs">No image</Text>}
      <FileButton onChange={(f) => void upload(f)} accept="image/*">
        {(props) => (
          <Button {...props} size="compact-xs" variant="light" loading={busy} aria-label={`${documentId ? 'Replace image of' : 'Add image of'} the card ${side} for ${coverage.payerName}`}>
            {documentId ? 'Replace' : 'Add image'}
          </Button>
        )}
      </FileButton>
    </Stack>
  );
}

/** The patient's insurance: active coverages in billing order, then ended ones; card images. */
export function CoveragesPanel({ patient, coverages }: { patient: Patient; coverages: Coverage[] }) {
  const settings = useSettings();
  const desk = useDesk();
  const today = useToday();
  const guard = useGuardedAction();
  const [editing, setEditing] = useState<Coverage | 'new' | null>(null);
  const nextRank = (['primary', 'secondary', 'tertiary'] as const).find((r) => !coverages.some((c) => c.status === 'active' && c.rank === r)) ?? 'primary';
  const end = (c: Coverage) =>
    void guard.run(async () => {
      await desk.coverages.end(c.id, c.effectiveTo || today.date);
      notifications.show({ message: `${c.payerName} coverage ended` });
    }).catch((e: unknown) => notifications.show({ color: 'red', title: 'Not changed', message: (e as Error).message }));
  const printCopy = async (c: Coverage) => {
    try {
      const result = await printCardCopy({ ctx: desk.ctx, client: desk.client, documents: desk.documents, settings: () => settings }, patient, c);
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: 'Insurance card copy printed', message: `${result.printerMessage} (${result.document.fileName})` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The card copy was not printed', message: (e as Error).message });
    }
  };
  return (
    <Stack>
      <RefusalNotice guard={guard} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {coverages.filter((c) => c.status === 'active').length} active coverage(s)
        </Text>
        <Button size="compact-sm" onClick={() => setEditing('new')} disabled={patient.status === 'merged-into'}>
          Add coverage
        </Button>
      </Group>
      {coverages.length === 0 && <Text size="sm">No insurance on file (self-pay).</Text>}
      {coverages.map((c) => (
        <Card key={c.id} withBorder padding="sm" aria-label={`${COVERAGE_RANK_LABEL[c.rank]} coverage ${c.payerName}`}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant={c.status === 'active' ? 'filled' : 'outline'} color={c.status === 'active' ? 'teal' : 'gray'}>
                  {c.status === 'active' ? COVERAGE_RANK_LABEL[c.rank] : 'Ended'}
                </Badge>
                <Text fw={600}>{c.payerName}</Text>
                {c.plan && <Text size="sm">{c.plan}</Text>}
                {c.status === 'active' && !coverageInForce(c, today.date) && <Badge color="orange">Not in force today</Badge>}
              </Group>
              <Text size="sm">
                Member id <b>{c.memberId}</b>
                {c.groupNumber && <> · Group {c.groupNumber}</>}
              </Text>
              <Text size="sm">
                Subscriber: {c.relationship === 'self' ? 'the patient' : `${c.subscriberName} (${SUBSCRIBER_RELATIONSHIP_LABEL[c.relationship].toLowerCase()}), born ${formatUsDate(c.subscriberBirthDate)}`}
              </Text>
              <Text size="xs" c="dimmed">
                {c.effectiveFrom ? `From ${formatUsDate(c.effectiveFrom)}` : 'Start date not recorded'}
                {c.effectiveTo ? ` to ${formatUsDate(c.effectiveTo)}` : ''}
              </Text>
              {c.status === 'active' && (
                <Group gap="xs" mt={4}>
                  <Button size="compact-xs" variant="default" onClick={() => setEditing(c)}>
                    Edit
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => void printCopy(c)} aria-label={`Print card copy: ${c.payerName}`}>
                    Print card copy
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => end(c)}>
                    End coverage
                  </Button>
                </Group>
              )}
            </Stack>
            <SimpleGrid cols={2} spacing="xs">
              <CardSide coverage={c} side="front" run={guard.run} />
              <CardSide coverage={c} side="back" run={guard.run} />
            </SimpleGrid>
          </Group>
        </Card>
      ))}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add coverage' : 'Edit coverage'} size="lg" withinPortal={false}>
        {editing !== null && <CoverageForm patientId={patient.id as PatientId} coverage={editing === 'new' ? null : editing} defaultRank={nextRank} onDone={() => setEditing(null)} run={guard.run} />}
      </Modal>
    </Stack>
  );
}
