import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

/** Display names for a set of patient ids, kept current as patients change. */
export function usePatientNames(ids: readonly string[]): Map<string, string> {
  const desk = useDesk();
  const key = [...new Set(ids)].sort().join(',');
  return useObservable(() => desk.patients.observeNames(key ? key.split(',') : []), new Map<string, string>(), [desk, key]);
}
