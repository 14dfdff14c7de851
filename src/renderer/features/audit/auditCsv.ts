import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { csvCell } from '../../../shared/domain/csv';

const COLUMNS = ['at', 'workstationId', 'seq', 'siteId', 'actorName', 'actor', 'action', 'patientId', 'subject', 'detail', 'approvedBy', 'changes'] as const;

/** A value as CSV: text as it is, anything else as JSON, nothing as empty. */
const cell = (value: unknown): string => csvCell(value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** The audit entries as CSV with a header row, oldest first as given. */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => COLUMNS.map((c) => cell(e[c])).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
