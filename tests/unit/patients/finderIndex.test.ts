import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { startPatientFinder } from '../../../src/renderer/features/patients/finder/patientFinderIndex';
import { JaneDoe, JoseMartinez, TEST_DATABASE_KEY } from '../../fixtures/clinic';

describe('the finder index of the patients collection', () => {
  it('loads stored patients and follows inserts, edits and status changes; inactive patients are found, merged ones not', async () => {
    const db = await openClinicDatabase({ name: `fi${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    await db.patients.insert(JaneDoe);
    await db.patients.insert({ ...JaneDoe, id: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9d09' as typeof JaneDoe.id, familyName: 'Gone', status: 'inactive' });
    const { finder, stop } = await startPatientFinder(db);
    expect(finder.search('doe').map((h) => h.id)).toEqual([JaneDoe.id]);
    expect(finder.search('gone').map((h) => h.record.familyName)).toEqual(['Gone']);

    await db.patients.insert(JoseMartinez);
    expect(finder.search('jose mart').map((h) => h.id)).toEqual([JoseMartinez.id]);

    await (await db.patients.findOne(JaneDoe.id).exec())!.incrementalPatch({ familyName: 'Smith' });
    expect(finder.search('doe')).toEqual([]);
    expect(finder.search('smith jane').map((h) => h.id)).toEqual([JaneDoe.id]);

    await (await db.patients.findOne(JaneDoe.id).exec())!.incrementalPatch({ status: 'merged-into', mergedInto: JoseMartinez.id });
    expect(finder.search('smith')).toEqual([]);
    stop();
    await db.close();
  });

  it('knows whom a registered guarantor pays for, from the stored records and as they change', async () => {
    const db = await openClinicDatabase({ name: `fg${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    const child = { ...JaneDoe, id: '01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9d10' as typeof JaneDoe.id, givenName: 'Mia', guarantor: { kind: 'patient' as const, patientId: JoseMartinez.id, name: '', relationship: 'Parent', phone: '' } };
    await db.patients.insert(JoseMartinez);
    await db.patients.insert(child);
    const { finder, stop } = await startPatientFinder(db);
    expect(finder.dependantsOf(JoseMartinez.id).map((r) => r.id)).toEqual([child.id]);
    await db.patients.insert({ ...JaneDoe, guarantor: { kind: 'person', patientId: '', name: 'Ann Doe', relationship: 'Spouse', phone: '5550100000' } });
    expect(finder.dependantsOf(JoseMartinez.id).map((r) => r.id)).toEqual([child.id]);
    await (await db.patients.findOne(child.id).exec())!.incrementalPatch({ guarantor: { kind: 'self', patientId: '', name: '', relationship: '', phone: '' } });
    expect(finder.dependantsOf(JoseMartinez.id)).toEqual([]);
    stop();
    await db.close();
  });
});
