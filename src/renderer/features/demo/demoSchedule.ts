/** One appointment the demo clinic's schedule should have. */
export interface PlannedVisit {
  /** Which synthetic patient (0-based, as `syntheticPatients` numbers them). */
  patientIndex: number;
  /** The clinic's calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Wall-clock start in the clinic's time zone, `HH:MM`. */
  time: string;
  minutes: number;
  reason: string;
}

const REASONS: readonly { reason: string; minutes: number; weight: number }[] = [
  { reason: 'Follow-up', minutes: 20, weight: 5 },
  { reason: 'Sick visit', minutes: 20, weight: 4 },
  { reason: 'Annual physical', minutes: 40, weight: 3 },
  { reason: 'New patient visit', minutes: 40, weight: 2 },
  { reason: 'Blood pressure check', minutes: 20, weight: 2 },
  { reason: 'Medication review', minutes: 20, weight: 2 },
  { reason: 'Vaccination', minutes: 20, weight: 1 },
  { reason: 'Lab results', minutes: 20, weight: 1 },
];

/** Twenty-minute slots from 8:00 to 16:40 with lunch from 12:00 to 13:00. */
const SLOTS: readonly string[] = [8, 9, 10, 11, 13, 14, 15, 16].flatMap((h) => ['00', '20', '40'].map((m) => `${String(h).padStart(2, '0')}:${m}`));

/**
 * A realistic few days at the front desk: today and the next weekdays, about a dozen visits a day
 * at scattered times, each with a different patient spread over the whole clinic. The same seed
 * and date give the same day.
 */
export function planDemoSchedule(options: { today: string; patients: number; seed: number; days?: number; perDay?: number }): PlannedVisit[] {
  const days = clinicDays(options.today, options.days ?? 5);
  const perDay = options.perDay ?? 12;
  const total = Math.min(options.patients, days.length * perDay);
  const visits: PlannedVisit[] = [];
  for (const date of days) {
    const random = mulberry32(hash(`${options.seed}:${date}`));
    const count = Math.min(perDay, total - visits.length);
    const times = pickSorted(SLOTS, count, random);
    for (const time of times) {
      const { reason, minutes } = weighted(REASONS, random);
      // Spread over every patient, so a large clinic's schedule is not all its first records.
      visits.push({ patientIndex: Math.floor((visits.length * options.patients) / total), date, time, minutes, reason });
    }
  }
  return visits;
}

/** Today (whatever day it is, so the demo always has a schedule) and the weekdays after it. */
function clinicDays(today: string, count: number): string[] {
  const days = [today];
  const date = new Date(`${today}T12:00:00Z`);
  while (days.length < count) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

function pickSorted<T>(items: readonly T[], count: number, random: () => number): T[] {
  const indexes = items.map((_, i) => i);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

function weighted<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  let r = random() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
