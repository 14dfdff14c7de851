import type { SyncedCollection } from '../../../shared/sync/collections';

/** How each kind of synced record is named on screen. */
export const COLLECTION_LABEL: Record<SyncedCollection, string> = {
  patients: 'Patients',
  appointments: 'Appointments',
  ledger: 'Payments and ledger',
  staff: 'Staff',
  audit: 'Audit log',
  catalog: 'Clinic lists and profile',
  coverages: 'Insurance coverages',
  documents: 'Scanned documents',
  conflicts: 'Conflicts for review',
  visits: 'Visits (check-in to check-out)',
  drawers: 'Cash drawers',
};
