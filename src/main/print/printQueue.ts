import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/ipc/envelope';
import { PrintQueueJobSchema, type PrintQueueJob } from '../../shared/print/queue';
import { writeFileAtomic } from '../fs/atomicFile';
import type { PageSpec, Printer } from './pdf';

/** A job's first outcome, which the call that printed it reports. */
export type PrintOutcome = { printed: true } | { printed: false; reason: string; willRetry: boolean };

export interface PrintQueueDeps {
  /** Folder the queue keeps its jobs in (one `<id>.json` and one `<id>.html` each). */
  dir: string;
  printer: Printer;
  now: () => Date;
  newId: () => string;
  /** Calls `run` after `ms`; returns what cancels it. Defaults to `setTimeout`. */
  schedule?: (run: () => void, ms: number) => () => void;
  /** Told of every change to a job (the desk's queue view and its failure notices). */
  onChange?: (job: PrintQueueJob) => void;
  /** Told once a job printed (the print service marks an on-demand original as sent). */
  onPrinted?: (job: PrintQueueJob) => void | Promise<void>;
  /** Reports a job file that could not be read at start; it is left where it is. */
  onDamaged?: (file: string, reason: string) => void;
}

export interface SubmitRequest {
  documentId: string;
  /** A copy of a document printed before (a reprint), rather than its original. */
  copy?: boolean;
  /** An original kept to print on demand, printed now. */
  onDemand?: boolean;
  title: string;
  html: string;
  page: PageSpec;
  printer: string;
  copies?: number;
}

export interface PrintQueue {
  /** Stores the job, then queues it; `outcome` settles when its first try is over (printed, or not and why). */
  submit(request: SubmitRequest): Promise<{ job: PrintQueueJob; outcome: Promise<PrintOutcome> }>;
  /** Every job kept: open ones, and those printed or cancelled in the last two days; oldest first. */
  list(): Promise<PrintQueueJob[]>;
  /** Takes a job that has not printed out of the queue. */
  cancel(id: string): Promise<PrintQueueJob>;
  /** Tries a job that is retrying or failed now, at the same printer; `outcome` settles when that try is over. */
  retry(id: string): Promise<{ job: PrintQueueJob; outcome: Promise<PrintOutcome> }>;
  /** Sends a job that has not printed to another printer, as a new first try. */
  move(id: string, printer: string): Promise<PrintQueueJob>;
  /** Stops the retry timer (jobs stay stored for the next start). */
  stop(): void;
}

/** Tries before a job is left failed: about twenty minutes of retrying with the waits below. */
export const MAX_ATTEMPTS = 8;
const FIRST_WAIT_MS = 15_000;
const LONGEST_WAIT_MS = 5 * 60_000;
/** Printed and cancelled jobs stay listed this long, then are removed at the next start. */
const KEEP_DONE_MS = 2 * 24 * 60 * 60_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** The wait before the next try after `attempts` failed ones: 15 s, doubling, at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.max(0, attempts - 1));
}

const PageSchema = z.object({ widthMm: z.number().positive(), heightMm: z.number().positive().optional(), marginMm: z.number().min(0).optional() });
const StoredJobSchema = z.object({ version: z.literal(1), job: PrintQueueJobSchema, page: PageSchema });
type StoredJob = z.infer<typeof StoredJobSchema>;

interface Entry {
  stored: StoredJob;
  /** Settles the submitting call's outcome; dropped once used. */
  settle?: (outcome: PrintOutcome) => void;
}

/**
 * Main's print queue. A job is written to disk (its HTML, then its state) before it is sent, so a
 * job survives a crash or a restart. Each printer prints one job at a time, oldest first. A printer
 * that fails holds its other jobs back with the same reason, and its jobs are tried again with a
 * growing wait; a job that prints wakes the printer's held jobs at once. A job that was printing
 * when the app stopped is not sent again by itself (it may have come out): it is left failed for
 * someone to check and retry or cancel.
 */
