import { useEffect, useMemo, useState } from 'react';
import { dateInZone, dayRangeInZone } from '../../shared/domain/time';
import { useSettings } from './settingsStore';

/** The time now (epoch ms), moving on every minute. */
export function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Today's date in the clinic's time zone and its range, rolling over at midnight. */
export function useToday(): { date: string; start: Date; end: Date; timeZone: string } {
  const timeZone = useSettings().clinic.timeZone;
  const now = useMinute();
  const date = dateInZone(new Date(now), timeZone);
  return useMemo(() => ({ date, timeZone, ...dayRangeInZone(date, timeZone) }), [date, timeZone]);
}
