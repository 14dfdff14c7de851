import { defineFeature } from '../../app/feature';
import { auditCollection } from './auditCollection';
import { AuditScreen } from './AuditScreen';

/**
 * The audit log: every workstation's hash-chained entries, read by managers. The desk's own
 * writer (`createAuditLog`) is made with the work context, before any feature.
 */
export const auditFeature = defineFeature({
  id: 'audit',
  collections: { audit: auditCollection },
  repositories: (_db, { auditTrail }) => ({ auditTrail }),
  screens: [{ id: 'audit', label: 'Audit log', key: '5', component: AuditScreen }],
});
