import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINGER_MS, VisitRanges, type Range, type VisitsWithNames } from '../../../src/renderer/features/schedule/useVisitsWithNames';

const day = (date: string): Range => ({ from: new Date(`${date}T06:00:00Z`), to: new Date(Date.parse(`${date}T06:00:00Z`) + 86_400_000) });
const value = (n: number): VisitsWithNames => ({ visits: Array.from({ length: n }, () => ({}) as VisitsWithNames['visits'][number]), names: new Map() });

describe('ranges of visits kept live', () => {
  let sources: Map<string, Subject<VisitsWithNames>>;
  let subscribed: string[];
  let ranges: VisitRanges;
  beforeEach(() => {
    vi.useFakeTimers();
    sources = new Map();
    subscribed = [];
    ranges = new VisitRanges((range) => {
      const key = VisitRanges.key(range);
      subscribed.push(key);
      const subject = new Subject<VisitsWithNames>();
      sources.set(key, subject);
      return subject;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('asks the database once per range, answers a held range at once, and tells listeners of changes', () => {
    const monday = day('2026-12-07');
    const key = VisitRanges.key(monday);
    const release = ranges.hold(monday);
    expect(ranges.peek(key)).toBeUndefined();
    sources.get(key)!.next(value(3));
    expect(ranges.peek(key)?.visits).toHaveLength(3);
    const heard = vi.fn();
    const stop = ranges.listen(monday, heard);
    sources.get(key)!.next(value(4));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(ranges.peek(key)?.visits).toHaveLength(4);
    expect(subscribed).toEqual([key]);
    stop();
    release();
  });

  it('keeps a range nobody holds for a while, then lets it go; holding it again in time keeps the same one', () => {
    const monday = day('2026-12-07');
    const key = VisitRanges.key(monday);
    ranges.hold(monday)();
    sources.get(key)!.next(value(2));
    vi.advanceTimersByTime(LINGER_MS - 1);
    const again = ranges.hold(monday);
    vi.advanceTimersByTime(LINGER_MS * 2);
    expect(ranges.peek(key)?.visits).toHaveLength(2);
    expect(subscribed).toEqual([key]);
    again();
    // Released twice is released once.
    again();
    vi.advanceTimersByTime(LINGER_MS);
    expect(ranges.peek(key)).toBeUndefined();
    expect(sources.get(key)!.observed).toBe(false);
    ranges.hold(monday);
    expect(subscribed).toEqual([key, key]);
  });

  it('lets go of a range only when its last holder does', () => {
    const tuesday = day('2026-12-08');
    const key = VisitRanges.key(tuesday);
    const shown = ranges.hold(tuesday);
    const neighbour = ranges.hold(tuesday);
    sources.get(key)!.next(value(1));
    neighbour();
    vi.advanceTimersByTime(LINGER_MS * 2);
    expect(ranges.peek(key)).toBeDefined();
    shown();
    vi.advanceTimersByTime(LINGER_MS);
    expect(ranges.peek(key)).toBeUndefined();
  });
});
