import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFetchRequest } from '../../../src/shared/sync/channels';
import { SYNCED_COLLECTIONS, remoteDbName } from '../../../src/shared/sync/collections';
import { createSyncTransport, type SyncConfig, type SyncStatus, type SyncTransportDeps } from '../../../src/main/sync/transport';
import { startCouchServer, uniqueDbPrefix, type CouchServer } from '../../support/couchServer';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';

const usingCouchDb = Boolean(process.env.COUCHDB_URL);

let server: CouchServer;
let prefix: string;
let config: SyncConfig;
let seq = 0;

function req(url: string, method: SyncFetchRequest['method'] = 'GET', body: unknown = null): SyncFetchRequest {
  seq += 1;
  return {
    requestId: `it-${seq}`,
    url,
    method,
    headers: body === null ? {} : { 'Content-Type': 'application/json' },
    body: body === null ? null : JSON.stringify(body),
  };
}

function transportFor(overrides: Partial<SyncTransportDeps> & { url?: string } = {}) {
  const statuses: SyncStatus[] = [];
  const { url = server.url, ...rest } = overrides;
  const transport = createSyncTransport({
    getConfig: async () => ({ ...config, url }),
    fetch: globalThis.fetch,
    onStatus: (s) => statuses.push(s),
    ...rest,
  });
  return { transport, statuses };
}

const db = (collection: (typeof SYNCED_COLLECTIONS)[number]) => remoteDbName(prefix, collection);
const parse = (body: string): unknown => JSON.parse(body);

beforeAll(async () => {
  server = await startCouchServer();
  prefix = uniqueDbPrefix();
  for (const collection of SYNCED_COLLECTIONS) await server.createDb(remoteDbName(prefix, collection));
  config = { url: server.url, username: server.username, password: server.password, dbPrefix: prefix };
});

afterAll(async () => {
  await server?.stop();
});

