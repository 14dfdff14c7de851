import { useEffect, useState } from 'react';
import type { Patient } from '../../../shared/domain/patient';
import { useDesk } from '../../app/DeskContext';

/** Patients matching the typed text, refreshed as the text or the patient list changes. */
export function usePatientSearch(query: string): Patient[] {
  const desk = useDesk();
  const [found, setFound] = useState<{ query: string; results: Patient[] }>({ query: '', results: [] });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const subscription = desk.db.patients.$.subscribe(() => setVersion((v) => v + 1));
    return () => subscription.unsubscribe();
  }, [desk]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void desk.patients.search(query).then((results) => {
        if (!cancelled) setFound({ query, results });
      });
    }, 80);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [desk, query, version]);

  return query.trim() ? found.results : [];
}
