import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/ipc/envelope';
import { PrintQueueJobSchema, type PrintQueueJob } from '../../../src/shared/print/queue';
import type { Printer, PrintJob } from '../../../src/main/print/pdf';
import { createPrintQueue, MAX_ATTEMPTS, retryDelayMs, type PrintQueueDeps } from '../../../src/main/print/printQueue';

const PAGE = { widthMm: 80, marginMm: 4 };

/** A printer whose devices can be made to fail, or to hold a job until released. */
function fakePrinter() {
  const printed: Array<{ device: string; title: string; html: string; copies: number }> = [];
  const failing = new Map<string, string>();
  let hold: { release: () => void } | null = null;
  let holdNext = false;
  const printer: Printer = {
    async print(job: PrintJob, device: string) {
      if (holdNext) {
        holdNext = false;
        await new Promise<void>((resolve) => {
          hold = { release: resolve };
        });
      }
      const reason = failing.get(device);
      if (reason) throw new AppError('PRINTER', reason);
      printed.push({ device, title: job.title, html: job.html, copies: job.copies ?? 1 });
    },
  };
  return {
    printer,
    printed,
    fail: (device: string, reason: string) => failing.set(device, reason),
    mend: (device: string) => failing.delete(device),
    holdNextJob: () => {
      holdNext = true;
    },
    release: () => hold?.release(),
  };
}

/** A clock and timers the test moves by hand. */
function fakeTime(start = '2026-12-06T15:00:00.000Z') {
  let now = Date.parse(start);
  const timers: Array<{ at: number; run: () => void; live: boolean }> = [];
  return {
    now: () => new Date(now),
    schedule: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
    /** Moves the clock on and runs every timer that has come due. */
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.live && t.at <= now)) {
        timer.live = false;
        timer.run();
      }
    },
    pending: () => timers.filter((t) => t.live).map((t) => t.at - now),
  };
}

