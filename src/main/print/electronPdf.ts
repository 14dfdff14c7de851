import type {
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  WebContentsPrintOptions,
} from 'electron';
import { AppError } from '../../shared/ipc/envelope';
import {
  measureContentHeightPx,
  PX_PER_MM,
  resolvePage,
  type PageSpec,
  type PdfRenderer,
  type Printer,
} from './pdf';

/**
 * The part of Electron's `BrowserWindow` that printing uses. A real `BrowserWindow` satisfies it;
 * tests pass a fake.
 */
export interface PrintWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>;
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    getPrintersAsync(): Promise<ReadonlyArray<{ name: string; displayName?: string }>>;
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }) => void): unknown;
    readonly debugger: {
      attach(protocolVersion?: string): void;
      detach(): void;
      sendCommand(method: string, commandParams?: Record<string, unknown>): Promise<unknown>;
    };
  };
  destroy(): void;
  isDestroyed(): boolean;
}

/** Creates the hidden window; in the app, `(options) => new BrowserWindow(options)`. */
export type CreatePrintWindow = (options: BrowserWindowConstructorOptions) => PrintWindow;

const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;
const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

/**
 * Options of the hidden window documents are printed from: never shown, sandboxed, isolated,
 * without Node and without JavaScript. Templates need no script, so a value that slipped past
 * escaping still could not run.
 */
export function hiddenPrintWindowOptions(page: PageSpec = { widthMm: 80 }): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: Math.ceil(page.widthMm * PX_PER_MM),
    height: 600,
    useContentSize: true,
    skipTaskbar: true,
    focusable: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      images: true,
    },
  };
}

/** A `data:` URL for a self-contained document, so nothing is fetched or written to disk. */
export function htmlDataUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/**
 * Opens `html` in a hidden print window, works out the page (measuring the content when the
 * height is automatic) and runs `use`. The window is destroyed afterwards whatever happens, so a
 * failed job never leaves an invisible window holding memory.
 */
async function withPrintWindow<T>(
  createWindow: CreatePrintWindow,
  html: string,
  page: PageSpec,
  use: (window: PrintWindow, page: Required<PageSpec>) => Promise<T>,
): Promise<T> {
  const window = createWindow(hiddenPrintWindowOptions(page));
  try {
    const { webContents } = window;
    webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    webContents.on('will-navigate', (event) => event.preventDefault());
    await webContents.loadURL(htmlDataUrl(html));
    return await use(window, await resolvePage(page, () => measureInWindow(window)));
  } finally {
    if (!window.isDestroyed()) window.destroy();
  }
}

// The DevTools protocol measures the layout without running script in the page.
async function measureInWindow(window: PrintWindow): Promise<number> {
  const { debugger: devtools } = window.webContents;
  devtools.attach('1.3');
  try {
    return await measureContentHeightPx((method, params) => devtools.sendCommand(method, params));
  } finally {
    devtools.detach();
  }
}

/**
 * A PDF renderer on Electron's `webContents.printToPDF`, in a fresh hidden window per document.
 */
export function createElectronPdfRenderer(deps: { createWindow: CreatePrintWindow }): PdfRenderer {
  return {
    render(html, page) {
      return withPrintWindow(deps.createWindow, html, page, async (window, resolved) => {
        const margin = resolved.marginMm / MM_PER_INCH;
        const pdf = await window.webContents.printToPDF({
          pageSize: { width: resolved.widthMm / MM_PER_INCH, height: resolved.heightMm / MM_PER_INCH },
          margins: { top: margin, right: margin, bottom: margin, left: margin },
          printBackground: true,
          preferCSSPageSize: false,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      });
    },
    async close() {
      // Windows are destroyed after each document; nothing stays open.
    },
  };
}

/**
 * A printer that prints silently to a named printer through `webContents.print`. Electron
 * reports failures through a callback (and sometimes never calls it when a driver hangs), so
 * this turns both into `AppError('PRINTER', …)` with the printer's name in the message.
 */
export function createElectronPrinter(deps: {
  createWindow: CreatePrintWindow;
  /** How long to wait for the printer to accept the job. */
  timeoutMs?: number;
}): Printer {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  return {
    print(job, deviceName) {
      return withPrintWindow(deps.createWindow, job.html, job.page, async (window, page) => {
        const printers = await window.webContents.getPrintersAsync();
        if (!printers.some((p) => p.name === deviceName)) {
          throw new AppError('PRINTER', `Printer "${deviceName}" is not installed or not connected`);
        }
        await sendToPrinter(window, deviceName, page, timeoutMs, job.copies ?? 1);
      });
    },
    list() {
      return withPrintWindow(deps.createWindow, '<!doctype html><title>Printers</title>', { widthMm: 80, heightMm: 80, marginMm: 0 }, async (window) =>
        (await window.webContents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName || p.name })),
      );
    },
  };
}

function sendToPrinter(
  window: PrintWindow,
  deviceName: string,
  page: Required<PageSpec>,
  timeoutMs: number,
  copies: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new AppError('PRINTER', `Printer "${deviceName}" did not respond; check that it is on and has paper`));
    }, timeoutMs);
    const done = (error?: AppError) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const options: WebContentsPrintOptions = {
      silent: true,
      deviceName,
      copies,
      printBackground: true,
      // The template's `@page` margin applies; the size is the measured page, in microns.
      pageSize: { width: page.widthMm * MICRONS_PER_MM, height: page.heightMm * MICRONS_PER_MM },
    };
    try {
      window.webContents.print(options, (success, failureReason) => {
        if (success) done();
        else done(new AppError('PRINTER', `Printer "${deviceName}" could not print: ${failureReason || 'unknown error'}`));
      });
    } catch (error) {
      done(new AppError('PRINTER', `Printer "${deviceName}" could not print: ${messageOf(error)}`));
    }
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
