/**
 * Entries (key, slot) kept in order of key, then of the slot's id: two parallel arrays, which
 * load from typed arrays without an object per entry. Lookups are binary searches; single
 * changes are splices, many at once one filter and one merge.
 */
export class SortedIndex<K extends string | number> {
  keys: K[] = [];
  slots: number[] = [];
  private sorted = true;

  constructor(private readonly idOf: (slot: number) => string) {}

  get length(): number {
    return this.keys.length;
  }

  /** Replaces the entries with ones already in order (checked by `isInOrder`). */
  replace(keys: K[], slots: number[]): void {
    this.keys = keys;
    this.slots = slots;
    this.sorted = true;
  }

  clear(): void {
    this.replace([], []);
  }

  /** The positions of the entries whose key is `key`. */
  range(key: K): [number, number] {
    this.sort();
    const from = this.lowerBound(key);
    let to = from;
    while (to < this.keys.length && this.keys[to] === key) to++;
    return [from, to];
  }

  /** The first position whose key is not below `key`. */
  lowerBound(key: K): number {
    this.sort();
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.keys[mid]! < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(key: K, slot: number): void {
    if (!this.sorted) {
      this.add(key, slot);
      return;
    }
    const at = this.position(key, slot);
    this.keys.splice(at, 0, key);
    this.slots.splice(at, 0, slot);
  }

  delete(key: K, slot: number): void {
    this.sort();
    const at = this.position(key, slot);
    if (this.slots[at] === slot && this.keys[at] === key) {
      this.keys.splice(at, 1);
      this.slots.splice(at, 1);
    }
  }

  /** Adds without keeping order; the next lookup sorts once. */
  add(key: K, slot: number): void {
    this.keys.push(key);
    this.slots.push(slot);
    this.sorted = false;
  }

  /** Removes every entry of the given slots in one pass. */
  removeSlots(gone: ReadonlySet<number>): void {
    if (gone.size === 0) return;
    const keys: K[] = [];
    const slots: number[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      if (gone.has(this.slots[i]!)) continue;
      keys.push(this.keys[i]!);
      slots.push(this.slots[i]!);
    }
    this.keys = keys;
    this.slots = slots;
  }

  /** Adds many entries: sorted among themselves, then merged in one pass. */
  merge(keys: K[], slots: number[]): void {
    if (keys.length === 0) return;
    this.sort();
    const added = new SortedIndex<K>(this.idOf);
    added.keys = keys;
    added.slots = slots;
    added.sorted = false;
    added.sort();
    const mergedKeys = new Array<K>(this.keys.length + keys.length);
    const mergedSlots = new Array<number>(mergedKeys.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < mergedKeys.length; k++) {
      const fromOld = j >= added.keys.length || (i < this.keys.length && !this.before(added.keys[j]!, added.slots[j]!, this.keys[i]!, this.slots[i]!));
      if (fromOld) {
        mergedKeys[k] = this.keys[i]!;
        mergedSlots[k] = this.slots[i++]!;
      } else {
        mergedKeys[k] = added.keys[j]!;
        mergedSlots[k] = added.slots[j++]!;
      }
    }
    this.replace(mergedKeys, mergedSlots);
  }

  /**
   * Whether every entry is in order and names a slot below `slotCount`, for entries just loaded
   * into slots numbered in order of id: then slots compare as their ids do, and far faster.
   */
  isLoadedInOrder(slotCount: number): boolean {
    const { keys, slots } = this;
    for (let i = 0; i < keys.length; i++) {
      const slot = slots[i]!;
      if (!(slot >= 0 && slot < slotCount) || keys[i] === undefined) return false;
      if (i > 0 && !(keys[i - 1]! < keys[i]! || (keys[i - 1] === keys[i] && slots[i - 1]! < slot))) return false;
    }
    return true;
  }

  sort(): void {
    if (this.sorted) return;
    const order = Array.from(this.keys, (_, i) => i);
    const compare = (a: number, b: number) => (this.before(this.keys[a]!, this.slots[a]!, this.keys[b]!, this.slots[b]!) ? -1 : this.before(this.keys[b]!, this.slots[b]!, this.keys[a]!, this.slots[a]!) ? 1 : 0);
    order.sort(compare);
    this.keys = order.map((i) => this.keys[i]!);
    this.slots = order.map((i) => this.slots[i]!);
    this.sorted = true;
  }

  /** Strictly before: a smaller key, or the same key and a smaller id. */
  private before(keyA: K, slotA: number, keyB: K, slotB: number): boolean {
    return keyA < keyB || (keyA === keyB && this.idOf(slotA) < this.idOf(slotB));
  }

  private position(key: K, slot: number): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.before(this.keys[mid]!, this.slots[mid]!, key, slot)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
