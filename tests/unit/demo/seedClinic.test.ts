import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { createAppointmentsRepo } from '../../../src/renderer/features/schedule/appointmentsRepo';
import { createAuditLog, webCryptoSha256 } from '../../../src/renderer/features/audit/auditLog';
import { createClinicProfileRepo } from '../../../src/renderer/features/catalog/clinicProfileRepo';
import { createWorkContext, PermissionDenied } from '../../../src/renderer/data/workContext';
import { NotADemoClinic, seedSyntheticClinic, type SeedProgress } from '../../../src/renderer/features/demo/seedClinic';
import { verifyChains } from '../../../src/shared/audit/chain';
import type { Role } from '../../../src/shared/auth/permissions';
import { CatalogEntrySchema } from '../../../src/shared/catalog/catalog';
import { CoverageSchema } from '../../../src/shared/patients/coverage';
import { PatientSchema } from '../../../src/shared/patients/patient';
import { AppointmentSchema } from '../../../src/shared/schedule/appointment';
import { formatTimeInZone } from '../../../src/shared/domain/time';
import { patientLookup } from '../../support/desk';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';

const NOW = new Date('2026-11-23T15:00:00Z'); // a Monday, 9:00 in Chicago
const ZONE = 'America/Chicago';

let db: ClinicDatabase;
let roles: Role[];
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `seed${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['administrator'];
});
afterEach(async () => {
  await db.close();
});

async function clinic(demo: boolean) {
  await createClinicProfileRepo(db).saveAtSetup({ name: demo ? 'Riverside (demo)' : 'Lakeside Health', address: '', phone: '', timeZone: ZONE, npi: '', taxId: '', demo }, 'main');
  const log = createAuditLog(db, { workstationId: () => 'ws-1', siteId: () => 'main', now: () => NOW });
  const ctx = createWorkContext({ actor: () => ({ id: 'staff-admin', name: 'Alex Kim', roles }), siteId: () => 'main', timeZone: () => ZONE, now: () => NOW, log, patients: patientLookup(db) });
  return { db, ctx, appointments: createAppointmentsRepo(db, ctx) };
}

const count = async () => ({
  patients: await db.patients.count().exec(),
  coverages: await db.coverages.count().exec(),
  catalog: await db.catalog.count().exec(),
  appointments: await db.appointments.count().exec(),
  audit: await db.audit.count().exec(),
});
const seedEntries = async () => (await db.audit.find({ selector: { subject: 'patients (synthetic)' } }).exec()).map((d) => d.toJSON());

describe('loading a synthetic clinic', () => {
  it('loads the patients, their insurance, payers, providers, scheduling data and a few days of appointments, all valid', async () => {
    const target = await clinic(true);
    const progress: SeedProgress[] = [];
    const result = await seedSyntheticClinic(target, { patients: 1_250, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ patientsAdded: 1_250, patientsPresent: 0, coveragesAdded: expect.any(Number), appointmentsBooked: 60, repeatingBooked: 8, waitlisted: 2 });
    const stored = await count();
    expect(stored.patients).toBe(1_250);
    expect(stored.coverages).toBe(result.coveragesAdded);
    expect(stored.coverages).toBeGreaterThan(800);
    // The profile, 7 payers, 4 providers, 6 services on the fee schedule, 8 visit types, 4 rooms, 4 providers' hours and a holiday.
    expect(stored.catalog).toBe(1 + 7 + 4 + 6 + 8 + 4 + 4 + 1);
    for (const doc of await db.patients.find().exec()) PatientSchema.parse(doc.toJSON());
    for (const doc of await db.coverages.find().exec()) CoverageSchema.parse(doc.toJSON());
    for (const doc of await db.catalog.find().exec()) CatalogEntrySchema.parse(doc.toJSON());
    const patient = (await db.patients.findOne().exec())!.toJSON();
    expect(patient).toMatchObject({ createdAt: NOW.toISOString(), updatedBy: 'staff-admin', siteId: 'main' });

    const stored_ = (await db.appointments.find({ sort: [{ start: 'asc' }] }).exec()).map((d) => AppointmentSchema.parse(d.toJSON()));
    // Two patients seen weekly for four weeks from next Monday, with the second provider, and two waiting.
    const weekly = stored_.filter((a) => a.seriesId !== '');
    expect(weekly.map((a) => formatTimeInZone(a.start, ZONE))).toEqual(['8:00 AM', '1:00 PM', '8:00 AM', '1:00 PM', '8:00 AM', '1:00 PM', '8:00 AM', '1:00 PM']);
    expect(weekly[0]!.start.slice(0, 10)).toBe('2026-11-30');
    expect(new Set(weekly.map((a) => a.seriesId)).size).toBe(2);
    expect(stored_.filter((a) => a.status === 'waitlist').map((a) => a.wants)).toEqual([
      { partOfDay: 'morning', weekdays: [1, 3] },
      { partOfDay: 'afternoon', weekdays: [] },
    ]);
    const appointments = stored_.filter((a) => a.status === 'booked' && a.seriesId === '');
    expect(new Set(appointments.map((a) => a.patientId)).size).toBe(60);
    expect(appointments.filter((a) => a.start.startsWith('2026-11-23'))).toHaveLength(12);
    // Today and the next four weekdays, in clinic hours.
    expect(new Set(appointments.map((a) => a.start.slice(0, 10)))).toEqual(new Set(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']));
    for (const a of appointments) expect(formatTimeInZone(a.start, ZONE)).toMatch(/^(8|9|10|11|1|2|3|4):\d\d (AM|PM)$/);
    // Each visit has a provider and the type of its reason, and no provider is booked twice at once.
    const types = new Map((await db.catalog.find({ selector: { kind: 'appointment-type' } }).exec()).map((d) => [d.id, d.get('name') as string]));
    for (const a of appointments) {
      expect(a.providerId).not.toBe('');
      expect(types.get(a.typeId)).toBe(a.reason);
      const clash = [...appointments, ...weekly].find((b) => b.id !== a.id && b.providerId === a.providerId && b.start < a.end && b.end > a.start);
      expect(clash).toBeUndefined();
    }

    expect(progress[0]).toEqual({ phase: 'patients', done: 0, total: 1_310 });
    expect(progress.at(-1)).toEqual({ phase: 'appointments', done: 1_310, total: 1_310 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('writes one audit entry for the patients, and each appointment is booked and audited, in an intact chain', async () => {
    await seedSyntheticClinic(await clinic(true), { patients: 40 });
    const entries = (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());
    const seeded = await seedEntries();
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ action: 'create', actor: 'staff-admin', actorName: 'Alex Kim' });
    expect(seeded[0]!.detail).toContain('Loaded 40 synthetic patients');
    // Each of 40 visits, the 8 weekly ones and the 2 waitlist entries.
    expect(entries.filter((e) => e.subject.startsWith('appointments/'))).toHaveLength(50);
    expect(entries).toHaveLength(51);
    expect((await verifyChains(entries, webCryptoSha256)).ok).toBe(true);
  });

  it('adds nothing when loaded again, and only the missing patients for a larger clinic', async () => {
    const target = await clinic(true);
    await seedSyntheticClinic(target, { patients: 30 });
    const first = await count();

    const again = await seedSyntheticClinic(target, { patients: 30 });
    expect(again).toEqual({ patientsAdded: 0, patientsPresent: 30, coveragesAdded: 0, appointmentsBooked: 0, repeatingBooked: 0, waitlisted: 0 });
    expect(await count()).toEqual(first);
    expect(await seedEntries()).toHaveLength(1);

    const larger = await seedSyntheticClinic(target, { patients: 45 });
    // 30 patients filled two and a half days; days already booked are left alone, the empty fourth is filled.
    expect(larger).toMatchObject({ patientsAdded: 15, patientsPresent: 30, appointmentsBooked: 9 });
    expect((await count()).patients).toBe(45);
    const entries = await seedEntries();
    expect(entries).toHaveLength(2);
    expect(entries.sort((a, b) => a.seq - b.seq)[1]!.detail).toMatch(/^Loaded 15 synthetic patients .*; 30 were already here$/);
  });

  it('makes the same people for the same seed and others for another seed', async () => {
    const target = await clinic(true);
    await seedSyntheticClinic(target, { patients: 5, seed: 7 });
    const names = (await db.patients.find().exec()).map((d) => `${d.givenName} ${d.familyName}`);
    const other = await seedSyntheticClinic(target, { patients: 5, seed: 7 });
    expect(other.patientsAdded).toBe(0);
    const generator = await import('../../../src/shared/demo/syntheticClinic');
    expect(generator.syntheticPatients(0, 5, { seed: 7 }).patients.map((p) => `${p.givenName} ${p.familyName}`).sort()).toEqual(names.sort());
    expect(generator.syntheticPatients(0, 5, { seed: 8 }).patients.map((p) => `${p.givenName} ${p.familyName}`).sort()).not.toEqual(names.sort());
  });

  it('refuses a clinic that is not a demo clinic and writes nothing', async () => {
    const target = await clinic(false);
    const before = await count();
    const refusal = seedSyntheticClinic(target, { patients: 10 });
    await expect(refusal).rejects.toBeInstanceOf(NotADemoClinic);
    await expect(refusal).rejects.toThrow('“Lakeside Health” is not a demo clinic. ClinicDesk loads made-up patients only into the demo clinic');
    expect(await count()).toEqual(before);
  });

  it('refuses a workstation with no clinic profile at all', async () => {
    const log = createAuditLog(db, { workstationId: () => 'ws-1', siteId: () => 'main', now: () => NOW });
    const ctx = createWorkContext({ actor: () => ({ id: 's', name: 'S', roles }), siteId: () => 'main', timeZone: () => ZONE, now: () => NOW, log, patients: patientLookup(db) });
    await expect(seedSyntheticClinic({ db, ctx, appointments: createAppointmentsRepo(db, ctx) }, { patients: 10 })).rejects.toBeInstanceOf(NotADemoClinic);
    expect(await db.patients.count().exec()).toBe(0);
  });

  it('refuses someone whose role may not register patients, and a size out of range', async () => {
    roles = [];
    const target = await clinic(true);
    await expect(seedSyntheticClinic(target, { patients: 10 })).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['front-desk'];
    await expect(seedSyntheticClinic(target, { patients: 0 })).rejects.toThrow('Ask for at least 1 patient');
    await expect(seedSyntheticClinic(target, { patients: 200_001 })).rejects.toThrow('at most 200,000');
    expect(await db.patients.count().exec()).toBe(0);
  });
});
