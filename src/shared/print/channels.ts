import { z } from 'zod';
import type { ChannelMap, EventMap } from '../ipc/channelMap';
import { CalendarDateSchema, InstantSchema } from '../domain/time';
import { FormPacketDataSchema, FormPrintDataSchema, SignedFormDataSchema } from './forms';
import { ReceiptDataSchema } from './receipt';
import { AppointmentCardDataSchema, DayScheduleDataSchema, ReminderListDataSchema } from './schedule';
import { VisitSummaryDataSchema } from './visitSummary';
import { DaySheetDataSchema } from './daySheet';
import { StatementDataSchema } from './statement';
import { PrintQueueJobSchema } from './queue';
import { LabelPrintDataSchema } from './labels';
import { CardCopyDataSchema } from './cardCopy';

const Empty = z.object({}).strict();
const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Not a print job id');

export const PrintedDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(['receipt', 'day-schedule', 'appointment-card', 'reminder-calls', 'form', 'signed-form', 'visit-summary', 'day-sheet', 'statement', 'labels', 'card-copy', 'form-packet']),
  title: z.string(),
  createdAt: InstantSchema,
  fileName: z.string(),
  copies: z.number().int().min(0),
  /** The patient the document is about ('' for none, and for documents kept before it was recorded). */
  patientId: z.string().max(36).default(''),
  /** The clinic day it was printed on (its folder); '' for documents kept before it was recorded. */
  day: z.string().max(10).default(''),
  /** Kept to print on demand and not printed yet: printing it gives the original, not a COPY. */
  waiting: z.boolean().default(false),
});
export type PrintedDocument = z.infer<typeof PrintedDocumentSchema>;
export type PrintedKind = PrintedDocument['kind'];

/** Each kind of printed document, as a list of them is named ("day sheets"). */
export const PRINTED_KIND_PLURAL: Readonly<Record<PrintedKind, string>> = {
  receipt: 'receipts',
  statement: 'statements',
  'day-sheet': 'day sheets',
  'day-schedule': 'day schedules',
  'appointment-card': 'appointment cards',
  'reminder-calls': 'reminder call lists',
  form: 'forms',
  'signed-form': 'signed forms',
  'visit-summary': 'visit summaries',
  labels: 'labels',
  'card-copy': 'insurance card copies',
  'form-packet': 'form packets',
};

export const PrintResultSchema = z.object({
  document: PrintedDocumentSchema,
  /** Whether it went to a printer; when false the PDF copy is kept and `printerMessage` says why. */
  sentToPrinter: z.boolean(),
  printerMessage: z.string(),
});
export type PrintResult = z.infer<typeof PrintResultSchema>;

/** Printing: main renders, keeps a PDF copy of and prints every document. */
export const printChannels = {
  /** Renders, keeps a PDF copy of, and prints a receipt. */
  'print:receipt': { request: ReceiptDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a provider's day schedule (letter). */
  'print:daySchedule': { request: DayScheduleDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a patient's appointment card. */
  'print:appointmentCard': { request: AppointmentCardDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a day's reminder call list (letter). */
  'print:reminderList': { request: ReminderListDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a check-in form filled in with what is on file (letter). */
  'print:form': { request: FormPrintDataSchema, response: PrintResultSchema },
  /** The form as it prints, as a self-contained HTML page, for the patient to read on screen before signing. */
  'print:formPreview': { request: FormPrintDataSchema, response: z.object({ html: z.string() }) },
  /**
   * Keeps a form signed on screen as a signed PDF (not printed) and answers with the PDF, base64,
   * for the patient's documents.
   */
  'print:signedForm': { request: SignedFormDataSchema, response: PrintResultSchema.extend({ pdf: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) }) },
  /** Renders, keeps a PDF copy of, and prints the visit summary the patient takes home at check-out (letter). */
  'print:visitSummary': { request: VisitSummaryDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints the day sheet with its deposit slip (letter). */
  'print:daySheet': { request: DaySheetDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a patient statement (letter). */
  'print:statement': { request: StatementDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a patient's labels, chart labels or wristband, with the MRN as a barcode. */
  'print:labels': { request: LabelPrintDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints several forms for one patient as one document and one job. */
  'print:formPacket': { request: FormPacketDataSchema, response: PrintResultSchema },
  /** Renders, keeps a PDF copy of, and prints a copy of a patient's insurance card (front and back on one letter page). */
  'print:cardCopy': { request: CardCopyDataSchema, response: PrintResultSchema },
  /** Lists printed documents, newest first: all of them, or a patient's, or a clinic day's (kept on this workstation). */
  'print:list': {
    request: z.object({
      limit: z.number().int().min(1).max(500).default(50),
      patientId: z.string().regex(/^[A-Za-z0-9_-]{1,36}$/).optional(),
      day: CalendarDateSchema.optional(),
      kind: PrintedDocumentSchema.shape.kind.optional(),
    }),
    response: z.array(PrintedDocumentSchema),
  },
  /**
   * Opens the folder of printed documents in the system's file browser where the host can (the
   * desktop app); always answers with the folder's path so it can be shown.
   */
  'print:openFolder': { request: Empty, response: z.object({ path: z.string(), opened: z.boolean() }) },
  /** Prints a kept document that was only saved (a receipt printed on demand): the original the first time, then COPY. */
  'print:send': { request: z.object({ id: z.string().min(1).max(100) }), response: PrintResultSchema },
  /** The printers this workstation can print to ([] where it cannot print, e.g. in a browser). */
  'print:printers': { request: Empty, response: z.array(z.object({ name: z.string(), displayName: z.string() })) },
  /** Prints a test page on the receipt, document or label printer as set up now; nothing is kept. */
  'print:testPage': { request: z.object({ to: z.enum(['receipt', 'document', 'label']) }), response: z.object({ sentToPrinter: z.boolean(), printerMessage: z.string() }) },
  /** Prints a kept document again, marked COPY. */
  'print:reprint': { request: z.object({ id: z.string().min(1).max(100) }), response: PrintResultSchema },
  /** The print queue: jobs waiting, printing, failed, and those printed or cancelled lately, oldest first. */
  'print:jobs': { request: Empty, response: z.array(PrintQueueJobSchema) },
  /** Takes a job that has not printed out of the queue; its document stays kept. */
  'print:cancelJob': { request: z.object({ id: JobId }), response: PrintQueueJobSchema },
  /** Tries a waiting or failed job again now. */
  'print:retryJob': { request: z.object({ id: JobId }), response: PrintQueueJobSchema },
  /** Sends a job that has not printed to another printer. */
  'print:moveJob': { request: z.object({ id: JobId, printer: z.string().trim().min(1, 'Choose a printer').max(200) }), response: PrintQueueJobSchema },
} as const satisfies ChannelMap;

/** Main tells the desk of every change to a print job (the queue view, and a notice when one fails). */
export const printEvents = {
  'print:job': PrintQueueJobSchema,
} as const satisfies EventMap;
