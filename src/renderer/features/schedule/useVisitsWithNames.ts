import { combineLatest, distinctUntilChanged, map, shareReplay, switchMap } from 'rxjs';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

const EMPTY = { visits: [] as Appointment[], names: new Map<string, string>() };

/**
 * The visits starting in [from, to), live, with their patients' names, arriving together: a day
 * is drawn once, with every name, rather than first with blanks. The names are looked up again
 * only when the set of patients changes (a visit moved keeps them).
 */
export function useVisitsWithNames(from: Date, to: Date): { visits: Appointment[]; names: Map<string, string> } {
  const desk = useDesk();
  return useObservable(
    () => {
      const visits$ = desk.appointments.observeRange(from, to).pipe(shareReplay({ bufferSize: 1, refCount: true }));
      const names$ = visits$.pipe(
        map((list) => [...new Set(list.map((a) => a.patientId))].sort().join(',')),
        distinctUntilChanged(),
        switchMap((key) => desk.patients.observeNames(key ? key.split(',') : [])),
      );
      return combineLatest([visits$, names$]).pipe(map(([visits, names]) => ({ visits, names })));
    },
    EMPTY,
    [desk, from.getTime(), to.getTime()],
  );
}
