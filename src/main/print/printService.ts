import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PRINTED_KIND_PLURAL, PrintedDocumentSchema, type PrintedDocument, type PrintResult } from '../../shared/print/channels';
import { AppError } from '../../shared/ipc/envelope';
import { dateInZone } from '../../shared/domain/time';
import { FormPrintDataSchema, type FormPrintData } from '../../shared/print/forms';
import { ReceiptDataSchema, type ReceiptData } from '../../shared/print/receipt';
import { AppointmentCardDataSchema, DayScheduleDataSchema, ReminderListDataSchema, type AppointmentCardData, type DayScheduleData, type ReminderListData } from '../../shared/print/schedule';
import { VisitSummaryDataSchema, type VisitSummaryData } from '../../shared/print/visitSummary';
import { FormPacketDataSchema, PRINTABLE_FORM_LABEL, PRINTABLE_FORMS, SignedFormDataSchema, type FormPacketData, type FormPacketRequest, type SignedFormData, type SignedFormRequest } from '../../shared/print/forms';
import { writeFileAtomic } from '../fs/atomicFile';
import type { PageSpec, PdfRenderer, Printer } from './pdf';
import { renderFormHtml, renderFormPacketHtml } from './templates/forms';
import { RECEIPT_PAGE, renderReceiptHtml } from './templates/receipt';
import { CARD_PAGE, LETTER_PAGE, renderAppointmentCardHtml, renderDayScheduleHtml, renderReminderListHtml } from './templates/schedule';
import { renderVisitSummaryHtml, visitSummaryTitle } from './templates/visitSummary';
import { daySheetTitle, renderDaySheetHtml } from './templates/daySheet';
import { DaySheetDataSchema, type DaySheetData } from '../../shared/print/daySheet';
import { StatementDataSchema, type StatementData } from '../../shared/print/statement';
import { ReceiptPaperSchema, type ReceiptPaper } from '../../shared/print/receipt';
import { DocumentPaperSchema, PAPER_SIZED_KINDS, type DocumentPaper } from '../../shared/print/paper';
import { DOCUMENT_PAGES } from './templates/page';
import { A4_PAGE, renderReceiptSheetHtml } from './templates/receipt';
import { renderStatementHtml, statementTitle } from './templates/statement';
import { renderTestPageHtml } from './templates/testPage';
import { LABEL_KIND_LABEL, LABEL_STOCK_LABEL, LabelPrintDataSchema, LabelStockSchema, type LabelPrintData, type LabelPrintRequest, type LabelStock } from '../../shared/print/labels';
import { labelPage, renderLabelsHtml } from './templates/labels';
import { CardCopyDataSchema, type CardCopyData } from '../../shared/print/cardCopy';
import { renderCardCopyHtml } from './templates/cardCopy';
import { isOpenJob, type PrintQueueJob } from '../../shared/print/queue';
import { createPrintQueue, type PrintOutcome } from './printQueue';

export interface PrintServiceDeps {
  /** Folder that keeps a PDF copy and a JSON record of every printed document. */
  dir: string;
  pdf: PdfRenderer;
  /** `null` where this host cannot print (the browser host); documents are then only saved. */
  printer: Printer | null;
  /** The system name of the receipt printer, or `null` when none is set up. */
  getReceiptPrinter: () => string | null;
  /** The system name of the office printer for letter-size documents, or `null` when none is set up. */
  getDocumentPrinter?: () => string | null;
  /** The system name of the label printer, or `null` when none is set up. */
  getLabelPrinter?: () => string | null;
  /** The label printer's stock. */
  getLabelStock?: () => LabelStock;
  /** The document printer's paper: letter (the default) or A4. */
  getDocumentPaper?: () => DocumentPaper;
  /** How many copies each printer prints, and which kinds of document are kept as PDFs only. */
  getPrintOptions?: () => { copies: Record<PrinterRole, number>; pdfOnly: readonly Kind[] };
  /** The paper receipts are laid out for, and whether they print as soon as they are kept (the default) or on demand. */
  getReceiptOptions?: () => { paper: ReceiptPaper; printAutomatically: boolean };
  now: () => Date;
  newId: () => string;
  /** Told of every change to a print job (the desk's queue view and failure notices). */
  onQueueChange?: (job: PrintQueueJob) => void;
  /** The queue's retry timer (tests pass their own); `setTimeout` by default. */
  schedule?: (run: () => void, ms: number) => () => void;
}

