import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../src/shared/sync/collections';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../support/couchServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { startHostProcess, type WebHostProcess } from '../support/webHost';
import { ADMIN, DeskPage } from './pages/deskPage';

const DEMO_PASSWORD = 'demo-clinic-2026';

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

/**
 * A browser host whose printers are folders (one per name, made here), signed in to the demo
 * clinic as its manager: what prints to a printer is written into its folder as a PDF, and a folder
 * taken away is a printer that is not connected. Everything is removed afterwards.
 */
export async function withPrinterDesk<N extends string>(page: DeskPage['page'], names: readonly N[], run: (desk: DeskPage, folders: Record<N, string>, host: WebHostProcess) => Promise<void>): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'clinicdesk-printers-'));
  const folders = Object.fromEntries(names.map((name) => [name, path.join(root, name)])) as Record<N, string>;
  for (const name of names) await mkdir(folders[name]);
  const host = await startHostProcess({ printersDir: root });
  try {
    const desk = new DeskPage(page);
    await desk.open(host.url);
    await desk.loadDemoClinic();
    await desk.signIn('manager', DEMO_PASSWORD);
    await run(desk, folders, host);
  } finally {
    await host.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** A new clinic's first workstation, set up, signed in as the administrator and syncing with the test's server. */
export async function openSyncedDesk(page: DeskPage['page'], clinic: Clinic): Promise<DeskPage> {
  const desk = new DeskPage(page);
  await desk.open(clinic.host.url);
  await desk.setUpNewClinic(ADMIN);
  await desk.signIn(ADMIN.username, ADMIN.password);
  await desk.configureSync({ url: clinic.serverUrl, username: clinic.couch.username, password: clinic.couch.password, dbPrefix: clinic.dbPrefix });
  await expect(desk.connectivity).toHaveText('Online');
  return desk;
}
