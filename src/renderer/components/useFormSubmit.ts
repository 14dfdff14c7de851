import { useRef, useState } from 'react';
import type { useGuardedAction } from './useGuardedAction';

/**
 * A form's submission: busy while it runs (through the guard, so a refused permission offers a
 * manager's approval), and what went wrong to show under the form. `onError` may take an error
 * the form shows its own way (return true), e.g. an overlap with its "anyway" choice. One
 * submission at a time: a second press (or Ctrl+Enter) while one is running does nothing, so
 * nothing is saved twice.
 */
export function useFormSubmit(guard: ReturnType<typeof useGuardedAction>, onError?: (error: unknown) => boolean) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const submit = async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setError(null);
    setBusy(true);
    try {
      await guard.run(action);
    } catch (e) {
      if (!onError?.(e)) setError((e as Error).message);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
