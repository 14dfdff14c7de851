import { describe, expect, it } from 'vitest';
import { clinicDatabaseNames } from '../../../src/main/sync/couchSetup';
import { removeEpochMarks } from '../../../src/main/sync/restoredDatabases';
import { EPOCH_DOC } from '../../../src/shared/sync/epochMark';
import { fakeCouchRequester } from '../../support/fakeCouchRequester';

describe('removeEpochMarks', () => {
  it("removes each clinic database's mark, so that workstations take it for a new database", async () => {
    const couch = fakeCouchRequester();
    for (const db of clinicDatabaseNames('clinic')) couch.put(db, EPOCH_DOC, { _rev: '0-1', epoch: `mark-of-${db}` });
    couch.put('other_patients', EPOCH_DOC, { _rev: '0-1', epoch: 'another clinic' });

    const results = await removeEpochMarks(couch.requester, { prefix: 'clinic' });
    expect(results).toEqual(clinicDatabaseNames('clinic').map((db) => ({ db, removed: true })));
    for (const db of clinicDatabaseNames('clinic')) expect(couch.doc(db, EPOCH_DOC)).toBeUndefined();
    expect(couch.doc('other_patients', EPOCH_DOC)).toBeDefined();
    expect(couch.writes()).toContain('DELETE /clinic_patients/_local/clinicdesk-epoch?rev=0-1');

    expect((await removeEpochMarks(couch.requester, { prefix: 'clinic' })).some((r) => r.removed)).toBe(false);
  });
});