export interface PrintService {
  /** Saves a PDF copy of the receipt, then prints it when a receipt printer is set up. */
  printReceipt(data: ReceiptData): Promise<PrintResult>;
  /** Saves a PDF copy of a provider's day schedule (letter), then prints it when a document printer is set up. */
  printDaySchedule(data: DayScheduleData): Promise<PrintResult>;
  /** Saves a PDF copy of a patient's appointment card, then prints it when a document printer is set up. */
  printAppointmentCard(data: AppointmentCardData): Promise<PrintResult>;
  /** Saves a PDF copy of a day's reminder call list (letter), then prints it when a document printer is set up. */
  printReminderList(data: ReminderListData): Promise<PrintResult>;
  /**
   * Saves a PDF copy of a check-in form (letter) filled in with what is on file, then prints it when
   * a document printer is set up. Data that does not fit the form's schema is refused and nothing is kept.
   */
  printForm(data: FormPrintData): Promise<PrintResult>;
  /**
   * Saves a PDF copy of the visit summary the patient takes home at check-out (letter), then prints
   * it when a document printer is set up. Data that does not fit its schema is refused and nothing is kept.
   */
  printVisitSummary(data: VisitSummaryData): Promise<PrintResult>;
  /** Saves a PDF copy of the day sheet and deposit slip (letter), then prints it when a document printer is set up. */
  printDaySheet(data: DaySheetData): Promise<PrintResult>;
  /** Saves a PDF copy of a patient statement (letter), then prints it when a document printer is set up. */
  printStatement(data: StatementData): Promise<PrintResult>;
  /**
   * Saves a PDF copy of a patient's labels (with the MRN as a barcode), then prints them on the
   * label printer, or on the document printer for a letter sheet. Data that does not fit is refused.
   */
  printLabels(data: LabelPrintRequest): Promise<PrintResult>;
  /**
   * Keeps a form signed on screen as a PDF (the signature on its line, who signed and who
   * witnessed it, and the wording version), without printing it, and answers with the PDF's bytes
   * for the patient's documents. Data that does not fit is refused and nothing is kept.
   */
  printCardCopy(data: CardCopyData): Promise<PrintResult>;
  /** Saves one PDF of several forms for one patient, then prints it as one job on the document printer. */
  printFormPacket(data: FormPacketRequest): Promise<PrintResult>;
  keepSignedForm(data: SignedFormRequest): Promise<PrintResult & { pdf: Uint8Array }>;
  /** The printed documents, newest first: all, or a patient's, or those of a clinic day. */
  list(limit: number, filter?: { patientId?: string | undefined; day?: string | undefined; kind?: Kind | undefined }): Promise<PrintedDocument[]>;
  /** Prints a kept document again, marked COPY, and keeps that copy as a PDF too. */
  reprint(id: string): Promise<PrintResult>;
  /**
   * Prints a kept document that was only saved (a receipt on a workstation that prints receipts
   * on demand): the first time as the original, after that as a COPY like `reprint`.
   */
  send(id: string): Promise<PrintResult>;
  /** The printers this host can print to ([] where it cannot print, e.g. the browser host). */
  listPrinters(): Promise<{ name: string; displayName: string }[]>;
  /** The print queue's jobs, oldest first ([] where this host cannot print). */
  listJobs(): Promise<PrintQueueJob[]>;
  /** Takes a job that has not printed out of the queue (its document stays kept). */
  cancelJob(id: string): Promise<PrintQueueJob>;
  /** Tries a waiting or failed job again now. */
  retryJob(id: string): Promise<PrintQueueJob>;
  /** Sends a job that has not printed to another printer. */
  moveJob(id: string, printer: string): Promise<PrintQueueJob>;
  /** Stops the queue's retry timer. */
  stop(): void;
  /** Prints a test page on the receipt printer or the document printer as set up now; nothing is kept. */
  printTestPage(to: PrinterRole, about: { clinicName: string; timeZone: string }): Promise<{ sentToPrinter: boolean; printerMessage: string }>;
}

// Ids and receipt numbers become file names, so both are held to characters that cannot
// escape the folder or mean anything to a file system.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const RECEIPT_NUMBER_PATTERN = /^[A-Z][A-Z0-9]{0,3}-\d{6,}$/;
const DAY_FOLDER_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// `<receiptNumber>-<id>.json`: the digits of the receipt number cannot contain `-`, so the id is
// recovered exactly even when it has dashes of its own (UUIDs).
// Other documents are named `<kind>-<id>.json`, forms `form-<form kind>-<id>.json`.
const RECORD_NAME_PATTERN = new RegExp(
  `^([A-Z][A-Z0-9]{0,3}-\\d{6,}|day-schedule|appointment-card|reminder-calls|visit-summary|day-sheet|statement|labels|card-copy|form-packet|(?:signed-)?form-(?:${PRINTABLE_FORMS.join('|')}))-([A-Za-z0-9_-]{1,100})\\.json$`,
);

