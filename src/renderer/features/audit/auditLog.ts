import type { RxCollection } from 'rxdb';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../../shared/audit/auditEntry';
import { nextLink, sealEntry, type Sha256Hex } from '../../../shared/audit/chain';
import type { AuditSink } from '../../data/workContext';
import { memoryOutbox, type AuditOutbox, type OutboxItem } from './auditOutbox';

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
const MOST_CHANGES = 200;
const MOST_DETAIL = 1_000;
const MOST_SUBJECT = 200;

const cut = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);

/**
 * Fits an event within the entry's limits, so a long list (a merge that moved many records) is
 * shortened rather than refused: the entry is written, and says it was shortened.
 */
function fit(event: AuditEvent): AuditEvent {
  const changes = event.changes ?? [];
  const extra = changes.length > MOST_CHANGES ? ` (${changes.length - MOST_CHANGES} more changes not listed)` : '';
  const detail = (event.detail ?? '') + extra;
  return { ...event, changes: changes.slice(0, MOST_CHANGES), detail: detail.length > MOST_DETAIL ? cut(detail, MOST_DETAIL - extra.length) + extra : detail, subject: cut(event.subject ?? '', MOST_SUBJECT) };
}

/**
 * This workstation's end of the audit log. Appends are queued one at a time so each entry links
 * to the one before; the chain's head is read from the database, so it survives restarts.
 *
 * An entry about a change that is already saved must never be lost: when it cannot be written
 * (`recordDurably`), it waits in a durable outbox and is retried, with growing pauses, until it
 * is written, also after a restart. The outbox item's id becomes the entry's id, so an entry is
 * never written twice; one that can never be written (it breaks the schema) is set aside, so the
 * others still go on.
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
  let flushing: Promise<number> | null = null;
  let stopped = false;

  const head = async (): Promise<AuditEntry | null> => {
    const last = await db.audit
      .findOne({ selector: { workstationId: where.workstationId() }, sort: [{ workstationId: 'desc' }, { seq: 'desc' }] })
      .exec();
    return last ? (last.toJSON() as AuditEntry) : null;
  };

  const record = (event: AuditEvent, id: string = uuidv7()): Promise<AuditEntry> => {
    const run = queue.then(async () => {
      const written = await db.audit.findOne(id).exec();
      if (written) return written.toJSON() as AuditEntry;
      const fitted = fit(event);
      const link = nextLink(await head());
      const entry = await sealEntry(
        {
          id,
          workstationId: where.workstationId(),
          siteId: where.siteId(),
          at: fitted.at ?? where.now().toISOString(),
          actor: fitted.actor,
          actorName: fitted.actorName,
          action: fitted.action,
          patientId: fitted.patientId ?? null,
          subject: fitted.subject ?? '',
          changes: fitted.changes ?? [],
          detail: fitted.detail ?? '',
          approvedBy: fitted.approvedBy ?? null,
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
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flush();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MOST_MS);
  };

  const writeOne = async (item: OutboxItem): Promise<boolean> => {
    try {
      await record(item.event, item.id);
    } catch (error) {
      if (error instanceof z.ZodError) {
        await outbox.setAside(item, z.prettifyError(error));
        console.error('An audit entry breaks the schema and was set aside', item, error);
        return true;
      }
      report(error);
      scheduleRetry();
      return false;
    }
    await outbox.remove(item.id);
    return true;
  };

  /** Writes what waits in the outbox, oldest first; stops at the first that still fails. One at a time. */
  const flush = (): Promise<number> => {
    flushing ??= (async () => {
      let written = 0;
      try {
        for (const item of await outbox.list()) {
          if (!(await writeOne(item))) return written;
          written++;
        }
        retryMs = RETRY_FIRST_MS;
        return written;
      } catch (error) {
        report(error);
        scheduleRetry();
        return written;
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  };

  const sink = {
    /** Appends one entry and resolves once it is stored; rejects when it could not be. */
    record: (event: AuditEvent) => record(event),
    /**
     * Appends one entry about a saved change; never rejects. While entries wait in the outbox a
     * new one joins them, so they are written in order.
     */
    async recordDurably(event: AuditEvent): Promise<void> {
      const item = { id: uuidv7(), event: { ...event, at: event.at ?? where.now().toISOString() } };
      try {
        if (!flushing && (await outbox.list()).length === 0) {
          try {
            await record(item.event, item.id);
            return;
          } catch (error) {
            report(error);
          }
        }
        await outbox.add(item);
      } catch (error) {
        console.error('An audit entry could be neither written nor kept for later', item.event, error);
        return;
      }
      scheduleRetry();
    },
    flush,
    /** How many entries wait to be written. */
    pending: async () => (await outbox.list()).length,
    /** Stops retrying (the desk is closing); what waits stays in the outbox for the next start. */
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  } satisfies AuditSink & Record<string, unknown>;
  return sink;
}

export type AuditLog = ReturnType<typeof createAuditLog>;
