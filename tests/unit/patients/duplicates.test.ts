import { describe, expect, it } from 'vitest';
import { findPossibleDuplicates, nameSimilarity } from '../../../src/shared/patients/duplicates';
import type { FinderRecord } from '../../../src/shared/patients/patientFinder';

const maria: FinderRecord = { id: 'm', givenName: 'María', familyName: 'González', birthDate: '1980-05-17', phones: ['5550101111'] };
const base = { givenName: 'Maria', familyName: 'Gonzalez', birthDate: '1980-05-17', phones: ['5550109999'] };

describe('possible duplicates', () => {
  it.each([
    ['the same name without accents', {}, ['same-dob-similar-name']],
    ['a typo in the last name', { familyName: 'Gonzales' }, ['same-dob-similar-name']],
    ['a shortened first name with the same initial', { givenName: 'Mari' }, ['same-dob-similar-name']],
    ['first and last name swapped', { givenName: 'Gonzalez', familyName: 'Maria' }, ['same-dob-swapped-name']],
    ['the same phone, another person', { givenName: 'Pedro', familyName: 'Ruiz', birthDate: '2010-01-01', phones: ['5550101111'] }, ['same-phone']],
    ['the same name and phone', { phones: ['5550101111'] }, ['same-dob-similar-name', 'same-phone']],
    ['a different date of birth', { birthDate: '1980-05-18' }, []],
    ['a different person on the same date', { givenName: 'John', familyName: 'Smith' }, []],
  ])('%s → %j', (_name, change, reasons) => {
    const found = findPossibleDuplicates({ ...base, ...change }, [maria]);
    expect(found.flatMap((d) => d.reasons)).toEqual(reasons);
  });

  it('ranks the closest match first', () => {
    const sister: FinderRecord = { ...maria, id: 's', givenName: 'Marta', phones: ['5550102222'] };
    const found = findPossibleDuplicates({ ...base, phones: ['5550101111'] }, [sister, maria]);
    expect(found.map((d) => d.record.id)).toEqual(['m', 's']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it('flags the same insurance member id even with another name and date of birth', () => {
    const found = findPossibleDuplicates({ givenName: 'Mary', familyName: 'Smith', birthDate: '1979-01-01', phones: ['5550100000'] }, [maria], new Set(['m']));
    expect(found).toEqual([expect.objectContaining({ reasons: ['same-member-id'] })]);
    expect(found[0]!.score).toBeGreaterThanOrEqual(0.7);
  });

  it('scores a member id match with a similar name above either alone', () => {
    const typo = { ...base, familyName: 'Gonzales' };
    const both = findPossibleDuplicates(typo, [maria], new Set(['m']))[0]!;
    const nameOnly = findPossibleDuplicates(typo, [maria])[0]!;
    expect(both.reasons).toEqual(['same-dob-similar-name', 'same-member-id']);
    expect(both.score).toBeGreaterThan(nameOnly.score);
  });

  it('measures name similarity after accents and case', () => {
    expect(nameSimilarity('GONZÁLEZ', 'gonzalez')).toBe(1);
    expect(nameSimilarity('Smith', 'Smyth')).toBeCloseTo(0.8);
    expect(nameSimilarity('', 'x')).toBe(0);
  });

  it.each([
    ['Weiß', 'Weiss'],
    ['Søren', 'Soren'],
    ['Đặng', 'Dang'],
    ['Æsa', 'Aesa'],
  ])('reads %j as %j is typed', (written, typed) => {
    expect(nameSimilarity(written, typed)).toBe(1);
    const record: FinderRecord = { id: 'w', givenName: written, familyName: written, birthDate: '1980-05-17', phones: [] };
    expect(findPossibleDuplicates({ givenName: typed, familyName: typed, birthDate: '1980-05-17', phones: [] }, [record]).flatMap((d) => d.reasons)).toEqual(['same-dob-similar-name']);
  });
});
