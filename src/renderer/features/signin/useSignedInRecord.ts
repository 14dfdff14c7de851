import { useEffect } from 'react';
import { useDesk } from '../../app/DeskContext';
import { useSessionStore } from './sessionStore';

/**
 * Keeps the session's copy of the signed-in person current while they work: when an administrator
 * changes their roles or sites (here, or on another workstation and it syncs in), what they may do
 * changes at once, not at their next sign-in. A deactivation is applied at the next unlock or
 * sign-in, where the person is told why.
 */
export function useSignedInRecord() {
  const desk = useDesk();
  const id = useSessionStore((s) => s.staff?.id ?? null);
  useEffect(() => {
    if (!id) return undefined;
    const subscription = desk.staff.observe(id).subscribe((staff) => {
      if (staff?.status === 'active') useSessionStore.getState().refresh(staff);
    });
    return () => subscription.unsubscribe();
  }, [desk, id]);
}
