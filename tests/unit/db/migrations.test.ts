import { createRxDatabase, type MigrationStrategies, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../../src/renderer/db/database';
import { patientSchema } from '../../../src/renderer/db/collections/patients';
import { JaneDoe } from '../../fixtures/clinic';

/**
 * The migration scaffold: open a database at version N-1, insert old documents, reopen at N with
 * the strategies, and compare. Each schema version gets one test built on `migrateOnce`.
 */
async function migrateOnce<Old, New>(options: {
  name: string;
  collection: string;
  oldSchema: RxJsonSchema<Old>;
  oldDocs: Old[];
  newSchema: RxJsonSchema<New>;
  strategies: MigrationStrategies;
}): Promise<New[]> {
  const storage = getRxStorageMemory();
  const before = await createRxDatabase({ name: options.name, storage, multiInstance: false });
  await before.addCollections({ [options.collection]: { schema: options.oldSchema } });
  await before[options.collection]!.bulkInsert(options.oldDocs);
  await before.close();

  const after = await createRxDatabase({ name: options.name, storage, multiInstance: false });
  await after.addCollections({ [options.collection]: { schema: options.newSchema, migrationStrategies: options.strategies } });
  const docs = await after[options.collection]!.find().exec();
  const result = docs.map((d) => d.toJSON() as New);
  await after.close();
  return result;
}

describe('schema migrations', () => {
  it('opens the current schemas (every collection is at version 0: there is nothing to migrate yet)', async () => {
    const db = await openClinicDatabase({ name: `m${Date.now()}`, storage: getRxStorageMemory() });
    expect(db.patients.schema.version).toBe(0);
    expect(db.appointments.schema.version).toBe(0);
    expect(db.ledger.schema.version).toBe(0);
    await db.close();
  });

  it('runs a strategy on documents of the previous version (scaffold check on a throwaway v1)', async () => {
    const v1 = {
      ...patientSchema,
      version: 1,
      properties: { ...patientSchema.properties, preferredName: { type: 'string', maxLength: 100 } },
    } as RxJsonSchema<typeof JaneDoe & { preferredName: string }>;
    const migrated = await migrateOnce({
      name: `scaffold${Date.now()}`,
      collection: 'patients',
      oldSchema: patientSchema,
      oldDocs: [JaneDoe],
      newSchema: v1,
      strategies: { 1: (doc: typeof JaneDoe) => ({ ...doc, preferredName: doc.givenName }) } as never,
    });
    expect(migrated).toHaveLength(1);
    expect(migrated[0]).toMatchObject({ id: JaneDoe.id, preferredName: 'Jane' });
  });
});
