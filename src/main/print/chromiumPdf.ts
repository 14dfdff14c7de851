import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { measureContentHeightPx, PX_PER_MM, resolvePage, type CdpSend, type PageSpec, type PdfRenderer } from './pdf';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
  // Nothing a document names is fetched (every request is refused below), and not even a
  // connection is opened for it: all traffic, the machine's own included, goes to a proxy that is
  // not there.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--dns-prefetch-disable',
];

/**
 * A PDF renderer on headless Chromium through Playwright, for the browser host, tests and tools
 * that run without Electron. The browser starts on first use and is reused, with one tab kept
 * ready in a context with JavaScript disabled and every network request refused, as in the app's
 * print window; documents are rendered in it one at a time, each replacing the one before (a new
 * tab per document costs some 200 ms on a small machine). A failed render drops the tab, and the
 * next starts a fresh one.
 */
export function createChromiumPdfRenderer(options: { executablePath?: string } = {}): PdfRenderer {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser: Promise<Browser> | null = null;
  let ready: Promise<{ context: BrowserContext; tab: Page }> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const launching = chromium.launch({ executablePath, args: LAUNCH_ARGS });
      browser = launching;
      launching.then(
        // A crashed browser must not poison every later render.
        (b) => b.on('disconnected', () => {
          if (browser === launching) browser = null;
          ready = null;
        }),
        () => {
          if (browser === launching) browser = null;
        },
      );
    }
    return browser;
  }

  function getTab() {
    if (!ready) {
      const opening = (async () => {
        const context = await (await getBrowser()).newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 600 } });
        await context.route('**/*', (route) => route.abort());
        const tab = await context.newPage();
        return { context, tab };
      })();
      ready = opening;
      opening.catch(() => {
        if (ready === opening) ready = null;
      });
    }
    return ready;
  }

  async function renderNow(html: string, page: PageSpec): Promise<Uint8Array> {
    if (closed) throw new Error('The PDF renderer has been closed');
    const current = getTab();
    try {
      const { context, tab } = await current;
      await tab.setViewportSize({ width: Math.ceil(page.widthMm * PX_PER_MM), height: 600 });
      await tab.setContent(html, { waitUntil: 'load' });
      // A protocol session only for the measurement, once the document has loaded (one left attached
      // while a document loads holds up its frames).
      const resolved = await resolvePage(page, async () => {
        const session = await context.newCDPSession(tab);
        try {
          // Playwright types each protocol method separately; the measurement only needs a plain send.
          const send: CdpSend = (method, params) => session.send(method as 'DOM.getDocument', params as never);
          return await measureContentHeightPx(send);
        } finally {
          await session.detach().catch(() => undefined);
        }
      });
      const margin = `${resolved.marginMm}mm`;
      const pdf = await tab.pdf({
        width: `${resolved.widthMm}mm`,
        height: `${resolved.heightMm}mm`,
        printBackground: true,
        margin: { top: margin, right: margin, bottom: margin, left: margin },
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (ready === current) ready = null;
      await (await current.catch(() => null))?.context.close().catch(() => undefined);
      throw error;
    }
  }

  return {
    render(html, page) {
      const run = queue.then(() => renderNow(html, page));
      queue = run.catch(() => undefined);
      return run;
    },

    async close() {
      closed = true;
      await queue;
      const tab = ready;
      ready = null;
      if (tab) await (await tab.catch(() => null))?.context.close().catch(() => undefined);
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
