import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { combineLatest, distinctUntilChanged, map, shareReplay, switchMap, type Observable, type Subscription } from 'rxjs';
import type { Appointment } from '../../../shared/schedule/appointment';
import { useDesk, type Desk } from '../../app/DeskContext';

export interface VisitsWithNames {
  visits: Appointment[];
  names: Map<string, string>;
}
export interface Range {
  from: Date;
  to: Date;
}

const EMPTY: VisitsWithNames = { visits: [], names: new Map() };
/** How long a range nobody shows stays live: stepping back and forth between days finds it ready. */
export const LINGER_MS = 10_000;

/** The visits starting in [from, to), live, with their patients' names, arriving together. */
function visitsWithNames(desk: Desk, range: Range): Observable<VisitsWithNames> {
  const visits$ = desk.appointments.observeRange(range.from, range.to).pipe(shareReplay({ bufferSize: 1, refCount: true }));
  // The names are looked up again only when the set of patients changes (a visit moved keeps them).
  const names$ = visits$.pipe(
    map((list) => [...new Set(list.map((a) => a.patientId))].sort().join(',')),
    distinctUntilChanged(),
    switchMap((key) => desk.patients.observeNames(key ? key.split(',') : [])),
  );
  return combineLatest([visits$, names$]).pipe(map(([visits, names]) => ({ visits, names })));
}

interface Live {
  value: VisitsWithNames | undefined;
  listeners: Set<() => void>;
  holders: number;
  subscription: Subscription;
  closing: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Ranges of visits kept live while someone holds them: the one on screen and its neighbours, so
 * the next or previous day (or week) is drawn in the same render as the click that asks for it,
 * without waiting for the database.
 */
export class VisitRanges {
  private readonly live = new Map<string, Live>();
  constructor(private readonly source: (range: Range) => Observable<VisitsWithNames>) {}

  static key(range: Range): string {
    return `${range.from.getTime()}|${range.to.getTime()}`;
  }

  /** Keeps the range live until the returned release is called (and `LINGER_MS` after). */
  hold(range: Range): () => void {
    const key = VisitRanges.key(range);
    let entry = this.live.get(key);
    if (!entry) {
      const created: Live = { value: undefined, listeners: new Set(), holders: 0, subscription: undefined as unknown as Subscription, closing: undefined };
      this.live.set(key, created);
      created.subscription = this.source(range).subscribe((value) => {
        created.value = value;
        for (const listener of created.listeners) listener();
      });
      entry = created;
    }
    const held = entry;
    if (held.closing) clearTimeout(held.closing);
    held.closing = undefined;
    held.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.holders > 0) return;
      held.closing = setTimeout(() => {
        if (held.holders > 0) return;
        held.subscription.unsubscribe();
        this.live.delete(key);
      }, LINGER_MS);
    };
  }

  /** The latest value of a range, if it is live and has one. */
  peek(key: string): VisitsWithNames | undefined {
    return this.live.get(key)?.value;
  }

  /** Holds the range and calls `listener` on each new value, until unsubscribed. */
  listen(range: Range, listener: () => void): () => void {
    const release = this.hold(range);
    const entry = this.live.get(VisitRanges.key(range))!;
    entry.listeners.add(listener);
    return () => {
      entry.listeners.delete(listener);
      release();
    };
  }
}

const rangesOfDesk = new WeakMap<Desk, VisitRanges>();
const rangesOf = (desk: Desk) => {
  let ranges = rangesOfDesk.get(desk);
  if (!ranges) rangesOfDesk.set(desk, (ranges = new VisitRanges((range) => visitsWithNames(desk, range))));
  return ranges;
};

/**
 * The visits starting in [from, to), live, with their patients' names: a day is drawn once, with
 * every name, rather than first with blanks. `neighbours` are kept live too, so moving to one of
 * them draws it at once. A range not live yet has no visits until its first answer.
 */
export function useVisitsWithNames(from: Date, to: Date, neighbours: readonly Range[] = []): VisitsWithNames {
  const ranges = rangesOf(useDesk());
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const key = VisitRanges.key({ from, to });
  const subscribe = useCallback((listener: () => void) => ranges.listen({ from: new Date(fromMs), to: new Date(toMs) }, listener), [ranges, fromMs, toMs]);
  const value = useSyncExternalStore(subscribe, () => ranges.peek(key));

  const neighbourKeys = neighbours.map((n) => VisitRanges.key(n)).join(',');
  useEffect(() => {
    const releases = neighbourKeys
      .split(',')
      .filter(Boolean)
      .map((k) => {
        const [a, b] = k.split('|').map(Number);
        return ranges.hold({ from: new Date(a!), to: new Date(b!) });
      });
    return () => releases.forEach((release) => release());
  }, [ranges, neighbourKeys]);

  return value ?? EMPTY;
}

/**
 * The date to show: `wanted` once its visits are read (at once when they are live already: the
 * day before or after), until then the date shown before, with `pending`. A date further away is
 * drawn once, complete, rather than first empty and then again with its visits.
 */
export function useDateWhenRead(wanted: string, rangeOf: (date: string) => Range): { shown: string; pending: boolean } {
  const ranges = rangesOf(useDesk());
  const range = useMemo(() => rangeOf(wanted), [rangeOf, wanted]);
  const key = VisitRanges.key(range);
  const subscribe = useCallback((listener: () => void) => ranges.listen(range, listener), [ranges, range]);
  const ready = useSyncExternalStore(subscribe, () => ranges.peek(key) !== undefined);
  // The date last shown with its visits: what stays on screen while another is read.
  const [before, setBefore] = useState(wanted);
  if (ready && before !== wanted) setBefore(wanted);
  return { shown: ready ? wanted : before, pending: !ready };
}
