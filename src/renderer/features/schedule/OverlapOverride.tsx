import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';

/**
 * What a refused overlap offers: the reason it was refused and, with a reason of one's own, doing
 * it anyway (the repository asks for a manager's permission).
 */
export function OverlapOverride({ message, busy, actionLabel, onConfirm, title = 'This time is taken' }: { message: string; busy: boolean; actionLabel: string; onConfirm(reason: string): void; title?: string }) {
  const [reason, setReason] = useState('');
  return (
    <Alert mt="sm" color="orange" title={title} role="alert">
      {message}
      <Group mt="sm" align="flex-end">
        <TextInput label={`Reason to ${actionLabel.toLowerCase()}`} value={reason} maxLength={200} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button variant="default" disabled={!reason.trim() || busy} onClick={() => onConfirm(reason)}>
          {actionLabel}
        </Button>
      </Group>
    </Alert>
  );
}
