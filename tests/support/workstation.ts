import type { Permission } from '../../src/shared/auth/permissions';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDispatcher, type Handlers } from '../../src/main/ipc/registry';
import { createSyncTransport } from '../../src/main/sync/transport';
import { openClinicDatabase, type ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import { createAppointmentsRepo } from '../../src/renderer/features/schedule/appointmentsRepo';
import { createVisitsRepo } from '../../src/renderer/features/checkin/visitsRepo';
import { createDrawersRepo } from '../../src/renderer/features/payments/drawersRepo';
import { createCatalogRepo } from '../../src/renderer/features/catalog/catalogRepo';
import { appointmentTypeFees, createLedgerRepo } from '../../src/renderer/features/payments/ledgerRepo';
import { createConflictsRepo } from '../../src/renderer/features/conflicts/conflictsRepo';
import { createAuditLog } from '../../src/renderer/features/audit/auditLog';
import { createPatientsRepo } from '../../src/renderer/features/patients/data/patientsRepo';
import { createAuditTrail } from '../../src/renderer/features/audit/auditTrail';
import { startPatientFinder } from '../../src/renderer/features/patients/finder/patientFinderIndex';
import { createWorkContext } from '../../src/renderer/data/workContext';
import type { ConflictSink } from '../../src/renderer/data/conflicts';
import type { Role } from '../../src/shared/auth/permissions';
import { createPlatformClient } from '../../src/renderer/platform/client';
import { createMainFetch } from '../../src/renderer/features/sync/mainFetch';
import { startClinicReplication, type ClinicReplication } from '../../src/renderer/features/sync/replication';
import { patientLookup } from './desk';
import { TEST_DATABASE_KEY } from '../fixtures/clinic';
import type { CouchServer } from './couchServer';
import { numberSequence } from './numbers';

export interface TestWorkstation {
  db: ClinicDatabase;
  /** The local database's name, to open this workstation again after `close()`. */
  name: string;
  patients: ReturnType<typeof createPatientsRepo>;
  appointments: ReturnType<typeof createAppointmentsRepo>;
  visits: ReturnType<typeof createVisitsRepo>;
  ledger: ReturnType<typeof createLedgerRepo>;
  /** The workstation's cash drawer, when it opens the drawers collection. */
  drawers: ReturnType<typeof createDrawersRepo> | null;
  /** The clinic's reference lists, when it opens the catalog collection. */
  catalog: ReturnType<typeof createCatalogRepo> | null;
  /** A manager's approval for the next attempt of one action, as the approval dialog gives it. */
  grant(permission: Permission): void;
  /** Conflicts for review (open the `conflicts` collection with the records it is about). */
  conflicts: ReturnType<typeof createConflictsRepo>;
  replication: ClinicReplication;
  /** Stops the replication (if running) and starts it again where it left off. */
  restartReplication(): Promise<ClinicReplication>;
  /** Stops the replication; the database stays open. */
  stopReplication(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * One workstation as the app builds it: the renderer's database, repositories and replication,
 * whose every HTTP request goes through the contract to main's real sync transport. Only the
 * wire between them is a direct call instead of IPC.
 */
export async function openWorkstation(options: {
  couch: CouchServer;
  serverUrl: string;
  dbPrefix: string;
  siteId: string;
  actor: string;
  roles?: Role[];
  now?: () => Date;
  /** The workstation's sync password; the server's by default. */
  password?: string;
  /** The collections to open: all by default; two side by side must stay within RxDB's 13. */
  only?: Parameters<typeof openClinicDatabase>[0]['only'];
  /** False: the replication starts only at `restartReplication()`. */
  replicate?: boolean;
  /** The local database's name: give the name of a closed workstation to open it again with its records. */
  name?: string;
  /** Where MRNs come from: a fresh sequence by default; pass one to keep counting across a reopen. */
  nextMrn?: () => Promise<string>;
  /** Called instead of logging when an append-only record was found changed on the server. */
  onUnexpectedConflict?: (collection: string, local: unknown, server: unknown) => void;
  /** Where conflicts for review go instead of the `conflicts` collection. */
  conflictSink?: ConflictSink;
  /** Called instead of logging when an audit entry could not be written and waits to be retried. */
  onAuditError?: (error: unknown) => void;
}): Promise<TestWorkstation> {
  const transport = createSyncTransport({
    getConfig: async () => ({ url: options.serverUrl, username: options.couch.username, password: options.password ?? options.couch.password, dbPrefix: options.dbPrefix }),
    fetch: globalThis.fetch,
    requestTimeoutMs: 5_000,
  });
  const dispatch = createDispatcher(
    {
      'sync:fetch': (req) => transport.perform(req),
      'sync:abort': (req) => {
        transport.abort(req.requestId);
        return {};
      },
    } as Partial<Handlers> as Handlers,
    { error: () => undefined },
  );
  const client = createPlatformClient({
    host: 'web',
    invoke: (channel, payload) => dispatch(channel, payload, { transport: 'web' }),
    on: () => () => undefined,
  });
  const name = options.name ?? `ws${Date.now()}${counter++}`;
  const db = await openClinicDatabase({
    name,
    storage: getRxStorageMemory(),
    encryptionKey: TEST_DATABASE_KEY,
    ...(options.only ? { only: options.only } : {}),
    ...(options.onUnexpectedConflict ? { onUnexpectedConflict: options.onUnexpectedConflict } : {}),
    ...(options.conflictSink ? { conflictSink: options.conflictSink } : {}),
  });
  const now = options.now ?? (() => new Date());
  const log = createAuditLog(db, { workstationId: () => `ws-${options.siteId}`, siteId: () => options.siteId, now, ...(options.onAuditError ? { onOutboxError: options.onAuditError } : {}) });
  const ctx = createWorkContext({
    actor: () => ({ id: options.actor, name: options.actor, roles: options.roles ?? ['front-desk'] }),
    siteId: () => options.siteId,
    timeZone: () => 'America/Chicago',
    now,
    log,
    patients: patientLookup(db),
  });
  const start = () => startClinicReplication(db, { url: options.serverUrl, dbPrefix: options.dbPrefix }, createMainFetch(client));
  let running = options.replicate === false ? null : start();
  // A workstation that does not open the drawers collection (a chaos run of three, see chaosCollections) takes payments outside a drawer.
  const drawers = db.drawers ? createDrawersRepo(db, ctx, { workstationId: () => `ws-${name}`, workstationName: () => options.siteId.slice(0, 1).toUpperCase() }) : null;
  const workstation: TestWorkstation = {
    db,
    name,
    patients: createPatientsRepo(db, ctx, (await startPatientFinder(db)).finder, options.nextMrn ?? numberSequence(`${options.siteId.slice(0, 1).toUpperCase()}1`), createAuditTrail(db)),
    appointments: createAppointmentsRepo(db, ctx),
    visits: createVisitsRepo(db, ctx),
    ledger: createLedgerRepo(db, ctx, { identities: async (id) => [id], feeSchedule: appointmentTypeFees(db), drawerFor: drawers ? drawers.sessionFor : async () => '' }),
    drawers,
    catalog: db.catalog ? createCatalogRepo(db, ctx) : null,
    grant: (permission) => ctx.grantOverride({ permission, managerId: 'staff-manager', managerName: 'Robin Manager' }),
    conflicts: createConflictsRepo(db, ctx),
    get replication() {
      if (!running) throw new Error('The replication of this workstation is not running');
      return running;
    },
    async restartReplication() {
      await workstation.stopReplication();
      running = start();
      return running;
    },
    async stopReplication() {
      const old = running;
      running = null;
      if (old) await old.cancel();
      transport.abortAll();
    },
    async close() {
      await workstation.stopReplication();
      await db.close();
    },
  };
  return workstation;
}
