import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couchServer';
import { convergenceRun } from '../../chaos/scenarios';

/**
 * The same run as `npm run chaos -- --convergence`, smaller: 150 operations per workstation
 * instead of 1,000, so it stays under a minute. CONVERGENCE_SEED replays another seed.
 */
const SEED = Number(process.env['CONVERGENCE_SEED'] ?? 20261123);
const OPERATIONS = 150;

let couch: CouchServer;

beforeAll(async () => {
  // The server runs the clinic's validation rules, as a clinic's CouchDB does.
  couch = await startCouchServer({ validation: true });
});
afterAll(async () => {
  await couch.stop();
});

describe(`three workstations offline, reconnected in random order (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb'})`, () => {
  it(`converge on the same records, with every payment once, unique receipt numbers and MRNs, and each conflict settled by its policy (seed ${SEED})`, async () => {
    const result = await convergenceRun(couch, SEED, { operations: OPERATIONS, convergeBoundMs: 60_000 });

    expect(result.failures).toEqual([]);
    expect(result.convergeMs).not.toBeNull();
    // The run did what it is for: every kind of work, and records changed on two workstations
    // that had not seen each other's change (the latest change wins for a patient; a visit never
    // moves backwards). Conflicts are checked against the policy: the app has no review list yet.
    expect(Object.values(result.operations).reduce((a, b) => a + b, 0)).toBe(3 * (8 + OPERATIONS) + 2);
    for (const kind of ['register', 'edit', 'book', 'checkIn', 'reason', 'payment'] as const) expect(result.operations[kind]).toBeGreaterThan(0);
    expect(result.contested.patients).toBeGreaterThan(0);
    expect(result.contested.appointments).toBeGreaterThan(0);
    expect(result.contested.heldForward).toBeGreaterThan(0);
  }, 120_000);
});
