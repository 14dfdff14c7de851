import { Alert, Button, Group } from '@mantine/core';

/** The end of every form: what went wrong, if anything, and the submit button. */
export function FormFooter({ error, submitLabel, loading, onCancel, cancelLabel = 'Cancel' }: { error: string | null; submitLabel: string; loading?: boolean; onCancel?: () => void; cancelLabel?: string }) {
  return (
    <>
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {cancelLabel}
          </Button>
        )}
        <Button type="submit" loading={loading ?? false}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
