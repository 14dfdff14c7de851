import { of } from 'rxjs';
import type { PatientId } from '../../../shared/domain/ids';
import type { Patient } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

/** One patient, live: edits and synced changes show at once. */
export function usePatient(id: PatientId | null): Patient | null {
  const desk = useDesk();
  return useObservable(() => (id ? desk.patients.observe(id) : of(null)), null, [desk, id]);
}
