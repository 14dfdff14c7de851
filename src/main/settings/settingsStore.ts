import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatHumanNumber, HumanNumberKindSchema, type HumanNumberKind, WorkstationPrefixSchema } from '../../shared/domain/humanNumber';
import { ClinicInfoSchema, type ClinicInfo } from '../../shared/catalog/clinic';
import { DbPrefixSchema, PrintCopiesSchema, type PrintCopies, type Settings, type SyncSettingsInput } from '../../shared/settings/channels';
import { PrintedDocumentSchema, type PrintedDocument } from '../../shared/print/channels';
import { AppError } from '../../shared/ipc/envelope';
import { writeFileAtomic } from '../fs/atomicFile';
import { LIVE_SYNC, SyncModeSchema, type SyncMode } from '../../shared/sync/mode';
import type { SecretBox } from './secretBox';
import { ReceiptPaperSchema, type ReceiptPaper } from '../../shared/print/receipt';
import { DocumentPaperSchema, type DocumentPaper } from '../../shared/print/paper';
import { LabelStockSchema, type LabelStock } from '../../shared/print/labels';

/*
 * Adding a setting: add it to StoredSettingsSchema with a default (old files must still load),
 * expose it in SettingsSchema (src/shared/ipc/contract.ts) if the renderer needs it, and map it
 * in `toPublic`.
 */
const StoredSettingsSchema = z.object({
  version: z.literal(1),
  workstationId: z.string().min(1),
  workstationPrefix: WorkstationPrefixSchema,
  siteId: z.string().min(1).max(40),
  clinic: ClinicInfoSchema,
  sync: z
    .object({ url: z.string(), username: z.string(), dbPrefix: DbPrefixSchema, sealedPassword: z.string().nullable() })
    .nullable(),
  receiptPrinter: z.string().nullable().default(null),
  documentPrinter: z.string().nullable().default(null),
  labelPrinter: z.string().nullable().default(null),
  labelStock: LabelStockSchema.default('2.25x1.25in'),
  printCopies: PrintCopiesSchema.default({ receipt: 1, document: 1, label: 1 }),
  pdfOnlyKinds: z.array(PrintedDocumentSchema.shape.kind).default([]),
  receiptPaper: ReceiptPaperSchema.default('thermal-80mm'),
  documentPaper: DocumentPaperSchema.default('letter'),
  receiptAutoPrint: z.boolean().default(true),
  lockMinutes: z.number().int().min(1).max(60).default(5),
  syncMode: SyncModeSchema.default(LIVE_SYNC),
  setupComplete: z.boolean().default(false),
  sequences: z.partialRecord(HumanNumberKindSchema, z.number().int().min(0)).default({}),
});
type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export interface SyncConfig {
  url: string;
  username: string;
  password: string;
  dbPrefix: string;
}

export interface SettingsStoreDeps {
  file: string;
  secrets: SecretBox;
  defaultTimeZone: string;
  random?: () => number;
}

/**
 * Workstation-local settings kept by main: the clinic's printed details, this workstation's prefix
 * and number sequences, the sync server and its (sealed) password. They are not in the clinic
 * database because they belong to this machine, and the password must never reach the renderer.
 */
