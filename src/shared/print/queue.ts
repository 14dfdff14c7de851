import { z } from 'zod';
import { InstantSchema } from '../domain/time';

/**
 * Where a print job stands:
 * - `queued`: waiting its turn at its printer;
 * - `printing`: being sent now;
 * - `printed`: the printer took it;
 * - `retrying`: the printer could not print it (or the job before it); it is tried again at `nextAttemptAt`;
 * - `failed`: not printed and not tried again by itself (given up after many tries, or the app
 *   closed while it printed): someone retries it, sends it to another printer or cancels it;
 * - `cancelled`: someone took it out of the queue.
 */
export const PrintJobStateSchema = z.enum(['queued', 'printing', 'printed', 'retrying', 'failed', 'cancelled']);
export type PrintJobState = z.infer<typeof PrintJobStateSchema>;

/** A job in main's print queue, as the desk sees it. The document it prints is kept as a PDF either way. */
export const PrintQueueJobSchema = z.object({
  id: z.string(),
  /** The kept document it prints ('' for a test page). */
  documentId: z.string(),
  /** A copy of a document printed before, rather than its original. */
  copy: z.boolean(),
  /** An original kept to print on demand (a receipt): once it prints, its document is no longer waiting. */
  onDemand: z.boolean().default(false),
  title: z.string(),
  /** The system name of the printer it goes to. */
  printer: z.string(),
  copies: z.number().int().min(1).max(20),
  state: PrintJobStateSchema,
  /** Times the printer was asked to print it and could not. */
  attempts: z.number().int().min(0),
  /** Why it did not print, while it is retrying or failed ('' otherwise). */
  reason: z.string(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  /** When it is tried again by itself, while retrying. */
  nextAttemptAt: InstantSchema.nullable(),
});
export type PrintQueueJob = z.infer<typeof PrintQueueJobSchema>;

/** Jobs still to be done something about (not printed, not cancelled). */
export function isOpenJob(job: PrintQueueJob): boolean {
  return job.state === 'queued' || job.state === 'printing' || job.state === 'retrying' || job.state === 'failed';
}
