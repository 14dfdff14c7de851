import { Alert, Button, Group, SegmentedControl, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { currentWording, EDITABLE_FORMS, MAX_WORDING_LENGTH, type EditableForm, type FormWording } from '../../../shared/catalog/formWording';
import { FORM_LABEL } from '../../../shared/schedule/scheduling';
import { useDesk } from '../../app/DeskContext';
import { FormPreviewModal } from './FormPreviewModal';
import { useObservable } from '../../app/useObservable';
import { useGuardedAction } from '../../components/useGuardedAction';
import { RefusalNotice } from '../../components/RefusalNotice';

/**
 * The wording of the forms patients read and sign (consent to treat, HIPAA notice, financial
 * policy), kept by a manager for the whole clinic: edited as plain text, previewed as it prints,
 * and saved as the next version (earlier versions stay, and a signed form names its version).
 */
export function FormWordingEditor() {
  const desk = useDesk();
  const versions = useObservable(() => desk.catalog.observeFormWordings(), [], [desk]);
  const [form, setForm] = useState<EditableForm>('consent-to-treat');
  const current = useMemo(() => currentWording(versions, form), [versions, form]);
  return (
    <Stack gap="sm">
      <SegmentedControl aria-label="Form" value={form} onChange={(v) => setForm(v as EditableForm)} data={EDITABLE_FORMS.map((f) => ({ value: f, label: FORM_LABEL[f] }))} />
      {/* Another form, or a newer version saved (here or synced from another office), starts the editor from it. */}
      <WordingForm key={`${form}:${current.id ?? 'built-in'}`} form={form} current={current} versions={versions.filter((v) => v.form === form)} />
    </Stack>
  );
}

function WordingForm({ form, current, versions: mine }: { form: EditableForm; current: ReturnType<typeof currentWording>; versions: FormWording[] }) {
  const desk = useDesk();
  const staff = useObservable(() => desk.staff.observeAll(), [], [desk]);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.displayName ?? id;
  const guard = useGuardedAction();
  const [body, setBody] = useState(current.body);
  const [attestation, setAttestation] = useState(current.attestation);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const changed = body.trim() !== current.body || attestation.trim() !== current.attestation;

  const showPreview = async () => {
    setError(null);
    try {
      setPreview(await desk.formPrints.previewWording(form, { version: current.version + 1, body, attestation }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const save = () =>
    void guard
      .run(async () => {
        const saved = await desk.catalog.saveFormWording({ form, body, attestation });
        notifications.show({ color: 'teal', message: `${FORM_LABEL[form]}: version ${saved.wordingVersion} saved; forms print with it from now on` });
      })
      .catch((e: unknown) => setError((e as Error).message));

  return (
    <Stack gap="sm">
      <RefusalNotice guard={guard} />
      <Text size="sm" data-testid="wording-in-use">
        In use: {current.id ? `version ${current.version}` : 'the built-in wording (version 1)'}
      </Text>
      <Textarea
        label="Wording"
        description="Paragraphs are separated by an empty line; a line starting with “- ” is a list item; **words** are bold; {clinic} and {phone} are the clinic’s name and phone."
        autosize
        minRows={8}
        maxRows={20}
        maxLength={MAX_WORDING_LENGTH}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
      />
      <TextInput label="What the person signing declares" description="Printed in bold above the signature" maxLength={300} value={attestation} onChange={(e) => setAttestation(e.currentTarget.value)} />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void showPreview()}>
          Preview
        </Button>
        <Button onClick={save} disabled={!changed}>
          Save as version {current.version + 1}
        </Button>
      </Group>
      {mine.length > 0 && (
        <Table aria-label="Versions of the wording">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Saved</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.wordingVersion}</Table.Td>
                <Table.Td>{new Date(v.updatedAt).toLocaleString()}</Table.Td>
                <Table.Td>{staffName(v.updatedBy)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>1</Table.Td>
              <Table.Td colSpan={2}>Built in</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      <FormPreviewModal html={preview} title={`${FORM_LABEL[form]} as it prints (sample patient)`} frameTitle={`${FORM_LABEL[form]} preview`} onClose={() => setPreview(null)} />
    </Stack>
  );
}
