import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyFileSecretBox } from '../../../src/main/settings/secretBox';
import { openSettingsStore } from '../../../src/main/settings/settingsStore';

let dir: string;
const open = () => openSettingsStore({ file: path.join(dir, 'settings.json'), secrets: keyFileSecretBox(path.join(dir, 'secret.key')), defaultTimeZone: 'America/Chicago' });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-settings-'));
});

describe('settings store', () => {
  it('starts with a valid workstation prefix and no sync server', async () => {
    const settings = (await open()).get();
    expect(settings.workstationPrefix).toMatch(/^[A-Z][A-Z0-9]{0,3}$/);
    expect(settings.sync).toBeNull();
    expect(settings.clinic.timeZone).toBe('America/Chicago');
  });

  it('issues numbers that never repeat, across restarts', async () => {
    const store = await open();
    await store.setWorkstation({ workstationPrefix: 'N2', siteId: 'north' });
    const first = await Promise.all(Array.from({ length: 20 }, () => store.nextNumber('receipt')));
    const reopened = await open();
    const second = await Promise.all(Array.from({ length: 5 }, () => reopened.nextNumber('receipt')));
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(25);
    expect(all[0]).toBe('N2-000001');
    expect(all[24]).toBe('N2-000025');
    expect(await reopened.nextNumber('mrn')).toBe('N2-000001');
  });

  it('gives two workstations different numbers because their prefixes differ', async () => {
    const a = await open();
    await a.setWorkstation({ workstationPrefix: 'N1', siteId: 'north' });
    dir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-settings-'));
    const b = await open();
    await b.setWorkstation({ workstationPrefix: 'S1', siteId: 'south' });
    const numbers = [await a.nextNumber('receipt'), await b.nextNumber('receipt')];
    expect(numbers).toEqual(['N1-000001', 'S1-000001']);
  });

  it('refuses to change the prefix once numbers were issued, and changes nothing', async () => {
    const store = await open();
    await store.setWorkstation({ workstationPrefix: 'N2', siteId: 'main' });
    await store.nextNumber('receipt');
    await expect(store.setWorkstation({ workstationPrefix: 'N3', siteId: 'main' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await open()).get().workstationPrefix).toBe('N2');
  });

  it('keeps the sync password sealed on disk and out of what the renderer sees', async () => {
    const store = await open();
    const settings = await store.setSync({ url: 'https://couch.example.org:6984/', username: 'desk1', password: 'correct horse', dbPrefix: 'clinic' });
    expect(settings.sync).toEqual({ url: 'https://couch.example.org:6984', username: 'desk1', dbPrefix: 'clinic', hasPassword: true });
    expect(JSON.stringify(settings)).not.toContain('correct horse');
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).not.toContain('correct horse');
    await expect((await open()).getSyncConfig()).resolves.toMatchObject({ password: 'correct horse' });
    expect((await stat(path.join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
  });

  it('keeps the password when it is left empty for the same server, and drops it for another', async () => {
    const store = await open();
    await store.setSync({ url: 'https://couch.example.org', username: 'desk1', password: 'pw1', dbPrefix: 'clinic' });
    await store.setSync({ url: 'https://couch.example.org', username: 'desk1', dbPrefix: 'clinic2' });
    expect(await store.getSyncConfig()).toMatchObject({ password: 'pw1', dbPrefix: 'clinic2' });
    await store.setSync({ url: 'https://other.example.org', username: 'desk1', dbPrefix: 'clinic' });
    expect(await store.getSyncConfig()).toBeNull();
  });

  it('refuses to start on a damaged settings file with a clear message', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{"version":1,');
    await expect(open()).rejects.toThrow(/damaged/);
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, workstationPrefix: 'bad prefix' }));
    await expect(open()).rejects.toThrow(/damaged/);
  });

  it('keeps the receipt paper and on-demand printing across restarts; a file written before them loads with an 80 mm roll printed at once', async () => {
    const store = await open();
    expect(store.get()).toMatchObject({ receiptPaper: 'thermal-80mm', receiptAutoPrint: true });
    await store.setReceiptPrinter('Office LaserJet', { paper: 'letter', printAutomatically: false });
    expect((await open()).get()).toMatchObject({ receiptPrinter: 'Office LaserJet', receiptPaper: 'letter', receiptAutoPrint: false });
    await (await open()).setReceiptPrinter(null);
    expect((await open()).get()).toMatchObject({ receiptPrinter: null, receiptPaper: 'letter', receiptAutoPrint: false });

    await (await open()).setDocumentPrinter('Office LaserJet');
    expect((await open()).get()).toMatchObject({ documentPrinter: 'Office LaserJet', documentPaper: 'letter' });
    await (await open()).setDocumentPrinter('Office LaserJet', 'a4');
    expect((await open()).get()).toMatchObject({ documentPrinter: 'Office LaserJet', documentPaper: 'a4' });
    // Taking the printer away keeps the paper: the PDFs kept instead are laid out on it.
    await (await open()).setDocumentPrinter(null);
    expect((await open()).get()).toMatchObject({ documentPrinter: null, documentPaper: 'a4' });
    await (await open()).setLabelPrinter('ZD421', '4x6in');
    expect((await open()).get()).toMatchObject({ labelPrinter: 'ZD421', labelStock: '4x6in' });
    await (await open()).setPrintOptions({ receipt: 2, document: 1, label: 3 }, ['day-sheet', 'day-sheet', 'statement']);
    expect((await open()).get()).toMatchObject({ printCopies: { receipt: 2, document: 1, label: 3 }, pdfOnlyKinds: ['day-sheet', 'statement'] });

    const file = path.join(dir, 'settings.json');
    const { receiptPaper: _p, receiptAutoPrint: _a, documentPrinter: _d, documentPaper: _dp, labelPrinter: _l, labelStock: _s, printCopies: _c, pdfOnlyKinds: _k, ...before } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify(before));
    expect((await open()).get()).toMatchObject({ receiptPaper: 'thermal-80mm', receiptAutoPrint: true, documentPrinter: null, documentPaper: 'letter', labelPrinter: null, labelStock: '2.25x1.25in', printCopies: { receipt: 1, document: 1, label: 1 }, pdfOnlyKinds: [] });
  });
});
