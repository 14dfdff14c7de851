import { z } from 'zod';
import { HumanNumberKindSchema, HumanNumberSchema, WorkstationPrefixSchema } from '../domain/humanNumber';
import { InstantSchema } from '../domain/time';
import { PermissionSchema, RoleSchema } from '../auth/permissions';
import { ReceiptDataSchema } from '../print/receipt';
import { SeedRequestSchema } from '../demo/seedRequest';

const Empty = z.object({}).strict();

/** The clinic database names on the server are `<dbPrefix>_<collection>`. */
export const DbPrefixSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,30}$/, 'Use lower-case letters, digits and _ (start with a letter)');

export { ClinicInfoSchema, isValidNpi, type ClinicInfo } from '../catalog/clinic';
import { ClinicInfoSchema } from '../catalog/clinic';

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
  /** Minutes of inactivity before the screen locks. */
  lockMinutes: z.number().int().min(1).max(60),
  /**
   * False on a new workstation until the clinic is set up or joined. Until then settings may be
   * changed without signing in, because nobody can sign in yet; after it, only with permission.
   */
  setupComplete: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

export const SyncFetchRequestSchema = z.object({
  requestId: z.string().min(1).max(64),
  url: z.string().max(8192),
  method: HttpMethodSchema,
  headers: z.record(z.string(), z.string().max(4096)),
  body: z.string().max(64 * 1024 * 1024).nullable(),
});
export const SyncFetchResponseSchema = z.object({
  status: z.number().int(),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type SyncFetchRequest = z.infer<typeof SyncFetchRequestSchema>;
export type SyncFetchResponse = z.infer<typeof SyncFetchResponseSchema>;

export const ConnectivitySchema = z.object({
  state: z.enum(['not-configured', 'online', 'offline', 'auth-failed']),
  checkedAt: InstantSchema.nullable(),
  message: z.string(),
});
export type Connectivity = z.infer<typeof ConnectivitySchema>;

export const PrintedDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(['receipt']),
  title: z.string(),
  createdAt: InstantSchema,
  fileName: z.string(),
  copies: z.number().int().min(0),
});
export type PrintedDocument = z.infer<typeof PrintedDocumentSchema>;

export const PrintResultSchema = z.object({
  document: PrintedDocumentSchema,
  /** Whether it went to a printer; when false the PDF copy is kept and `printerMessage` says why. */
  sentToPrinter: z.boolean(),
  printerMessage: z.string(),
});
export type PrintResult = z.infer<typeof PrintResultSchema>;

export const SecretKindSchema = z.enum(['password', 'pin']);
export type SecretKind = z.infer<typeof SecretKindSchema>;

/** Passwords: at least 10 characters. PINs: 4 to 8 digits. */
export const NewSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), secret: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters') }),
  z.object({ kind: z.literal('pin'), secret: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits') }),
]);

export const VerifySecretRequestSchema = z.object({
  staffId: z.string().min(1).max(64),
  /** The name as typed: attempts are limited per name, known or not. */
  username: z.string().trim().toLowerCase().min(1).max(100),
  kind: SecretKindSchema,
  secret: z.string().min(1).max(200),
  /** The stored hash from the staff record; `null` when no such person or no PIN is set. */
  hash: z.string().max(400).nullable(),
  roles: z.array(RoleSchema).max(4),
  /**
   * `approve`: a manager approving one action at someone else's desk. It is checked and limited
   * like a sign-in, but does not change who is signed in.
   */
  purpose: z.enum(['sign-in', 'unlock', 'approve']).default('sign-in'),
  /** With `approve`: the one action approved; main allows it once for the person signed in. */
  permission: PermissionSchema.optional(),
});

export const VerifySecretResponseSchema = z.object({
  ok: z.boolean(),
  /** When refused because of earlier failures: how long until the next try is allowed. */
  retryAfterMs: z.number().int().min(0),
  message: z.string(),
});
export type VerifySecretResponse = z.infer<typeof VerifySecretResponseSchema>;

/**
 * Every request the renderer can make of main. Channel names are `feature:verb`.
 * Each entry has a request schema and a response schema; both are checked at runtime.
 */
