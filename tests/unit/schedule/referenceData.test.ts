import { firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import type { Role } from '../../../src/shared/auth/permissions';
import { openBlocks } from '../../../src/shared/schedule/availability';
import { nextAvailable } from '../../../src/renderer/features/schedule/nextAvailable';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { openTestDesk } from '../../support/desk';

let db: ClinicDatabase;
let roles: Role[];
let n = 0;

beforeEach(async () => {
  db = await openClinicDatabase({ name: `ref${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
  roles = ['manager'];
});
afterEach(async () => {
  await db.close();
});

const desk = () => openTestDesk(db, { roles: () => roles, now: () => new Date('2026-12-01T15:00:00Z') });

describe('scheduling reference data in the catalog', () => {
  it('a manager keeps types, rooms, hours and closures, each audited; the desk reads them back checked', async () => {
    const { catalog } = desk();
    const provider = await catalog.saveProvider(null, { name: 'Robin Patel', credentials: 'MD', npi: '', active: true });
    const type = await catalog.saveAppointmentType(null, { name: 'New patient', durationMinutes: 40, color: '#1c7ed6', providerIds: [provider.id], needsRoom: true, formsDue: ['intake', 'hipaa-notice'], feeCents: 15000, copayHintCents: 2500, active: true });
    const room = await catalog.saveRoom(null, { name: 'Exam 1', locationId: 'main', active: true });
    const hours = await catalog.saveAvailability(null, {
      name: 'Winter hours',
      providerId: provider.id,
      locationId: 'main',
      effectiveFrom: '2026-12-01',
      effectiveTo: '',
      blocks: [{ weekday: 2, start: '09:00', end: '12:00', typeIds: [type.id] }],
    });
    const holiday = await catalog.saveException(null, { name: 'Christmas', providerId: '', locationId: '', fromDate: '2026-12-25', toDate: '2026-12-25', startTime: '', endTime: '', reason: 'holiday', note: '' });

    expect(await firstValueFrom(catalog.observeAppointmentTypes())).toEqual([type]);
    expect(await firstValueFrom(catalog.observeRooms())).toEqual([room]);
    expect(await firstValueFrom(catalog.observeAvailability())).toEqual([hours]);
    expect(await firstValueFrom(catalog.observeExceptions())).toEqual([holiday]);
    const blocks = openBlocks([hours], [holiday], { fromDate: '2026-12-21', toDate: '2026-12-27', timeZone: 'America/Chicago' });
    expect(blocks.map((b) => new Date(b.start).toISOString())).toEqual(['2026-12-22T15:00:00.000Z']);

    const changed = await catalog.saveAvailability(hours.id, { ...hours, blocks: [...hours.blocks, { weekday: 4, start: '13:00', end: '16:00', typeIds: [] }] });
    expect(changed.blocks).toHaveLength(2);
    const trail = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject.startsWith('catalog/'));
    expect(trail.map((e) => [e.action, e.subject])).toEqual(
      expect.arrayContaining([
        ['create', `catalog/${type.id}`],
        ['create', `catalog/${room.id}`],
        ['create', `catalog/${holiday.id}`],
        ['change', `catalog/${hours.id}`],
      ]),
    );
    expect(trail.find((e) => e.action === 'change')?.changes.map((c) => c.field)).toEqual(['blocks']);
  });

  it('refuses bad input with what is wrong and saves nothing; the front desk may not keep them', async () => {
    const { catalog } = desk();
    await expect(catalog.saveAppointmentType(null, { name: '', durationMinutes: 3, color: 'blue', providerIds: [], needsRoom: false, formsDue: [], feeCents: 0, copayHintCents: 0, active: true })).rejects.toThrow(
      /Type name is required[\s\S]*At least 5 minutes[\s\S]*Use a color like/,
    );
    await expect(catalog.saveException(null, { name: 'Snow', providerId: '', locationId: '', fromDate: '2026-12-10', toDate: '2026-12-09', startTime: '', endTime: '', reason: 'weather', note: '' })).rejects.toThrow('The last day is before the first');
    roles = ['front-desk'];
    await expect(desk().catalog.saveRoom(null, { name: 'Exam 2', locationId: 'main', active: true })).rejects.toThrow(/maintain the clinic/);
    expect(await db.catalog.count().exec()).toBe(0);
  });
});

describe('find next available from the clinic’s records', () => {
  it('reads the hours, closures, rooms and visits the desk holds, and gives the free times left', async () => {
    const d = desk();
    const provider = await d.catalog.saveProvider(null, { name: 'Robin Patel', credentials: 'MD', npi: '', active: true });
    const type = await d.catalog.saveAppointmentType(null, { name: 'Physical', durationMinutes: 60, color: '#2f9e44', providerIds: [provider.id], needsRoom: true, formsDue: [], feeCents: 0, copayHintCents: 0, active: true });
    const room = await d.catalog.saveRoom(null, { name: 'Exam 1', locationId: 'north', active: true });
    await d.catalog.saveAvailability(null, { name: 'Mornings', providerId: provider.id, locationId: 'north', effectiveFrom: '2026-12-01', effectiveTo: '', blocks: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00', typeIds: [] })) });
    // Wednesday is a holiday; Tuesday 9:00-10:30 the room is taken by another provider's visit.
    await d.catalog.saveException(null, { name: 'Staff day', providerId: '', locationId: '', fromDate: '2026-12-02', toDate: '2026-12-02', startTime: '', endTime: '', reason: 'closure', note: '' });
    const patient = await d.patients.register({ givenName: 'Ana', familyName: 'Ruiz', birthDate: '1980-05-17', phones: [{ number: '5550101111', type: 'mobile', texts: true }] });
    const other = await d.patients.register({ givenName: 'Ben', familyName: 'Okafor', birthDate: '1975-01-02', phones: [{ number: '5550102222', type: 'mobile', texts: false }] });
    await d.appointments.book({ patientId: other.id, start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T16:30:00.000Z', timeZone: 'America/Chicago', reason: 'Procedure', roomId: room.id });

    const slots = await nextAvailable(d, { type, patientId: patient.id, from: new Date('2026-12-01T14:00:00Z'), timeZone: 'America/Chicago', limit: 3 });
    expect(slots.map((s) => [new Date(s.start).toISOString(), s.providerId, s.roomId])).toEqual([
      ['2026-12-01T16:30:00.000Z', provider.id, room.id],
      ['2026-12-01T16:45:00.000Z', provider.id, room.id],
      ['2026-12-01T17:00:00.000Z', provider.id, room.id],
    ]);
    const afternoons = await nextAvailable(d, { type, patientId: patient.id, from: new Date('2026-12-01T14:00:00Z'), timeZone: 'America/Chicago', partOfDay: 'afternoon' });
    expect(afternoons).toEqual([]);
    const thursday = await nextAvailable(d, { type, patientId: patient.id, from: new Date('2026-12-02T00:00:00Z'), timeZone: 'America/Chicago', limit: 1 });
    expect(thursday.map((s) => new Date(s.start).toISOString())).toEqual(['2026-12-03T15:00:00.000Z']);
  });
});
