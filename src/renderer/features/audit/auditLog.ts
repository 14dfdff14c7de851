import type { RxCollection } from 'rxdb';
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, AuditEntry } from '../../../shared/audit/auditEntry';
import { nextLink, sealEntry, type Sha256Hex } from '../../../shared/audit/chain';
import type { AuditSink } from '../../data/workContext';
import { memoryOutbox, type AuditOutbox } from './auditOutbox';

export interface AuditEvent {
  action: AuditAction;
  actor: string;
  actorName: string;
  /** When it happened; now by default. An entry retried from the outbox keeps its own time. */
  at?: string;
  patientId?: string | null;
  subject?: string;
  changes?: { field: string; before: unknown; after: unknown }[];
  detail?: string;
  approvedBy?: string | null;
}

/** SHA-256 as lower-case hex, with the platform's Web Crypto (browser and Node alike). */
export const webCryptoSha256: Sha256Hex = async (text) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

const RETRY_FIRST_MS = 2_000;
const RETRY_MOST_MS = 60_000;

/**
 * This workstation's end of the audit log. Appends are queued one at a time so each entry links
 * to the one before; the chain's head is read from the database, so it survives restarts.
 *
 * An entry about a change that is already saved must never be lost: when it cannot be written
 * (`recordDurably`), it waits in a durable outbox and is retried, with growing pauses, until it
 * is written, also after a restart.
 */
export function createAuditLog(
  db: { audit: RxCollection<AuditEntry> },
  where: { workstationId: () => string; siteId: () => string; now: () => Date; sha256?: Sha256Hex; outbox?: AuditOutbox; onOutboxError?: (error: unknown) => void },
) {
  const sha256 = where.sha256 ?? webCryptoSha256;
  const outbox = where.outbox ?? memoryOutbox();
  const report = where.onOutboxError ?? ((error: unknown) => console.error('An audit entry could not be written yet; it is kept and will be retried', error));
  let queue: Promise<unknown> = Promise.resolve();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = RETRY_FIRST_MS;

  const head = async (): Promise<AuditEntry | null> => {
    const last = await db.audit
      .findOne({ selector: { workstationId: where.workstationId() }, sort: [{ workstationId: 'desc' }, { seq: 'desc' }] })
      .exec();
    return last ? (last.toJSON() as AuditEntry) : null;
  };

  const record = (event: AuditEvent): Promise<AuditEntry> => {
    const run = queue.then(async () => {
      const link = nextLink(await head());
      const entry = await sealEntry(
        {
          id: uuidv7(),
          workstationId: where.workstationId(),
          siteId: where.siteId(),
          at: event.at ?? where.now().toISOString(),
          actor: event.actor,
          actorName: event.actorName,
          action: event.action,
          patientId: event.patientId ?? null,
          subject: event.subject ?? '',
          changes: event.changes ?? [],
          detail: event.detail ?? '',
          approvedBy: event.approvedBy ?? null,
          ...link,
        },
        sha256,
      );
      await db.audit.insert(entry);
      return entry;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const scheduleRetry = () => {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flush();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MOST_MS);
  };

  /** Writes what waits in the outbox, oldest first; stops at the first that still fails. */
  const flush = async (): Promise<number> => {
    let written = 0;
    for (const { id, event } of outbox.list()) {
      try {
        await record(event);
      } catch (error) {
        report(error);
        scheduleRetry();
        return written;
      }
      outbox.remove(id);
      written++;
    }
    retryMs = RETRY_FIRST_MS;
    return written;
  };

  const sink = {
    /** Appends one entry and resolves once it is stored; rejects when it could not be. */
    record,
    /**
     * Appends one entry about a saved change; never rejects. Behind entries still waiting it
     * waits too, so the outbox keeps their order.
     */
    async recordDurably(event: AuditEvent): Promise<void> {
      const stamped = { ...event, at: event.at ?? where.now().toISOString() };
      if (outbox.list().length === 0) {
        try {
          await record(stamped);
          return;
        } catch (error) {
          report(error);
        }
      }
      try {
        outbox.add(stamped);
      } catch (error) {
        console.error('An audit entry could be neither written nor kept for later', stamped, error);
        return;
      }
      scheduleRetry();
    },
    flush,
    /** How many entries wait to be written. */
    pending: () => outbox.list().length,
    /** Stops retrying (the desk is closing); what waits stays in the outbox. */
    stop() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  } satisfies AuditSink & Record<string, unknown>;
  return sink;
}

export type AuditLog = ReturnType<typeof createAuditLog>;
