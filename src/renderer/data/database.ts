import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { AuditEntry } from '../../shared/audit/auditEntry';
import type { Staff } from '../../shared/auth/staff';
import type { Appointment } from '../../shared/schedule/appointment';
import type { CatalogEntry } from '../../shared/catalog/catalog';
import type { Coverage } from '../../shared/patients/coverage';
import type { PatientDocument } from '../../shared/patients/document';
import type { LedgerEntry } from '../../shared/payments/ledger';
import type { Patient } from '../../shared/patients/patient';
import { appendOnlyConflictHandler, appointmentConflictHandler, latestChangeWins, patientConflictHandler } from './conflicts';
import { appointmentMigrations, appointmentSchema } from '../features/schedule/appointmentsCollection';
import { auditMigrations, auditSchema } from '../features/audit/auditCollection';
import { catalogMigrations, catalogSchema } from '../features/catalog/catalogCollection';
import { coverageMigrations, coverageSchema } from '../features/patients/data/coveragesCollection';
import { documentMigrations, documentSchema } from '../features/patients/data/documentsCollection';
import { ledgerMigrations, ledgerSchema } from '../features/payments/ledgerCollection';
import { patientMigrations, patientSchema } from '../features/patients/data/patientsCollection';
import { staffMigrations, staffSchema } from '../features/staff/staffCollection';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type ClinicCollections = {
  patients: RxCollection<Patient>;
  appointments: RxCollection<Appointment>;
  ledger: RxCollection<LedgerEntry>;
  staff: RxCollection<Staff>;
  audit: RxCollection<AuditEntry>;
  catalog: RxCollection<CatalogEntry>;
  coverages: RxCollection<Coverage>;
  documents: RxCollection<PatientDocument>;
};
export type ClinicDatabase = RxDatabase<ClinicCollections>;

/**
 * Opens the workstation's clinic database. The storage is a parameter: Dexie on IndexedDB in the
 * app, RxDB's memory storage in Node tests. The fields each schema lists as `encrypted` are stored
 * encrypted with the workstation's key (AES through RxDB's crypto-js wrapper).
 */
export async function openClinicDatabase(options: {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** The workstation's database key from main (`keys:database`). */
  encryptionKey: string;
  onUnexpectedConflict?: (collection: string, local: unknown, server: unknown) => void;
  /**
   * Opens only these collections. RxDB's open-source build allows 13 open collections per
   * process, so a test that runs two workstations side by side opens the ones it uses; the app
   * always opens all of them.
   */
  only?: readonly (keyof ClinicCollections)[];
}): Promise<ClinicDatabase> {
  const report = options.onUnexpectedConflict ?? ((c, l, s) => console.error(`Unexpected change to an append-only ${c} record`, { local: l, server: s }));
  const db = await createRxDatabase<ClinicCollections>({
    name: options.name,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: options.storage }),
    password: options.encryptionKey,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const all = {
    patients: { schema: patientSchema, migrationStrategies: patientMigrations, conflictHandler: patientConflictHandler },
    appointments: { schema: appointmentSchema, migrationStrategies: appointmentMigrations, conflictHandler: appointmentConflictHandler },
    ledger: {
      schema: ledgerSchema,
      migrationStrategies: ledgerMigrations,
      conflictHandler: appendOnlyConflictHandler<LedgerEntry>((l, s) => report('ledger', l, s)),
    },
    staff: { schema: staffSchema, migrationStrategies: staffMigrations, conflictHandler: latestChangeWins<Staff>() },
    audit: {
      schema: auditSchema,
      migrationStrategies: auditMigrations,
      conflictHandler: appendOnlyConflictHandler<AuditEntry>((l, s) => report('audit', l, s)),
    },
    catalog: { schema: catalogSchema, migrationStrategies: catalogMigrations, conflictHandler: latestChangeWins<CatalogEntry>() },
    coverages: { schema: coverageSchema, migrationStrategies: coverageMigrations, conflictHandler: latestChangeWins<Coverage>() },
    documents: { schema: documentSchema, migrationStrategies: documentMigrations, conflictHandler: latestChangeWins<PatientDocument>() },
  };
  const wanted = options.only ? Object.fromEntries(Object.entries(all).filter(([name]) => options.only!.includes(name as keyof ClinicCollections))) : all;
  await db.addCollections(wanted as typeof all);
  return db;
}
