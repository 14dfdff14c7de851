import type { AuditEntry } from '../../../shared/audit/auditEntry';

const COLUMNS = ['at', 'workstationId', 'seq', 'siteId', 'actorName', 'actor', 'action', 'patientId', 'subject', 'detail', 'approvedBy', 'changes'] as const;

/** One CSV cell: quoted when needed, and never starting like a spreadsheet formula. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit entries as CSV with a header row, oldest first as given. */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => COLUMNS.map((c) => cell(e[c])).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