describe(`sync transport against ${usingCouchDb ? 'Apache CouchDB (COUCHDB_URL)' : 'express-pouchdb'}`, () => {
  it('writes and reads documents with main’s credentials (the only credentials sent)', async () => {
    const { transport, statuses } = transportFor();
    const url = `${server.url}/${db('patients')}/p-1`;
    const doc = { givenName: 'Ana', siteId: 'main', updatedAt: '2026-03-02T10:00:00.000Z' };

    const put = await transport.perform(req(url, 'PUT', doc));
    expect(put.status).toBe(201);
    const { rev } = parse(put.body) as { rev: string };

    const got = await transport.perform(req(url));
    expect(got.status).toBe(200);
    expect(parse(got.body)).toMatchObject({ _id: 'p-1', _rev: rev, givenName: 'Ana' });
    expect(await server.getDoc(db('patients'), 'p-1')).toMatchObject({ givenName: 'Ana' });
    expect(statuses.at(-1)).toEqual({ state: 'online', message: 'Connected to the sync server.' });
  });

  it('carries the requests RxDB’s replication makes: _bulk_docs, _all_docs and _changes', async () => {
    const { transport } = transportFor();
    const base = `${server.url}/${db('appointments')}/`;
    const docs = [1, 2, 3].map((n) => ({ _id: `a-${n}`, siteId: 'main', updatedAt: '2026-03-02T10:00:00.000Z' }));

    const bulk = await transport.perform(req(`${base}_bulk_docs?`, 'POST', { docs }));
    expect(bulk.status).toBe(201);
    expect((parse(bulk.body) as { ok?: boolean }[]).every((r) => r.ok)).toBe(true);

    const byKeys = await transport.perform(req(`${base}_all_docs?`, 'POST', { keys: ['a-1', 'a-3', 'missing'] }));
    expect(byKeys.status).toBe(200);
    const rows = (parse(byKeys.body) as { rows: { key: string; error?: string }[] }).rows;
    expect(rows.map((r) => r.key)).toEqual(['a-1', 'a-3', 'missing']);
    expect(rows[2]?.error).toBe('not_found');

    const changes = await transport.perform(
      req(`${base}_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=100`),
    );
    expect(changes.status).toBe(200);
    const results = (parse(changes.body) as { results: { id: string }[] }).results;
    expect(results.map((r) => r.id).sort()).toEqual(['a-1', 'a-2', 'a-3']);
  });

  it('returns a 404 for a missing document as an answer', async () => {
    const { transport } = transportFor();
    const res = await transport.perform(req(`${server.url}/${db('patients')}/nobody`));
    expect(res.status).toBe(404);
  });

  it('refuses other databases on the same server before sending anything', async () => {
    const { transport } = transportFor();
    await expect(transport.perform(req(`${server.url}/_all_dbs`))).rejects.toMatchObject({ code: 'ORIGIN_REFUSED' });
    await expect(transport.perform(req(`${server.url}/other_patients/`))).rejects.toMatchObject({ code: 'ORIGIN_REFUSED' });
  });

  it('delivers a change to a waiting long-poll', async () => {
    const { transport } = transportFor();
    const waiting = transport.perform(
      req(`${server.url}/${db('ledger')}/_changes?style=all_docs&feed=longpoll&since=now&include_docs=true&heartbeat=10000&limit=20`),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.putDoc(db('ledger'), { _id: 'pay-1', siteId: 'main', createdAt: '2026-03-02T10:00:00.000Z' });
    const res = await waiting;
    expect(res.status).toBe(200);
    expect((parse(res.body) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['pay-1']);
  });

  it('ends a waiting long-poll when abort(requestId) is called', async () => {
    const { transport, statuses } = transportFor();
    const longPoll = req(`${server.url}/${db('patients')}/_changes?style=all_docs&feed=longpoll&since=now&heartbeat=10000`);
    const started = Date.now();
    const waiting = transport.perform(longPoll).catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 200));
    transport.abort(longPoll.requestId);
    expect(await waiting).toMatchObject({ code: 'NETWORK', message: 'The sync request was cancelled.' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statuses.some((s) => s.state === 'offline')).toBe(false);
  });

  it('keeps a quiet long-poll open past the idle timeout while heartbeats arrive', async () => {
    const { transport } = transportFor({ requestTimeoutMs: 300, longPollTimeoutMs: 600 });
    const waiting = transport.perform(
      req(`${server.url}/${db('patients')}/_changes?style=all_docs&feed=longpoll&since=now&heartbeat=200`),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.putDoc(db('patients'), { _id: 'p-late', siteId: 'main', updatedAt: '2026-03-02T10:00:00.000Z' });
    const res = await waiting;
    expect(res.status).toBe(200);
    expect((parse(res.body) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['p-late']);
  });

  it.runIf(usingCouchDb)('is refused by CouchDB without the transport’s Basic header, and pauses on a wrong password', async () => {
    const anonymous = await fetch(`${server.url}/${db('patients')}`);
    expect(anonymous.status).toBe(401);

    // A user that does not exist, so that no real account's lockout counter moves.
    const { transport, statuses } = transportFor();
    const wrong = createSyncTransport({
      getConfig: async () => ({ ...config, username: `nobody_${prefix}`, password: 'wrong' }),
      fetch: globalThis.fetch,
      onStatus: (s) => statuses.push(s),
    });
    const url = `${server.url}/${db('patients')}/`;
    await expect(wrong.perform(req(url))).rejects.toMatchObject({ code: 'AUTH' });
    await expect(wrong.perform(req(url))).rejects.toMatchObject({
      code: 'AUTH',
      message: "Sync is paused: the server refused this workstation's password. Ask your manager to re-enter it in Settings.",
    });
    expect(statuses.at(-1)?.state).toBe('auth-failed');
    expect((await transport.perform(req(url))).status).toBe(200);
  });
});

describe(`sync transport through a network that drops (${usingCouchDb ? 'Apache CouchDB' : 'express-pouchdb'})`, () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    const target = new URL(server.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)) });
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('fails with NETWORK while the network is cut, and works again when it is back', async () => {
    const { transport, statuses } = transportFor({ url: proxy.url(server.url) });
    const url = `${proxy.url(server.url)}/${db('patients')}/`;

    expect((await transport.perform(req(url))).status).toBe(200);
    expect(statuses.at(-1)?.state).toBe('online');

    proxy.cut();
    await expect(transport.perform(req(url))).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringMatching(/^Cannot reach the sync server: /),
    });
    expect(statuses.at(-1)?.state).toBe('offline');

    await proxy.restore();
    expect((await transport.perform(req(url))).status).toBe(200);
    expect(statuses.at(-1)?.state).toBe('online');
  });

  it('ends a long-poll with NETWORK when the connection under it is cut', async () => {
    const { transport } = transportFor({ url: proxy.url(server.url) });
    const waiting = transport
      .perform(req(`${proxy.url(server.url)}/${db('ledger')}/_changes?feed=longpoll&since=now&heartbeat=10000`))
      .catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.cut();
    expect(await waiting).toMatchObject({ code: 'NETWORK' });
    await proxy.restore();
  });

  it('times out with NETWORK when the network silently drops everything', async () => {
    const { transport, statuses } = transportFor({ url: proxy.url(server.url), requestTimeoutMs: 500 });
    const url = `${proxy.url(server.url)}/${db('patients')}/`;
    proxy.cut('hang');
    const started = Date.now();
    await expect(transport.perform(req(url))).rejects.toMatchObject({
      code: 'NETWORK',
      message: 'Cannot reach the sync server: no answer within 500 ms.',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(statuses.at(-1)?.state).toBe('offline');
    await proxy.restore();
    expect((await transport.perform(req(url))).status).toBe(200);
  });
});
