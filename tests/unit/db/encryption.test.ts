import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { AcmeCoverage, CardFront, JaneDoe, JaneDoeCopay, SignInAudit, TEST_DATABASE_KEY } from '../../fixtures/clinic';

/** A memory storage that keeps a copy of every document as it reaches the storage underneath. */
function recordingStorage() {
  const inner = getRxStorageMemory();
  const written: { collection: string; json: string }[] = [];
  const storage: RxStorage<unknown, unknown> = {
    ...inner,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, unknown>): Promise<RxStorageInstance<T, unknown, unknown>> {
      const instance = await inner.createStorageInstance(params as never);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        for (const row of rows) written.push({ collection: params.collectionName, json: JSON.stringify(row.document) });
        return bulkWrite(rows, context);
      };
      return instance as unknown as RxStorageInstance<T, unknown, unknown>;
    },
  };
  return { storage, written };
}

describe('encryption at rest', () => {
  it('stores payment references, audit details, policy holder details and document images encrypted, and reads them back in clear', async () => {
    const { storage, written } = recordingStorage();
    const db = await openClinicDatabase({ name: `enc${Date.now()}`, storage, encryptionKey: TEST_DATABASE_KEY });
    await db.patients.insert(JaneDoe);
    await db.ledger.insert({ ...JaneDoeCopay, reference: '9876' });
    await db.audit.insert({ ...SignInAudit, detail: 'Secret detail about Jane', changes: [{ field: 'phone', before: '5550101234', after: '5550107777' }] });

    const stored = (collection: string) => written.filter((w) => w.collection === collection).map((w) => w.json).join('\n');
    expect(stored('ledger')).not.toContain('9876');
    expect(stored('audit')).not.toContain('Secret detail');
    expect(stored('audit')).not.toContain('5550107777');
    // Fields the finder and indexes need stay searchable, so they are not encrypted.
    expect(stored('patients')).toContain('Doe');

    await db.coverages.insert({ ...AcmeCoverage, groupNumber: 'GRP-7731', relationship: 'spouse', subscriberName: 'Jonah Secretname', subscriberBirthDate: '1960-01-02' });
    await db.documents.insert(CardFront);
    expect(stored('coverages')).not.toContain('GRP-7731');
    expect(stored('coverages')).not.toContain('Secretname');
    expect(stored('documents')).not.toContain(CardFront.data);
    expect((await db.documents.findOne(CardFront.id).exec())?.data).toBe(CardFront.data);
    expect((await db.coverages.findOne(AcmeCoverage.id).exec())?.subscriberName).toBe('Jonah Secretname');

    expect((await db.ledger.findOne(JaneDoeCopay.id).exec())?.reference).toBe('9876');
    expect((await db.audit.findOne(SignInAudit.id).exec())?.toJSON()).toMatchObject({ detail: 'Secret detail about Jane', changes: [{ after: '5550107777' }] });
    await db.close();
  });

  it('cannot be opened with another key', async () => {
    const { storage } = recordingStorage();
    const name = `enc2${Date.now()}`;
    const db = await openClinicDatabase({ name, storage, encryptionKey: TEST_DATABASE_KEY });
    await db.ledger.insert(JaneDoeCopay);
    await db.close();
    await expect(openClinicDatabase({ name, storage, encryptionKey: 'a-different-key-0123456789abcdef' })).rejects.toThrow();
  });
});