type Kind = PrintedDocument['kind'];
/** How each kind of document is checked, laid out and sent: receipts to the receipt printer, the rest to the office printer. */
type PrinterRole = 'receipt' | 'document' | 'label';
interface Layout {
  page: PageSpec;
  render(data: never, options: { copy: boolean; paper?: DocumentPaper }): string;
  role: PrinterRole;
}
const KINDS: Record<Kind, Layout & { schema: z.ZodType; what: string; plural?: true }> = {
  receipt: { schema: ReceiptDataSchema, page: RECEIPT_PAGE, render: renderReceiptHtml as (data: never, o: { copy: boolean }) => string, role: 'receipt', what: 'the receipt' },
  'day-schedule': { schema: DayScheduleDataSchema, page: LETTER_PAGE, render: renderDayScheduleHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the schedule' },
  'reminder-calls': { schema: ReminderListDataSchema, page: LETTER_PAGE, render: renderReminderListHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the call list' },
  'appointment-card': { schema: AppointmentCardDataSchema, page: CARD_PAGE, render: renderAppointmentCardHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the card' },
  form: { schema: FormPrintDataSchema, page: LETTER_PAGE, render: renderFormHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the form' },
  'visit-summary': { schema: VisitSummaryDataSchema, page: LETTER_PAGE, render: renderVisitSummaryHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the visit summary' },
  'day-sheet': { schema: DaySheetDataSchema, page: LETTER_PAGE, render: renderDaySheetHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the day sheet' },
  statement: { schema: StatementDataSchema, page: LETTER_PAGE, render: renderStatementHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the statement' },
  // Laid out by `layoutOf`, which knows the label stock; this page and renderer are the default stock's.
  'signed-form': {
    schema: SignedFormDataSchema,
    page: LETTER_PAGE,
    render: ((data: SignedFormData, o: { copy: boolean }) => renderFormHtml(data.form, { ...o, signed: data })) as (data: never, o: { copy: boolean }) => string,
    role: 'document',
    what: 'the signed form',
  },
  'form-packet': { schema: FormPacketDataSchema, page: LETTER_PAGE, render: ((data: FormPacketData, o: { copy: boolean }) => renderFormPacketHtml(data.forms, o)) as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the forms', plural: true },
  'card-copy': { schema: CardCopyDataSchema, page: LETTER_PAGE, render: renderCardCopyHtml as (data: never, o: { copy: boolean }) => string, role: 'document', what: 'the card copy' },
  labels: { schema: LabelPrintDataSchema, page: labelPage({ label: 'patient', layout: 'roll' }, '2.25x1.25in'), render: ((data: LabelPrintData, o: { copy: boolean }) => renderLabelsHtml(data, { ...o, stock: '2.25x1.25in' })) as (data: never, o: { copy: boolean }) => string, role: 'label', what: 'the labels', plural: true },
};

function isPaperSized(kind: Kind): kind is (typeof PAPER_SIZED_KINDS)[number] {
  return (PAPER_SIZED_KINDS as readonly string[]).includes(kind);
}

/** Each patient's documents are listed, one `<day>/<stem>` a line, in `by-patient/<patient id>.txt`. */
const PATIENT_INDEX = 'by-patient';
/** The print queue's jobs. */
const QUEUE_FOLDER = 'queue';

const RecordSchema = z.object({
  version: z.literal(1),
  document: PrintedDocumentSchema,
  /** A receipt's paper ('thermal-80mm' when not recorded); a reprint is laid out the same way. */
  layout: ReceiptPaperSchema.default('thermal-80mm'),
  /** Labels' stock when they were kept; a reprint is laid out the same way. */
  labelStock: LabelStockSchema.default('2.25x1.25in'),
  /** The document paper a letter-or-A4 document was laid out on (letter when not recorded); a reprint is laid out the same way. */
  paper: DocumentPaperSchema.default('letter'),
  /** False while a document kept on demand has not been sent to a printer yet. */
  sent: z.boolean().default(true),
  /** Checked with its kind's schema only when the document is printed again. */
  data: z.unknown(),
  /** The PDF files of reprints, relative to the folder, oldest first. */
  copyFiles: z.array(z.string()),
});
type PrintRecord = z.infer<typeof RecordSchema>;

/** Where a document's record lives, as found by scanning the folder. */
interface RecordLocation {
  id: string;
  /** `<receiptNumber>-<id>`, shared by the record and its PDFs. */
  stem: string;
  /** The day folder, relative to `dir`. */
  day: string;
}

/**
 * Creates the service behind `print:receipt`, `print:list` and `print:reprint`.
 *
 * Every document is first kept as a PDF with a JSON record beside it (each written to a temporary
 * name and renamed, so a crash never leaves a half file that lists as printed); only then is it
 * sent to the printer. A printer that is missing, off or failing does not fail the call: the
 * result says it was not printed and why, and the saved copy can be reprinted later.
 */
export function createPrintService(deps: PrintServiceDeps): PrintService {
  const { dir } = deps;
  let recordUpdates: Promise<unknown> = Promise.resolve();
  const queue = deps.printer
    ? createPrintQueue({
        dir: path.join(dir, QUEUE_FOLDER),
        printer: deps.printer,
        now: deps.now,
        newId: deps.newId,
        ...(deps.schedule ? { schedule: deps.schedule } : {}),
        ...(deps.onQueueChange ? { onChange: deps.onQueueChange } : {}),
        // Only an original printed on demand has a record still waiting; nothing else is looked up.
        onPrinted: (job) => (job.onDemand && job.documentId ? markSent(job.documentId) : undefined),
      })
    : null;

  /** An original kept on demand that has now printed (maybe on a retry) is no longer waiting. */
  async function markSent(documentId: string): Promise<void> {
    const location = await locate(documentId);
    if (!location) return;
    await exclusive(async () => {
      const record = await readRecord(location).catch(() => null);
      if (record && !record.sent) await writeFileAtomic(path.join(dir, location.day, `${location.stem}.json`), serialize({ ...record, sent: true }));
    });
  }

  /** Runs record changes one at a time so two reprints of one document cannot both be copy 1. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = recordUpdates.then(task, task);
    recordUpdates = run.catch(() => undefined);
    return run;
  }

  /**
   * How a document is laid out and where it prints: receipts follow the paper the workstation
   * prints them on, labels the label printer's stock (or a letter sheet, on the document printer).
   */
  function layoutOf(kind: Kind, how: { layout: ReceiptPaper; labelStock: LabelStock; paper: DocumentPaper }, data: unknown): Layout {
    if (kind === 'labels') {
      const labels = data as LabelPrintData;
      return { page: labelPage(labels, how.labelStock), render: (d, options) => renderLabelsHtml(d as LabelPrintData, { ...options, stock: how.labelStock }), role: labels.layout === 'sheet-30' ? 'document' : 'label' };
    }
    if (isPaperSized(kind)) {
      const { render, role } = KINDS[kind];
      return { page: DOCUMENT_PAGES[how.paper], render: (d, options) => render(d, { ...options, paper: how.paper }), role };
    }
    if (kind !== 'receipt' || how.layout === 'thermal-80mm') return KINDS[kind];
    const paper = how.layout;
    return { page: paper === 'a4' ? A4_PAGE : LETTER_PAGE, render: (d, options) => renderReceiptSheetHtml(d as ReceiptData, { ...options, paper }), role: 'receipt' };
  }

  function printerFor(role: PrinterRole): string | null {
    return role === 'receipt' ? deps.getReceiptPrinter() : role === 'label' ? (deps.getLabelPrinter?.() ?? null) : (deps.getDocumentPrinter?.() ?? null);
  }

  /** Where a document's print job went, from its first try. */
  function outcomeMessage(outcome: PrintOutcome, deviceName: string, savedAs: string): { sentToPrinter: boolean; printerMessage: string } {
    if (outcome.printed) return { sentToPrinter: true, printerMessage: `Sent to printer "${deviceName}".` };
    const then = outcome.willRetry
      ? `${was(savedAs)} saved as a PDF and ${isPlural(savedAs) ? 'wait' : 'waits'} in the print queue, which tries ${isPlural(savedAs) ? 'them' : 'it'} again.`
      : `${was(savedAs)} saved as a PDF and can be reprinted.`;
    return { sentToPrinter: false, printerMessage: `${withFullStop(outcome.reason)} ${capitalize(savedAs)} ${then}` };
  }

  async function sendToPrinter(
    kind: Kind,
    role: PrinterRole,
    page: PageSpec,
    html: string,
    title: string,
    savedAs: string,
    documentId: string,
    /** The original as it is kept, a COPY, or an original kept to print on demand and printed now. */
    print: 'original' | 'copy' | 'on-demand',
  ): Promise<{ sentToPrinter: boolean; printerMessage: string }> {
    const copy = print === 'copy';
    const options = deps.getPrintOptions?.();
    if (options?.pdfOnly.includes(kind)) {
      return { sentToPrinter: false, printerMessage: `This workstation keeps ${PRINTED_KIND_PLURAL[kind]} as PDFs only; ${savedAs} ${was(savedAs)} saved as a PDF.` };
    }
    const deviceName = printerFor(role);
    if (!deviceName) {
      return { sentToPrinter: false, printerMessage: `No ${role} printer is set up; ${savedAs} ${was(savedAs)} saved as a PDF.` };
    }
    if (!queue) {
      return {
        sentToPrinter: false,
        printerMessage: `Printing is not available here; ${savedAs} ${was(savedAs)} saved as a PDF.`,
      };
    }
    // A reprint is one copy; a new document as many as its printer is set to print.
    const { outcome } = await queue.submit({ documentId, copy, onDemand: print === 'on-demand', title, html, page, printer: deviceName, copies: copy ? 1 : (options?.copies[role] ?? 1) });
    return outcomeMessage(await outcome, deviceName, savedAs);
  }

  async function readRecord(location: RecordLocation): Promise<PrintRecord> {
    const recordPath = path.join(dir, location.day, `${location.stem}.json`);
    const parsed = RecordSchema.safeParse(parseJson(await readFile(recordPath, 'utf8')));
    if (!parsed.success || parsed.data.document.id !== location.id) {
      throw new Error(`Not a valid print record: ${location.day}/${location.stem}.json`);
    }
    return parsed.data;
  }

  async function dayFolders(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return entries
      .filter((e) => e.isDirectory() && DAY_FOLDER_PATTERN.test(e.name))
      .map((e) => e.name)
      .sort()
      .reverse();
  }

  async function recordsIn(day: string): Promise<RecordLocation[]> {
    let names: string[];
    try {
      names = await readdir(path.join(dir, day));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const found: RecordLocation[] = [];
    for (const name of names) {
      const match = RECORD_NAME_PATTERN.exec(name);
      if (match) found.push({ id: match[2]!, stem: `${match[1]}-${match[2]}`, day });
    }
    return found;
  }

  /** Finds a document by id among the records on disk; the id itself never becomes a path. */
  async function locate(id: string): Promise<RecordLocation | null> {
    if (!ID_PATTERN.test(id)) return null;
    for (const day of await dayFolders()) {
      const match = (await recordsIn(day)).find((r) => r.id === id);
      if (match) return match;
    }
    return null;
  }

  /** The documents of these records; a record that cannot be read is left out. */
  async function readAll(locations: RecordLocation[]): Promise<PrintedDocument[]> {
    const records = await Promise.all(locations.map((location) => readRecord(location).catch(() => null)));
    return records.filter((r) => r !== null).map((r) => ({ ...r.document, day: r.document.day || locationDay(r.document), waiting: !r.sent }));
  }

  /** A patient's documents, from their index (only ids that name a file are looked up). */
  async function listForPatient(patientId: string, wanted: number, day: string | undefined): Promise<PrintedDocument[]> {
    if (!ID_PATTERN.test(patientId)) return [];
    let text: string;
    try {
      text = await readFile(path.join(dir, PATIENT_INDEX, `${patientId}.txt`), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const locations: RecordLocation[] = [];
    for (const line of text.split('\n').reverse()) {
      const [folder, name, extra] = line.split('/');
      if (!folder || !name || extra !== undefined || !DAY_FOLDER_PATTERN.test(folder) || (day && folder !== day)) continue;
      const match = RECORD_NAME_PATTERN.exec(`${name}.json`);
      if (match) locations.push({ id: match[2]!, stem: name, day: folder });
      if (locations.length >= wanted * 2) break;
    }
    return newestFirst((await readAll(locations)).filter((d) => d.patientId === patientId)).slice(0, wanted);
  }

  /**
   * Renders, keeps (PDF first, then its record) and sends a new document. `about` says whose it is
   * and which clinic day (the data itself by default); with `send` false it is only kept, to print on demand.
   */
  async function keep(
    kind: Kind,
    data: unknown,
    name: (id: string) => { stem: string; title: string },
    options: { about?: { timeZone: string; patientId?: string | undefined }; send?: boolean } = {},
  ): Promise<PrintResult> {
    const about = options.about ?? (data as { timeZone: string; patientId?: string | undefined });
    const id = deps.newId();
    if (!ID_PATTERN.test(id)) throw new AppError('INTERNAL', `Could not create an id for ${KINDS[kind].what}`);
    const createdAt = deps.now();
    const receipts = kind === 'receipt' ? (deps.getReceiptOptions?.() ?? { paper: 'thermal-80mm' as const, printAutomatically: true }) : { paper: 'thermal-80mm' as const, printAutomatically: true };
    const printNow = receipts.printAutomatically && options.send !== false;
    const labelStock = deps.getLabelStock?.() ?? '2.25x1.25in';
    const paper = deps.getDocumentPaper?.() ?? 'letter';
    const layout = layoutOf(kind, { layout: receipts.paper, labelStock, paper }, data);
    const html = layout.render(data as never, { copy: false });
    const pdf = await deps.pdf.render(html, layout.page);

    const day = dateInZone(createdAt, about.timeZone);
    const { stem, title } = name(id);
    const patientId = about.patientId && ID_PATTERN.test(about.patientId) ? about.patientId : '';
    const document: PrintedDocument = { id, kind, title, createdAt: createdAt.toISOString(), fileName: `${day}/${stem}.pdf`, copies: 0, patientId, day, waiting: false };
    const record: PrintRecord = { version: 1, document, layout: receipts.paper, labelStock, paper, sent: printNow, data, copyFiles: [] };

    await mkdir(path.join(dir, day), { recursive: true });
    // The PDF goes first: a record only ever points at a PDF that is complete.
    await writeFileAtomic(path.join(dir, day, `${stem}.pdf`), pdf);
    await writeFileAtomic(path.join(dir, day, `${stem}.json`), serialize(record));
    if (patientId) {
      // One short line in one write: a crash leaves the line whole or absent, and a line that
      // leads to no record is skipped when read.
      await mkdir(path.join(dir, PATIENT_INDEX), { recursive: true });
      await appendFile(path.join(dir, PATIENT_INDEX, `${patientId}.txt`), `${day}/${stem}\n`);
    }

    if (!printNow) {
      const message = kind === 'receipt' ? `This workstation prints receipts on demand: ${KINDS[kind].what} ${was(KINDS[kind].what)} saved as a PDF. Use Print receipt to print it.` : `${capitalize(KINDS[kind].what)} ${was(KINDS[kind].what)} kept as a PDF; print a copy from the printed documents.`;
      return { document: { ...document, waiting: true }, sentToPrinter: false, printerMessage: message };
    }
    return { document, ...(await sendToPrinter(kind, layout.role, layout.page, html, document.title, KINDS[kind].what, id, 'original')) };
  }

  /** A document's record and data, read again and checked; a damaged record is refused with where its PDF is. */
  async function readChecked(location: RecordLocation): Promise<{ record: PrintRecord; data: unknown }> {
    try {
      const record = await readRecord(location);
      return { record, data: KINDS[record.document.kind].schema.parse(record.data) };
    } catch {
      throw new AppError(
        'INTERNAL',
        `The saved record of this document (${location.day}/${location.stem}.json) is damaged, so it ` +
          'cannot be reprinted. Its original PDF, if present, is still in the printed documents folder.',
      );
    }
  }

  return {
    async printReceipt(data) {
      if (!RECEIPT_NUMBER_PATTERN.test(data.receiptNumber)) {
        throw new AppError('INTERNAL', 'The receipt number cannot be used to name its PDF copy');
      }
      return keep('receipt', data, (id) => ({ stem: `${data.receiptNumber}-${id}`, title: `Receipt ${data.receiptNumber} — ${data.patient.name}` }));
    },

    async printDaySchedule(data) {
      return keep('day-schedule', data, (id) => ({ stem: `day-schedule-${id}`, title: `Day schedule ${data.date} — ${data.providerName}` }));
    },

    async printReminderList(data) {
      return keep('reminder-calls', data, (id) => ({ stem: `reminder-calls-${id}`, title: `Reminder calls ${data.date}` }));
    },

    async printAppointmentCard(data) {
      return keep('appointment-card', data, (id) => ({ stem: `appointment-card-${id}`, title: `Appointment card — ${data.patientName}` }));
    },

    async printForm(request) {
      const parsed = FormPrintDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The form cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('form', data, (id) => ({ stem: `form-${data.form}-${id}`, title: `${PRINTABLE_FORM_LABEL[data.form]} — ${data.blank ? 'blank' : data.patient.name}` }));
    },

    async printVisitSummary(request) {
      const parsed = VisitSummaryDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The visit summary cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('visit-summary', data, (id) => ({ stem: `visit-summary-${id}`, title: visitSummaryTitle(data) }));
    },

    async printDaySheet(request) {
      const parsed = DaySheetDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The day sheet cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('day-sheet', data, (id) => ({ stem: `day-sheet-${id}`, title: daySheetTitle(data) }));
    },

    async printStatement(request) {
      const parsed = StatementDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The statement cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('statement', data, (id) => ({ stem: `statement-${id}`, title: statementTitle(data) }));
    },

    async keepSignedForm(request) {
      const parsed = SignedFormDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The signed form cannot be kept: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      const result = await keep('signed-form', data, (id) => ({ stem: `signed-form-${data.form.form}-${id}`, title: `${PRINTABLE_FORM_LABEL[data.form.form]} — ${data.form.patient.name} (signed)` }), { about: data.form, send: false });
      return { ...result, pdf: new Uint8Array(await readFile(path.join(dir, result.document.fileName))) };
    },

    async printFormPacket(request) {
      const parsed = FormPacketDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The forms cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      const first = data.forms[0]!;
      return keep('form-packet', data, (id) => ({ stem: `form-packet-${id}`, title: `Forms (${data.forms.length}) — ${first.blank ? 'blank' : first.patient.name}` }), { about: first });
    },

    async printCardCopy(request) {
      const parsed = CardCopyDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The card copy cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('card-copy', data, (id) => ({ stem: `card-copy-${id}`, title: `Insurance card — ${data.patient.name} (${data.coverage.payerName})` }));
    },

    async printLabels(request) {
      const parsed = LabelPrintDataSchema.safeParse(request);
      if (!parsed.success) throw new AppError('INVALID_REQUEST', `The labels cannot be printed: ${z.prettifyError(parsed.error)}`);
      const data = parsed.data;
      return keep('labels', data, (id) => ({ stem: `labels-${id}`, title: `${LABEL_KIND_LABEL[data.label]} × ${data.count} — ${data.patient.name}` }));
    },

    async list(limit, filter = {}) {
      const wanted = Math.max(0, Math.floor(limit));
      if (wanted === 0) return [];
      const ofKind = (list: PrintedDocument[]) => (filter.kind ? list.filter((d) => d.kind === filter.kind) : list);
      if (filter.patientId !== undefined) return ofKind(await listForPatient(filter.patientId, filter.kind ? 500 : wanted, filter.day)).slice(0, wanted);
      if (filter.day !== undefined) {
        if (!DAY_FOLDER_PATTERN.test(filter.day)) return [];
        return ofKind(newestFirst(await readAll(await recordsIn(filter.day)))).slice(0, wanted);
      }
      const documents: PrintedDocument[] = [];
      let foldersAfterEnough = 0;
      for (const day of await dayFolders()) {
        // Day folders follow each document's clinic time zone, so a folder's neighbour can hold
        // slightly newer documents; one more folder after the limit is reached covers that.
        if (documents.length >= wanted && foldersAfterEnough++ >= 1) break;
        documents.push(...ofKind(await readAll(await recordsIn(day))));
      }
      return newestFirst(documents).slice(0, wanted);
    },

    async reprint(id) {
      const location = await locate(id);
      if (!location) throw new AppError('NOT_FOUND', 'No printed document with that id');

      const printed = await exclusive(async () => {
        const { record, data } = await readChecked(location);
        const copyNumber = record.document.copies + 1;
        const kind = layoutOf(record.document.kind, record, data);
        const html = kind.render(data as never, { copy: true });
        const pdf = await deps.pdf.render(html, kind.page);
        const copyFile = `${location.day}/${location.stem}-copy${copyNumber}.pdf`;
        await writeFileAtomic(path.join(dir, copyFile), pdf);

        const document: PrintedDocument = { ...record.document, copies: copyNumber };
        const updated: PrintRecord = { ...record, document, copyFiles: [...record.copyFiles, copyFile] };
        await writeFileAtomic(path.join(dir, location.day, `${location.stem}.json`), serialize(updated));
        return { document, html, page: kind.page, role: kind.role };
      });

      return {
        document: printed.document,
        ...(await sendToPrinter(printed.document.kind, printed.role, printed.page, printed.html, `COPY — ${printed.document.title}`, 'the copy', printed.document.id, 'copy')),
      };
    },

    async listJobs() {
      return queue ? queue.list() : [];
    },

    async cancelJob(id) {
      if (!queue) throw new AppError('NOT_FOUND', 'No print job with that id');
      return queue.cancel(id);
    },

    async retryJob(id) {
      if (!queue) throw new AppError('NOT_FOUND', 'No print job with that id');
      return (await queue.retry(id)).job;
    },

    async moveJob(id, printer) {
      if (!queue) throw new AppError('NOT_FOUND', 'No print job with that id');
      return queue.move(id, printer);
    },

    stop() {
      queue?.stop();
    },

    async listPrinters() {
      if (!deps.printer?.list) return [];
      return deps.printer.list();
    },

    async printTestPage(to, about) {
      const receipts = deps.getReceiptOptions?.() ?? { paper: 'thermal-80mm' as const, printAutomatically: true };
      const name = printerFor(to);
      let page: PageSpec;
      let html: string;
      if (to === 'label') {
        // A label printer's test page is a label of its stock, with a barcode to try the scanner on.
        const stock = deps.getLabelStock?.() ?? '2.25x1.25in';
        const sample = LabelPrintDataSchema.parse({
          label: 'chart',
          layout: 'roll',
          count: 1,
          clinic: { name: about.clinicName },
          patient: { name: 'TEST, Label printer', birthDate: '', sex: LABEL_STOCK_LABEL[stock], mrn: 'TEST-000001' },
          provider: name ?? 'none set up',
          timeZone: about.timeZone,
          printedAt: deps.now().toISOString(),
          printedBy: 'Test page',
        });
        page = labelPage(sample, stock);
        html = renderLabelsHtml(sample, { copy: false, stock });
      } else {
        const paper = deps.getDocumentPaper?.() ?? 'letter';
        page = to === 'document' ? DOCUMENT_PAGES[paper] : receipts.paper === 'thermal-80mm' ? RECEIPT_PAGE : receipts.paper === 'a4' ? A4_PAGE : LETTER_PAGE;
        const use = to === 'receipt' ? `Receipts (${receipts.paper === 'thermal-80mm' ? '80 mm thermal roll' : receipts.paper === 'a4' ? 'A4' : 'letter'})` : `Documents (${paper === 'a4' ? 'A4' : 'letter'})`;
        const size = !page.heightMm ? '' : page === A4_PAGE || page === DOCUMENT_PAGES.a4 ? 'A4' : 'letter';
        html = renderTestPageHtml({ clinicName: about.clinicName, printer: name ?? 'none set up', use, widthMm: page.widthMm, printedAt: deps.now().toISOString(), timeZone: about.timeZone }, page.marginMm ?? 4, size);
      }
      if (!name) return { sentToPrinter: false, printerMessage: `No ${to} printer is set up.` };
      if (!deps.printer) return { sentToPrinter: false, printerMessage: 'Printing is not available here.' };
      try {
        await deps.printer.print({ html, page, title: `Test page — ${name}` }, name);
        return { sentToPrinter: true, printerMessage: `Test page sent to "${name}".` };
      } catch (error) {
        return { sentToPrinter: false, printerMessage: error instanceof AppError ? error.message : `Printer "${name}" could not print: ${messageOf(error)}` };
      }
    },

    async send(id) {
      const location = await locate(id);
      if (!location) throw new AppError('NOT_FOUND', 'No printed document with that id');
      // One at a time, and marked sent only once it printed: two quick presses never print two
      // originals, and an original that did not print is still the original next time.
      const first = await exclusive(async (): Promise<PrintResult | null> => {
        const { record, data } = await readChecked(location);
        if (record.sent) return null;
        const what = KINDS[record.document.kind].what;
        const answer = (result: { sentToPrinter: boolean; printerMessage: string }) => ({ document: { ...record.document, waiting: !result.sentToPrinter }, ...result });
        // An original already in the queue is tried again (or left to print) rather than sent twice.
        const queued = (await queue?.list())?.find((job) => job.documentId === id && !job.copy && isOpenJob(job));
        if (queued && queue) {
          if (queued.state === 'queued' || queued.state === 'printing') {
            return answer({ sentToPrinter: false, printerMessage: `${capitalize(what)} is in the print queue for "${queued.printer}" already.` });
          }
          const { outcome } = await queue.retry(queued.id);
          return answer(outcomeMessage(await outcome, queued.printer, what));
        }
        const layout = layoutOf(record.document.kind, record, data);
        const html = layout.render(data as never, { copy: false });
        const result = await sendToPrinter(record.document.kind, layout.role, layout.page, html, record.document.title, what, id, 'on-demand');
        if (result.sentToPrinter) await writeFileAtomic(path.join(dir, location.day, `${location.stem}.json`), serialize({ ...record, sent: true }));
        return answer(result);
      });
      return first ?? this.reprint(id);
    },
  };
}

function newestFirst(documents: PrintedDocument[]): PrintedDocument[] {
  return documents.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The day folder a document was kept in, from its file name. */
function locationDay(document: PrintedDocument): string {
  return document.fileName.slice(0, 10);
}

function serialize(record: PrintRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether a kind of document is named in the plural ("the labels were saved"). */
function isPlural(what: string): boolean {
  return Object.values(KINDS).some((k) => k.what === what && k.plural === true);
}

/** "was", or "were" for what is named in the plural (the labels). */
function was(what: string): string {
  return isPlural(what) ? 'were' : 'was';
}

function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
