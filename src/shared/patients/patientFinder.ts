import { nameTokens, normalizeName, parseFinderQuery, type FinderQuery } from './finderQuery';

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
}

/** One line of results: enough to show without reading the record. */
export interface FinderHit {
  id: string;
  record: FinderRecord;
}

/**
 * An in-memory index of every patient for the finder. Reading all patients through an IndexedDB
 * query takes seconds at 100,000 and RxDB never uses an index for `$regex`, so the desk searches
 * this instead: a sorted array of (name token, id) pairs answers prefixes by binary search, and
 * maps answer dates of birth, phone numbers and MRNs by exact key. It is kept current by `upsert`
 * and `remove` as records change, including changes that arrive by sync.
 */
export class PatientFinder {
  private readonly records = new Map<string, FinderRecord>();
  /** "family given birthdate", normalized once, so ranking compares plain strings. */
  private readonly sortKeys = new Map<string, string>();
  private tokens: { token: string; id: string }[] = [];
  private sorted = true;
  private readonly byDob = new Map<string, Set<string>>();
  private readonly byPhoneTail = new Map<string, Set<string>>();
  private readonly byMrn = new Map<string, string>();

  get size(): number {
    return this.records.size;
  }

  /** Adds many records at once (start-up): one sort instead of one insertion each. */
  load(records: Iterable<FinderRecord>): void {
    for (const record of records) this.addRecord(record, false);
    this.sort();
  }

  /** Adds or replaces one record. */
  upsert(record: FinderRecord): void {
    if (this.records.has(record.id)) this.remove(record.id);
    this.addRecord(record, true);
  }

  remove(id: string): void {
    const record = this.records.get(id);
    if (!record) return;
    this.records.delete(id);
    this.sortKeys.delete(id);
    this.tokens = this.tokens.filter((t) => t.id !== id);
    this.byDob.get(record.birthDate)?.delete(id);
    for (const phone of record.phones) this.byPhoneTail.get(phone.slice(-4))?.delete(id);
    if (record.mrn) this.byMrn.delete(record.mrn.toUpperCase());
  }

  /** Finds patients for what was typed, best matches first. */
  search(text: string, limit = 50, today = new Date()): FinderHit[] {
    return this.find(parseFinderQuery(text, today), limit);
  }

  find(query: FinderQuery, limit = 50): FinderHit[] {
    let ids: Iterable<string>;
    switch (query.kind) {
      case 'empty':
        return [];
      case 'mrn': {
        const id = this.byMrn.get(query.value);
        ids = id ? [id] : [];
        break;
      }
      case 'dob':
        ids = query.dates.flatMap((d) => [...(this.byDob.get(d) ?? [])]);
        break;
      case 'phone': {
        const candidates = this.byPhoneTail.get(query.digits.slice(-4)) ?? new Set<string>();
        ids = [...candidates].filter((id) => this.records.get(id)?.phones.some((p) => p.endsWith(query.digits)));
        break;
      }
      case 'name':
        ids = this.matchNames(query.tokens);
        break;
    }
    return this.rank([...new Set(ids)], query, limit);
  }

  /**
   * Exact last-name matches first, then by last name, first name and date of birth. Only the
   * first `limit` are put in order: a short prefix can match thousands of people.
   */
  private rank(ids: string[], query: FinderQuery, limit: number): FinderHit[] {
    const first = query.kind === 'name' ? query.tokens[0] : undefined;
    const keyed = ids.map((id) => {
      const key = this.sortKeys.get(id)!;
      const family = key.slice(0, key.indexOf('\u0000'));
      const exact = first !== undefined && family.split(' ').includes(first) ? '0' : '1';
      return { id, key: exact + key };
    });
    const top = smallest(keyed, limit);
    return top.map(({ id }) => ({ id, record: this.records.get(id)! }));
  }

  private matchNames(queryTokens: string[]): string[] {
    this.sort();
    // Every typed word must start some word of the name; the rarest word narrows first.
    const sets = [...new Set(queryTokens)].map((t) => this.prefixIds(t)).sort((a, b) => a.size - b.size);
    const [first, ...rest] = sets;
    if (!first) return [];
    const result: string[] = [];
    for (const id of first) if (rest.every((s) => s.has(id))) result.push(id);
    return result;
  }

  private prefixIds(prefix: string): Set<string> {
    const ids = new Set<string>();
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.tokens[mid]!.token < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.tokens.length && this.tokens[i]!.token.startsWith(prefix); i++) ids.add(this.tokens[i]!.id);
    return ids;
  }

  private addRecord(record: FinderRecord, keepSorted: boolean): void {
    this.records.set(record.id, record);
    this.sortKeys.set(record.id, `${normalizeName(record.familyName)}\u0000${normalizeName(record.givenName)}\u0000${record.birthDate}`);
    for (const token of new Set(nameTokens(record.givenName, record.middleName, record.familyName, record.preferredName))) {
      const entry = { token, id: record.id };
      if (keepSorted && this.sorted) this.tokens.splice(this.insertionPoint(entry), 0, entry);
      else {
        this.tokens.push(entry);
        this.sorted = false;
      }
    }
    add(this.byDob, record.birthDate, record.id);
    for (const phone of record.phones) add(this.byPhoneTail, phone.slice(-4), record.id);
    if (record.mrn) this.byMrn.set(record.mrn.toUpperCase(), record.id);
  }

  private insertionPoint(entry: { token: string; id: string }): number {
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const t = this.tokens[mid]!;
      if (t.token < entry.token || (t.token === entry.token && t.id < entry.id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private sort(): void {
    if (this.sorted) return;
    this.tokens.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.sorted = true;
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
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
