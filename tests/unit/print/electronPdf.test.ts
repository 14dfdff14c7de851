import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from '../../../src/shared/ipc/envelope';
import {
  createElectronPdfRenderer,
  createElectronPrinter,
  hiddenPrintWindowOptions,
  type PrintWindow,
} from '../../../src/main/print/electronPdf';
import { PX_PER_MM } from '../../../src/main/print/pdf';
import { RECEIPT_PAGE, renderReceiptHtml } from '../../../src/main/print/templates/receipt';
import { JaneDoeCopayReceipt } from '../../fixtures/receipts';

type PrintCallback = (success: boolean, failureReason: string) => void;

interface FakeOptions {
  contentHeightPx?: number;
  printToPDF?: (options: PrintToPDFOptions) => Promise<Uint8Array>;
  loadURL?: (url: string) => Promise<void>;
  printers?: string[];
  print?: (options: WebContentsPrintOptions, callback: PrintCallback) => void;
}

/** A stand-in for `BrowserWindow` that records how printing drives it. */
class FakeWindow implements PrintWindow {
  readonly calls: string[] = [];
  loadedUrl: string | null = null;
  destroyed = false;
  attached = false;
  openHandler: (() => { action: 'deny' }) | null = null;
  willNavigate: ((event: { preventDefault(): void }) => void) | null = null;
  pdfOptions: PrintToPDFOptions | null = null;
  printOptions: WebContentsPrintOptions | null = null;
  readonly webContents: PrintWindow['webContents'];

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    fake: FakeOptions,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested fake webContents records its calls on the window
    const self = this;
    this.webContents = {
      async loadURL(url) {
        self.calls.push('loadURL');
        self.loadedUrl = url;
        await fake.loadURL?.(url);
      },
      async printToPDF(pdfOptions) {
        self.calls.push('printToPDF');
        self.pdfOptions = pdfOptions;
        return fake.printToPDF ? fake.printToPDF(pdfOptions) : new Uint8Array([0x25, 0x50, 0x44, 0x46]);
      },
      print(printOptions, callback) {
        self.calls.push('print');
        self.printOptions = printOptions;
        if (fake.print) fake.print(printOptions, callback);
        else queueMicrotask(() => callback(true, ''));
      },
      async getPrintersAsync() {
        return (fake.printers ?? ['EPSON_TM_T20III']).map((name) => ({ name }));
      },
      setWindowOpenHandler(handler) {
        self.openHandler = handler;
      },
      on(_event, listener) {
        self.willNavigate = listener;
      },
      debugger: {
        attach() {
          self.calls.push('attach');
          self.attached = true;
        },
        detach() {
          self.calls.push('detach');
          self.attached = false;
        },
        async sendCommand(method, params) {
          if (!self.attached) throw new Error('Debugger is not attached');
          self.calls.push(method === 'Emulation.setEmulatedMedia' ? `${method}:${String(params?.['media'])}` : method);
          if (method === 'DOM.getDocument') {
            return { root: { nodeId: 1, nodeName: '#document', children: [{ nodeId: 2, nodeName: 'HTML' }] } };
          }
          if (method === 'DOM.getBoxModel') {
            expect(params).toEqual({ nodeId: 2 });
            return { model: { width: 302, height: fake.contentHeightPx ?? 378 } };
          }
          return {};
        },
      },
    };
  }

  destroy() {
    this.calls.push('destroy');
    this.destroyed = true;
  }

  isDestroyed() {
    return this.destroyed;
  }
}

function fakeWindows(fake: FakeOptions = {}) {
  const windows: FakeWindow[] = [];
  const createWindow = (options: BrowserWindowConstructorOptions): PrintWindow => {
    const window = new FakeWindow(options, fake);
    windows.push(window);
    return window;
  };
  return { createWindow, windows };
}

const receiptHtml = renderReceiptHtml(JaneDoeCopayReceipt, { copy: false });
// 378 px of content is 100 mm; with 4 mm margins top and bottom and 1 mm of slack: 109 mm.
const EXPECTED_HEIGHT_MM = Math.ceil(378 / PX_PER_MM + 8 + 1);

describe('hiddenPrintWindowOptions', () => {
  it('is hidden, sandboxed, isolated, without Node and without JavaScript', () => {
    const options = hiddenPrintWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toBeUndefined();
  });

  it('is as wide as the paper', () => {
    expect(hiddenPrintWindowOptions({ widthMm: 80 }).width).toBe(303);
  });

  it('accepts a real BrowserWindow', () => {
    expectTypeOf<BrowserWindow>().toExtend<PrintWindow>();
  });
});

