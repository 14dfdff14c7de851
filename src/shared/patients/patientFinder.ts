import { mrnSpellings, nameKeys, normalizeName, parseFinderQuery, type FinderQuery } from './finderQuery';
import { SortedIndex } from './sortedIndex';

/** What the finder needs of a patient. */
export interface FinderRecord {
  id: string;
  givenName: string;
  familyName: string;
  middleName?: string;
  preferredName?: string;
  birthDate: string;
  /** Phone numbers as digits. */
  phones: readonly string[];
  mrn?: string;
  /** The registered patient who pays this patient's bills (their guarantor), when it is another patient. */
  guarantorId?: string;
}

/** One line of results: enough to show without reading the record. */
export interface FinderHit {
  id: string;
  record: FinderRecord;
}

/**
 * Everything the finder holds, in a form that is cheap to store and to load again: the records
 * as columns of strings joined by a separator (one long string structured-clones far faster than
 * 100,000 short ones), and every index, already in order, as arrays of record positions. Loading
 * it makes no object per record, normalizes no name and sorts nothing.
 */
export interface FinderIndexData {
  /** What `nameKeys` makes of sample names: an index built by another tokenizer is not loaded. */
  tokenizer: string;
  count: number;
  /** One cell per record, records in order of id, joined by U+001F; a record's phones by U+001E. */
  columns: Record<FinderColumn, string>;
  /** The distinct name keys (`nameKeys`) in order, joined by U+001F. */
  tokens: string;
  /** The name index, in order: each entry's token (into `tokens`) and record. */
  nameTokens: Uint32Array;
  nameRecords: Uint32Array;
  /** Records in order of date of birth. */
  dobRecords: Uint32Array;
  /** Records that have an MRN, in order of MRN. */
  mrnRecords: Uint32Array;
  /** The phone index, in order: the last four digits of a number (as a number) and its record. */
  phoneKeys: Uint32Array;
  phoneRecords: Uint32Array;
}

export type FinderColumn = 'ids' | 'givenNames' | 'familyNames' | 'middleNames' | 'preferredNames' | 'birthDates' | 'phones' | 'mrns' | 'sortKeys' | 'guarantors';
export const FINDER_COLUMNS: readonly FinderColumn[] = ['ids', 'givenNames', 'familyNames', 'middleNames', 'preferredNames', 'birthDates', 'phones', 'mrns', 'sortKeys', 'guarantors'];
export const FINDER_INDEXES = ['nameTokens', 'nameRecords', 'dobRecords', 'mrnRecords', 'phoneKeys', 'phoneRecords'] as const;
const FIELD_SEPARATOR = '\u001f';
const LIST_SEPARATOR = '\u001e';

/** Changes to fewer records than this are applied one by one; more, in one pass over each index. */
const ONE_PASS_FROM = 8;

/**
 * An in-memory index of every patient for the finder. Reading all patients through an IndexedDB
 * query takes seconds at 100,000 and RxDB never uses an index for `$regex`, so the desk searches
 * this instead: a sorted list of (name key, record) answers prefixes by binary search, and
 * sorted lists of dates of birth, phone endings and MRNs answer those by exact key. Records live
 * in columns, one slot each, so a stored index loads without building an object per patient.
 * It is kept current by `upsert`, `remove` and `applyChanges` as records change, including
 * changes that arrive by sync.
 */
export class PatientFinder {
  /** One cell per slot. A removed record leaves its slot empty (id ''). */
  private cells: Record<FinderColumn, string[]> = emptyColumns();
  private live = 0;
  /** Built when first needed: a finder loaded and never changed does without it. */
  private slotById: Map<string, number> | undefined;
  private readonly idOf = (slot: number) => this.cells.ids[slot]!;
  private readonly names = new SortedIndex<string>(this.idOf);
  private readonly dobs = new SortedIndex<string>(this.idOf);
  private readonly mrns = new SortedIndex<string>(this.idOf);
  private readonly phones = new SortedIndex<number>(this.idOf);

  get size(): number {
    return this.live;
  }

  /** Adds many records at once (start-up): one sort instead of one insertion each. */
  load(records: Iterable<FinderRecord>): void {
    this.applyChanges([...records], []);
  }

  /** Adds or replaces one record. */
  upsert(record: FinderRecord): void {
    const existing = this.slotMap().get(record.id);
    if (existing !== undefined) this.unindex(existing);
    const slot = existing ?? this.newSlot(record.id);
    this.write(slot, record);
    this.index(slot, (index, key) => index.insert(key, slot));
  }

  remove(id: string): void {
    const slot = this.slotMap().get(id);
    if (slot === undefined) return;
    this.unindex(slot);
    this.free(slot);
  }

