import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import type { PatientMarkers } from './data/patientsRepo';

/** Display names for a set of patient ids, kept current as patients change. */
export function usePatientNames(ids: readonly string[]): Map<string, string> {
  const desk = useDesk();
  const key = [...new Set(ids)].sort().join(',');
  return useObservable(() => desk.patients.observeNames(key ? key.split(',') : []), new Map<string, string>(), [desk, key]);
}

/** Each patient's front-desk alerts and interpreter need, for markers on a list, kept current. */
export function usePatientMarkers(ids: readonly string[]): Map<string, PatientMarkers> {
  const desk = useDesk();
  const key = [...new Set(ids)].sort().join(',');
  return useObservable(() => desk.patients.observeMarkers(key ? key.split(',') : []), new Map<string, PatientMarkers>(), [desk, key]);
}
