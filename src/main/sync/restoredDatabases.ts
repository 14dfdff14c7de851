import { DbPrefixSchema } from '../../shared/settings/channels';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../shared/sync/collections';
import { EPOCH_DOC } from '../../shared/sync/epochMark';
import { getDocOrNull, type CouchRequester } from './couchRequester';

export type MarkRemovalResult = { db: string; removed: boolean };

/**
 * After the clinic's databases were restored from a copy of the server's files, each still carries
 * the mark it had when the copy was taken, the mark the workstations know; they would go on from
 * checkpoints the restored database never reached, and what they sent since the copy would stay
 * lost. Removing the marks makes every workstation treat each database as created anew at its next
 * sync: it pulls the database in full and sends all of its own records again, those written since
 * the copy included. A database with no mark (restored by replication into a new one) needs nothing.
 */
export async function removeEpochMarks(server: CouchRequester, options: { prefix: string }): Promise<MarkRemovalResult[]> {
  const prefix = DbPrefixSchema.parse(options.prefix);
  const results: MarkRemovalResult[] = [];
  for (const collection of SYNCED_COLLECTIONS) {
    const db = remoteDbName(prefix, collection);
    const mark = await getDocOrNull(server, db, EPOCH_DOC);
    if (mark && typeof mark._rev === 'string') {
      await server.request({ db, doc: EPOCH_DOC, method: 'DELETE', qs: { rev: mark._rev } });
    }
    results.push({ db, removed: Boolean(mark) });
  }
  return results;
}
