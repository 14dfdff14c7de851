import { describe, expect, it } from 'vitest';
import { nameTokens, normalizeName, parseFinderQuery } from '../../../src/shared/patients/finderQuery';
import { PatientFinder, type FinderRecord } from '../../../src/shared/patients/patientFinder';
import { syntheticPatients } from '../../fixtures/syntheticPatients';

const TODAY = new Date('2026-11-23T12:00:00Z');

describe('what the desk types', () => {
  it.each([
    ['3/4/1961', { kind: 'dob', dates: ['1961-03-04'] }],
    ['03/04/61', { kind: 'dob', dates: ['1961-03-04'] }],
    ['1961-03-04', { kind: 'dob', dates: ['1961-03-04'] }],
    ['030461', { kind: 'dob', dates: ['1961-03-04'] }],
    ['03041961', { kind: 'dob', dates: ['1961-03-04'] }],
    ['030405', { kind: 'dob', dates: ['2005-03-04'] }],
    ['112326', { kind: 'dob', dates: ['2026-11-23'] }],
    ['112426', { kind: 'dob', dates: ['1926-11-24'] }],
    ['2/30/1961', { kind: 'dob', dates: [] }],
    ['(555) 010-1234', { kind: 'phone', digits: '5550101234' }],
    ['+1 555 010 1234', { kind: 'phone', digits: '5550101234' }],
    ['1234', { kind: 'phone', digits: '1234' }],
    ['N2-000145', { kind: 'mrn', value: 'N2-000145' }],
    ['n2-000145', { kind: 'mrn', value: 'N2-000145' }],
    ['Martínez, José', { kind: 'name', tokens: ['martinez', 'jose'] }],
    ["o'neil  ANN", { kind: 'name', tokens: ['o', 'neil', 'ann'] }],
    ['   ', { kind: 'empty' }],
    ['Weiß', { kind: 'name', tokens: ['weiss'] }],
    ['Đặng søren', { kind: 'name', tokens: ['dang', 'soren'] }],
  ])('%j → %j', (text, expected) => {
    expect(parseFinderQuery(text, TODAY)).toEqual(expected);
  });

  it('normalizes accents, case and punctuation', () => {
    expect(normalizeName('  Ñúñez-GARCÍA ')).toBe('nunez garcia');
    expect(nameTokens('Mary Ann', undefined, "O'Brien")).toEqual(['mary', 'ann', 'o', 'brien']);
  });

  it.each([
    ['Søren', 'soren'],
    ['ØSTER', 'oster'],
    ['Weiß', 'weiss'],
    ['WEIẞ', 'weiss'],
    ['Weiss', 'weiss'],
    ['Đặng', 'dang'],
    ['ĐẶNG', 'dang'],
    ['Æbelø', 'aebelo'],
    ['Œhlenschläger', 'oehlenschlager'],
    ['Łukasz', 'lukasz'],
    ['Ðóra', 'dora'],
    ['Þórsdóttir', 'thorsdottir'],
    ['Yıldız', 'yildiz'],
    ['İnce', 'ince'],
    ['Ħaġar', 'hagar'],
    ['Ŧ', 't'],
    ['Ĳssel', 'ijssel'],
    ['COĿLEGI', 'collegi'],
    ["O'Brien", 'o brien'],
    ['O’Neil', 'o neil'],
    ['Oʼneil', 'o neil'],
    ['Kaʻahumanu', 'ka ahumanu'],
    ['O´Hara', 'o hara'],
    ['O`Dell', 'o dell'],
    ['Smith-Jones', 'smith jones'],
    ['De La Cruz', 'de la cruz'],
  ])('folds %j as %j', (name, normal) => {
    expect(normalizeName(name)).toBe(normal);
  });
});

describe('the patient finder', () => {
  const jane: FinderRecord = { id: 'a', givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: ['5550101234'], mrn: 'N2-000001' };
  const jose: FinderRecord = { id: 'b', givenName: 'José', familyName: 'Martínez-Ruiz', birthDate: '1990-12-31', phones: ['5550109876'] };

  it.each([
    ['doe jane', ['a']],
    ['ja do', ['a']],
    ['JOSE martinez', ['b']],
    ['ruiz', ['b']],
    ['3/4/1961', ['a']],
    ['9876', ['b']],
    ['555-010-1234', ['a']],
    ['n2-000001', ['a']],
    ['zz', []],
  ])('%j finds %j', (text, ids) => {
    const finder = new PatientFinder();
    finder.load([jane, jose]);
    expect(finder.search(text, 50, TODAY).map((h) => h.id)).toEqual(ids);
  });

  it('follows updates and removals', () => {
    const finder = new PatientFinder();
    finder.load([jane]);
    finder.upsert({ ...jane, familyName: 'Smith' });
    expect(finder.search('doe', 50, TODAY)).toEqual([]);
    expect(finder.search('smith', 50, TODAY).map((h) => h.id)).toEqual(['a']);
    finder.upsert(jose);
    finder.remove('a');
    expect(finder.search('3/4/1961', 50, TODAY)).toEqual([]);
    expect(finder.size).toBe(1);
  });

  it('answers exactly like a scan of every record, on 5,000 made-up patients', () => {
    const patients = syntheticPatients(5000);
    const finder = new PatientFinder();
    finder.load(patients);
    const queries = [
      ...patients.slice(0, 40).map((p) => `${p.familyName.slice(0, 3)} ${p.givenName.slice(0, 2)}`),
      ...patients.slice(40, 60).map((p) => p.givenName),
      ...patients.slice(60, 80).map((p) => p.birthDate),
      ...patients.slice(80, 100).map((p) => p.phones[0]!.slice(-7)),
      ...patients.slice(100, 110).map((p) => p.mrn!),
      'a',
      'm g',
    ];
    for (const text of queries) {
      const query = parseFinderQuery(text, TODAY);
      const expected = patients
        .filter((p) => {
          switch (query.kind) {
            case 'name': {
              const words = nameTokens(p.givenName, p.middleName, p.familyName, p.preferredName);
              return query.tokens.every((t) => words.some((w) => w.startsWith(t)));
            }
            case 'dob':
              return query.dates.includes(p.birthDate);
            case 'phone':
              return p.phones.some((ph) => ph.endsWith(query.digits));
            case 'mrn':
              return p.mrn?.toUpperCase() === query.value;
            default:
              return false;
          }
        })
        .map((p) => p.id)
        .sort();
      expect(finder.find(query, 1_000_000).map((h) => h.id).sort(), text).toEqual(expected);
    }
  });

  it('puts the same first results in order whether it sorts everything or picks the top few', () => {
    const finder = new PatientFinder();
    finder.load(syntheticPatients(5000));
    for (const text of ['a', 'm', 'ma', 'c', 's j']) {
      const all = finder.search(text, 1_000_000, TODAY);
      expect(all.length, text).toBeGreaterThan(40);
      expect(finder.search(text, 10, TODAY).map((h) => h.id), text).toEqual(all.slice(0, 10).map((h) => h.id));
    }
  });

  it('lists exact last-name matches before names that only start the same way', () => {
    const finder = new PatientFinder();
    finder.load([
      { id: 'x', givenName: 'Ann', familyName: 'Leeson', birthDate: '1970-01-01', phones: [] },
      { id: 'y', givenName: 'Zed', familyName: 'Lee', birthDate: '1970-01-01', phones: [] },
    ]);
    expect(finder.search('lee', 10, TODAY).map((h) => h.id)).toEqual(['y', 'x']);
  });
});