export function createPrintQueue(deps: PrintQueueDeps): PrintQueue {
  const entries = new Map<string, Entry>();
  const busy = new Set<string>();
  const schedule = deps.schedule ?? ((run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  });
  let cancelTimer: (() => void) | null = null;
  let stopped = false;
  let writes: Promise<unknown> = Promise.resolve();
  const loaded = load();

  const jsonFile = (id: string) => path.join(deps.dir, `${id}.json`);
  const htmlFile = (id: string) => path.join(deps.dir, `${id}.html`);

  /** Writes a job's state as it is when the write runs; writes go one at a time, in order. */
  function persist(entry: Entry): Promise<void> {
    const run = writes.then(() => writeFileAtomic(jsonFile(entry.stored.job.id), `${JSON.stringify(entry.stored)}\n`));
    writes = run.catch(() => undefined);
    return run;
  }

  async function update(entry: Entry, change: Partial<PrintQueueJob>): Promise<void> {
    entry.stored = { ...entry.stored, job: { ...entry.stored.job, ...change, updatedAt: deps.now().toISOString() } };
    await persist(entry);
    deps.onChange?.(entry.stored.job);
  }

  async function load(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(deps.dir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return;
      throw error;
    }
    const now = deps.now().getTime();
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const id = name.slice(0, -'.json'.length);
      let stored: StoredJob;
      try {
        const parsed = StoredJobSchema.safeParse(JSON.parse(await readFile(jsonFile(id), 'utf8')));
        if (!parsed.success || parsed.data.job.id !== id) throw new Error('not a print job');
        stored = parsed.data;
      } catch (error) {
        deps.onDamaged?.(name, error instanceof Error ? error.message : String(error));
        continue;
      }
      const { job } = stored;
      if ((job.state === 'printed' || job.state === 'cancelled') && now - Date.parse(job.updatedAt) > KEEP_DONE_MS) {
        await rm(jsonFile(id), { force: true });
        await rm(htmlFile(id), { force: true });
        continue;
      }
      const entry: Entry = { stored };
      entries.set(id, entry);
      if (job.state === 'printing') {
        await update(entry, {
          state: 'failed',
          nextAttemptAt: null,
          reason: 'The app closed while this was printing. Check whether it came out, then retry or cancel it.',
        });
      } else if (job.state === 'queued' || job.state === 'retrying') {
        // Waiting jobs are tried again at start: the printer may well be back.
        await update(entry, { state: 'queued', nextAttemptAt: null });
      }
    }
    for (const printer of new Set([...entries.values()].map((e) => e.stored.job.printer))) void pump(printer);
  }

  function jobsOf(printer: string, state: PrintQueueJob['state']): Entry[] {
    return [...entries.values()]
      .filter((e) => e.stored.job.printer === printer && e.stored.job.state === state)
      .sort((a, b) => a.stored.job.createdAt.localeCompare(b.stored.job.createdAt) || a.stored.job.id.localeCompare(b.stored.job.id));
  }

  function settle(entry: Entry, outcome: PrintOutcome): void {
    entry.settle?.(outcome);
    delete entry.settle;
  }

  /** Prints a printer's queued jobs one at a time until none is left or the printer fails. */
  async function pump(printer: string): Promise<void> {
    if (busy.has(printer) || stopped) return;
    busy.add(printer);
    try {
      for (;;) {
        const entry = jobsOf(printer, 'queued')[0];
        if (!entry || stopped) return;
        await update(entry, { state: 'printing', reason: '' });
        const { job, page } = entry.stored;
        let failure: string | null = null;
        try {
          const html = await readFile(htmlFile(job.id), 'utf8');
          await deps.printer.print({ html, page, title: job.title, copies: job.copies }, job.printer);
        } catch (error) {
          failure = error instanceof AppError ? error.message : `Printer "${job.printer}" could not print: ${error instanceof Error ? error.message : String(error)}`;
        }
        // Cancelled or moved while it printed is not possible (both refuse a printing job).
        if (failure === null) {
          await update(entry, { state: 'printed', reason: '', nextAttemptAt: null });
          await rm(htmlFile(job.id), { force: true });
          settle(entry, { printed: true });
          await deps.onPrinted?.(entry.stored.job);
          // The printer is back: what it held back goes now, in order.
          for (const held of jobsOf(printer, 'retrying')) await update(held, { state: 'queued', nextAttemptAt: null });
          continue;
        }
        const attempts = job.attempts + 1;
        const givenUp = attempts >= MAX_ATTEMPTS;
        const nextAttemptAt = givenUp ? null : new Date(deps.now().getTime() + retryDelayMs(attempts)).toISOString();
        await update(entry, givenUp ? { state: 'failed', attempts, reason: `${failure}. Not tried again after ${attempts} tries.`, nextAttemptAt } : { state: 'retrying', attempts, reason: failure, nextAttemptAt });
        armTimer();
        settle(entry, { printed: false, reason: failure, willRetry: !givenUp });
        // The jobs behind it would meet the same printer: they wait with it, and are not counted as tries.
        for (const behind of jobsOf(printer, 'queued')) {
          await update(behind, { state: 'retrying', reason: `Waiting: ${failure}`, nextAttemptAt: nextAttemptAt ?? new Date(deps.now().getTime() + retryDelayMs(1)).toISOString() });
          settle(behind, { printed: false, reason: failure, willRetry: true });
        }
        armTimer();
        return;
      }
    } finally {
      busy.delete(printer);
    }
  }

  /** One timer, for the earliest retry; when it fires, every job due goes back in its printer's queue. */
  function armTimer(): void {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped) return;
    const due = [...entries.values()].filter((e) => e.stored.job.state === 'retrying' && e.stored.job.nextAttemptAt).map((e) => Date.parse(e.stored.job.nextAttemptAt!));
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - deps.now().getTime());
    cancelTimer = schedule(() => {
      cancelTimer = null;
      void wake();
    }, wait);
  }

  async function wake(): Promise<void> {
    const now = deps.now().getTime();
    const printers = new Set<string>();
    for (const entry of entries.values()) {
      const { job } = entry.stored;
      if (job.state === 'retrying' && job.nextAttemptAt && Date.parse(job.nextAttemptAt) <= now) {
        await update(entry, { state: 'queued', nextAttemptAt: null });
        printers.add(job.printer);
      }
    }
    for (const printer of printers) void pump(printer);
    armTimer();
  }

  async function open(id: string, action: string): Promise<Entry> {
    await loaded;
    const entry = ID_PATTERN.test(id) ? entries.get(id) : undefined;
    if (!entry) throw new AppError('NOT_FOUND', 'No print job with that id');
    const { state } = entry.stored.job;
    if (state === 'printing') throw new AppError('CONFLICT', `The job is printing now, so it cannot be ${action}.`);
    if (state === 'printed') throw new AppError('CONFLICT', `The job has printed, so it cannot be ${action}; reprint the document instead.`);
    if (state === 'cancelled') throw new AppError('CONFLICT', `The job was cancelled, so it cannot be ${action}.`);
    return entry;
  }

  return {
    async submit(request) {
      await loaded;
      const id = deps.newId();
      if (!ID_PATTERN.test(id)) throw new AppError('INTERNAL', 'Could not create an id for the print job');
      const at = deps.now().toISOString();
      const job: PrintQueueJob = {
        id,
        documentId: request.documentId,
        copy: request.copy ?? false,
        onDemand: request.onDemand ?? false,
        title: request.title,
        printer: request.printer,
        copies: request.copies ?? 1,
        state: 'queued',
        attempts: 0,
        reason: '',
        createdAt: at,
        updatedAt: at,
        nextAttemptAt: null,
      };
      const stored = StoredJobSchema.parse({ version: 1, job, page: request.page });
      // The HTML first: a job's state is only ever written for a job whose document is complete.
      await writeFileAtomic(htmlFile(id), request.html);
      const entry: Entry = { stored };
      const outcome = new Promise<PrintOutcome>((resolve) => {
        entry.settle = resolve;
      });
      await persist(entry);
      entries.set(id, entry);
      deps.onChange?.(job);
      // Tried now when its printer is free, even one that failed a moment ago: that tells whether it is back.
      void pump(request.printer);
      return { job, outcome };
    },

    async list() {
      await loaded;
      return [...entries.values()]
        .map((e) => e.stored.job)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },

    async cancel(id) {
      const entry = await open(id, 'cancelled');
      await update(entry, { state: 'cancelled', nextAttemptAt: null });
      settle(entry, { printed: false, reason: 'The print job was cancelled.', willRetry: false });
      await rm(htmlFile(id), { force: true });
      armTimer();
      return entry.stored.job;
    },

    async retry(id) {
      const entry = await open(id, 'retried');
      settle(entry, { printed: false, reason: 'Tried again.', willRetry: true });
      const outcome = new Promise<PrintOutcome>((resolve) => {
        entry.settle = resolve;
      });
      if (entry.stored.job.state !== 'queued') await update(entry, { state: 'queued', nextAttemptAt: null, reason: '' });
      void pump(entry.stored.job.printer);
      armTimer();
      return { job: entry.stored.job, outcome };
    },

    async move(id, printer) {
      if (!printer.trim() || printer.length > 200) throw new AppError('INVALID_REQUEST', 'Choose the printer to send the job to.');
      const entry = await open(id, 'moved');
      const from = entry.stored.job.printer;
      await update(entry, { printer, state: 'queued', attempts: 0, reason: '', nextAttemptAt: null });
      void pump(printer);
      void pump(from);
      armTimer();
      return entry.stored.job;
    },

    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