export const contract = {
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
  /** Names the printer receipts go to; `null` keeps receipts as PDF copies only. */
  'settings:setReceiptPrinter': {
    request: z.object({ name: z.string().trim().min(1).max(200).nullable() }),
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
  /** Stores the CouchDB server and credentials; the password stays in main. */
  'settings:setSync': { request: SyncSettingsInputSchema, response: SettingsSchema },
  /** Issues the next human-facing number of a kind for this workstation, e.g. `N2-000145`. */
  'numbers:next': {
    request: z.object({ kind: HumanNumberKindSchema }),
    response: z.object({ value: HumanNumberSchema }),
  },
  /** Performs one HTTP request of the replication against the configured server. */
  'sync:fetch': { request: SyncFetchRequestSchema, response: SyncFetchResponseSchema },
  /** Aborts an in-flight `sync:fetch` (used to end long-polls when replication stops). */
  'sync:abort': { request: z.object({ requestId: z.string().min(1).max(64) }), response: Empty },
  /** The last known connectivity to the server. */
  'sync:connectivity': { request: Empty, response: ConnectivitySchema },
  /** Checks the server now (used by "Sync now"). */
  'sync:check': { request: Empty, response: ConnectivitySchema },
  /** Hashes a new password or PIN with a slow salted KDF; the clear secret is never stored. */
  'auth:hashSecret': { request: NewSecretSchema, response: z.object({ hash: z.string() }) },
  /**
   * Checks a password or PIN against its stored hash, with growing delays after failures. A PIN
   * only works for someone who signed in with their password on this workstation today. On
   * success main remembers who is signed in, for the permissions of its own services.
   */
  'auth:verify': { request: VerifySecretRequestSchema, response: VerifySecretResponseSchema },
  /** Forgets who was signed in (sign-out or switch user). */
  'auth:signOut': { request: Empty, response: Empty },
  /**
   * Saves an export (e.g. the audit log as CSV) in the workstation's exports folder. The renderer
   * sends the content and a kind; main picks the file name.
   */
  'files:saveExport': {
    request: z.object({ kind: z.enum(['audit-csv']), content: z.string().max(50 * 1024 * 1024) }),
    response: z.object({ path: z.string() }),
  },
  /** The key that encrypts sensitive fields of the local database, made once per workstation. */
  'keys:database': { request: Empty, response: z.object({ key: z.string().min(32) }) },
  /** Renders, keeps a PDF copy of, and prints a receipt. */
  'print:receipt': { request: ReceiptDataSchema, response: PrintResultSchema },
  /** Lists printed documents, newest first. */
  'print:list': { request: z.object({ limit: z.number().int().min(1).max(500).default(50) }), response: z.array(PrintedDocumentSchema) },
  /**
   * Opens the folder of printed documents in the system's file browser where the host can (the
   * desktop app); always answers with the folder's path so it can be shown.
   */
  'print:openFolder': { request: Empty, response: z.object({ path: z.string(), opened: z.boolean() }) },
  /** Prints a kept document again, marked COPY. */
  'print:reprint': { request: z.object({ id: z.string().min(1).max(100) }), response: PrintResultSchema },
  /** The synthetic clinic `npm run seed` asked for, waiting to be loaded into the demo clinic; `null` when none. */
  'demo:seedRequest': { request: Empty, response: SeedRequestSchema.nullable() },
  /**
   * The desk loaded the request made at `requestedAt`: main removes it, unless a newer one replaced
   * it meanwhile. Answers whether it was removed.
   */
  'demo:seedDone': { request: z.object({ requestedAt: SeedRequestSchema.shape.requestedAt }).strict(), response: z.object({ cleared: z.boolean() }) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Events main pushes to the renderer. Names are `feature:noun`. */
export const events = {
  'sync:connectivity': ConnectivitySchema,
  /** Main asks the renderer to run a replication pass now (reconnect, schedule or "Sync now"). */
  'sync:trigger': z.object({ reason: z.enum(['reconnect', 'schedule', 'manual', 'settings']) }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
