import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { createSyncController } from '../../../src/renderer/features/sync/syncController';
import { useSyncStore } from '../../../src/renderer/features/sync/syncStore';
import { JaneDoe, JaneDoeNineAm, JoseMartinez, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { testClient } from '../../support/desk';

let db: ClinicDatabase;
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `pending${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  useSyncStore.getState().reset();
  createSyncController(db, testClient('N1'));
});
afterEach(async () => {
  await db.close();
});

const pending = () => useSyncStore.getState().pendingLocalChanges;

describe('changes waiting to sync', () => {
  it('counts every document the desk writes, whichever repository or collection wrote it', async () => {
    await db.patients.insert(JaneDoe);
    await db.appointments.insert(JaneDoeNineAm);
    expect(pending()).toBe(2);
    await (await db.patients.findOne(JaneDoe.id).exec())!.incrementalPatch({ givenName: 'Janet' });
    await db.patients.bulkInsert([JoseMartinez]);
    expect(pending()).toBe(4);
  });

  it('does not count what the replication itself writes (documents pulled from the server)', async () => {
    const doc = { ...JaneDoe, _deleted: false, _attachments: {}, _meta: { lwt: Date.now() }, _rev: '1-abc' };
    await db.patients.storageInstance.bulkWrite([{ document: doc }], 'replication-downstream-test');
    expect(await db.patients.count().exec()).toBe(1);
    expect(pending()).toBeNull();
  });
});
