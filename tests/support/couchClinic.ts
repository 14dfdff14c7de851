import { afterAll, beforeAll, beforeEach } from 'vitest';
import { remoteDbName, SYNCED_COLLECTIONS, type SyncedCollection } from '../../src/shared/sync/collections';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from './couchServer';

export interface CouchClinic {
  /** The test file's CouchDB-compatible server (or `COUCHDB_URL`'s real CouchDB). */
  readonly couch: CouchServer;
  /** This test's clinic: every synced collection's database under a fresh prefix. */
  readonly dbPrefix: string;
  /** What the server holds of a collection of this test's clinic. */
  server(collection: SyncedCollection): ReturnType<CouchServer['allDocs']>;
}

/**
 * Starts the sync server for a test file and gives each test a clinic of its own (the vitest hooks
 * are registered here): what every sync test sets up before it begins.
 */
export function useCouchClinic(options: Parameters<typeof startCouchServer>[0] = {}): CouchClinic {
  let couch: CouchServer | null = null;
  let dbPrefix = '';
  beforeAll(async () => {
    couch = await startCouchServer(options);
  });
  afterAll(async () => {
    await couch?.stop();
  });
  beforeEach(async () => {
    dbPrefix = uniqueDbPrefix();
    for (const name of SYNCED_COLLECTIONS) await clinic.couch.createDb(remoteDbName(dbPrefix, name));
  });
  const clinic: CouchClinic = {
    get couch() {
      if (!couch) throw new Error('The sync server starts before the first test');
      return couch;
    },
    get dbPrefix() {
      return dbPrefix;
    },
    server: (collection) => clinic.couch.allDocs(remoteDbName(dbPrefix, collection)),
  };
  return clinic;
}
