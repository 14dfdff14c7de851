import { chromium, type Browser } from 'playwright-core';
import { measureContentHeightPx, PX_PER_MM, resolvePage, type CdpSend, type PdfRenderer } from './pdf';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
];

/**
 * A PDF renderer on headless Chromium through Playwright, for tests and tools that run without
 * Electron. The browser starts on first use and is reused; each document gets its own context
 * with JavaScript disabled and every network request refused, as in the app's print window.
 */
export function createChromiumPdfRenderer(options: { executablePath?: string } = {}): PdfRenderer {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser: Promise<Browser> | null = null;
  let closed = false;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const launching = chromium.launch({ executablePath, args: LAUNCH_ARGS });
      browser = launching;
      launching.then(
        // A crashed browser must not poison every later render.
        (b) => b.on('disconnected', () => {
          if (browser === launching) browser = null;
        }),
        () => {
          if (browser === launching) browser = null;
        },
      );
    }
    return browser;
  }

  return {
    async render(html, page) {
      if (closed) throw new Error('The PDF renderer has been closed');
      const context = await (await getBrowser()).newContext({
        javaScriptEnabled: false,
        viewport: { width: Math.ceil(page.widthMm * PX_PER_MM), height: 600 },
      });
      try {
        await context.route('**/*', (route) => route.abort());
        const tab = await context.newPage();
        await tab.setContent(html, { waitUntil: 'load' });
        const session = await context.newCDPSession(tab);
        // Playwright types each protocol method separately; the measurement only needs a plain send.
        const send: CdpSend = (method, params) => session.send(method as 'DOM.getDocument', params as never);
        const resolved = await resolvePage(page, () => measureContentHeightPx(send));
        const margin = `${resolved.marginMm}mm`;
        const pdf = await tab.pdf({
          width: `${resolved.widthMm}mm`,
          height: `${resolved.heightMm}mm`,
          printBackground: true,
          margin: { top: margin, right: margin, bottom: margin, left: margin },
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await context.close();
      }
    },

    async close() {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
