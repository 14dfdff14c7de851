import { ageOn } from '../../../../shared/patients/patient';

/**
 * Age on `today` (both `YYYY-MM-DD`) for a results row: whole years, or months under two, where
 * years say too little. Empty for a date it cannot read or one after `today`.
 */
export function formatAge(birthDate: string, today: string): string {
  if (!ISO_DATE.test(birthDate) || !ISO_DATE.test(today) || birthDate > today) return '';
  const years = ageOn(birthDate, today);
  if (years >= 2) return `${years} y`;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return `${(ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0)} mo`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
