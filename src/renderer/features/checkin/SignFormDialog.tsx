import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Coverage } from '../../../shared/patients/coverage';
import { patientDisplayName, type Patient } from '../../../shared/patients/patient';
import { PRINTABLE_FORM_LABEL, type FormPrintData, type PrintableForm } from '../../../shared/print/forms';
import type { DocumentId } from '../../../shared/patients/document';
import { useDesk } from '../../app/DeskContext';
import { SignaturePadField, type SignaturePadHandle } from './SignaturePadField';

/**
 * A form signed on screen: the patient reads it as it prints (filled in from the record), signs
 * in the box, and the signed-in person witnesses it. It is kept as a signed PDF with the patient's
 * documents (and among the printed documents, to print a copy) and `onSigned` gets its document.
 */
export function SignFormDialog({ form, patient, coverage, onSigned, onClose }: { form: PrintableForm; patient: Patient; coverage: Coverage | null; onSigned: (documentId: DocumentId) => void; onClose: () => void }) {
  const desk = useDesk();
  const label = PRINTABLE_FORM_LABEL[form];
  const [preview, setPreview] = useState<{ html: string; data: FormPrintData } | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [signerName, setSignerName] = useState(`${patient.givenName} ${patient.familyName}`.trim());
  const [relationship, setRelationship] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pad = useRef<SignaturePadHandle>(null);
  const onChange = useCallback((d: boolean) => setDrawn(d), []);

  useEffect(() => {
    let live = true;
    desk.formPrints
      .preview(form, patient, coverage)
      .then((read) => live && setPreview(read))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [desk, form, patient, coverage]);

  const sign = async () => {
    setError(null);
    const png = pad.current?.png();
    if (!png) return setError('Sign in the box first.');
    if (!signerName.trim()) return setError('Enter the name of the person signing.');
    if (!preview) return setError('The form is not ready to sign yet.');
    setBusy(true);
    try {
      const { result, pdf } = await desk.formPrints.sign(preview.data, { png, signerName: signerName.trim(), relationship: relationship.trim() });
      const when = new Date().toLocaleDateString('en-US');
      const document = await desk.documents.add(patient.id, { kind: 'signed-form', title: `${label} — signed ${when}`, contentType: 'application/pdf', bytes: pdf, width: 0, height: 0 });
      notifications.show({ color: 'teal', title: `${label} signed`, message: `Kept with ${patientDisplayName(patient)}’s documents (${result.document.fileName}).` });
      onSigned(document.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Sign on screen: ${label}`} size="xl">
      <form
        aria-label="Sign the form"
        onSubmit={(e) => {
          e.preventDefault();
          void sign();
        }}
      >
        <Stack gap="sm">
          {preview ? (
            <iframe title={`${label} as it prints`} sandbox="" srcDoc={preview.html} style={{ width: '100%', height: '42vh', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, background: '#fff' }} />
          ) : (
            <Text size="sm" c="dimmed">
              Preparing the form…
            </Text>
          )}
          <Text size="sm">Please read the form, then sign in the box below with the mouse, a pen or a finger. Someone who cannot sign on screen signs a printed copy instead.</Text>
          <SignaturePadField ref={pad} label="Signature" onChange={onChange} />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Name of the person signing" value={signerName} onChange={(e) => setSignerName(e.currentTarget.value)} />
            <TextInput label="Relationship to the patient" description="Leave empty when the patient signs" value={relationship} onChange={(e) => setRelationship(e.currentTarget.value)} />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            Witnessed by {desk.ctx.actor().name}. The signed form is kept as a PDF with the patient’s documents.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!drawn}>
              Sign and keep
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