export async function openSettingsStore(deps: SettingsStoreDeps) {
  let state = await load(deps);
  let queue: Promise<unknown> = Promise.resolve();

  /** Serializes changes so that two quick requests never interleave their writes. */
  function update<T>(change: (current: StoredSettings) => Promise<{ next: StoredSettings; result: T }>): Promise<T> {
    const run = queue.then(async () => {
      const { next, result } = await change(state);
      const valid = StoredSettingsSchema.parse(next);
      await writeFileAtomic(deps.file, JSON.stringify(valid, null, 2));
      state = valid;
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get(): Settings {
      return toPublic(state);
    },
    setClinic(clinic: ClinicInfo): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, clinic };
        return { next, result: toPublic(next) };
      });
    },
    setWorkstation(input: { workstationPrefix: string; siteId: string }): Promise<Settings> {
      return update(async (s) => {
        const issued = Object.values(s.sequences).some((n) => n > 0);
        if (issued && input.workstationPrefix !== s.workstationPrefix) {
          throw new AppError(
            'CONFLICT',
            `This workstation has already issued numbers with prefix ${s.workstationPrefix}; changing it could repeat a number.`,
          );
        }
        const next = { ...s, workstationPrefix: input.workstationPrefix, siteId: input.siteId };
        return { next, result: toPublic(next) };
      });
    },
    setSync(input: SyncSettingsInput): Promise<Settings> {
      return update(async (s) => {
        const url = input.url.replace(/\/+$/, '');
        const sameServer = s.sync && s.sync.url === url && s.sync.username === input.username;
        const sealedPassword = input.password
          ? await deps.secrets.encrypt(input.password)
          : sameServer
            ? (s.sync?.sealedPassword ?? null)
            : null;
        const next = { ...s, sync: { url, username: input.username, dbPrefix: input.dbPrefix, sealedPassword } };
        return { next, result: toPublic(next) };
      });
    },
    completeSetup(): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, setupComplete: true };
        return { next, result: toPublic(next) };
      });
    },
    setLockMinutes(minutes: number): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, lockMinutes: minutes };
        return { next, result: toPublic(next) };
      });
    },
    setSyncMode(syncMode: SyncMode): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, syncMode };
        return { next, result: toPublic(next) };
      });
    },
    setDocumentPrinter(name: string | null, paper?: DocumentPaper): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, documentPrinter: name, documentPaper: paper ?? s.documentPaper };
        return { next, result: toPublic(next) };
      });
    },
    setPrintOptions(copies: PrintCopies, pdfOnlyKinds: readonly PrintedDocument['kind'][]): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, printCopies: copies, pdfOnlyKinds: [...new Set(pdfOnlyKinds)] };
        return { next, result: toPublic(next) };
      });
    },
    setLabelPrinter(name: string | null, stock: LabelStock): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, labelPrinter: name, labelStock: stock };
        return { next, result: toPublic(next) };
      });
    },
    setReceiptPrinter(name: string | null, options: { paper?: ReceiptPaper | undefined; printAutomatically?: boolean | undefined } = {}): Promise<Settings> {
      return update(async (s) => {
        const next = { ...s, receiptPrinter: name, receiptPaper: options.paper ?? s.receiptPaper, receiptAutoPrint: options.printAutomatically ?? s.receiptAutoPrint };
        return { next, result: toPublic(next) };
      });
    },
    /** The server and the clear password, for main's sync transport only. */
    async getSyncConfig(): Promise<SyncConfig | null> {
      const sync = state.sync;
      if (!sync || !sync.sealedPassword) return null;
      return { url: sync.url, username: sync.username, dbPrefix: sync.dbPrefix, password: await deps.secrets.decrypt(sync.sealedPassword) };
    },
    /**
     * Issues the next number of a kind. The new sequence is on disk before the number is returned,
     * so a crash can skip a number but never hand the same one out twice.
     */
    nextNumber(kind: HumanNumberKind): Promise<string> {
      return update(async (s) => {
        const sequence = (s.sequences[kind] ?? 0) + 1;
        return {
          next: { ...s, sequences: { ...s.sequences, [kind]: sequence } },
          result: formatHumanNumber(s.workstationPrefix, sequence),
        };
      });
    },
  };
}

export type SettingsStore = Awaited<ReturnType<typeof openSettingsStore>>;

async function load(deps: SettingsStoreDeps): Promise<StoredSettings> {
  let text: string;
  try {
    text = await readFile(deps.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = defaults(deps);
    await writeFileAtomic(deps.file, JSON.stringify(fresh, null, 2));
    return fresh;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`The settings file ${deps.file} is damaged (not JSON). Restore it from a backup or remove it to start over.`);
  }
  const parsed = StoredSettingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`The settings file ${deps.file} is damaged: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function defaults(deps: SettingsStoreDeps): StoredSettings {
  const random = deps.random ?? Math.random;
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const pick = () => alphabet[Math.floor(random() * alphabet.length)] ?? 'X';
  return {
    version: 1,
    workstationId: randomUUID(),
    workstationPrefix: `W${pick()}${pick()}`,
    siteId: 'main',
    clinic: { name: 'My Clinic', address: '', phone: '', timeZone: deps.defaultTimeZone, npi: '', taxId: '', demo: false },
    sync: null,
    receiptPrinter: null,
    documentPrinter: null,
    labelPrinter: null,
    labelStock: '2.25x1.25in',
    printCopies: { receipt: 1, document: 1, label: 1 },
    pdfOnlyKinds: [],
    receiptPaper: 'thermal-80mm',
    documentPaper: 'letter',
    receiptAutoPrint: true,
    lockMinutes: 5,
    syncMode: LIVE_SYNC,
    setupComplete: false,
    sequences: {},
  };
}

function toPublic(s: StoredSettings): Settings {
  return {
    workstationId: s.workstationId,
    workstationPrefix: s.workstationPrefix,
    siteId: s.siteId,
    clinic: s.clinic,
    sync: s.sync ? { url: s.sync.url, username: s.sync.username, dbPrefix: s.sync.dbPrefix, hasPassword: s.sync.sealedPassword !== null } : null,
    receiptPrinter: s.receiptPrinter,
    documentPrinter: s.documentPrinter,
    labelPrinter: s.labelPrinter,
    labelStock: s.labelStock,
    printCopies: s.printCopies,
    pdfOnlyKinds: s.pdfOnlyKinds,
    receiptPaper: s.receiptPaper,
    documentPaper: s.documentPaper,
    receiptAutoPrint: s.receiptAutoPrint,
    lockMinutes: s.lockMinutes,
    syncMode: s.syncMode,
    setupComplete: s.setupComplete,
  };
}
