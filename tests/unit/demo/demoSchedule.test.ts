import { describe, expect, it } from 'vitest';
import { planDemoSchedule } from '../../../src/renderer/features/demo/demoSchedule';

describe('the demo clinic’s schedule', () => {
  it('books today, whatever the day, then the next weekdays', () => {
    const saturday = planDemoSchedule({ today: '2026-11-28', patients: 500, seed: 42 });
    expect([...new Set(saturday.map((v) => v.date))]).toEqual(['2026-11-28', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(saturday).toHaveLength(60);
  });

  it('gives each visit its own patient, spread over the clinic, in clinic hours and never at lunch', () => {
    const visits = planDemoSchedule({ today: '2026-11-23', patients: 10_000, seed: 42 });
    expect(new Set(visits.map((v) => v.patientIndex)).size).toBe(visits.length);
    expect(Math.max(...visits.map((v) => v.patientIndex))).toBeGreaterThan(9_000);
    for (const v of visits) {
      expect(v.time >= '08:00' && v.time <= '16:40').toBe(true);
      expect(v.time.startsWith('12:')).toBe(false);
      expect([20, 40]).toContain(v.minutes);
    }
  });

  it('books no more visits than there are patients', () => {
    const visits = planDemoSchedule({ today: '2026-11-23', patients: 3, seed: 42 });
    expect(visits.map((v) => v.patientIndex)).toEqual([0, 1, 2]);
    expect(new Set(visits.map((v) => v.date))).toEqual(new Set(['2026-11-23']));
  });

  it('is the same for the same seed and day', () => {
    const plan = (seed: number) => planDemoSchedule({ today: '2026-11-23', patients: 500, seed }).map((v) => `${v.date} ${v.time} ${v.reason}`);
    expect(plan(42)).toEqual(plan(42));
    expect(plan(42)).not.toEqual(plan(43));
  });
});
