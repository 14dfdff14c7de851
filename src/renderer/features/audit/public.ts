/** What other features may use of audit: everything else in this folder is its own. */
export { type AuditLog } from './auditLog';
export { type AuditTrail } from './auditTrail';
