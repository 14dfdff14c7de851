import { createRxDatabase, type MigrationStrategies, type RxJsonSchema, type RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { auditMigrations, auditSchema } from '../../../src/renderer/db/collections/audit';
import { ledgerMigrations, ledgerSchema } from '../../../src/renderer/db/collections/ledger';
import { patientMigrations, patientSchema } from '../../../src/renderer/db/collections/patients';
import { openClinicDatabase } from '../../../src/renderer/db/database';
import { JaneDoe, JaneDoeCopay, SignInAudit, TEST_DATABASE_KEY } from '../../fixtures/clinic';

let counter = 0;

/**
 * The migration scaffold: open a database at version N-1, insert old documents, reopen at N with
 * the strategies, and compare. Each schema version has one test built on `migrateOnce`.
 */
async function migrateOnce<Old, New>(options: {
  collection: string;
  oldSchema: RxJsonSchema<Old>;
  oldDocs: Old[];
  newSchema: RxJsonSchema<New>;
  strategies: MigrationStrategies;
}): Promise<New[]> {
  const name = `migrate${Date.now()}${counter++}`;
  const storage: RxStorage<unknown, unknown> = wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageMemory() });
  const before = await createRxDatabase({ name, storage, password: TEST_DATABASE_KEY, multiInstance: false });
  await before.addCollections({ [options.collection]: { schema: options.oldSchema } });
  await before[options.collection]!.bulkInsert(options.oldDocs);
  await before.close();

  const after = await createRxDatabase({ name, storage, password: TEST_DATABASE_KEY, multiInstance: false });
  await after.addCollections({ [options.collection]: { schema: options.newSchema, migrationStrategies: options.strategies } });
  const docs = await after[options.collection]!.find().exec();
  const result = docs.map((d) => d.toJSON() as New);
  await after.close();
  return result;
}

/** A schema as it was at version 0, before its fields were encrypted. */
function atVersionZero<T>(schema: RxJsonSchema<T>): RxJsonSchema<T> {
  const { encrypted: _encrypted, ...rest } = schema;
  return { ...rest, version: 0 };
}

describe('schema migrations', () => {
  it('opens every collection at its current version', async () => {
    const db = await openClinicDatabase({ name: `m${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    expect(db.patients.schema.version).toBe(1);
    expect(db.appointments.schema.version).toBe(0);
    expect(db.ledger.schema.version).toBe(1);
    expect(db.staff.schema.version).toBe(0);
    expect(db.audit.schema.version).toBe(1);
    expect(db.catalog.schema.version).toBe(0);
    await db.close();
  });

  it('ledger v0 → v1: entries keep every field, the reference now stored encrypted', async () => {
    const migrated = await migrateOnce({ collection: 'ledger', oldSchema: atVersionZero(ledgerSchema), oldDocs: [JaneDoeCopay], newSchema: ledgerSchema, strategies: ledgerMigrations });
    expect(migrated).toEqual([expect.objectContaining(JaneDoeCopay)]);
  });

  it('audit v0 → v1: entries keep every hashed field, so their chain still verifies', async () => {
    const entry = { ...SignInAudit, changes: [{ field: 'phone', before: '5550101234', after: '5550109999' }] };
    const migrated = await migrateOnce({ collection: 'audit', oldSchema: atVersionZero(auditSchema), oldDocs: [entry], newSchema: auditSchema, strategies: auditMigrations });
    expect(migrated).toEqual([expect.objectContaining(entry)]);
  });

  it('patients v0 → v1: patients registered before MRNs keep every field and get an empty MRN', async () => {
    const { mrn: _mrn, ...before } = JaneDoe;
    const v0 = { ...patientSchema, version: 0, required: patientSchema.required!.filter((f) => f !== 'mrn'), properties: { ...patientSchema.properties } } as RxJsonSchema<typeof before>;
    delete (v0.properties as Record<string, unknown>)['mrn'];
    const migrated = await migrateOnce({ collection: 'patients', oldSchema: v0, oldDocs: [before], newSchema: patientSchema, strategies: patientMigrations });
    expect(migrated).toEqual([expect.objectContaining({ ...before, mrn: '' })]);
  });
});
