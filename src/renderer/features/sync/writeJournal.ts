import { dateInZone } from '../../../shared/domain/time';
import type { SyncedCollection } from '../../../shared/sync/collections';

/** How many clinic days of the journal are kept. */
const DAYS_KEPT = 14;

type Journal = Record<string, Partial<Record<SyncedCollection, string[]>>>;

/**
 * Which records this workstation wrote on each clinic day, by collection: the list the close of
 * day asks the server about. The database cannot say it afterwards (a record pulled from the
 * server looks like one written here), so each write the desk makes is noted as it happens.
 */
export function createWriteJournal(memory: Pick<Storage, 'getItem' | 'setItem'>) {
  let key = '';
  let journal: Journal = {};

  const read = (): Journal => {
    try {
      const parsed = JSON.parse(memory.getItem(key) ?? '{}') as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Journal) : {};
    } catch {
      return {};
    }
  };

  return {
    /** The workstation whose journal this is (its settings have been read). */
    open(workstationId: string) {
      key = `clinicdesk-written-${workstationId}`;
      journal = read();
    },
    note(collection: SyncedCollection, ids: readonly string[], at: Date, timeZone: string) {
      if (!key || ids.length === 0) return;
      const date = dateInZone(at, timeZone);
      const day = (journal[date] ??= {});
      const list = new Set(day[collection] ?? []);
      for (const id of ids) list.add(id);
      day[collection] = [...list];
      for (const old of Object.keys(journal).sort().slice(0, -DAYS_KEPT)) delete journal[old];
      memory.setItem(key, JSON.stringify(journal));
    },
    written(date: string): Partial<Record<SyncedCollection, string[]>> {
      return journal[date] ?? {};
    },
  };
}

export type WriteJournal = ReturnType<typeof createWriteJournal>;
