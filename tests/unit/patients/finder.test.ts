import { describe, expect, it } from 'vitest';
import { mrnSpellings, nameKeys, nameTokens, normalizeName, parseFinderQuery, type FinderQuery } from '../../../src/shared/patients/finderQuery';
import { PatientFinder, type FinderRecord } from '../../../src/shared/patients/patientFinder';
import { syntheticPatients, typedNamePatients } from '../../fixtures/syntheticPatients';

const TODAY = new Date('2026-11-23T12:00:00Z');

/** Letters without a key on a US keyboard, as typed; written out here apart from the finder's own table. */
const TYPED: Record<string, string> = { æ: 'ae', œ: 'oe', ł: 'l', ŀ: 'l', ð: 'd', đ: 'd', þ: 'th', ı: 'i', ø: 'o', ß: 'ss', ħ: 'h', ŧ: 't', ĳ: 'ij' };

/** The plain words of one name part, letter by letter: accents dropped, other letters as typed, the rest separates. */
function plainWords(part: string | undefined): string[] {
  let text = '';
  for (const char of (part ?? '').toLowerCase().normalize('NFD')) {
    if (/\p{M}/u.test(char)) continue;
    text += TYPED[char] ?? (/[\p{L}\p{N}]/u.test(char) && !/[ʻʼʹʽ]/u.test(char) ? char : ' ');
  }
  return text.split(' ').filter(Boolean);
}

const partsOf = new WeakMap<FinderRecord, string[][]>();

