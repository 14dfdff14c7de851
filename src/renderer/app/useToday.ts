import { useEffect, useMemo, useState } from 'react';
import { dateInZone, dayRangeInZone } from '../../shared/domain/time';
import { useSettings } from './settingsStore';

/** Today's date in the clinic's time zone and its range, rolling over at midnight. */
export function useToday(): { date: string; start: Date; end: Date; timeZone: string } {
  const timeZone = useSettings().clinic.timeZone;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const date = dateInZone(new Date(now), timeZone);
  return useMemo(() => ({ date, timeZone, ...dayRangeInZone(date, timeZone) }), [date, timeZone]);
}
