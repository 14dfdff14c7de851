import { Alert, Button, Group, Text } from '@mantine/core';
import { ManagerOverrideDialog } from './ManagerOverrideDialog';
import type { useGuardedAction } from './useGuardedAction';

/** A refused action, with "Ask a manager" and the approval dialog that lets it run once. */
export function RefusalNotice({ guard }: { guard: ReturnType<typeof useGuardedAction> }) {
  return (
    <>
      {guard.refused && (
        <Alert color="orange" role="alert" title="Not allowed">
          <Group justify="space-between">
            <Text size="sm">{guard.refused.message}</Text>
            <Button size="xs" onClick={guard.askManager}>
              Ask a manager
            </Button>
          </Group>
        </Alert>
      )}
      <ManagerOverrideDialog permission={guard.dialogPermission} onClose={guard.close} onApproved={() => void guard.approved()} />
    </>
  );
}
