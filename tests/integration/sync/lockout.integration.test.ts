import { describe, expect, it } from 'vitest';
import { remoteDbName, SYNCED_COLLECTIONS } from '../../../src/shared/sync/collections';
import { eventually } from '../../support/eventually';
import { startCouchServer, uniqueDbPrefix } from '../../support/couchServer';
import { openWorkstation } from '../../support/workstation';

describe(`a mistyped sync password (${process.env['COUCHDB_URL'] ? 'real CouchDB' : 'express-pouchdb with CouchDB’s lockout'})`, () => {
  it('is tried once for all the collections, and never locks the account (CouchDB locks it after 5 failures)', async () => {
    const couch = await startCouchServer({ checkPasswords: true });
    const dbPrefix = uniqueDbPrefix();
    try {
      for (const name of SYNCED_COLLECTIONS) await couch.createDb(remoteDbName(dbPrefix, name));
      const errors: string[] = [];
      const workstation = await openWorkstation({ couch, serverUrl: couch.url, dbPrefix, siteId: 'north', actor: 'workstation:north', password: 'mistyped-password' });
      try {
        workstation.replication.error$.subscribe((message) => errors.push(message));
        await eventually(() => expect(errors.length).toBeGreaterThan(0));
        // Every collection's replication has started and retried in this time.
        await new Promise((r) => setTimeout(r, 3_000));
        if (couch.failedLogins() !== null) expect(couch.failedLogins()).toBe(1);
      } finally {
        await workstation.close();
      }
      // The clinic's account still works: nothing locked it.
      expect((await couch.request('GET', `/${remoteDbName(dbPrefix, 'patients')}`)).status).toBe(200);
    } finally {
      await couch.stop();
    }
  });
});