describe('createElectronPdfRenderer', () => {
  it('renders in a hidden window from a data URL and sizes the page to the content', async () => {
    const { createWindow, windows } = fakeWindows();
    const renderer = createElectronPdfRenderer({ createWindow });
    const pdf = await renderer.render(receiptHtml, RECEIPT_PAGE);

    expect(pdf).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    expect(windows).toHaveLength(1);
    const [w] = windows;
    expect(w!.options).toEqual(hiddenPrintWindowOptions(RECEIPT_PAGE));
    expect(w!.loadedUrl!.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(w!.loadedUrl!.slice('data:text/html;charset=utf-8,'.length))).toBe(receiptHtml);
    expect(w!.pdfOptions).toEqual({
      pageSize: { width: 80 / 25.4, height: EXPECTED_HEIGHT_MM / 25.4 },
      margins: { top: 4 / 25.4, right: 4 / 25.4, bottom: 4 / 25.4, left: 4 / 25.4 },
      printBackground: true,
      preferCSSPageSize: false,
    });
    // Measured with print styles, with the debugger released before the PDF is made.
    expect(w!.calls).toEqual([
      'loadURL',
      'attach',
      'Emulation.setEmulatedMedia:print',
      'DOM.getDocument',
      'DOM.getBoxModel',
      'detach',
      'printToPDF',
      'destroy',
    ]);
    await renderer.close();
  });

  it('uses a fixed page height as given, without measuring', async () => {
    const { createWindow, windows } = fakeWindows();
    await createElectronPdfRenderer({ createWindow }).render(receiptHtml, { widthMm: 210, heightMm: 297, marginMm: 10 });
    expect(windows[0]!.pdfOptions?.pageSize).toEqual({ width: 210 / 25.4, height: 297 / 25.4 });
    expect(windows[0]!.calls).toEqual(['loadURL', 'printToPDF', 'destroy']);
  });

  it('refuses new windows and navigation away from the document', async () => {
    const { createWindow, windows } = fakeWindows();
    await createElectronPdfRenderer({ createWindow }).render(receiptHtml, RECEIPT_PAGE);
    expect(windows[0]!.openHandler?.()).toEqual({ action: 'deny' });
    let prevented = false;
    windows[0]!.willNavigate?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('destroys the window when printToPDF fails', async () => {
    const { createWindow, windows } = fakeWindows({
      printToPDF: () => Promise.reject(new Error('Printing failed')),
    });
    await expect(createElectronPdfRenderer({ createWindow }).render(receiptHtml, RECEIPT_PAGE)).rejects.toThrow(
      'Printing failed',
    );
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('destroys the window when the document does not load', async () => {
    const { createWindow, windows } = fakeWindows({ loadURL: () => Promise.reject(new Error('ERR_ABORTED')) });
    await expect(createElectronPdfRenderer({ createWindow }).render(receiptHtml, RECEIPT_PAGE)).rejects.toThrow(
      'ERR_ABORTED',
    );
    expect(windows[0]!.destroyed).toBe(true);
    expect(windows[0]!.calls).not.toContain('printToPDF');
  });

  it('uses a fresh window for every document', async () => {
    const { createWindow, windows } = fakeWindows();
    const renderer = createElectronPdfRenderer({ createWindow });
    await renderer.render(receiptHtml, RECEIPT_PAGE);
    await renderer.render(receiptHtml, RECEIPT_PAGE);
    expect(windows).toHaveLength(2);
    expect(windows.every((w) => w.destroyed)).toBe(true);
  });
});

describe('createElectronPrinter', () => {
  const job = { html: receiptHtml, page: RECEIPT_PAGE, title: 'Receipt N2-000145 — Doe, Jane' };

  it('lists the system’s printers from a hidden window it then destroys', async () => {
    const { createWindow, windows } = fakeWindows({ printers: ['EPSON_TM_T20III', 'Office LaserJet'] });
    expect(await createElectronPrinter({ createWindow }).list!()).toEqual([
      { name: 'EPSON_TM_T20III', displayName: 'EPSON_TM_T20III' },
      { name: 'Office LaserJet', displayName: 'Office LaserJet' },
    ]);
    expect(windows.map((w) => w.isDestroyed())).toEqual([true]);
  });

  it('prints silently to the named printer on paper as long as the receipt', async () => {
    const { createWindow, windows } = fakeWindows();
    await createElectronPrinter({ createWindow }).print(job, 'EPSON_TM_T20III');
    const [w] = windows;
    expect(w!.options).toEqual(hiddenPrintWindowOptions(RECEIPT_PAGE));
    expect(w!.printOptions).toEqual({
      silent: true,
      deviceName: 'EPSON_TM_T20III',
      copies: 1,
      printBackground: true,
      pageSize: { width: 80_000, height: EXPECTED_HEIGHT_MM * 1000 },
    });
    expect(w!.destroyed).toBe(true);
  });

  it("turns Electron's failure callback into a PRINTER error naming the printer", async () => {
    const { createWindow, windows } = fakeWindows({ print: (_o, callback) => callback(false, 'Print job failed') });
    const error = await createElectronPrinter({ createWindow })
      .print(job, 'EPSON_TM_T20III')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PRINTER', message: 'Printer "EPSON_TM_T20III" could not print: Print job failed' });
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('says so when the printer is not installed, without trying to print', async () => {
    const { createWindow, windows } = fakeWindows({ printers: ['Office_Laser'] });
    await expect(createElectronPrinter({ createWindow }).print(job, 'EPSON_TM_T20III')).rejects.toMatchObject({
      code: 'PRINTER',
      message: 'Printer "EPSON_TM_T20III" is not installed or not connected',
    });
    expect(windows[0]!.calls).not.toContain('print');
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('turns a synchronous throw from print into a PRINTER error', async () => {
    const { createWindow, windows } = fakeWindows({
      print: () => {
        throw new Error('Invalid printer settings');
      },
    });
    await expect(createElectronPrinter({ createWindow }).print(job, 'EPSON_TM_T20III')).rejects.toMatchObject({
      code: 'PRINTER',
      message: 'Printer "EPSON_TM_T20III" could not print: Invalid printer settings',
    });
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('gives up on a printer that never answers', async () => {
    const { createWindow, windows } = fakeWindows({ print: () => {} });
    await expect(createElectronPrinter({ createWindow, timeoutMs: 20 }).print(job, 'EPSON_TM_T20III')).rejects.toMatchObject({
      code: 'PRINTER',
      message: expect.stringContaining('Printer "EPSON_TM_T20III" did not respond'),
    });
    expect(windows[0]!.destroyed).toBe(true);
  });
});
