import { afterEach, describe, expect, it } from 'vitest';
import { remoteDbName, type SyncedCollection } from '../../../src/shared/sync/collections';
import type { Role } from '../../../src/shared/auth/permissions';
import { AcmeCoverage, AcmePayer, CardFront, DanaFrontDesk } from '../../fixtures/clinic';
import { eventually } from '../../support/eventually';
import { useCouchClinic } from '../../support/couchClinic';
import { throughProxy } from '../../support/tcpProxy';
import { openWorkstation, type TestWorkstation } from '../../support/workstation';

const clinic = useCouchClinic();
const open: TestWorkstation[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

const server = (collection: SyncedCollection) => clinic.server(collection);

/** The collections a workstation opens when two run side by side (RxDB allows 13 per process). */
const SIDE_BY_SIDE = ['patients', 'appointments', 'ledger', 'staff', 'audit', 'catalog'] as const;

async function workstation(siteId: string, serverUrl = clinic.couch.url, only: typeof SIDE_BY_SIDE | 'all' = SIDE_BY_SIDE, roles: Role[] = ['front-desk']) {
  const w = await openWorkstation({ couch: clinic.couch, serverUrl, dbPrefix: clinic.dbPrefix, siteId, actor: `workstation:${siteId}`, roles, ...(only === 'all' ? {} : { only }) });
  open.push(w);
  return w;
}

const jane = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile' as const, texts: false }] };

describe(`replication through main's transport (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it('carries a registration, visit and payment from one workstation to another', async () => {
    const north = await workstation('north');
    const south = await workstation('south');
    const patient = await north.patients.register(jane);
    const visit = await north.appointments.book({ patientId: patient.id, start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T15:20:00.000Z', timeZone: 'America/Chicago' });
    await north.appointments.checkIn(visit.id);
    await north.ledger.recordPayment({ patientId: patient.id, appointmentId: visit.id, amountCents: 2500, method: 'cash' }, async () => 'N1-000001');

    await eventually(async () => {
      expect(await south.patients.get(patient.id)).toMatchObject({ familyName: 'Doe' });
      expect(await south.appointments.get(visit.id)).toMatchObject({ status: 'arrived' });
      // The co-pay, the co-pay charge it paid and what joins them.
      expect(await south.db.ledger.count().exec()).toBe(3);
    });
    expect((await server('ledger')).map((e) => [e['kind'], e['amountCents'], e['receiptNumber']]).sort()).toEqual([
      ['allocation', 2500, undefined],
      ['charge', 2500, undefined],
      ['payment', 2500, 'N1-000001'],
    ]);
  });

  it('keeps both offline workstations’ payments, each once, and a check-in made offline', async () => {
    await throughProxy(clinic.couch.url, async (proxy) => {
      const north = await workstation('north', proxy.url(clinic.couch.url));
      const south = await workstation('south');
      const patient = await south.patients.register(jane);
      const visit = await south.appointments.book({ patientId: patient.id, start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up' });
      await eventually(async () => expect(await north.appointments.get(visit.id)).not.toBeNull());

      proxy.cut();
      await north.appointments.checkIn(visit.id);
      await north.ledger.recordPayment({ patientId: patient.id, appointmentId: visit.id, amountCents: 2500, method: 'card', reference: '4242', authCode: 'A1B2C3' }, async () => 'N1-000001');
      // Meanwhile the online workstation edits the same visit and takes its own payment.
      const copy = await south.db.appointments.findOne(visit.id).exec();
      await copy!.incrementalPatch({ reason: 'Follow-up, bring labs', updatedAt: new Date(Date.now() + 1000).toISOString() });
      await south.ledger.recordPayment({ patientId: patient.id, appointmentId: null, amountCents: 1000, method: 'cash' }, async () => 'S1-000001');
      await new Promise((r) => setTimeout(r, 500));
      const payments = async () => (await server('ledger')).filter((e) => e['kind'] === 'payment');
      expect((await payments()).map((e) => e['receiptNumber'])).toEqual(['S1-000001']);

      await proxy.restore();
      await eventually(async () => {
        const ledger = await payments();
        expect(ledger.map((e) => e['receiptNumber']).sort()).toEqual(['N1-000001', 'S1-000001']);
        // Encryption is at rest on the workstation: the server gets the record as it is.
        expect(ledger.find((e) => e['receiptNumber'] === 'N1-000001')).toMatchObject({ reference: '4242' });
        const [onServer] = await server('appointments');
        expect(onServer).toMatchObject({ status: 'arrived', reason: 'Follow-up, bring labs' });
        expect(await south.appointments.get(visit.id)).toMatchObject({ status: 'arrived', reason: 'Follow-up, bring labs' });
        expect(await north.appointments.get(visit.id)).toMatchObject({ status: 'arrived', reason: 'Follow-up, bring labs' });
      }, 30_000);
    });
  });

  it('keeps both edits when two workstations changed different fields of one patient offline', async () => {
    await throughProxy(clinic.couch.url, async (proxy) => {
      const north = await workstation('north', proxy.url(clinic.couch.url));
      const south = await workstation('south');
      const patient = await south.patients.register(jane);
      await eventually(async () => expect(await north.patients.get(patient.id)).not.toBeNull());

      proxy.cut();
      await north.patients.update(patient.id, { ...jane, phones: [{ number: '5550109999', type: 'mobile', texts: true }] });
      await new Promise((r) => setTimeout(r, 20));
      await south.patients.update(patient.id, { ...jane, email: 'jane.doe@example.org' });
      await new Promise((r) => setTimeout(r, 500));
      await proxy.restore();

      await eventually(async () => {
        for (const copy of [(await server('patients'))[0], await north.patients.get(patient.id), await south.patients.get(patient.id)]) {
          expect(copy).toMatchObject({ email: 'jane.doe@example.org', phones: [expect.objectContaining({ number: '5550109999' })] });
        }
      }, 30_000);
    });
  });

  it('pulls what the server received while its live feed was cut before it had ever answered', async () => {
    await throughProxy(clinic.couch.url, async (proxy) => {
      const north = await workstation('north', proxy.url(clinic.couch.url));
      const south = await workstation('south');
      await north.replication.awaitInSync();
      // North's long-poll is waiting from "now" and has not answered yet; the network drops it.
      await new Promise((r) => setTimeout(r, 300));
      proxy.cut();
      const meanwhile = await south.patients.register(jane);
      await eventually(async () => expect((await server('patients')).map((p) => p._id)).toContain(meanwhile.id));
      await proxy.restore();
      // Nothing but the live feed brings it: no reconnect pass is asked for here.
      await eventually(async () => expect(await north.patients.get(meanwhile.id)).toMatchObject({ givenName: 'Jane' }), 10_000);
    });
  });

  it('keeps its live feed after the server answered it "503 unavailable"', async () => {
    await throughProxy(clinic.couch.url, async (proxy) => {
      const north = await workstation('north', proxy.url(clinic.couch.url));
      const south = await workstation('south');
      await north.replication.awaitInSync();
      // The connections drop, and for a moment every request is answered 503 with a JSON error,
      // as a proxy in front of a restarting CouchDB answers; the long-polls meet it when they retry.
      proxy.cut();
      await proxy.restore();
      proxy.chaos({ random: Math.random, minBytes: 1e9, maxBytes: 1e9, unavailable: 1 });
      await eventually(() => expect(proxy.stats().unavailable).toBeGreaterThanOrEqual(2), 10_000);
      proxy.chaos(null);

      const later = await south.patients.register(jane);
      await eventually(async () => expect(await north.patients.get(later.id)).toMatchObject({ givenName: 'Jane' }), 10_000);
    });
  });

  it('carries coverages, card images and payers to the server and down to another workstation, and a merge with them', async () => {
    const north = await workstation('north', clinic.couch.url, 'all', ['manager']);
    const grace = await north.patients.register(jane);
    const duplicate = await north.patients.register({ ...jane, givenName: 'Janie' });
    await north.db.catalog.insert(AcmePayer);
    await north.db.coverages.insert({ ...AcmeCoverage, patientId: duplicate.id });
    await north.db.documents.insert({ ...CardFront, patientId: duplicate.id });
    await north.patients.merge(grace.id, duplicate.id, {});
    await eventually(async () => {
      expect(await server('coverages')).toEqual([expect.objectContaining({ _id: AcmeCoverage.id, patientId: grace.id, memberId: AcmeCoverage.memberId })]);
      expect(await server('documents')).toEqual([expect.objectContaining({ _id: CardFront.id, patientId: grace.id, data: CardFront.data, sha256: CardFront.sha256 })]);
      expect((await server('catalog')).map((c) => c['name'])).toContain('Acme Health Plan');
      expect((await server('patients')).find((p) => p._id === duplicate.id)).toMatchObject({ status: 'merged-into', mergedInto: grace.id });
    });
    await north.close();
    open.splice(open.indexOf(north), 1);

    // Another workstation of the clinic, opened after the first has closed (both hold all collections).
    const south = await workstation('south', clinic.couch.url, 'all');
    await eventually(async () => {
      expect((await south.db.documents.findOne(CardFront.id).exec())?.toJSON()).toMatchObject({ patientId: grace.id, data: CardFront.data });
      expect((await south.db.coverages.findOne(AcmeCoverage.id).exec())?.patientId).toBe(grace.id);
      expect(await south.patients.get(duplicate.id)).toMatchObject({ status: 'merged-into', mergedInto: grace.id });
      expect(await south.patients.identities(grace.id)).toEqual([grace.id, duplicate.id]);
    });
  });

  it("says a collection has arrived only once every batch of the server's copy is here", async () => {
    // More people than one pull batch (200), so the list arrives in several parts.
    const docs = Array.from({ length: 450 }, (_, i) => ({ ...DanaFrontDesk, _id: `staff-${String(i).padStart(3, '0')}`, id: `staff-${String(i).padStart(3, '0')}`, username: `person${i}` }));
    const posted = await clinic.couch.request('POST', `/${remoteDbName(clinic.dbPrefix, 'staff')}/_bulk_docs`, { docs: docs.map(({ id: _id, ...doc }) => doc) });
    expect(posted.status).toBeLessThan(300);

    const joining = await workstation('north');
    await joining.replication.collections.find((c) => c.name === 'staff')?.awaitFirstSync();
    expect(await joining.db.staff.count().exec()).toBe(450);
  });

  it('applies a deletion made directly on the server and keeps replicating after it', async () => {
    const north = await workstation('north');
    const doomed = await north.patients.register(jane);
    await eventually(async () => expect((await server('patients')).map((p) => p._id)).toContain(doomed.id));

    const onServer = await clinic.couch.getDoc(remoteDbName(clinic.dbPrefix, 'patients'), doomed.id);
    const removed = await clinic.couch.request('DELETE', `/${remoteDbName(clinic.dbPrefix, 'patients')}/${doomed.id}?rev=${onServer!._rev}`);
    expect(removed.status).toBeLessThan(300);
    await eventually(async () => expect(await north.patients.get(doomed.id)).toBeNull());

    const south = await workstation('south');
    const later = await south.patients.register({ ...jane, givenName: 'Janet' });
    await eventually(async () => expect(await north.patients.get(later.id)).toMatchObject({ givenName: 'Janet' }));
  });
});
