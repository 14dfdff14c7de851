import type { RxCollection } from 'rxdb';
import type { AuditAction, AuditEntry } from '../../../shared/audit/auditEntry';

/**
 * Reading the audit log: every workstation's entries once they have synced. Entries are read as
 * stored, so the chain check sees exactly what is there.
 */
export function createAuditTrail(db: { audit: RxCollection<AuditEntry> }) {
  return {
    /** Every entry, newest first. Callers check `audit.read` and audit the reading. */
    async all(): Promise<AuditEntry[]> {
      return (await db.audit.find({ sort: [{ at: 'desc' }] }).exec()).map((d) => d.toJSON() as AuditEntry);
    },
    /** Entries since an instant whose subject starts with a prefix (`day close `), newest first. */
    async since(at: string, subjectPrefix: string): Promise<AuditEntry[]> {
      const entries = (await db.audit.find({ selector: { at: { $gte: at } }, sort: [{ at: 'desc' }] }).exec()).map((d) => d.toJSON() as AuditEntry);
      return entries.filter((e) => e.subject.startsWith(subjectPrefix));
    },
    /**
     * The entries about one record of a patient (`patients/<id>`), newest first; within one
     * instant, a workstation's later entry first.
     */
    async about(patientId: string, subject: string, actions: readonly AuditAction[]): Promise<AuditEntry[]> {
      const entries = (await db.audit.find({ selector: { patientId, action: { $in: [...actions] } } }).exec()).map((d) => d.toJSON() as AuditEntry);
      return entries.filter((e) => e.subject === subject).sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1));
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
