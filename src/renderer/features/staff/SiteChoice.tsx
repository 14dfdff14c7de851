import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { SiteIdSchema } from '../../../shared/auth/staff';

/**
 * The sites a person works at: a checkbox for each site the clinic is known to have, and a field
 * to add one nobody works at yet (a new satellite). Enter in that field adds the site rather than
 * submitting the form.
 */
export function SiteChoice({ value, onChange, known, here, error }: { value: string[]; onChange: (sites: string[]) => void; known: readonly string[]; here: string; error?: string | undefined }) {
  const [added, setAdded] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const sites = [...new Set([...known, ...value, ...added])];

  const add = () => {
    const parsed = SiteIdSchema.safeParse(draft);
    if (!parsed.success) return setDraftError(parsed.error.issues[0]?.message ?? 'Not a valid site');
    setDraftError(null);
    setDraft('');
    if (!sites.includes(parsed.data)) setAdded([...added, parsed.data]);
    if (!value.includes(parsed.data)) onChange([...value, parsed.data]);
  };

  return (
    <Stack gap="xs">
      <Checkbox.Group label="Sites" description="They can sign in only at these sites; administrators can sign in at any site." value={value} onChange={onChange} error={error}>
        <Group mt="xs" gap="lg">
          {sites.map((site) => (
            <Checkbox key={site} value={site} label={site === here ? `${site} (this workstation)` : site} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group align="flex-start" gap="xs">
        <TextInput
          label="Add a site"
          placeholder="e.g. north"
          size="sm"
          value={draft}
          error={draftError}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
          style={{ flex: 1, maxWidth: 260 }}
        />
        <Button variant="default" size="sm" mt={25} onClick={add}>
          Add site
        </Button>
      </Group>
    </Stack>
  );
}
