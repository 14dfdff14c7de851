import { useRef, useState } from 'react';
import type { Permission } from '../../shared/auth/permissions';
import { PermissionDenied } from '../data/workContext';

/**
 * Runs an action that a role may not allow. A refusal is kept to show with its way out: "Ask a
 * manager" opens the ManagerOverrideDialog for the refused permission, and after an approval the
 * same action runs again, once.
 */
export function useGuardedAction() {
  const [refused, setRefused] = useState<{ permission: Permission; message: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const retry = useRef<(() => Promise<void>) | null>(null);

  const run = async (action: () => Promise<void>) => {
    setRefused(null);
    try {
      await action();
    } catch (error) {
      if (!(error instanceof PermissionDenied)) throw error;
      retry.current = action;
      setRefused({ permission: error.permission, message: error.message });
    }
  };

  return {
    run,
    refused,
    /** The permission the dialog asks a manager for, or null while it is closed. */
    dialogPermission: asking && refused ? refused.permission : null,
    askManager: () => setAsking(true),
    close: () => setAsking(false),
    async approved() {
      setAsking(false);
      const again = retry.current;
      retry.current = null;
      if (again) await run(again);
    },
  };
}
