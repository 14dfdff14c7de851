import { Button, FileButton, Group, Image, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DOCUMENT_KIND_LABEL, type DocumentKind, type PatientDocument } from '../../../shared/patients/document';
import type { Patient } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { compressImage } from './cardImage';
import { useDocumentImage } from './useDocumentImage';

function DocumentViewer({ document, onClose }: { document: PatientDocument | null; onClose: () => void }) {
  const url = useDocumentImage(document?.id ?? '');
  return (
    <Modal opened={document !== null} onClose={onClose} title={document?.title} size="xl" withinPortal={false}>
      {url && document && document.contentType !== 'application/pdf' && <Image src={url} alt={document.title} fit="contain" mah="70vh" />}
      {url && document && document.contentType === 'application/pdf' && (
        // PDFs are not shown inside the app (no plugins run in it): they are saved and opened in a PDF reader.
        <Stack gap="xs">
          <Text size="sm">A PDF of {Math.ceil(document.bytes / 1024)} KB, kept {new Date(document.createdAt).toLocaleString()} by {document.updatedBy}.</Text>
          <Group>
            <Button component="a" href={url} download={`${document.title.replace(/[^\w .-]+/g, ' ').trim()}.pdf`}>
              Save the PDF
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Scans and photos kept with the patient (cards, IDs, signed forms). */
export function DocumentsPanel({ patient, documents }: { patient: Patient; documents: PatientDocument[] }) {
  const desk = useDesk();
  const zone = useSettings().clinic.timeZone;
  const guard = useGuardedAction();
  const [kind, setKind] = useState<DocumentKind>('photo-id');
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<PatientDocument | null>(null);
  const add = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const image = await compressImage(file);
      await guard.run(async () => {
        await desk.documents.add(patient.id, { kind, title: `${DOCUMENT_KIND_LABEL[kind]}: ${file.name}`.slice(0, 120), ...image });
        notifications.show({ message: 'Document added' });
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The document was not saved', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <RefusalNotice guard={guard} />
      <Group align="flex-end">
        <Select label="Kind" w={220} data={Object.entries(DOCUMENT_KIND_LABEL).map(([value, label]) => ({ value, label }))} value={kind} onChange={(v) => setKind((v as DocumentKind | null) ?? 'other')} allowDeselect={false} />
        <FileButton onChange={(f) => void add(f)} accept="image/*">
          {(props) => (
            <Button {...props} loading={busy} disabled={patient.status === 'merged-into'}>
              Add a scan or photo
            </Button>
          )}
        </FileButton>
      </Group>
      {documents.length === 0 ? (
        <Text size="sm">No documents yet.</Text>
      ) : (
        <Table aria-label="Documents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Document</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <button type="button" className="row-link" onClick={() => setViewing(d)}>
                    {d.title}
                  </button>
                </Table.Td>
                <Table.Td>{new Date(d.createdAt).toLocaleDateString('en-US', { timeZone: zone })}</Table.Td>
                <Table.Td>{Math.ceil(d.bytes / 1024)} KB</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void guard.run(() => desk.documents.remove(d.id)).catch((e: unknown) => notifications.show({ color: 'red', message: (e as Error).message }))}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DocumentViewer document={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}
