import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { RECEIPT_PAGE, renderReceiptHtml } from '../../../src/main/print/templates/receipt';
import { JaneDoeCopayReceipt, ScriptNameReceipt } from '../../fixtures/receipts';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const MM_TO_PT = 72 / 25.4;

describe.skipIf(!hasChromium)('createChromiumPdfRenderer', () => {
  let renderer: PdfRenderer;
  let tmp: string;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-pdf-'));
  });

  afterAll(async () => {
    await renderer?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function renderToFile(name: string, html: string): Promise<string> {
    const pdf = await renderer.render(html, RECEIPT_PAGE);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = path.join(tmp, name);
    await writeFile(file, pdf);
    return file;
  }

  async function pdfInfo(file: string): Promise<{ pages: number; widthPt: number; heightPt: number }> {
    const { stdout } = await run('pdfinfo', [file]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
    const pages = /Pages:\s+(\d+)/.exec(stdout);
    return { pages: Number(pages?.[1]), widthPt: Number(size?.[1]), heightPt: Number(size?.[2]) };
  }

  it('renders a receipt whose text reads back from the PDF', async () => {
    const file = await renderToFile('script.pdf', renderReceiptHtml(ScriptNameReceipt, { copy: false }));
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('Maple Street Family Clinic');
    expect(text).toContain('N2-000146');
    expect(text).toContain(`<script>alert("x")</script>`);
    expect(text).toContain(`O'Brien & Co`);
    expect(text).toMatch(/TOTAL\s+\$175\.75/);
    expect(text).toMatch(/Flu vaccine\s+\$45\.50/);
    expect(text).toContain('Thank you');
    expect(text).not.toContain('COPY');
  });

  it('lays the receipt out on one 80 mm wide page as long as its content', async () => {
    const short = await pdfInfo(
      await renderToFile('short.pdf', renderReceiptHtml(JaneDoeCopayReceipt, { copy: false })),
    );
    expect(short.pages).toBe(1);
    expect(short.widthPt).toBeGreaterThan(80 * MM_TO_PT - 1);
    expect(short.widthPt).toBeLessThan(80 * MM_TO_PT + 1);
    // Far shorter than a letter page: the roll is cut where the content ends.
    expect(short.heightPt).toBeLessThan(150 * MM_TO_PT);

    const manyLines = {
      ...JaneDoeCopayReceipt,
      lines: Array.from({ length: 50 }, (_, i) => ({ description: `Supply item ${i + 1}`, amountCents: 100 })),
      totalCents: 5000,
    };
    const long = await pdfInfo(await renderToFile('long.pdf', renderReceiptHtml(manyLines, { copy: true })));
    expect(long.pages).toBe(1);
    expect(long.heightPt).toBeGreaterThan(short.heightPt + 100);
  });

  it('marks a reprint as a copy in the PDF', async () => {
    const file = await renderToFile('copy.pdf', renderReceiptHtml(JaneDoeCopayReceipt, { copy: true }));
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('COPY — REPRINT');
    expect(text).toContain('Card ending 4242');
  });

  it('renders several documents at once on the one browser', async () => {
    const pdfs = await Promise.all(
      [JaneDoeCopayReceipt, ScriptNameReceipt, JaneDoeCopayReceipt].map((data, i) =>
        renderer.render(renderReceiptHtml(data, { copy: i === 2 }), RECEIPT_PAGE),
      ),
    );
    for (const pdf of pdfs) expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('honours a fixed page height', async () => {
    const pdf = await renderer.render(renderReceiptHtml(JaneDoeCopayReceipt, { copy: false }), {
      widthMm: 80,
      heightMm: 200,
      marginMm: 4,
    });
    const file = path.join(tmp, 'fixed.pdf');
    await writeFile(file, pdf);
    const info = await pdfInfo(file);
    expect(info.heightPt).toBeGreaterThan(200 * MM_TO_PT - 1);
    expect(info.heightPt).toBeLessThan(200 * MM_TO_PT + 1);
  });

  it('never loads anything from the network, even when the document asks', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // No CSP here, so only the renderer's own blocking stands between the page and the server.
      const hostile =
        `<!doctype html><html><head><link rel="stylesheet" href="${origin}/x.css"></head>` +
        `<body><img src="${origin}/pixel.png"><iframe src="${origin}/frame"></iframe><p>offline</p></body></html>`;
      const file = await renderToFile('offline.pdf', hostile);
      const { stdout: text } = await run('pdftotext', [file, '-']);
      expect(text).toContain('offline');
      expect(requests).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
