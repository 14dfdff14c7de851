import { describe, expect, it, vi } from 'vitest';
import { isValidNpi } from '../../../src/shared/catalog/clinic';
import { formatHumanNumber } from '../../../src/shared/domain/humanNumber';
import { looksLikeCardNumber, PaymentInputSchema } from '../../../src/shared/payments/ledger';
import { formatCents, parseDollarsToCents } from '../../../src/shared/domain/money';
import { PatientInputSchema } from '../../../src/shared/patients/patient';
import { dateInZone, dayRangeInZone, isRealDate, zonedTimeToInstant } from '../../../src/shared/domain/time';
import { JaneDoe } from '../../fixtures/clinic';

describe('money', () => {
  it.each([
    ['25', 2500],
    ['25.5', 2550],
    ['25.05', 2505],
    ['$1,025.00', 102500],
    ['0.01', 1],
    ['25.555', null],
    ['-5', null],
    ['abc', null],
    ['', null],
    ['1e3', null],
  ])('parses %j as %s cents', (text, cents) => {
    expect(parseDollarsToCents(text)).toBe(cents);
  });

  it.each([
    [2500, '$25.00'],
    [5, '$0.05'],
    [123456789, '$1,234,567.89'],
    [-150, '-$1.50'],
  ])('formats %i cents as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});

describe('human numbers', () => {
  it('pads the sequence and keeps the prefix', () => {
    expect(formatHumanNumber('N2', 145)).toBe('N2-000145');
    expect(formatHumanNumber('W', 1234567)).toBe('W-1234567');
  });
  it.each([0, -1, 1.5, Number.NaN])('refuses sequence %s', (n) => {
    expect(() => formatHumanNumber('N2', n)).toThrow(RangeError);
  });
});

describe('dates and time zones', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['1961-03-04', true],
  ])('%s is a real date: %s', (date, real) => {
    expect(isRealDate(date)).toBe(real);
  });

  it.each([
    ['2026-11-23', '09:30', 'America/Chicago', '2026-11-23T15:30:00.000Z'],
    ['2026-07-01', '09:30', 'America/Chicago', '2026-07-01T14:30:00.000Z'],
    ['2026-03-08', '03:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-11-23', '09:30', 'Asia/Kolkata', '2026-11-23T04:00:00.000Z'],
    ['2026-11-23', '00:00', 'UTC', '2026-11-23T00:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, instant) => {
    expect(zonedTimeToInstant(date, time, zone).toISOString()).toBe(instant);
  });

  it('gives a 23-hour day when clocks spring forward', () => {
    const { start, end } = dayRangeInZone('2026-03-08', 'America/Chicago');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('knows the clinic date of a late-evening instant', () => {
    expect(dateInZone(new Date('2026-11-24T02:30:00Z'), 'America/Chicago')).toBe('2026-11-23');
  });
});

describe('patient registration rules', () => {
  const valid = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '(555) 010-1234', type: 'mobile' as const, texts: false }] };
  const phone = (number: string) => ({ phones: [{ number, type: 'mobile' as const, texts: false }] });

  it('normalizes a valid patient', () => {
    expect(PatientInputSchema.parse(valid)).toMatchObject({ ...valid, ...phone('5550101234') });
    expect(PatientInputSchema.parse({ ...valid, ...phone('+1 555 010 1234') }).phones[0]?.number).toBe('5550101234');
    expect(PatientInputSchema.parse({ ...valid, birthDate: '3/4/1961' }).birthDate).toBe('1961-03-04');
  });

  it.each([
    [{ givenName: '  ' }, 'First name is required'],
    [{ familyName: '' }, 'Last name is required'],
    [{ birthDate: '1961-02-30' }, 'This date does not exist'],
    [{ birthDate: '03-04-1961' }, 'Use the form MM/DD/YYYY'],
    [{ birthDate: '2/30/1961' }, 'This date does not exist'],
    [phone('555-1234'), 'Enter a 10-digit phone number'],
    [{ givenName: 'Ja\u0000ne' }, 'First name has characters that are not allowed'],
  ])('refuses %j with "%s"', (change, message) => {
    const result = PatientInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('refuses a date of birth in the future', () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T12:00:00Z') });
    try {
      const result = PatientInputSchema.safeParse({ ...valid, birthDate: '2026-11-24' });
      expect(result.error?.issues.map((i) => i.message)).toContain('Date of birth cannot be in the future');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('payment rules', () => {
  const base = { patientId: JaneDoe.id, appointmentId: null, amountCents: 2500, method: 'cash' as const };
  it.each([
    [{}, true],
    [{ amountCents: 0 }, false],
    [{ amountCents: 25.5 }, false],
    [{ amountCents: -100 }, false],
    [{ method: 'check', reference: '' }, false],
    [{ method: 'check', reference: '1042' }, true],
    [{ method: 'card', reference: '42', authCode: 'A1B2C3' }, false],
    [{ method: 'card', reference: '4242', authCode: 'A1B2C3' }, true],
    [{ method: 'card', reference: '4242' }, false],
    [{ method: 'card', reference: '4242', authCode: 'A1-B2' }, false],
    [{ method: 'cash', authCode: 'A1B2C3' }, false],
    [{ method: 'other', reference: '' }, false],
    [{ method: 'other', reference: 'HSA card' }, true],
    [{ method: 'cash', tenderedCents: 4000 }, true],
    [{ method: 'cash', tenderedCents: 2500 }, true],
    [{ method: 'cash', tenderedCents: 2499 }, false],
    [{ method: 'check', reference: '1042', tenderedCents: 4000 }, false],
    [{ method: 'bitcoin' }, false],
  ])('%j valid: %s', (change, ok) => {
    expect(PaymentInputSchema.safeParse({ ...base, ...change }).success).toBe(ok);
  });

  it('refuses anything that looks like a whole card number, wherever it is typed', () => {
    for (const typed of ['4111 1111 1111 1111', '4111-1111-1111-1111', 'visa 4242424242424242 exp 12/29', '378282246310005', '6011111111111117']) {
      const result = PaymentInputSchema.safeParse({ ...base, method: 'other', reference: typed });
      expect(result.error?.issues.map((i) => i.message), typed).toContain('That looks like a whole card number: enter only the last 4 digits (ClinicDesk never keeps card numbers)');
    }
    const check = PaymentInputSchema.safeParse({ ...base, method: 'check', reference: '4111111111111111' });
    expect(check.success).toBe(false);
  });

  it('tells a card number from other long digit strings (Luhn)', () => {
    expect(looksLikeCardNumber('4111111111111111')).toBe(true);
    expect(looksLikeCardNumber('4111111111111112')).toBe(false);
    expect(looksLikeCardNumber('(555) 010-1234')).toBe(false);
    expect(looksLikeCardNumber('Check 1042, money order 2026120900')).toBe(false);
    expect(looksLikeCardNumber('')).toBe(false);
  });
});

describe('NPI check digit', () => {
  it.each([
    ['1234567893', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['abcdefghij', false],
  ])('%s valid: %s', (npi, ok) => {
    expect(isValidNpi(npi)).toBe(ok);
  });
});
