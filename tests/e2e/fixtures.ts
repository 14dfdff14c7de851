import { test as base } from '@playwright/test';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../src/shared/sync/collections';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../support/couchServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { startHostProcess, type WebHostProcess } from '../support/webHost';

export { startHostProcess, type WebHostProcess };

export interface Clinic {
  couch: CouchServer;
  proxy: TcpProxy;
  /** The server address the workstation is given: through the proxy, so tests can cut it. */
  serverUrl: string;
  dbPrefix: string;
  host: WebHostProcess;
}

export const test = base.extend<{ clinic: Clinic }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  clinic: async ({}, use) => {
    const couch = await startCouchServer();
    const dbPrefix = uniqueDbPrefix();
    for (const name of SYNCED_COLLECTIONS) await couch.createDb(remoteDbName(dbPrefix, name));
    const target = new URL(couch.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const host = await startHostProcess();
    await use({ couch, proxy, serverUrl: proxy.url(couch.url), dbPrefix, host });
    await host.stop();
    await proxy.stop();
    await couch.stop();
  },
});

export { expect } from '@playwright/test';
