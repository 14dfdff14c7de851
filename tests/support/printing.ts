import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PageSpec, PdfRenderer, Printer, PrintJob } from '../../src/main/print/pdf';
import { createPrintService, type PrintServiceDeps } from '../../src/main/print/printService';

const run = promisify(execFile);

/** The text a person would see in a rendered document: tags dropped and entities decoded. */
export function visibleText(document: string): string {
  return document
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Every file under a folder, as sorted forward-slash paths relative to it ([] when it does not exist). */
export async function filesUnder(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * A print service over a folder with a fake PDF renderer (the PDF holds the HTML) and a printer
 * that records its jobs; the receipt and document printers are set, ids count up.
 */
export function fakePrintService(dir: string, at: string, overrides: Partial<PrintServiceDeps> = {}) {
  let ids = 0;
  const rendered: Array<{ html: string; page: PageSpec }> = [];
  const jobs: Array<{ job: PrintJob; deviceName: string }> = [];
  const pdf: PdfRenderer = {
    async render(html, page) {
      rendered.push({ html, page });
      return new TextEncoder().encode(`%PDF-fake\n${html}`);
    },
    async close() {},
  };
  const printer: Printer = {
    async print(job, deviceName) {
      jobs.push({ job, deviceName });
    },
  };
  const print = createPrintService({
    dir,
    pdf,
    printer,
    getReceiptPrinter: () => 'EPSON_TM_T20III',
    getDocumentPrinter: () => 'Office LaserJet',
    now: () => new Date(at),
    newId: () => `0190c0de-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    ...overrides,
  });
  return { print, rendered, jobs };
}

/** A kept PDF read back with poppler: its text (whitespace collapsed), page count and page size in points. */
export async function readPdf(file: string, options: { pngInto?: string | undefined; dpi?: number } = {}): Promise<{ text: string; pages: number; width: number; height: number }> {
  const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
  const { stdout: info } = await run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  if (options.pngInto) await run('pdftoppm', ['-png', '-r', String(options.dpi ?? process.env['PNG_DPI'] ?? '60'), file, path.join(options.pngInto, path.basename(file, '.pdf'))]);
  return { text: text.replace(/\s+/g, ' '), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}
