import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMain } from '../../../src/main/composition';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { keyFileSecretBox } from '../../../src/main/settings/secretBox';
import { JaneDoeForm } from '../../fixtures/forms';
import { JaneDoeCopayReceipt } from '../../fixtures/receipts';
import { JaneDoeVisitSummary } from '../../fixtures/visitSummary';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const fakePdf: PdfRenderer = { render: async () => new TextEncoder().encode('%PDF-1.7 fake'), close: async () => undefined };

async function start(openFolder?: (p: string) => Promise<void>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-main-'));
  const broadcast = vi.fn();
  const main = await createMain({
    host: 'web',
    version: '1.2.3',
    dataDir,
    secrets: keyFileSecretBox(path.join(dataDir, 'secret.key')),
    pdf: fakePdf,
    printer: null,
    fetch: globalThis.fetch,
    broadcast,
    connectivityIntervalMs: 60_000,
    ...(openFolder ? { openFolder } : {}),
  });
  stops.push(main.stop);
  const call = (channel: string, payload: unknown = {}) => main.dispatch(channel, payload, { transport: 'web' });
  return { call, dataDir, broadcast };
}

/** Signs someone in through the contract, as the sign-in screen does. */
async function signIn(call: Awaited<ReturnType<typeof start>>['call'], roles: string[] = ['front-desk']) {
  const hashed = (await call('auth:hashSecret', { kind: 'password', secret: 'correct horse battery' })) as { ok: true; value: { hash: string } };
  const verified = await call('auth:verify', { staffId: 'staff-1', username: 'jdesk', kind: 'password', secret: 'correct horse battery', hash: hashed.value.hash, roles });
  expect(verified).toMatchObject({ ok: true, value: { ok: true } });
}

describe('main services behind the contract', () => {
  it('answers settings and issues numbers with the workstation prefix', async () => {
    const { call } = await start();
    expect(await call('app:info')).toEqual({ ok: true, value: { host: 'web', version: '1.2.3' } });
    await call('settings:setWorkstation', { workstationPrefix: 'N2', siteId: 'north' });
    expect(await call('numbers:next', { kind: 'receipt' })).toEqual({ ok: true, value: { value: 'N2-000001' } });
    expect(await call('numbers:next', { kind: 'receipt' })).toEqual({ ok: true, value: { value: 'N2-000002' } });
  });

  it('refuses sync requests until a server is set up', async () => {
    const { call } = await start();
    const result = await call('sync:fetch', { requestId: 'r1', url: 'http://127.0.0.1:5984/clinic_patients/', method: 'GET', headers: {}, body: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
  });

  it('keeps a PDF of a printed receipt and lists it', async () => {
    const { call, dataDir } = await start();
    await signIn(call);
    const printed = await call('print:receipt', JaneDoeCopayReceipt);
    expect(printed).toMatchObject({ ok: true, value: { sentToPrinter: false, document: { kind: 'receipt' } } });
    const files = await readdir(path.join(dataDir, 'printed'), { recursive: true });
    expect(files.some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(await call('print:list', {})).toMatchObject({ ok: true, value: [{ title: expect.stringContaining(JaneDoeCopayReceipt.receiptNumber) }] });
  });

  it('keeps a printed check-in form in the web host too, and refuses an unknown form', async () => {
    const { call, dataDir } = await start();
    await signIn(call);
    expect(await call('print:form', { ...JaneDoeForm, form: 'x-ray-release' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    await expect(readdir(path.join(dataDir, 'printed'))).rejects.toThrow();
    const printed = await call('print:form', { ...JaneDoeForm, form: 'intake' });
    expect(printed).toMatchObject({ ok: true, value: { sentToPrinter: false, document: { kind: 'form', title: 'Patient intake — Doe, Jane' } } });
    expect(await call('print:list', {})).toMatchObject({ ok: true, value: [{ kind: 'form', title: 'Patient intake — Doe, Jane' }] });
  });

  it('keeps a printed visit summary in the web host too, and refuses a payment of nothing', async () => {
    const { call, dataDir } = await start();
    await signIn(call);
    const free = { ...JaneDoeVisitSummary, payments: [{ ...JaneDoeVisitSummary.payments[0]!, amountCents: 0 }] };
    expect(await call('print:visitSummary', free)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    await expect(readdir(path.join(dataDir, 'printed'))).rejects.toThrow();
    const printed = await call('print:visitSummary', JaneDoeVisitSummary);
    expect(printed).toMatchObject({ ok: true, value: { sentToPrinter: false, document: { kind: 'visit-summary', title: 'Visit summary — Doe, Jane, Dec 9, 2026' } } });
    expect(await call('print:list', {})).toMatchObject({ ok: true, value: [{ kind: 'visit-summary', title: 'Visit summary — Doe, Jane, Dec 9, 2026' }] });
  });

  it('prints only for someone signed in, and keeps nothing otherwise', async () => {
    const { call, dataDir } = await start();
    expect(await call('print:receipt', JaneDoeCopayReceipt)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Sign in to print documents.' } });
    expect(await call('print:reprint', { id: 'anything' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('print:form', JaneDoeForm)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('print:visitSummary', JaneDoeVisitSummary)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(readdir(path.join(dataDir, 'printed'))).rejects.toThrow();
  });

  it('refuses a receipt whose lines do not add up, and keeps nothing', async () => {
    const { call, dataDir } = await start();
    await signIn(call);
    const result = await call('print:receipt', { ...JaneDoeCopayReceipt, totalCents: JaneDoeCopayReceipt.totalCents + 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('do not add up') } });
    await expect(readdir(path.join(dataDir, 'printed'))).rejects.toThrow();
  });

  it('opens the printed folder where the host can, and names it everywhere', async () => {
    const opened: string[] = [];
    const desktop = await start(async (p) => void opened.push(p));
    expect(await desktop.call('print:openFolder')).toEqual({ ok: true, value: { path: path.join(desktop.dataDir, 'printed'), opened: true } });
    expect(opened).toEqual([path.join(desktop.dataDir, 'printed')]);

    const web = await start();
    expect(await web.call('print:openFolder')).toEqual({ ok: true, value: { path: path.join(web.dataDir, 'printed'), opened: false } });
  });
});
