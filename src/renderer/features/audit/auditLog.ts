import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, AuditEntry } from '../../../shared/audit/auditEntry';
import { nextLink, sealEntry, type Sha256Hex } from '../../../shared/audit/chain';
import type { ClinicDatabase } from '../../data/database';

export interface AuditEvent {
  action: AuditAction;
  actor: string;
  actorName: string;
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

/**
 * This workstation's end of the audit log. Appends are queued one at a time so each entry links
 * to the one before; the chain's head is read from the database, so it survives restarts.
 */
export function createAuditLog(db: ClinicDatabase, where: { workstationId: () => string; siteId: () => string; now: () => Date; sha256?: Sha256Hex }) {
  const sha256 = where.sha256 ?? webCryptoSha256;
  let queue: Promise<unknown> = Promise.resolve();

  const head = async (): Promise<AuditEntry | null> => {
    const last = await db.audit
      .findOne({ selector: { workstationId: where.workstationId() }, sort: [{ workstationId: 'desc' }, { seq: 'desc' }] })
      .exec();
    return last ? (last.toJSON() as AuditEntry) : null;
  };

  return {
    /** Appends one entry and resolves once it is stored. */
    record(event: AuditEvent): Promise<AuditEntry> {
      const run = queue.then(async () => {
        const link = nextLink(await head());
        const entry = await sealEntry(
          {
            id: uuidv7(),
            workstationId: where.workstationId(),
            siteId: where.siteId(),
            at: where.now().toISOString(),
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
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