  /**
   * Removes `removed`, then adds or replaces `upserts` (the last one wins for an id given twice).
   * Many changes at once (a load, catching up at start, a batch that arrived by sync) cost one
   * pass over each index instead of one each.
   */
  applyChanges(upserts: readonly FinderRecord[], removed: Iterable<string>): void {
    const latest = new Map<string, FinderRecord>();
    for (const record of upserts) latest.set(record.id, record);
    const gone = new Set(removed);
    for (const id of latest.keys()) gone.delete(id);
    if (latest.size + gone.size < ONE_PASS_FROM) {
      for (const id of gone) this.remove(id);
      for (const record of latest.values()) this.upsert(record);
      return;
    }
    const slots = this.slotMap();
    const replaced = new Set<number>();
    for (const id of [...gone, ...latest.keys()]) {
      const slot = slots.get(id);
      if (slot !== undefined) replaced.add(slot);
    }
    for (const index of this.indexes()) index.removeSlots(replaced);
    for (const id of gone) {
      const slot = slots.get(id);
      if (slot !== undefined) this.free(slot);
    }
    const added = new Map<object, { keys: (string | number)[]; slots: number[] }>(this.indexes().map((index) => [index, { keys: [], slots: [] }]));
    for (const record of latest.values()) {
      const slot = slots.get(record.id) ?? this.newSlot(record.id);
      this.write(slot, record);
      this.index(slot, (index, key) => {
        const entries = added.get(index)!;
        entries.keys.push(key);
        entries.slots.push(slot);
      });
    }
    for (const [index, entries] of added) (index as SortedIndex<string | number>).merge(entries.keys, entries.slots);
  }

  /** Finds patients for what was typed, best matches first. */
  search(text: string, limit = 50, today = new Date()): FinderHit[] {
    return this.find(parseFinderQuery(text, today), limit);
  }

  find(query: FinderQuery, limit = 50): FinderHit[] {
    let slots: number[];
    switch (query.kind) {
      case 'empty':
        return [];
      case 'mrn':
        slots = mrnSpellings(query.value).flatMap((mrn) => this.slotsWith(this.mrns, mrn));
        break;
      case 'dob':
        slots = query.dates.flatMap((d) => this.slotsWith(this.dobs, d));
        break;
      case 'phone':
        slots = this.slotsWith(this.phones, tailKey(query.digits)).filter((slot) => this.phonesOf(slot).some((p) => p.endsWith(query.digits)));
        break;
      case 'name':
        slots = this.matchNames(query.tokens);
        break;
    }
    return this.rank([...new Set(slots)], query, limit);
  }

  /**
   * The patients whose guarantor is `guarantorId` (everyone that patient pays for), by name. One
   * pass over a column of ids: well under a millisecond at 100,000 patients, with no index to
   * keep.
   */
  dependantsOf(guarantorId: string): FinderRecord[] {
    if (!guarantorId) return [];
    const { guarantors, sortKeys } = this.cells;
    const slots: number[] = [];
    for (let slot = 0; slot < guarantors.length; slot++) if (guarantors[slot] === guarantorId) slots.push(slot);
    return slots.sort((a, b) => (sortKeys[a]! < sortKeys[b]! ? -1 : sortKeys[a]! > sortKeys[b]! ? 1 : 0)).map((slot) => this.recordAt(slot));
  }