/** The ids a scan of every record finds: the finder's answer worked out the slow way. */
function scan(patients: readonly FinderRecord[], query: FinderQuery): string[] {
  return patients
    .filter((p) => {
      switch (query.kind) {
        case 'name': {
          // A typed word starts a word of one name part, perhaps running on into the part's next words.
          let parts = partsOf.get(p);
          if (!parts) partsOf.set(p, (parts = [p.givenName, p.middleName, p.familyName, p.preferredName].map(plainWords)));
          return query.tokens.every((t) => parts.some((words) => words.some((_, i) => words.slice(i).join('').startsWith(t))));
        }
        case 'dob':
          return query.dates.includes(p.birthDate);
        case 'phone':
          return p.phones.some((ph) => ph.endsWith(query.digits));
        case 'mrn':
          return query.value.includes('-') ? p.mrn?.toUpperCase() === query.value : p.mrn?.toUpperCase().replace('-', '') === query.value;
        default:
          return false;
      }
    })
    .map((p) => p.id)
    .sort();
}

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
    ['N1001579', { kind: 'mrn', value: 'N1001579' }],
    ['n1001579', { kind: 'mrn', value: 'N1001579' }],
    ['  abc123456 ', { kind: 'mrn', value: 'ABC123456' }],
    ['obrien', { kind: 'name', tokens: ['obrien'] }],
    ['Weiß', { kind: 'name', tokens: ['weiss'] }],
    ['Đặng søren', { kind: 'name', tokens: ['dang', 'soren'] }],
    ['Nguyen', { kind: 'name', tokens: ['nguyen'] }],
    ['Mendoza', { kind: 'name', tokens: ['mendoza'] }],
    ['n12345', { kind: 'name', tokens: ['n12345'] }],
    ['Ann 3rd', { kind: 'name', tokens: ['ann', '3rd'] }],
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

  it.each<[(string | undefined)[], string[]]>([
    [["O'Brien"], ['obrien', 'brien']],
    [['Smith-Jones'], ['smithjones', 'jones']],
    [['De La Cruz'], ['delacruz', 'lacruz', 'cruz']],
    [['Weiß'], ['weiss']],
    [['Mary Ann', undefined, 'Doe'], ['maryann', 'ann', 'doe']],
    [['Anne-Marie', "D'Souza", 'St. John'], ['annemarie', 'marie', 'dsouza', 'souza', 'stjohn', 'john']],
    [['', '  '], []],
  ])('indexes %j under %j', (parts, keys) => {
    expect(nameKeys(...parts)).toEqual(keys);
  });

  it.each([
    ['N1001579', ['N-1001579', 'N1-001579']],
    ['N1-001579', ['N1-001579']],
    ['ABC123456', ['ABC-123456']],
    ['A1B2000001', ['A1B-2000001', 'A1B2-000001']],
    ['N2-1', ['N2-1']],
  ])('looks %j up as %j', (value, spellings) => {
    expect(mrnSpellings(value)).toEqual(spellings);
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

  describe('as front desks type names and MRNs', () => {
    const people: FinderRecord[] = [
      { id: 'obrien', givenName: 'Siobhán', familyName: "O'Brien", birthDate: '1970-01-01', phones: [] },
      { id: 'oneil', givenName: 'Michael', familyName: 'O’Neil', birthDate: '1970-01-02', phones: [] },
      { id: 'smithjones', givenName: 'Ann', familyName: 'Smith-Jones', birthDate: '1970-01-03', phones: [] },
      { id: 'delacruz', givenName: 'Luz', familyName: 'De La Cruz', birthDate: '1970-01-04', phones: [] },
      { id: 'soren', givenName: 'Søren', familyName: 'Kierkegaard', birthDate: '1970-01-05', phones: [] },
      { id: 'weiss-sz', givenName: 'Ilse', familyName: 'Weiß', birthDate: '1970-01-06', phones: [] },
      { id: 'weiss-ss', givenName: 'Otto', familyName: 'Weiss', birthDate: '1970-01-07', phones: [] },
      { id: 'dang', givenName: 'Thị', familyName: 'Đặng', birthDate: '1970-01-08', phones: [] },
      { id: 'mrn', givenName: 'Ida', familyName: 'Lind', birthDate: '1970-01-09', phones: [], mrn: 'N1-001579' },
      { id: 'mrn-n', givenName: 'Bo', familyName: 'Lind', birthDate: '1970-01-10', phones: [], mrn: 'N-1001579' },
      { id: 'abc', givenName: 'Ada', familyName: 'Nguyen', birthDate: '1970-01-11', phones: [], mrn: 'ABC-123456' },
    ];

    it.each([
      ['obrien', ['obrien']],
      ['o brien', ['obrien']],
      ["o'brien", ['obrien']],
      ['O’Brien', ['obrien']],
      ['brien', ['obrien']],
      ['obri sio', ['obrien']],
      ['oneil mi', ['oneil']],
      ['o neil', ['oneil']],
      ['smithjones', ['smithjones']],
      ['smith jones', ['smithjones']],
      ['smith-jones', ['smithjones']],
      ['smith', ['smithjones']],
      ['jones', ['smithjones']],
      ['delacruz', ['delacruz']],
      ['de la cruz', ['delacruz']],
      ['cruz', ['delacruz']],
      ['dela luz', ['delacruz']],
      ['soren', ['soren']],
      ['Søren', ['soren']],
      ['weiss', ['weiss-sz', 'weiss-ss']],
      ['weiß', ['weiss-sz', 'weiss-ss']],
      ['WEISS ilse', ['weiss-sz']],
      ['weiß otto', ['weiss-ss']],
      ['dang', ['dang']],
      ['đặng thi', ['dang']],
      ['N1001579', ['mrn-n', 'mrn']],
      ['n1001579', ['mrn-n', 'mrn']],
      ['N1-001579', ['mrn']],
      ['n-1001579', ['mrn-n']],
      ['abc123456', ['abc']],
      ['nguyen', ['abc']],
      ['N9001579', []],
      ['obrienx', []],
      ['smithj ann', ['smithjones']],
      ['jonessmith', []],
    ])('%j finds %j', (text, ids) => {
      const finder = new PatientFinder();
      finder.load(people);
      expect(finder.search(text, 50, TODAY).map((h) => h.id)).toEqual(ids);
    });

    it('lists a last name typed run together first, as an exact match', () => {
      const finder = new PatientFinder();
      finder.load([
        { id: 'x', givenName: 'Obrienne', familyName: 'Adams', birthDate: '1970-01-01', phones: [] },
        { id: 'y', givenName: 'Zed', familyName: "O'Brien", birthDate: '1970-01-01', phones: [] },
      ]);
      expect(finder.search('obrien', 10, TODAY).map((h) => h.id)).toEqual(['y', 'x']);
    });
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
      expect(finder.find(query, 1_000_000).map((h) => h.id).sort(), text).toEqual(scan(patients, query));
    }
  });

  it('answers exactly like a scan of every record for names with apostrophes, hyphens, spaces and letters like ø, ß and đ', () => {
    const typed = typedNamePatients();
    const patients = [...syntheticPatients(2000), ...typed];
    const finder = new PatientFinder();
    finder.load(patients);
    const runTogether = (part: string | undefined) => plainWords(part).join('');
    const typedByHand = [
      ...['obrien', 'o brien', "o'brien", 'brien', 'oneil mi', 'smithjones', 'smith jones', 'smith', 'jones', 'delacruz', 'de la cruz', 'cruz', 'lacruz', 'dela'],
      ...['soren', 'søren', 'weiss', 'weiß', 'WEISS', 'dang', 'đặng', 'aeroe', 'oehlen', 'lukas', 'thors', 'dordevic', 'yildiz', 'hagar', 'ince', 'bjorn', 'oedi', 'stjohn', 'kaahumanu', 'ohara', "o'hara", 'vanderberg', 'darcy', 'dsouza', 'weisslee', 'maryann', 'jeanluc', 'annemarie', 'duc', 'aebbe'],
      ...['N1001579', 'n1001579', 'N1-001579', 'N-1001579', 'T2000005', 't3-000003', 't1000004'],
    ];
    const queries = [
      ...typed.slice(0, 44).flatMap((p) => [
        p.familyName,
        p.familyName.toLowerCase(),
        runTogether(p.familyName),
        `${runTogether(p.familyName).slice(0, 5)} ${p.givenName.slice(0, 2)}`,
        plainWords(p.familyName).join(' '),
        plainWords(p.familyName).at(-1)!,
        `${p.givenName} ${p.familyName}`,
        runTogether(p.givenName),
        runTogether(p.middleName),
        p.mrn!.replace('-', ''),
        p.mrn!.replace('-', '').toLowerCase(),
      ]),
      ...typedByHand,
    ];
    for (const text of queries) {
      const query = parseFinderQuery(text, TODAY);
      const found = finder.find(query, 1_000_000).map((h) => h.id).sort();
      expect(found, text).toEqual(scan(patients, query));
      if (typedByHand.includes(text)) expect(found, text).not.toEqual([]);
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
