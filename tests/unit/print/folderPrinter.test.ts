import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderPrinter } from '../../../src/main/print/folderPrinter';
import type { PdfRenderer } from '../../../src/main/print/pdf';

const pdf: PdfRenderer = { render: async (html) => new TextEncoder().encode(`%PDF-fake ${html}`), close: async () => {} };
const job = { html: '<p>Receipt</p>', page: { widthMm: 80 }, title: 'Receipt N2-000145 — Doe, Jane' };

describe('folder printers', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-folders-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists each folder as a printer and writes what is printed there as a PDF, once per copy', async () => {
    await mkdir(path.join(dir, 'Front desk'));
    await mkdir(path.join(dir, 'Office'));
    await writeFile(path.join(dir, 'not-a-printer.txt'), '');
    const printer = createFolderPrinter({ dir, pdf, now: () => new Date('2026-12-06T15:00:00.000Z') });
    expect(await printer.list!()).toEqual([
      { name: 'Front desk', displayName: 'Front desk (folder)' },
      { name: 'Office', displayName: 'Office (folder)' },
    ]);
    await printer.print({ ...job, copies: 2 }, 'Front desk');
    const files = (await readdir(path.join(dir, 'Front desk'))).sort();
    expect(files).toEqual(['2026-12-06T15-00-00-000Z-1-1 Receipt N2-000145 Doe Jane.pdf', '2026-12-06T15-00-00-000Z-1-2 Receipt N2-000145 Doe Jane.pdf']);
    expect(await readFile(path.join(dir, 'Front desk', files[0]!), 'utf8')).toBe('%PDF-fake <p>Receipt</p>');
  });

  it('is a printer that is not connected when its folder is not there, and never writes outside its folder', async () => {
    const printer = createFolderPrinter({ dir, pdf, now: () => new Date() });
    await expect(printer.print(job, 'Front desk')).rejects.toMatchObject({ code: 'PRINTER', message: 'Printer "Front desk" is not installed or not connected' });
    await mkdir(path.join(dir, 'inner'));
    await expect(printer.print(job, '../inner')).rejects.toMatchObject({ code: 'PRINTER' });
    await expect(printer.print(job, 'inner/..')).rejects.toMatchObject({ code: 'PRINTER' });
    expect(await readdir(path.join(dir, 'inner'))).toEqual([]);
  });
});
