/**
 * What the print service needs from a rendering engine and from a printer. Electron provides
 * both in the app; tests and tools use headless Chromium, which is the same engine.
 */

/** The paper a document is laid out on, in millimetres. */
export interface PageSpec {
  widthMm: number;
  /**
   * Omitted for roll paper (thermal receipts): the page is then exactly as long as the content,
   * so a printer does not feed blank paper and the PDF copy is one page.
   */
  heightMm?: number;
  /**
   * The margin the template's `@page` rule sets. Chromium lets CSS page margins win over the
   * engine's, so this is needed only to work out the length of an auto-height page.
   */
  marginMm?: number;
}

/** Turns a self-contained HTML document into PDF bytes. */
export interface PdfRenderer {
  render(html: string, page: PageSpec): Promise<Uint8Array>;
  /** Releases the engine (browser process or windows); the renderer is not used afterwards. */
  close(): Promise<void>;
}

/** A document to print: the same HTML that was rendered to the kept PDF copy. */
export interface PrintJob {
  html: string;
  page: PageSpec;
  /** Shown in the operating system's print queue. */
  title: string;
  /** How many to print (1 when not given). */
  copies?: number;
}

/**
 * Sends a document to a named printer without a dialog. Printing HTML rather than the PDF lets
 * the engine rasterise for the printer's own resolution, which matters on 203 dpi thermal heads.
 * Rejects with `AppError('PRINTER', …)` when the printer is missing or the job fails.
 */
export interface Printer {
  print(job: PrintJob, deviceName: string): Promise<void>;
  /** The printers the system has, by the name `print` takes and the name people know them by. */
  list?(): Promise<{ name: string; displayName: string }[]>;
}

/** The `@page` margin print templates use unless they say otherwise. */
export const DEFAULT_MARGIN_MM = 4;

/** CSS pixels per millimetre (96 px per inch). */
export const PX_PER_MM = 96 / 25.4;

// Chromium rounds page sizes to whole device units; without a little slack the last line of a
// long receipt can spill onto a second, nearly empty page.
const AUTO_HEIGHT_SLACK_MM = 1;
// PDF pages cannot exceed 200 inches; longer content continues on further pages.
const MAX_PAGE_MM = 5000;

/**
 * The page length that fits content of the given height (CSS px, measured with print styles
 * applied) on one page, including the top and bottom margins.
 */
export function autoPageHeightMm(contentHeightPx: number, page: PageSpec): number {
  const margin = page.marginMm ?? DEFAULT_MARGIN_MM;
  const contentMm = Math.max(0, contentHeightPx) / PX_PER_MM;
  return Math.min(MAX_PAGE_MM, Math.ceil(contentMm + 2 * margin + AUTO_HEIGHT_SLACK_MM));
}

/** Sends one Chrome DevTools Protocol command and resolves with its result. */
export type CdpSend = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
}

/**
 * Measures the laid-out height (CSS px) of the document's root element with print styles,
 * through the DevTools protocol. Using the DOM domain rather than running a script keeps this
 * working in pages where JavaScript is disabled, which is how documents are printed.
 */
export async function measureContentHeightPx(send: CdpSend): Promise<number> {
  await send('Emulation.setEmulatedMedia', { media: 'print' });
  const { root } = (await send('DOM.getDocument', { depth: 1 })) as { root: CdpNode };
  const htmlNode = root.children?.find((child) => child.nodeName === 'HTML');
  if (!htmlNode) throw new Error('The printed document has no <html> element');
  const { model } = (await send('DOM.getBoxModel', { nodeId: htmlNode.nodeId })) as {
    model: { height: number };
  };
  return model.height;
}

/**
 * The page to print on, with the height filled in from the content when it was left to `auto`.
 * `measure` (usually `measureContentHeightPx`) runs only in that case.
 */
export async function resolvePage(
  page: PageSpec,
  measure: () => Promise<number>,
): Promise<Required<PageSpec>> {
  const marginMm = page.marginMm ?? DEFAULT_MARGIN_MM;
  const heightMm = page.heightMm ?? autoPageHeightMm(await measure(), page);
  return { widthMm: page.widthMm, heightMm, marginMm };
}
