import { createContext, useContext } from 'react';
import type { ClinicDatabase } from '../data/database';
import type { AppointmentsRepo } from '../features/schedule/appointmentsRepo';
import type { AuditLog } from '../features/audit/auditLog';
import type { CatalogRepo } from '../features/catalog/catalogRepo';
import type { ClinicProfileRepo } from '../features/catalog/clinicProfileRepo';
import type { CoveragesRepo } from '../features/patients/data/coveragesRepo';
import type { DocumentsRepo } from '../features/patients/data/documentsRepo';
import type { LedgerRepo } from '../features/payments/ledgerRepo';
import type { PatientsRepo } from '../features/patients/data/patientsRepo';
import type { StaffRepo } from '../features/staff/staffRepo';
import type { DeskWorkContext } from '../data/workContext';
import type { PlatformClient } from '../platform/client';
import type { SessionControl } from '../features/signin/sessionControl';
import type { SyncController } from '../features/sync/syncController';

/** Everything a screen needs from the outside world, created once at start. */
export interface Desk {
  client: PlatformClient;
  db: ClinicDatabase;
  patients: PatientsRepo;
  coverages: CoveragesRepo;
  documents: DocumentsRepo;
  catalog: CatalogRepo;
  appointments: AppointmentsRepo;
  ledger: LedgerRepo;
  staff: StaffRepo;
  clinicProfile: ClinicProfileRepo;
  log: AuditLog;
  ctx: DeskWorkContext;
  session: SessionControl;
  sync: SyncController;
  /** Re-reads settings from main after a change. */
  refreshSettings(): Promise<void>;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk must be used inside DeskContext');
  return desk;
}
