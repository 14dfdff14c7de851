import { z } from 'zod';
import { ClinicInfoSchema } from '../catalog/clinic';
import { HumanNumberKindSchema, HumanNumberSchema, WorkstationPrefixSchema } from '../domain/humanNumber';
import type { ChannelMap } from '../ipc/channelMap';
import { SyncModeSchema } from '../sync/mode';
import { ReceiptPaperSchema } from '../print/receipt';
import { DocumentPaperSchema } from '../print/paper';
import { LabelStockSchema } from '../print/labels';
import { PrintedDocumentSchema } from '../print/channels';

const Copies = z.number().int('Whole copies').min(1, 'At least 1 copy').max(5, 'At most 5 copies');
/** Copies per printer: the receipt, document and label printers. */
export const PrintCopiesSchema = z.object({ receipt: Copies, document: Copies, label: Copies });
export type PrintCopies = z.infer<typeof PrintCopiesSchema>;

const Empty = z.object({}).strict();

/** The clinic database names on the server are `<dbPrefix>_<collection>`. */
export const DbPrefixSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,30}$/, 'Use lower-case letters, digits and _ (start with a letter)');

export const SyncSettingsInputSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'Enter the server address, e.g. https://couch.example.org:6984' })
    .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'Put the user name and password in their own fields'),
  username: z.string().trim().min(1, 'User name is required').max(100),
  /** Omitted when the person leaves the password unchanged. */
  password: z.string().min(1).max(200).optional(),
  dbPrefix: DbPrefixSchema,
});
export type SyncSettingsInput = z.infer<typeof SyncSettingsInputSchema>;

export const SettingsSchema = z.object({
  workstationId: z.string().min(1),
  workstationPrefix: WorkstationPrefixSchema,
  siteId: z.string().min(1).max(40),
  clinic: ClinicInfoSchema,
  sync: z
    .object({ url: z.string(), username: z.string(), dbPrefix: DbPrefixSchema, hasPassword: z.boolean() })
    .nullable(),
  receiptPrinter: z.string().nullable(),
  /** The office printer letter and A4 documents go to (schedules, forms, statements, the day sheet), or null: kept as PDFs only. */
  documentPrinter: z.string().nullable(),
  /** The printer patient labels, chart labels and wristbands go to, or null: kept as PDFs only. */
  labelPrinter: z.string().nullable(),
  /** The label stock that printer holds. */
  labelStock: LabelStockSchema,
  /** How many of each document its printer prints (a reprint is always one). */
  printCopies: PrintCopiesSchema,
  /** Kinds of document this workstation keeps as PDFs only, never sending them to a printer. */
  pdfOnlyKinds: z.array(PrintedDocumentSchema.shape.kind),
  /** The paper receipts are laid out for. */
  receiptPaper: ReceiptPaperSchema,
  /** The paper letter-or-A4 documents are laid out on (the document printer's, or the PDFs' when there is none). */
  documentPaper: DocumentPaperSchema,
  /** Whether a receipt prints as soon as the payment is taken (otherwise it is kept and printed on demand). */
  receiptAutoPrint: z.boolean(),
  /** Minutes of inactivity before the screen locks. */
  lockMinutes: z.number().int().min(1).max(60),
  /** When this workstation syncs: live, or at set times (satellite offices). */
  syncMode: SyncModeSchema,
  /**
   * False on a new workstation until the clinic is set up or joined. Until then settings may be
   * changed without signing in, because nobody can sign in yet; after it, only with permission.
   */
  setupComplete: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The workstation: who it is, its settings, its numbers and its database key. */
export const settingsChannels = {
  /** Which host the renderer runs in, and this workstation's identity. */
  'app:info': {
    request: Empty,
    response: z.object({
      host: z.enum(['electron', 'web']),
      version: z.string(),
    }),
  },
  /** This workstation's settings, without any secret. */
  'settings:get': { request: Empty, response: SettingsSchema },
  /** Sets the clinic's name, address, phone and time zone printed on receipts. */
  'settings:setClinic': { request: ClinicInfoSchema, response: SettingsSchema },
  /** Sets the workstation prefix of human-facing numbers (only before any number is issued). */
  'settings:setWorkstation': {
    request: z.object({ workstationPrefix: WorkstationPrefixSchema, siteId: z.string().trim().min(1).max(40) }),
    response: SettingsSchema,
  },
  /**
   * Names the printer receipts go to (`null` keeps receipts as PDF copies only), and optionally
   * the paper they are laid out for and whether they print as soon as a payment is taken.
   */
  'settings:setReceiptPrinter': {
    request: z.object({ name: z.string().trim().min(1).max(200).nullable(), paper: ReceiptPaperSchema.optional(), printAutomatically: z.boolean().optional() }),
    response: SettingsSchema,
  },
  /** How many copies each printer prints, and which kinds of document are kept as PDFs only. */
  'settings:setPrintOptions': {
    request: z.object({ copies: PrintCopiesSchema, pdfOnlyKinds: z.array(PrintedDocumentSchema.shape.kind).max(20) }),
    response: SettingsSchema,
  },
  /** Names the label printer (`null`: labels are kept as PDFs only) and the stock it holds. */
  'settings:setLabelPrinter': {
    request: z.object({ name: z.string().trim().min(1).max(200).nullable(), stock: LabelStockSchema }),
    response: SettingsSchema,
  },
  /** Names the office printer letter and A4 documents go to (`null` keeps them as PDF copies only), and the paper it holds. */
  'settings:setDocumentPrinter': {
    request: z.object({ name: z.string().trim().min(1).max(200).nullable(), paper: DocumentPaperSchema.optional() }),
    response: SettingsSchema,
  },
  /**
   * Takes the clinic's details from the synced clinic profile, which someone allowed to change them
   * saved (on this or another workstation).
   */
  'settings:adoptClinicProfile': { request: ClinicInfoSchema, response: SettingsSchema },
  /** Ends first-run setup: from now on, changing settings needs a signed-in person allowed to. */
  'setup:complete': { request: Empty, response: SettingsSchema },
  /** Sets how many idle minutes lock the screen (a manager's setting). */
  'settings:setLockMinutes': { request: z.object({ minutes: z.number().int().min(1).max(60) }), response: SettingsSchema },
  /** Sets when this workstation syncs: live, or only at set times, on Sync now and at close of day. */
  'settings:setSyncMode': { request: SyncModeSchema, response: SettingsSchema },
  /** Stores the CouchDB server and credentials; the password stays in main. */
  'settings:setSync': { request: SyncSettingsInputSchema, response: SettingsSchema },
  /** Issues the next human-facing number of a kind for this workstation, e.g. `N2-000145`. */
  'numbers:next': {
    request: z.object({ kind: HumanNumberKindSchema }),
    response: z.object({ value: HumanNumberSchema }),
  },
  /** The key that encrypts sensitive fields of the local database, made once per workstation. */
  'keys:database': { request: Empty, response: z.object({ key: z.string().min(32) }) },
} as const satisfies ChannelMap;