describe('the print queue', () => {
  let dir: string;
  let ids: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-queue-'));
    ids = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function queue(printer: ReturnType<typeof fakePrinter>, time: ReturnType<typeof fakeTime>, extra: Partial<PrintQueueDeps> = {}) {
    const changes: PrintQueueJob[] = [];
    const q = createPrintQueue({
      dir,
      printer: printer.printer,
      now: time.now,
      newId: () => `job-${String(++ids).padStart(4, '0')}`,
      schedule: time.schedule,
      onChange: (job) => changes.push(job),
      ...extra,
    });
    return { q, changes };
  }

  const submit = (q: ReturnType<typeof createPrintQueue>, title: string, printer = 'EPSON_TM_T20III', copies?: number) =>
    q.submit({ documentId: `doc-${title}`, title, html: `<p>${title}</p>`, page: PAGE, printer, ...(copies ? { copies } : {}) });

  const states = async (q: ReturnType<typeof createPrintQueue>) => (await q.list()).map((j) => [j.title, j.state]);

  it('stores each job before printing it, prints it with its copies, and lists it printed', async () => {
    const printer = fakePrinter();
    printer.holdNextJob();
    const { q, changes } = queue(printer, fakeTime());
    const { job, outcome } = await submit(q, 'Receipt R-000001', 'EPSON_TM_T20III', 2);
    // Stored while the printer has not answered yet.
    await vi.waitFor(() => expect(changes.at(-1)?.state).toBe('printing'));
    expect((await readdir(dir)).sort()).toEqual(['job-0001.html', 'job-0001.json']);
    printer.release();
    expect(await outcome).toEqual({ printed: true });
    expect(printer.printed).toEqual([{ device: 'EPSON_TM_T20III', title: 'Receipt R-000001', html: '<p>Receipt R-000001</p>', copies: 2 }]);
    const [listed] = await q.list();
    expect(PrintQueueJobSchema.parse(listed)).toMatchObject({ id: job.id, state: 'printed', attempts: 0, reason: '' });
    expect(changes.map((c) => c.state)).toEqual(['queued', 'printing', 'printed']);
  });

  it('holds a failed printer’s jobs with the reason, retries with a growing wait, and prints them in order once it is back', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('EPSON_TM_T20III', 'Printer "EPSON_TM_T20III" is out of paper');
    const { q, changes } = queue(printer, time);
    const first = await submit(q, 'first');
    expect(await first.outcome).toEqual({ printed: false, reason: 'Printer "EPSON_TM_T20III" is out of paper', willRetry: true });
    const second = await submit(q, 'second');
    expect(await second.outcome).toMatchObject({ printed: false, willRetry: true });
    // The new job was tried (the printer might have been back) and failed too; the first waits on.
    expect((await q.list()).map((j) => [j.title, j.state, j.attempts])).toEqual([
      ['first', 'retrying', 1],
      ['second', 'retrying', 1],
    ]);
    expect(time.pending()).toEqual([retryDelayMs(1)]);

    // Still out of paper at the first retry: both fail again and wait longer.
    time.advance(retryDelayMs(1));
    await vi.waitFor(async () => expect([(await q.list()).map((j) => [j.attempts, j.state]), time.pending().length]).toEqual([[[2, 'retrying'], [1, 'retrying']], 1]));
    const [waiting] = await q.list();
    expect(waiting!.reason).toBe('Printer "EPSON_TM_T20III" is out of paper');
    expect(Date.parse(waiting!.nextAttemptAt!) - time.now().getTime()).toBe(retryDelayMs(2));
    expect((await q.list())[1]!.reason).toBe('Waiting: Printer "EPSON_TM_T20III" is out of paper');

    printer.mend('EPSON_TM_T20III');
    time.advance(retryDelayMs(2));
    await vi.waitFor(async () => expect(await states(q)).toEqual([['first', 'printed'], ['second', 'printed']]));
    expect(printer.printed.map((p) => p.title)).toEqual(['first', 'second']);
    // Every failure the desk is told of names its printer and reason.
    expect(changes.filter((c) => c.state === 'retrying' && c.attempts > 0).every((c) => c.reason.includes('out of paper'))).toBe(true);
  });

  it('a job that prints on a failing printer’s return wakes what it held back', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('Office', 'Printer "Office" is offline');
    const { q } = queue(printer, time);
    await (await submit(q, 'statement', 'Office')).outcome;
    printer.mend('Office');
    const later = await submit(q, 'form', 'Office');
    expect(await later.outcome).toEqual({ printed: true });
    await vi.waitFor(async () => expect(await states(q)).toEqual([['statement', 'printed'], ['form', 'printed']]));
    expect(printer.printed.map((p) => p.title)).toEqual(['form', 'statement']);
  });

  it('gives a job up after many tries and leaves it failed for someone to retry, move or cancel', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('EPSON_TM_T20III', 'Printer "EPSON_TM_T20III" did not respond; check that it is on and has paper');
    const { q } = queue(printer, time);
    await (await submit(q, 'receipt')).outcome;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      // The next try is due once it failed and its retry is set (or, after the last, none is).
      await vi.waitFor(async () => expect([(await q.list())[0]!.attempts, time.pending().length]).toEqual([attempt, 1]));
      time.advance(retryDelayMs(attempt));
    }
    await vi.waitFor(async () => expect((await q.list())[0]!.attempts).toBe(MAX_ATTEMPTS));
    const [failed] = await q.list();
    expect(failed).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(failed!.reason).toMatch(/did not respond.*Not tried again after 8 tries\.$/);
    expect(time.pending()).toEqual([]);

    printer.mend('EPSON_TM_T20III');
    await q.retry(failed!.id);
    await vi.waitFor(async () => expect(await states(q)).toEqual([['receipt', 'printed']]));
  });

  it('cancels a job that has not printed, and refuses to cancel one that has', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('Office', 'Printer "Office" is offline');
    const { q } = queue(printer, time);
    const waiting = await submit(q, 'day sheet', 'Office');
    await waiting.outcome;
    const cancelled = await q.cancel(waiting.job.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', nextAttemptAt: null });
    expect(time.pending()).toEqual([]);
    printer.mend('Office');
    time.advance(retryDelayMs(1));
    expect(printer.printed).toEqual([]);
    await expect(q.retry(waiting.job.id)).rejects.toThrow('cancelled');

    const done = await submit(q, 'card', 'Office');
    await done.outcome;
    await expect(q.cancel(done.job.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('reprint the document instead') });
    await expect(q.cancel('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a held job to another printer, where it prints as a first try', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('Front desk laser', 'Printer "Front desk laser" is not installed or not connected');
    const { q } = queue(printer, time);
    const intake = await submit(q, 'intake packet', 'Front desk laser');
    await intake.outcome;
    const moved = await q.move(intake.job.id, 'Back office laser');
    expect(moved).toMatchObject({ printer: 'Back office laser', attempts: 0 });
    await vi.waitFor(async () => expect((await q.list())[0]).toMatchObject({ state: 'printed', printer: 'Back office laser' }));
    expect(printer.printed.map((p) => [p.device, p.title])).toEqual([['Back office laser', 'intake packet']]);
    await expect(q.move(intake.job.id, 'Front desk laser')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(q.move(intake.job.id, '  ')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('starts again after a restart with the jobs that were waiting, and does not resend one that was printing', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('Office', 'Printer "Office" is offline');
    const first = queue(printer, time);
    await (await submit(first.q, 'statement', 'Office')).outcome;
    await (await submit(first.q, 'summary', 'Office')).outcome;
    // A receipt is being printed when the app stops.
    printer.holdNextJob();
    await submit(first.q, 'receipt', 'EPSON_TM_T20III');
    await vi.waitFor(async () => expect((await first.q.list()).find((j) => j.title === 'receipt')?.state).toBe('printing'));
    first.q.stop();

    // The next start: the printer is back, and the queue is read from disk.
    const after = fakePrinter();
    const second = queue(after, time);
    await vi.waitFor(async () => expect(await states(second.q)).toEqual([['statement', 'printed'], ['summary', 'printed'], ['receipt', 'failed']]));
    expect(after.printed.map((p) => p.title)).toEqual(['statement', 'summary']);
    const receipt = (await second.q.list()).find((j) => j.title === 'receipt')!;
    expect(receipt.reason).toBe('The app closed while this was printing. Check whether it came out, then retry or cancel it.');
    expect(await (await second.q.retry(receipt.id)).outcome).toEqual({ printed: true });
    await vi.waitFor(() => expect(after.printed.map((p) => p.title)).toEqual(['statement', 'summary', 'receipt']));
  });

  it('reports a damaged job file at start, leaves it, and goes on with the others', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    printer.fail('Office', 'Printer "Office" is offline');
    const first = queue(printer, time);
    await (await submit(first.q, 'statement', 'Office')).outcome;
    first.q.stop();
    await writeFile(path.join(dir, 'job-9999.json'), '{"version":1,"job":{"id":"job-9999"');
    const damaged: string[] = [];
    const after = fakePrinter();
    const second = queue(after, time, { onDamaged: (file) => damaged.push(file) });
    await vi.waitFor(async () => expect(await states(second.q)).toEqual([['statement', 'printed']]));
    expect(damaged).toEqual(['job-9999.json']);
    expect(await readdir(dir)).toContain('job-9999.json');
  });

  it('removes printed and cancelled jobs two days old at start, and keeps open ones', async () => {
    const printer = fakePrinter();
    const time = fakeTime();
    const first = queue(printer, time);
    await (await submit(first.q, 'old receipt')).outcome;
    printer.fail('Office', 'Printer "Office" is offline');
    await (await submit(first.q, 'old statement', 'Office')).outcome;
    first.q.stop();
    time.advance(3 * 24 * 60 * 60_000);
    const second = queue(fakePrinter(), time);
    await vi.waitFor(async () => expect(await states(second.q)).toEqual([['old statement', 'printed']]));
    expect((await readdir(dir)).sort()).toEqual(['job-0002.json']);
  });

  it('takes a hundred jobs at once and prints each exactly once', async () => {
    const printer = fakePrinter();
    const { q } = queue(printer, fakeTime());
    const submitted = await Promise.all(Array.from({ length: 100 }, (_, i) => submit(q, `label ${String(i).padStart(3, '0')}`)));
    await Promise.all(submitted.map((s) => s.outcome));
    expect(printer.printed.map((p) => p.title).sort()).toEqual(submitted.map((s) => s.job.title).sort());
    expect(new Set((await q.list()).map((j) => j.state))).toEqual(new Set(['printed']));
  });
});
