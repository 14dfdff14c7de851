import { useEffect, useState } from 'react';
import type { PatientRow } from './data/patientsRepo';
import { useDesk } from '../../app/DeskContext';
import { useFinderStatus } from './finder/finderStatusStore';

export interface PatientSearch {
  results: PatientRow[];
  /**
   * The text the results are for. A search runs a moment after typing stops, so until then this
   * is the earlier text and the results are its results.
   */
  searchedFor: string;
  /** What to say instead of results while the patient list is loading (or could not load). */
  notReady: string | null;
}

/** The line shown in place of results while the finder is not ready. */
export function finderNotReadyMessage(status: { ready: boolean; failed: string | null }): string | null {
  if (status.failed) return status.failed;
  return status.ready ? null : 'The patient list is still loading; search will work in a moment.';
}

/** Patients matching the typed text, refreshed as the text or the patient list changes. */
export function usePatientSearch(query: string, { limit = 50 }: { limit?: number } = {}): PatientSearch {
  const desk = useDesk();
  const [found, setFound] = useState<{ query: string; results: PatientRow[] }>({ query: '', results: [] });
  const [version, setVersion] = useState(0);
  const status = useFinderStatus();
  const notReady = finderNotReadyMessage(status);

  useEffect(() => {
    const subscription = desk.patients.changes().subscribe(() => setVersion((v) => v + 1));
    return () => subscription.unsubscribe();
  }, [desk]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void desk.patients.search(query, limit).then((results) => {
        if (!cancelled) setFound({ query, results });
      });
    }, 80);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [desk, query, limit, version, status.ready]);

  return query.trim() ? { results: found.results, searchedFor: found.query, notReady } : { results: [], searchedFor: query, notReady };
}
