import { useEffect, useState } from 'react';
import type { Patient } from '../../../shared/domain/patient';
import { useDesk } from '../../app/DeskContext';

/** Patients matching the typed text, refreshed as the text or the patient list changes. */
export function usePatientSearch(query: string): { results: Patient[]; searching: boolean } {
  const desk = useDesk();
  const [results, setResults] = useState<Patient[]>([]);
  const [searching, setSearching] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const subscription = desk.db.patients.$.subscribe(() => setVersion((v) => v + 1));
    return () => subscription.unsubscribe();
  }, [desk]);

  useEffect(() => {
    let cancelled = false;
    setSearching(true);
    const timer = setTimeout(() => {
      void desk.patients.search(query).then((found) => {
        if (!cancelled) {
          setResults(found);
          setSearching(false);
        }
      });
    }, 80);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [desk, query, version]);

  return { results, searching };
}
