import { describe, expect, it } from 'vitest';
import { PatientFinder, type FinderIndexData, type FinderRecord } from '../../../src/shared/patients/patientFinder';
import { syntheticPatients, typedNamePatients } from '../../fixtures/syntheticPatients';

const TODAY = new Date('2026-11-23T12:00:00Z');
const patients = syntheticPatients(2000, 7);

function queriesFor(people: readonly FinderRecord[]): string[] {
  return [
    ...people.map((p) => `${p.familyName.slice(0, 3)} ${p.givenName.slice(0, 1)}`),
    ...people.map((p) => p.birthDate),
    ...people.map((p) => p.phones[0]!.slice(-5)),
    ...people.map((p) => p.mrn!),
    'a',
    'mar',
  ];
}

function expectSameAnswers(actual: PatientFinder, expected: PatientFinder, people: readonly FinderRecord[]): void {
  expect(actual.size).toBe(expected.size);
  for (const text of queriesFor(people)) expect(actual.search(text, 200, TODAY), text).toEqual(expected.search(text, 200, TODAY));
}

describe('the finder index as data', () => {
  it('loads back exactly what it exported, through a structured clone', () => {
    const built = new PatientFinder();
    built.load(patients);
    const loaded = new PatientFinder();
    loaded.loadIndex(structuredClone(built.exportIndex()));
    expectSameAnswers(loaded, built, patients.slice(0, 60));
    // A loaded finder keeps following changes like a built one.
    for (const finder of [built, loaded]) {
      finder.upsert({ ...patients[0]!, familyName: 'Zwolinski' });
      finder.remove(patients[1]!.id);
    }
    expectSameAnswers(loaded, built, patients.slice(0, 60));
  });

  it('finds everyone a guarantor pays for, by name, after changes and after a load, and nobody for an empty id', () => {
    const guarantor = patients[0]!.id;
    const family = patients.slice(10, 14).map((p) => ({ ...p, guarantorId: guarantor }));
    const built = new PatientFinder();
    built.load([...patients.slice(0, 10), ...family, ...patients.slice(14)]);
    const byName = (list: readonly FinderRecord[]) => list.map((r) => r.id);
    const expected = [...family].sort((a, b) => `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`));
    expect(built.dependantsOf(guarantor).map((r) => r.guarantorId)).toEqual([guarantor, guarantor, guarantor, guarantor]);
    expect(new Set(byName(built.dependantsOf(guarantor)))).toEqual(new Set(byName(expected)));
    built.upsert({ ...family[0]!, guarantorId: undefined as never });
    built.remove(family[1]!.id);
    const loaded = new PatientFinder();
    loaded.loadIndex(structuredClone(built.exportIndex()));
    for (const finder of [built, loaded]) expect(new Set(byName(finder.dependantsOf(guarantor)))).toEqual(new Set([family[2]!.id, family[3]!.id]));
    expect(loaded.dependantsOf('')).toEqual([]);
    const { guarantors: _g, ...withoutGuarantors } = built.exportIndex().columns;
    expect(() => new PatientFinder().loadIndex({ ...built.exportIndex(), columns: withoutGuarantors as never })).toThrow('The finder index has no column guarantors');
  });

  it('loads back names with apostrophes, hyphens, spaces and letters like ø, ß and đ', () => {
    const people = [...patients.slice(0, 200), ...typedNamePatients()];
    const built = new PatientFinder();
    built.load(people);
    const loaded = new PatientFinder();
    loaded.loadIndex(structuredClone(built.exportIndex()));
    for (const text of ['obrien', 'o brien', 'smithjones', 'delacruz', 'de la cruz', 'weiss', 'weiß', 'soren', 'dang', 'N1001579', 'n1-001579']) {
      expect(loaded.search(text, 200, TODAY), text).toEqual(built.search(text, 200, TODAY));
      expect(loaded.search(text, 200, TODAY), text).not.toEqual([]);
    }
  });

  it('exports and loads an empty finder', () => {
    const loaded = new PatientFinder();
    loaded.loadIndex(new PatientFinder().exportIndex());
    expect(loaded.size).toBe(0);
    expect(loaded.search('a', 10, TODAY)).toEqual([]);
  });

  it.each<[string, (d: FinderIndexData) => FinderIndexData]>([
    ['another tokenizer', (d) => ({ ...d, tokenizer: 'something else' })],
    ['a short column', (d) => ({ ...d, columns: { ...d.columns, birthDates: d.columns.birthDates.slice(0, 50) } })],
    ['a record listed twice', (d) => ({ ...d, columns: { ...d.columns, ids: d.columns.ids.replace(patients[1]!.id, patients[0]!.id) } })],
    ['an entry out of range', (d) => ({ ...d, nameTokens: d.nameTokens.map((t, i) => (i === 5 ? 1e9 : t)) })],
    ['entries out of order', (d) => ({ ...d, nameRecords: d.nameRecords.slice().reverse() })],
    ['dates of birth out of order', (d) => ({ ...d, dobRecords: d.dobRecords.slice().reverse() })],
    ['a date of birth index too short', (d) => ({ ...d, dobRecords: d.dobRecords.slice(1) })],
    ['phone entries that do not pair up', (d) => ({ ...d, phoneKeys: d.phoneKeys.slice(1) })],
  ])('refuses an index with %s and is left empty', (_label, damage) => {
    const built = new PatientFinder();
    built.load(patients.slice(0, 200));
    const finder = new PatientFinder();
    finder.load(patients.slice(500, 510));
    expect(() => finder.loadIndex(damage(built.exportIndex()))).toThrow();
    expect(finder.size).toBe(0);
  });

  it('applies a batch of changes like the same changes one by one', () => {
    const batched = new PatientFinder();
    batched.load(patients);
    const single = new PatientFinder();
    single.load(patients);
    const edited = patients.slice(0, 300).map((p, i) => ({ ...p, familyName: i % 2 ? `${p.familyName}son` : 'Brandnew', phones: [`31255501${String(i).padStart(2, '0')}`] }));
    const added = syntheticPatients(2100, 7).slice(2000);
    const removed = patients.slice(300, 500).map((p) => p.id);
    batched.applyChanges([...edited, ...added], [...removed, 'never-there']);
    for (const id of removed) single.remove(id);
    for (const record of [...edited, ...added]) single.upsert(record);
    const people = [...patients.slice(0, 600).filter((_, i) => i % 4 === 0), ...added.slice(0, 20)];
    expectSameAnswers(batched, single, people);
    // And a fresh load of the final records agrees too.
    const fresh = new PatientFinder();
    const removedIds = new Set(removed);
    fresh.load([...edited, ...patients.slice(300).filter((p) => !removedIds.has(p.id)), ...added]);
    expectSameAnswers(batched, fresh, people);
  });

  it('lets the last change win when a batch names a record twice, and an upsert win over a removal', () => {
    const finder = new PatientFinder();
    finder.load(patients.slice(0, 100));
    const p = patients[0]!;
    const many = patients.slice(1, 40).map((q) => ({ ...q, givenName: 'Batch' }));
    finder.applyChanges([{ ...p, familyName: 'First' }, ...many, { ...p, familyName: 'Second' }], [p.id]);
    expect(finder.search('second', 10, TODAY).map((h) => h.id)).toEqual([p.id]);
    expect(finder.search('first', 10, TODAY)).toEqual([]);
    expect(finder.search('batch', 100, TODAY)).toHaveLength(39);
  });

  it('keeps an MRN found when the record that shared it is removed', () => {
    const finder = new PatientFinder();
    const a = { ...patients[0]!, mrn: 'N2-000777' };
    finder.load([a]);
    finder.upsert({ ...patients[1]!, mrn: 'N2-000777' });
    finder.remove(a.id);
    expect(finder.search('N2-000777', 10, TODAY).map((h) => h.id)).toEqual([patients[1]!.id]);
  });
});
