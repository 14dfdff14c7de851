import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAnswerLosingProxy, type AnswerLosingProxy } from '../../support/answerLosingProxy';
import { useCouchClinic } from '../../support/couchClinic';
import { eventually } from '../../support/eventually';
import { openWorkstation, type TestWorkstation } from '../../support/workstation';

const clinic = useCouchClinic();
let proxy: AnswerLosingProxy;
const open: TestWorkstation[] = [];

beforeAll(async () => {
  proxy = await startAnswerLosingProxy(clinic.couch.url);
});
afterAll(async () => {
  await proxy.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

/** Two workstations side by side stay within RxDB's 13 open collections. */
const ONLY = ['patients', 'audit', 'conflicts'] as const;

async function workstation(siteId: string, serverUrl: string, more: Partial<Parameters<typeof openWorkstation>[0]> = {}) {
  const w = await openWorkstation({ couch: clinic.couch, serverUrl, dbPrefix: clinic.dbPrefix, siteId, actor: `staff-${siteId}`, roles: ['front-desk'], only: ONLY, ...more });
  open.push(w);
  return w;
}

async function close(w: TestWorkstation) {
  open.splice(open.indexOf(w), 1);
  await w.close();
}

const jane = { givenName: 'Jane', familyName: 'Doe', birthDate: '1961-03-04', phones: [{ number: '5550101234', type: 'mobile' as const, texts: false }] };

describe(`a push whose answer was lost (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it('still merges against what the server stored after the workstation restarts: another desk’s change made meanwhile is kept', async () => {
    // North registers Jane; the server stores her, but north never hears so and is closed.
    const north = await workstation('north', proxy.url(clinic.couch.url));
    proxy.loseNextWriteAnswer();
    const patient = await north.patients.register(jane);
    await proxy.lost();
    await close(north);
    expect(await clinic.server('patients')).toEqual([expect.objectContaining({ _id: patient.id })]);

    // Meanwhile south receives her and changes her phone.
    const south = await workstation('south', clinic.couch.url);
    await eventually(async () => expect(await south.patients.get(patient.id)).not.toBeNull());
    await south.patients.update(patient.id, { ...jane, phones: [{ number: '5550109999', type: 'mobile', texts: false }] });
    await eventually(async () => expect((await clinic.server('patients'))[0]).toMatchObject({ phones: [{ number: '5550109999' }] }));

    // North starts again on its own records, adds an email offline, then syncs.
    const again = await workstation('north', clinic.couch.url, { name: north.name, replicate: false });
    await again.patients.update(patient.id, { ...jane, email: 'jane@example.org' });
    await again.restartReplication();

    // Both changes stand everywhere: north's version is newer, but south's phone was never north's to take back.
    await eventually(async () => {
      for (const w of [again, south]) expect(await w.patients.get(patient.id)).toMatchObject({ email: 'jane@example.org', phones: [{ number: '5550109999' }] });
      expect((await clinic.server('patients'))[0]).toMatchObject({ email: 'jane@example.org', phones: [{ number: '5550109999' }] });
    }, 30_000);
  }, 60_000);
});
