import { Alert, Box, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { currentLogo, describeLogo, nextLogoVersion } from '../../../shared/catalog/formLogo';
import { useDesk } from '../../app/DeskContext';
import { FormPreviewModal } from './FormPreviewModal';
import { useObservable } from '../../app/useObservable';
import { useGuardedAction } from '../../components/useGuardedAction';
import { RefusalNotice } from '../../components/RefusalNotice';
import { LogoError, prepareLogo } from './logoImage';

/** The logo as it sits at the top of a form: on white, at about its printed height. */
function LogoOnPaper({ png, label }: { png: string; label: string }) {
  return (
    <Box p="sm" style={{ background: '#fff', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, display: 'inline-block' }}>
      <img src={`data:image/png;base64,${png}`} alt={label} style={{ display: 'block', maxHeight: 64, maxWidth: 200, objectFit: 'contain' }} />
    </Box>
  );
}

/**
 * The logo printed at the top of the clinic's forms, kept by a manager: a picture file is cut to
 * its content, shrunk and kept as PNG; previewed on a form; saved as the next version (earlier
 * versions stay, and a signed form names its version); or taken off.
 */
export function FormLogoEditor() {
  const desk = useDesk();
  const versions = useObservable(() => desk.catalog.observeFormLogos(), [], [desk]);
  const staff = useObservable(() => desk.staff.observeAll(), [], [desk]);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.displayName ?? id;
  const guard = useGuardedAction();
  const current = currentLogo(versions);
  const next = nextLogoVersion(versions);
  const [candidate, setCandidate] = useState<{ png: string; width: number; height: number; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      setCandidate({ ...(await prepareLogo(file)), fileName: file.name });
    } catch (e) {
      setCandidate(null);
      setError(e instanceof LogoError ? e.message : `The picture could not be used: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const showPreview = async (png: string | null) => {
    setError(null);
    try {
      setPreview(await desk.formPrints.previewWording('consent-to-treat', null, png ? { version: next, png } : null));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const save = (png: string) =>
    void guard
      .run(async () => {
        const saved = await desk.catalog.saveFormLogo(png);
        setCandidate(null);
        notifications.show({ color: 'teal', message: png ? `Logo version ${saved.logoVersion} saved; forms print with it from now on` : `Forms print without a logo from now on (version ${saved.logoVersion})` });
      })
      .catch((e: unknown) => setError((e as Error).message));

  return (
    <Stack gap="sm">
      <RefusalNotice guard={guard} />
      <Text size="sm" c="dimmed">
        Printed at the top left of every patient form, beside the clinic’s name and address. Use the logo file itself (PNG, JPEG or WebP); white or empty margins are cut off.
      </Text>
      <Group align="center" gap="md" data-testid="logo-in-use">
        {current ? (
          <>
            <LogoOnPaper png={current.png} label={`Logo in use, version ${current.version}`} />
            <Text size="sm">
              In use: version {current.version} ({describeLogo(current.png)})
            </Text>
          </>
        ) : (
          <Text size="sm">In use: no logo (the forms print the clinic’s name)</Text>
        )}
      </Group>
      {candidate && (
        <Stack gap={6} data-testid="logo-candidate">
          <Text size="sm" fw={600}>
            New logo from {candidate.fileName}: {candidate.width} × {candidate.height} pixels
          </Text>
          <LogoOnPaper png={candidate.png} label="New logo, not saved yet" />
        </Stack>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        {current && !candidate && (
          <Button variant="subtle" color="red" onClick={() => save('')}>
            Take the logo off
          </Button>
        )}
        <FileButton onChange={(f) => void choose(f)} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Button variant="default" loading={busy} {...props}>
              {current || candidate ? 'Choose another picture…' : 'Choose a picture…'}
            </Button>
          )}
        </FileButton>
        {candidate ? (
          <>
            <Button variant="default" onClick={() => setCandidate(null)}>
              Discard
            </Button>
            <Button variant="default" onClick={() => void showPreview(candidate.png)}>
              Preview on a form
            </Button>
            <Button onClick={() => save(candidate.png)}>Save as version {next}</Button>
          </>
        ) : (
          current && (
            <Button variant="default" onClick={() => void showPreview(current.png)}>
              Preview on a form
            </Button>
          )
        )}
      </Group>
      {versions.length > 0 && (
        <Table aria-label="Versions of the logo">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Logo</Table.Th>
              <Table.Th>Saved</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.logoVersion}</Table.Td>
                <Table.Td>{describeLogo(v.png)}</Table.Td>
                <Table.Td>{new Date(v.updatedAt).toLocaleString()}</Table.Td>
                <Table.Td>{staffName(v.updatedBy)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormPreviewModal html={preview} title="Consent to treat as it prints (sample patient)" frameTitle="Form preview with the logo" onClose={() => setPreview(null)} />
    </Stack>
  );
}