  /** Everything the finder holds, to store and `loadIndex` later. */
  exportIndex(): FinderIndexData {
    for (const index of this.indexes()) index.sort();
    const { ids } = this.cells;
    const order: number[] = [];
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot]) order.push(slot);
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    const position = new Uint32Array(ids.length);
    order.forEach((slot, i) => (position[slot] = i));

    const columns = {} as Record<FinderColumn, string>;
    for (const column of FINDER_COLUMNS) {
      const cells = this.cells[column];
      const joined = order.map((slot) => cells[slot]!).join(FIELD_SEPARATOR);
      // Names never hold control characters (the patient schema refuses them); a separator in one would shift every later cell.
      if (occurrences(joined, FIELD_SEPARATOR) !== Math.max(0, order.length - 1) || (column !== 'phones' && joined.includes(LIST_SEPARATOR)))
        throw new Error(`A patient's ${column} holds a separator character; the finder index cannot be exported`);
      columns[column] = joined;
    }
    const distinct: string[] = [];
    const tokens = this.names.keys;
    const nameTokens = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      if (distinct[distinct.length - 1] !== tokens[i]) distinct.push(tokens[i]!);
      nameTokens[i] = distinct.length - 1;
    }
    const positions = ({ slots }: SortedIndex<string> | SortedIndex<number>) => {
      const out = new Uint32Array(slots.length);
      for (let i = 0; i < slots.length; i++) out[i] = position[slots[i]!]!;
      return out;
    };
    return {
      tokenizer: tokenizerFingerprint(),
      count: order.length,
      columns,
      tokens: distinct.join(FIELD_SEPARATOR),
      nameTokens,
      nameRecords: positions(this.names),
      dobRecords: positions(this.dobs),
      mrnRecords: positions(this.mrns),
      phoneKeys: new Uint32Array(this.phones.keys),
      phoneRecords: positions(this.phones),
    };
  }

  /**
   * Replaces everything with an index from `exportIndex`. Throws, leaving the finder empty, when
   * the data is not such an index (wrong shape, another tokenizer, out of order), so a damaged
   * snapshot is never searched.
   */
  loadIndex(data: FinderIndexData): void {
    try {
      this.readIndex(data);
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  /**
   * Exact last-name matches first (the first typed word is a word of the last name, or all of its
   * words run together), then by last name, first name, date of birth and id. Only the first
   * `limit` are put in order: a short prefix can match thousands of people.
   */
  private rank(slots: number[], query: FinderQuery, limit: number): FinderHit[] {
    const first = query.kind === 'name' ? query.tokens[0] : undefined;
    const { sortKeys, ids } = this.cells;
    const keyed = slots.map((slot) => {
      const key = sortKeys[slot]!;
      const family = key.slice(0, key.indexOf('\u0000'));
      const words = family.split(' ');
      const exact = first !== undefined && (words.includes(first) || (words.length > 1 && words.join('') === first)) ? '0' : '1';
      return { slot, key: `${exact}${key}\u0000${ids[slot]}` };
    });
    return smallest(keyed, limit).map(({ slot }) => ({ id: ids[slot]!, record: this.recordAt(slot) }));
  }

  private matchNames(queryTokens: string[]): number[] {
    // Every typed word must start some key of the name (`nameKeys`); the rarest word narrows first.
    const sets = [...new Set(queryTokens)].map((t) => this.prefixSlots(t)).sort((a, b) => a.size - b.size);
    const [first, ...rest] = sets;
    if (!first) return [];
    const result: number[] = [];
    for (const slot of first) if (rest.every((s) => s.has(slot))) result.push(slot);
    return result;
  }

  private prefixSlots(prefix: string): Set<number> {
    const slots = new Set<number>();
    const from = this.names.lowerBound(prefix);
    const { keys } = this.names;
    for (let i = from; i < keys.length && keys[i]!.startsWith(prefix); i++) slots.add(this.names.slots[i]!);
    return slots;
  }

  private slotsWith<K extends string | number>(index: SortedIndex<K>, key: K): number[] {
    const [from, to] = index.range(key);
    return index.slots.slice(from, to);
  }

  private recordAt(slot: number): FinderRecord {
    const c = this.cells;
    const record: FinderRecord = { id: c.ids[slot]!, givenName: c.givenNames[slot]!, familyName: c.familyNames[slot]!, birthDate: c.birthDates[slot]!, phones: this.phonesOf(slot) };
    if (c.middleNames[slot]) record.middleName = c.middleNames[slot];
    if (c.preferredNames[slot]) record.preferredName = c.preferredNames[slot];
    if (c.mrns[slot]) record.mrn = c.mrns[slot];
    if (c.guarantors[slot]) record.guarantorId = c.guarantors[slot];
    return record;
  }

  private phonesOf(slot: number): string[] {
    const joined = this.cells.phones[slot]!;
    return joined ? joined.split(LIST_SEPARATOR) : [];
  }

  private indexes(): (SortedIndex<string> | SortedIndex<number>)[] {
    return [this.names, this.dobs, this.mrns, this.phones];
  }

  /** Calls `add` with each index entry of the record in `slot`. */
  private index(slot: number, add: <K extends string | number>(index: SortedIndex<K>, key: K) => void): void {
    const c = this.cells;
    for (const key of new Set(nameKeys(c.givenNames[slot], c.middleNames[slot], c.familyNames[slot], c.preferredNames[slot]))) add(this.names, key);
    add(this.dobs, c.birthDates[slot]!);
    if (c.mrns[slot]) add(this.mrns, c.mrns[slot].toUpperCase());
    for (const key of new Set(this.phonesOf(slot).map(tailKey))) add(this.phones, key);
  }

  private unindex(slot: number): void {
    this.index(slot, (index, key) => index.delete(key, slot));
  }

  private write(slot: number, record: FinderRecord): void {
    const c = this.cells;
    c.givenNames[slot] = record.givenName;
    c.familyNames[slot] = record.familyName;
    c.middleNames[slot] = record.middleName ?? '';
    c.preferredNames[slot] = record.preferredName ?? '';
    c.birthDates[slot] = record.birthDate;
    c.phones[slot] = record.phones.join(LIST_SEPARATOR);
    c.mrns[slot] = record.mrn ?? '';
    c.guarantors[slot] = record.guarantorId ?? '';
    c.sortKeys[slot] = `${normalizeName(record.familyName)}\u0000${normalizeName(record.givenName)}\u0000${record.birthDate}`;
  }

  private newSlot(id: string): number {
    const slot = this.cells.ids.length;
    for (const column of FINDER_COLUMNS) this.cells[column].push('');
    this.cells.ids[slot] = id;
    this.slotMap().set(id, slot);
    this.live++;
    return slot;
  }

  private free(slot: number): void {
    this.slotMap().delete(this.cells.ids[slot]!);
    for (const column of FINDER_COLUMNS) this.cells[column][slot] = '';
    this.live--;
  }

  private slotMap(): Map<string, number> {
    if (!this.slotById) {
      this.slotById = new Map();
      this.cells.ids.forEach((id, slot) => {
        if (id) this.slotById!.set(id, slot);
      });
    }
    return this.slotById;
  }

  private clear(): void {
    this.cells = emptyColumns();
    this.live = 0;
    this.slotById = undefined;
    for (const index of this.indexes()) index.clear();
  }

  private readIndex(data: FinderIndexData): void {
    this.clear();
    if (data.tokenizer !== tokenizerFingerprint()) throw new Error('The finder index was built by another tokenizer');
    const { count } = data;
    const cells = emptyColumns();
    for (const column of FINDER_COLUMNS) {
      if (typeof data.columns[column] !== 'string') throw new Error(`The finder index has no column ${column}`);
      cells[column] = count === 0 ? [] : data.columns[column].split(FIELD_SEPARATOR);
      if (cells[column].length !== count) throw new Error(`The finder index column ${column} does not have ${count} cells`);
    }
    for (let i = 1; i < count; i++) if (!(cells.ids[i - 1]! < cells.ids[i]!)) throw new Error('The finder index lists records out of order or twice');
    if (count > 0 && !cells.ids[0]) throw new Error('The finder index lists a record without an id');
    this.cells = cells;
    this.live = count;

    const distinct = data.tokens ? data.tokens.split(FIELD_SEPARATOR) : [];
    this.names.replace(lookUp(data.nameTokens, distinct), numbers(data.nameRecords));
    this.dobs.replace(lookUp(data.dobRecords, cells.birthDates), numbers(data.dobRecords));
    this.mrns.replace(lookUp(data.mrnRecords, cells.mrns).map((mrn) => mrn?.toUpperCase()), numbers(data.mrnRecords));
    this.phones.replace(numbers(data.phoneKeys), numbers(data.phoneRecords));
    if (this.names.keys.length !== this.names.slots.length || this.phones.keys.length !== this.phones.slots.length || this.dobs.length !== count)
      throw new Error('The finder index entries do not pair up');
    if (!this.indexes().every((index) => index.isLoadedInOrder(count))) throw new Error('The finder index is out of order');
  }
}

/** A typed array as a plain one, which splices when the finder changes. */
function numbers(typed: Uint32Array): number[] {
  const out = new Array<number>(typed.length);
  for (let i = 0; i < typed.length; i++) out[i] = typed[i]!;
  return out;
}

/** `values[i]` for each i, undefined where out of range (the loaded index is checked after). */
function lookUp(positions: Uint32Array, values: readonly string[]): string[] {
  const out = new Array<string>(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = values[positions[i]!]!;
  return out;
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++;
  return count;
}

function emptyColumns(): Record<FinderColumn, string[]> {
  return Object.fromEntries(FINDER_COLUMNS.map((c) => [c, []])) as unknown as Record<FinderColumn, string[]>;
}

/** The phone index's key: the last four digits as a number, so keys cost no string each. */
function tailKey(digits: string): number {
  return Number.parseInt(digits.slice(-4), 10) || 0;
}

/** The `limit` entries with the smallest keys, in order, without sorting all of them. */
function smallest<T extends { key: string }>(items: T[], limit: number): T[] {
  if (items.length <= limit * 4) return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, limit);
  const top: T[] = [];
  for (const item of items) {
    if (top.length === limit && item.key >= top[limit - 1]!.key) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.key > item.key) i--;
    top.splice(i, 0, item);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Sample names through `nameKeys`: changes whenever the tokenizer would index a name differently. */
let fingerprint: string | undefined;
function tokenizerFingerprint(): string {
  fingerprint ??= nameKeys(
    "José-María O'Neil",
    'ÑÚÑEZ  garcía',
    'Zoë D’Arcy',
    'Nguyễn Thị',
    'Łukasz Øster',
    'Anne-Marie St. John 3rd',
    'De La Cruz',
    'Weiß ẞ Đặng Søren',
    'Æsa Œlund Þór Ðóra Yıldız İnce Ħal Ŧa Ĳssel Ŀl',
    'Oʼneil Kaʻahumanu O´Hara O`Dell',
  ).join(' ');
  return fingerprint;
}
