import { useEffect, useState } from 'react';
import { patientDisplayName } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';

/** Display names for a set of patient ids, kept current as patients change. */
export function usePatientNames(ids: readonly string[]): Map<string, string> {
  const desk = useDesk();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    const subscription = desk.db.patients.findByIds(wanted).$.subscribe((docs) => {
      setNames(new Map([...docs.values()].map((d) => [d.id, patientDisplayName(d)])));
    });
    return () => subscription.unsubscribe();
  }, [desk, key]);
  return names;
}
