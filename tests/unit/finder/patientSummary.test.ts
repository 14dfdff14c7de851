import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/renderer/features/patients/finder/patientSummary';

describe('formatAge', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(formatAge('1961-03-04', '2026-03-03')).toBe('64 y');
    expect(formatAge('1961-03-04', '2026-03-04')).toBe('65 y');
    expect(formatAge('1961-03-04', '2026-11-23')).toBe('65 y');
  });

  it('gives months under two years', () => {
    expect(formatAge('2026-11-01', '2026-11-23')).toBe('0 mo');
    expect(formatAge('2026-01-24', '2026-11-23')).toBe('9 mo');
    expect(formatAge('2025-01-23', '2026-11-23')).toBe('22 mo');
    expect(formatAge('2024-11-23', '2026-11-23')).toBe('2 y');
  });

  it('handles a leap-day birthday', () => {
    expect(formatAge('2000-02-29', '2026-02-28')).toBe('25 y');
    expect(formatAge('2000-02-29', '2026-03-01')).toBe('26 y');
  });

  it('says nothing for a date it cannot read or one still to come', () => {
    expect(formatAge('', '2026-11-23')).toBe('');
    expect(formatAge('2027-01-01', '2026-11-23')).toBe('');
  });
});
