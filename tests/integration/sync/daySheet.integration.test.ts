import { afterEach, describe, expect, it } from 'vitest';
import { dateInZone, dayRangeInZone } from '../../../src/shared/domain/time';
import { buildDaySheet } from '../../../src/shared/payments/daySheet';
import { drawerSessions, DrawerRecordSchema } from '../../../src/shared/payments/drawer';
import { LedgerEntrySchema } from '../../../src/shared/payments/ledger';
import { accountOf } from '../../../src/shared/payments/account';
import { eventually } from '../../support/eventually';
import { useCouchClinic } from '../../support/couchClinic';
import { throughProxy } from '../../support/tcpProxy';
import { openWorkstation, type TestWorkstation } from '../../support/workstation';

const clinic = useCouchClinic();
const open: TestWorkstation[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

/** Two workstations side by side open what payments need (RxDB allows 13 collections per process). */
const PAYMENTS = ['patients', 'ledger', 'audit', 'drawers'] as const;
const ZONE = 'America/Chicago';

async function workstation(siteId: string, serverUrl: string) {
  const w = await openWorkstation({ couch: clinic.couch, serverUrl, dbPrefix: clinic.dbPrefix, siteId, actor: `workstation:${siteId}`, roles: ['manager'], only: PAYMENTS });
  open.push(w);
  return w;
}

/** The day sheet a workstation prints from what it holds now. */
async function daySheetAt(w: TestWorkstation, date: string) {
  const { start, end } = dayRangeInZone(date, ZONE);
  const entries = (await w.db.ledger.find({ selector: { createdAt: { $gte: start.toISOString(), $lt: end.toISOString() } } }).exec()).map((d) => LedgerEntrySchema.parse(d.toJSON()));
  const sessions = drawerSessions((await w.db.drawers.find({ selector: { businessDate: date } }).exec()).map((d) => DrawerRecordSchema.parse(d.toJSON())));
  return buildDaySheet({ clinic: { name: 'Clinic', address: '', phone: '' }, date, timeZone: ZONE, entries, earlier: new Map(), sessions, patientName: () => 'Patient', providerName: () => '', printedAt: new Date().toISOString(), printedBy: 'Manager' });
}

const jane = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile' as const, texts: false }] };

describe(`day sheets after an offline day (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it('two workstations take payments offline, each into its own drawer; after sync both print the same day sheet, and it adds up to both', async () => {
    await throughProxy(clinic.couch.url, async (proxyNorth) => {
      await throughProxy(clinic.couch.url, async (proxySouth) => {
        const north = await workstation('north', proxyNorth.url(clinic.couch.url));
        const south = await workstation('south', proxySouth.url(clinic.couch.url));
        const patient = await north.patients.register(jane);
        await eventually(async () => expect(await south.db.patients.findOne(patient.id).exec()).not.toBeNull());
        const today = dateInZone(new Date(), ZONE);

        proxyNorth.cut();
        proxySouth.cut();
        let n = 0;
        const receipt = (prefix: string) => async () => `${prefix}-${String(++n).padStart(6, '0')}`;
        const pay = (w: TestWorkstation, prefix: string, amountCents: number, method: 'cash' | 'check' | 'card', reference = '') =>
          w.ledger.recordPayment({ patientId: patient.id, appointmentId: null, amountCents, method, purpose: 'payment', reference, ...(method === 'card' ? { authCode: 'A1B2C3' } : {}) }, receipt(prefix));

        await north.drawers!.open({ floatCents: 10_000 });
        await pay(north, 'N1', 2_500, 'cash');
        await pay(north, 'N1', 4_550, 'check', '1042');
        const mistake = await pay(north, 'N1', 9_999, 'cash');
        await north.ledger.void({ patientId: patient.id, targetId: mistake.payment.id, note: 'Keyed wrong' });
        await south.drawers!.open({ floatCents: 5_000 });
        await pay(south, 'S1', 3_000, 'card', '4242');
        const overpaid = await pay(south, 'S1', 6_000, 'cash');
        await south.ledger.refund({ patientId: patient.id, targetId: overpaid.payment.id, amountCents: 1_000, method: 'cash', note: 'Overpaid' });

        // Each alone knows only its own day.
        const northAlone = await daySheetAt(north, today);
        const southAlone = await daySheetAt(south, today);
        expect(northAlone.totals).toMatchObject({ paidCents: 7_050, refundedCents: 0 });
        expect(southAlone.totals).toMatchObject({ paidCents: 9_000, refundedCents: 1_000 });

        await proxyNorth.restore();
        await proxySouth.restore();
        await eventually(async () => {
          const [a, b] = [await daySheetAt(north, today), await daySheetAt(south, today)];
          expect(a.totals).toEqual(b.totals);
          expect(a.payments.length).toBe(5);
        }, 30_000);

        const sheet = await daySheetAt(north, today);
        expect(sheet.totals).toEqual({
          chargedCents: 0,
          adjustedCents: 0,
          paid: { cash: northAlone.totals.paid.cash + southAlone.totals.paid.cash, check: 4_550, card: 3_000, other: 0 },
          paidCents: northAlone.totals.paidCents + southAlone.totals.paidCents,
          refundedCents: 1_000,
          netCents: northAlone.totals.netCents + southAlone.totals.netCents,
        });
        expect(sheet.byWorkstation.map((w) => [w.site, w.tenders.cash, w.refundedCents])).toEqual([
          ['north', 2_500, 0],
          ['south', 6_000, 1_000],
        ]);
        expect(sheet.deposit).toMatchObject({ checksCents: 4_550, cashCents: 2_500 + 6_000 - 1_000 });
        expect(await daySheetAt(south, today)).toEqual({ ...sheet, printedAt: expect.any(String) });
      });
    });
  });

  it('a co-pay deferred at one desk and taken at another while both are offline counts once after sync, paid, at both desks and on both day sheets', async () => {
    const unexpected: string[] = [];
    await throughProxy(clinic.couch.url, async (proxyNorth) => {
      await throughProxy(clinic.couch.url, async (proxySouth) => {
        const open2 = async (siteId: string, url: string) => {
          const w = await openWorkstation({ couch: clinic.couch, serverUrl: url, dbPrefix: clinic.dbPrefix, siteId, actor: `workstation:${siteId}`, roles: ['manager'], only: PAYMENTS, onUnexpectedConflict: (c) => unexpected.push(c) });
          open.push(w);
          return w;
        };
        const north = await open2('north', proxyNorth.url(clinic.couch.url));
        const south = await open2('south', proxySouth.url(clinic.couch.url));
        const patient = await north.patients.register(jane);
        await eventually(async () => expect(await south.db.patients.findOne(patient.id).exec()).not.toBeNull());
        const appointmentId = '0193a000-0000-7000-8000-0000000a0001';
        const today = dateInZone(new Date(), ZONE);

        proxyNorth.cut();
        proxySouth.cut();
        await north.ledger.postCopayDue({ patientId: patient.id, appointmentId, visitId: '0193a000-0000-7000-8000-0000000b0001', amountCents: 2_500 });
        await south.drawers!.open({ floatCents: 5_000 });
        await south.ledger.recordPayment({ patientId: patient.id, appointmentId: appointmentId as never, amountCents: 2_500, method: 'cash', purpose: 'copay' }, async () => 'S1-000001');

        await proxyNorth.restore();
        await proxySouth.restore();
        const accountAt = async (w: TestWorkstation) => accountOf((await w.db.ledger.find({ selector: { patientId: patient.id } }).exec()).map((d) => LedgerEntrySchema.parse(d.toJSON())));
        await eventually(async () => {
          for (const w of [north, south]) {
            const account = await accountAt(w);
            expect(account.lines.filter((l) => l.entry.kind === 'charge')).toHaveLength(2);
            expect([account.charges.size, account.sameCopay.size, account.payments.size]).toEqual([1, 1, 1]);
            expect(account.totals).toMatchObject({ chargedCents: 2_500, balanceCents: 0, openCents: 0, creditCents: 0 });
          }
        }, 30_000);
        const [a, b] = [await daySheetAt(north, today), await daySheetAt(south, today)];
        expect(a.totals).toEqual(b.totals);
        expect(a.totals).toMatchObject({ chargedCents: 2_500, paidCents: 2_500 });
      });
    });
    expect(unexpected).toEqual([]);
  });
});
