import { useEffect, useState } from 'react';
import { dateInZone, dayRangeInZone } from '../../shared/domain/time';
import { useSettings } from './settingsStore';

/** Today's date in the clinic's time zone and its range, rolling over at midnight. */
export function useToday(): { date: string; start: Date; end: Date; timeZone: string } {
  const timeZone = useSettings().clinic.timeZone;
  const [date, setDate] = useState(() => dateInZone(new Date(), timeZone));
  useEffect(() => {
    setDate(dateInZone(new Date(), timeZone));
    const timer = setInterval(() => setDate(dateInZone(new Date(), timeZone)), 60_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return { date, timeZone, ...dayRangeInZone(date, timeZone) };
}
