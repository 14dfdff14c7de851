import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conflict } from '../../../src/shared/conflicts/conflict';
import { useCouchClinic } from '../../support/couchClinic';
import { eventually } from '../../support/eventually';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';
import { openWorkstation, type TestWorkstation } from '../../support/workstation';

const clinic = useCouchClinic();
let proxy: TcpProxy;
const open: TestWorkstation[] = [];

beforeAll(async () => {
  const target = new URL(clinic.couch.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
});
afterAll(async () => {
  await proxy.stop();
});
beforeEach(async () => {
  await proxy.restore();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

/** Two workstations side by side stay within RxDB's 13 open collections. */
const ONLY = ['patients', 'appointments', 'coverages', 'audit', 'conflicts'] as const;

async function workstation(siteId: string, serverUrl: string) {
  const w = await openWorkstation({ couch: clinic.couch, serverUrl, dbPrefix: clinic.dbPrefix, siteId, actor: `staff-${siteId}`, roles: ['front-desk'], only: ONLY });
  open.push(w);
  return w;
}

const conflictsAt = async (w: TestWorkstation) => (await w.db.conflicts.find().exec()).map((c) => c.toJSON() as Conflict);
/** Moves a visit as a reschedule would (the schedule's own reschedule comes with the scheduling work). */
async function moveVisit(w: TestWorkstation, id: string, siteId: string, start: string, end: string) {
  const doc = await w.db.appointments.findOne(id).exec();
  await doc!.incrementalPatch({ start, end, updatedAt: new Date().toISOString(), updatedBy: `staff-${siteId}`, siteId });
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jane = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile' as const, texts: false }] };

describe(`conflicts for review across workstations (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it('keeps both names typed at two workstations offline for a person, and the choice reaches every workstation', async () => {
    const north = await workstation('north', proxy.url(clinic.couch.url));
    const south = await workstation('south', clinic.couch.url);
    const patient = await south.patients.register(jane);
    await eventually(async () => expect(await north.patients.get(patient.id)).not.toBeNull());

    proxy.cut();
    await north.patients.update(patient.id, { ...jane, familyName: 'Dough' });
    await pause(20);
    await south.patients.update(patient.id, { ...jane, familyName: 'Doe-Smith', email: 'jane@example.org' });
    await pause(300);
    await proxy.restore();

    // The later name is in the record everywhere; the earlier one is kept, with who typed it where.
    await eventually(async () => {
      for (const w of [north, south]) {
        expect(await w.patients.get(patient.id)).toMatchObject({ familyName: 'Doe-Smith', email: 'jane@example.org' });
        const list = await conflictsAt(w);
        expect(list).toHaveLength(1);
        expect(list[0]).toMatchObject({ recordCollection: 'patients', recordId: patient.id, group: 'name', status: 'open' });
        expect(list[0]!.versions.map((v) => [JSON.parse(v.values).familyName, v.siteId, v.updatedBy])).toEqual([
          ['Dough', 'north', 'staff-north'],
          ['Doe-Smith', 'south', 'staff-south'],
        ]);
      }
      expect(await clinic.server('conflicts')).toHaveLength(1);
    }, 30_000);

    // North decides for the name it typed: the record and the decision reach the server and south.
    const [conflict] = await conflictsAt(north);
    await north.conflicts.resolve(conflict!.id, 0);
    await eventually(async () => {
      expect(await south.patients.get(patient.id)).toMatchObject({ familyName: 'Dough', email: 'jane@example.org' });
      expect(await conflictsAt(south)).toEqual([expect.objectContaining({ status: 'resolved', kept: 0, resolvedBy: 'staff-north' })]);
      const [onServer] = await clinic.server('conflicts');
      expect(onServer).toMatchObject({ status: 'resolved', kept: 0 });
    }, 30_000);
    await expect(south.conflicts.resolve(conflict!.id, 1)).rejects.toThrow('already decided');
  });

  it('keeps a visit moved to two different times for review, and moves nothing else back', async () => {
    const north = await workstation('north', proxy.url(clinic.couch.url));
    const south = await workstation('south', clinic.couch.url);
    const patient = await south.patients.register(jane);
    const visit = await south.appointments.book({ patientId: patient.id, start: '2026-12-10T15:00:00.000Z', end: '2026-12-10T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up' });
    await eventually(async () => expect(await north.appointments.get(visit.id)).not.toBeNull());

    proxy.cut();
    await moveVisit(north, visit.id, 'north', '2026-12-11T16:00:00.000Z', '2026-12-11T16:20:00.000Z');
    await pause(20);
    await south.appointments.checkIn(visit.id);
    await pause(20);
    await moveVisit(south, visit.id, 'south', '2026-12-10T17:00:00.000Z', '2026-12-10T17:20:00.000Z');
    await pause(300);
    await proxy.restore();

    await eventually(async () => {
      for (const w of [north, south]) {
        expect(await w.appointments.get(visit.id)).toMatchObject({ status: 'arrived', start: '2026-12-10T17:00:00.000Z' });
        expect((await conflictsAt(w)).map((c) => [c.group, c.versions.map((v) => JSON.parse(v.values).start)])).toEqual([
          ['time', ['2026-12-11T16:00:00.000Z', '2026-12-10T17:00:00.000Z']],
        ]);
      }
    }, 30_000);
  });
});
