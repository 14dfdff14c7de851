import type { SyncedCollection } from '../../../shared/sync/collections';
import { EPOCH_DOC } from '../../../shared/sync/epochMark';

export { EPOCH_DOC };

/** The database's mark, writing a new one when it has none (a new or re-created database). */
export async function serverEpoch(fetch: typeof globalThis.fetch, dbUrl: string, newEpoch: () => string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = await fetch(`${dbUrl}${EPOCH_DOC}`, { headers: { Accept: 'application/json' } });
    if (read.ok) {
      const body = (await read.json()) as { epoch?: unknown };
      if (typeof body.epoch === 'string' && body.epoch) return body.epoch;
      throw new Error(`The mark of ${dbUrl} on the server is damaged.`);
    }
    if (read.status !== 404) throw new Error(`The server did not answer for ${dbUrl} (${read.status}).`);
    const epoch = newEpoch();
    const write = await fetch(`${dbUrl}${EPOCH_DOC}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ epoch }),
    });
    if (write.ok) return epoch;
    // Another workstation wrote its mark first: read that one.
    if (write.status !== 409) throw new Error(`The server refused the mark of ${dbUrl} (${write.status}).`);
  }
  throw new Error(`Could not read the mark of ${dbUrl} on the server.`);
}

/** Per collection: the database mark last seen, and how many times the database was found re-created. */
export type EpochMemory = Partial<Record<SyncedCollection, { epoch: string; generation: number }>>;

/**
 * Compares the marks now on the server with the remembered ones. A collection whose database has
 * another mark was re-created on the server: its generation goes up, which gives it a new
 * replication (fresh checkpoints both ways, so everything is pulled and everything of this
 * workstation pushed again).
 */
export function compareEpochs(remembered: EpochMemory, current: Partial<Record<SyncedCollection, string>>): { next: EpochMemory; recreated: SyncedCollection[] } {
  const next: EpochMemory = { ...remembered };
  const recreated: SyncedCollection[] = [];
  for (const [name, epoch] of Object.entries(current) as [SyncedCollection, string][]) {
    const before = remembered[name];
    if (!before) {
      next[name] = { epoch, generation: 0 };
    } else if (before.epoch !== epoch) {
      next[name] = { epoch, generation: before.generation + 1 };
      recreated.push(name);
    }
  }
  return { next, recreated };
}
