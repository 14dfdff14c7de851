import { z } from 'zod';
import { SYNCED_COLLECTIONS, stampField, type SyncedCollection } from '../../../shared/sync/collections';
import type { CollectionReplication } from './replication';

/** At most this many unconfirmed records are named in a report; the counts are always complete. */
const LISTED = 50;

export const CollectionDayCloseSchema = z.object({
  collection: z.enum(SYNCED_COLLECTIONS),
  /** Records this workstation wrote that day (their latest state). */
  written: z.number().int().min(0),
  /** Of those, the ones the server holds as written here. */
  confirmed: z.number().int().min(0),
  /** The first unconfirmed ones, with why. */
  pending: z.array(z.object({ id: z.string(), reason: z.string() })).max(LISTED),
});
export type CollectionDayClose = z.infer<typeof CollectionDayCloseSchema>;

export const DayCloseReportSchema = z.object({
  date: z.string(),
  workstationId: z.string(),
  workstationPrefix: z.string(),
  siteId: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
  collections: z.array(CollectionDayCloseSchema),
  written: z.number().int().min(0),
  confirmed: z.number().int().min(0),
  /** Why the server could not be asked, when it could not. */
  problem: z.string().nullable(),
  /** This workstation's cash drawer as it was counted and closed that day; null when none was opened (reports kept before drawers have none). */
  drawer: z
    .object({ floatCents: z.number().int(), expectedCashCents: z.number().int(), countedCashCents: z.number().int(), expectedChecksCents: z.number().int(), countedChecksCents: z.number().int(), overShortCents: z.number().int() })
    .nullable()
    .optional(),
});
export type DayCloseReport = z.infer<typeof DayCloseReportSchema>;

export const isComplete = (r: DayCloseReport) => r.problem === null && r.confirmed === r.written;

/**
 * Asks the server, collection by collection, whether it holds every record this workstation
 * wrote on a clinic day, as written here: a record is confirmed when the server's copy carries
 * the same write stamp (each write sets it) or, for one deleted here, is deleted too.
 */
export async function confirmDay(
  collections: readonly CollectionReplication[],
  written: Partial<Record<SyncedCollection, readonly string[]>>,
): Promise<{ collections: CollectionDayClose[]; problem: string | null }> {
  const result: CollectionDayClose[] = [];
  let problem: string | null = null;
  for (const c of collections) {
    const docs = await c.localCopies(written[c.name] ?? []);
    const line: CollectionDayClose = { collection: c.name, written: docs.length, confirmed: 0, pending: [] };
    result.push(line);
    if (docs.length === 0) continue;
    const field = stampField(c.name);
    const ids = docs.map((d) => String(d['id']));
    let copies: Awaited<ReturnType<CollectionReplication['serverCopies']>> | null = null;
    try {
      if (!problem) copies = await c.serverCopies(ids);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    for (const doc of docs) {
      const id = String(doc['id']);
      const copy = copies?.get(id);
      const deletedHere = Boolean(doc['_deleted']);
      let reason: string | null;
      if (!copies) reason = 'The server could not be asked';
      else if (!copy) reason = 'Not on the server';
      else if (deletedHere) reason = copy.deleted ? null : 'Deleted here, not on the server';
      else if (copy.deleted) reason = 'Deleted on the server';
      else reason = copy.doc?.[field] === doc[field] ? null : 'The server has another version';
      if (reason === null) line.confirmed++;
      else if (line.pending.length < LISTED) line.pending.push({ id, reason });
    }
  }
  return { collections: result, problem };
}

/** The last reports of this workstation, newest first, kept on this computer. */
export function dayCloseHistory(memory: Pick<Storage, 'getItem' | 'setItem'>, key: string) {
  const read = (): DayCloseReport[] => {
    try {
      const parsed = z.array(DayCloseReportSchema).safeParse(JSON.parse(memory.getItem(key) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  return {
    read,
    keep(report: DayCloseReport) {
      memory.setItem(key, JSON.stringify([report, ...read()].slice(0, 30)));
    },
  };
}

export const countsOf = (collections: readonly CollectionDayClose[]) => ({
  written: collections.reduce((n, c) => n + c.written, 0),
  confirmed: collections.reduce((n, c) => n + c.confirmed, 0),
});

export type { SyncedCollection };
