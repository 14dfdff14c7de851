import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { decryptField, encryptField, fieldEncryptionStorage, fieldKey } from '../../../src/renderer/data/fieldEncryption';
import { ledgerSchema } from '../../../src/renderer/features/payments/ledgerCollection';
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

    expect((await db.ledger.findOne(JaneDoeCopay.id).exec())?.toJSON()).toMatchObject({ reference: '9876' });
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

  it('seals each encrypted field with its own nonce, and refuses a changed or foreign one rather than reading it wrong', async () => {
    const { storage, written } = recordingStorage();
    const db = await openClinicDatabase({ name: `enc3${Date.now()}`, storage, encryptionKey: TEST_DATABASE_KEY });
    await db.ledger.bulkInsert([
      { ...JaneDoeCopay, reference: '4242' },
      { ...JaneDoeCopay, id: `${JaneDoeCopay.id.slice(0, -2)}02` as typeof JaneDoeCopay.id, reference: '4242', receiptNumber: 'N2-000002' },
    ]);
    const refs = written.filter((w) => w.collection === 'ledger').map((w) => JSON.parse(w.json).reference as string);
    expect(refs).toHaveLength(2);
    for (const ref of refs) expect(ref).toMatch(/^x1:[A-Za-z0-9+/=]+$/);
    expect(refs[0]).not.toBe(refs[1]);
    await db.close();

    const key = fieldKey(TEST_DATABASE_KEY);
    const sealed = encryptField({ before: '555', after: '777' }, key);
    expect(decryptField(sealed, key, TEST_DATABASE_KEY)).toEqual({ before: '555', after: '777' });
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    expect(() => decryptField(`x1:${bytes.toString('base64')}`, key, TEST_DATABASE_KEY)).toThrow();
    expect(() => decryptField(sealed, fieldKey('another-key-0123456789'), TEST_DATABASE_KEY)).toThrow();
    expect(() => decryptField('x1:AAAA', key, TEST_DATABASE_KEY)).toThrow('too short');
    expect(() => decryptField(42, key, TEST_DATABASE_KEY)).toThrow('does not hold text');
  });

  it('reads records written by earlier releases (RxDB crypto-js), and seals them anew when they are written', async () => {
    const { storage: memory, written } = recordingStorage();
    const name = `enc4${Date.now()}`;
    const before = await createRxDatabase({ name, storage: wrappedKeyEncryptionCryptoJsStorage({ storage: memory }), password: TEST_DATABASE_KEY, multiInstance: false });
    await before.addCollections({ ledger: { schema: ledgerSchema } });
    await before['ledger']!.insert({ ...JaneDoeCopay, reference: '9876' });
    await before.close();
    expect(JSON.parse(written.at(-1)!.json).reference).toMatch(/^U2FsdGVkX1/);

    const after = await createRxDatabase({ name, storage: fieldEncryptionStorage({ storage: memory }), password: TEST_DATABASE_KEY, multiInstance: false });
    await after.addCollections({ ledger: { schema: ledgerSchema } });
    const doc = await after['ledger']!.findOne(JaneDoeCopay.id).exec();
    expect(doc?.reference).toBe('9876');
    await doc!.incrementalPatch({ reference: '9877' });
    expect(JSON.parse(written.at(-1)!.json).reference).toMatch(/^x1:/);
    expect((await after['ledger']!.findOne(JaneDoeCopay.id).exec())?.reference).toBe('9877');
    await after.close();
  });
});
