import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  writeDocToDocState,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

const BATCH = 500;

/**
 * The documents of one collection that the server has not confirmed yet, counted from the local
 * database as the replication itself decides what to push: every document changed since the
 * replication's push checkpoint whose state is not the one it last exchanged with the server.
 * Both live in the local store, so the count survives a restart and is right before any network.
 * Null while the replication has not opened its bookkeeping yet.
 */
export async function countUnsynced(replication: Pick<RxReplicationState<unknown, unknown>, 'internalReplicationState'>): Promise<number | null> {
  const state = replication.internalReplicationState as RxStorageInstanceReplicationState<Record<string, unknown>> | undefined;
  if (!state) return null;
  const { metaInstance, forkInstance, identifier, conflictHandler } = state.input;
  const checkpointId = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, { isCheckpoint: '1', itemId: 'up' });
  const [checkpointDoc] = await metaInstance.findDocumentsById([checkpointId], false);
  let checkpoint: unknown = checkpointDoc?.checkpointData;
  let count = 0;
  for (;;) {
    const { documents, checkpoint: next } = await getChangedDocumentsSince(forkInstance, BATCH, checkpoint);
    if (documents.length === 0) return count;
    const ids = documents.map((doc) => doc[state.primaryPath] as string);
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of documents) {
      const master = assumed[doc[state.primaryPath] as string];
      if (!master) {
        count++;
        continue;
      }
      // The same two tests the push makes before it skips a document as already on the server.
      const sameRevision = Boolean(master.docData._rev) && getHeightOfRevision(doc._rev) === (doc._meta as Record<string, unknown>)[identifier];
      const sameContent =
        master.metaDocument.isResolvedConflict !== doc._rev &&
        conflictHandler.isEqual(master.docData, writeDocToDocState(doc, state.hasAttachments, Boolean(state.input.keepMeta)), 'upstream-check-if-equal');
      if (!sameRevision && !sameContent) count++;
    }
    if (documents.length < BATCH) return count;
    checkpoint = next;
  }
}

