import { createContext, useContext } from 'react';
import type { ClinicDatabase } from '../db/database';
import type { AppointmentsRepo } from '../db/repositories/appointmentsRepo';
import type { AuditLog } from '../db/repositories/auditLog';
import type { CatalogRepo } from '../db/repositories/catalogRepo';
import type { ClinicProfileRepo } from '../db/repositories/clinicProfileRepo';
import type { CoveragesRepo } from '../db/repositories/coveragesRepo';
import type { DocumentsRepo } from '../db/repositories/documentsRepo';
import type { LedgerRepo } from '../db/repositories/ledgerRepo';
import type { PatientsRepo } from '../db/repositories/patientsRepo';
import type { StaffRepo } from '../db/repositories/staffRepo';
import type { DeskWorkContext } from '../db/repositories/workContext';
import type { PlatformClient } from '../platform/client';
import type { SessionControl } from '../session/sessionControl';
import type { SyncController } from '../sync/syncController';

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
