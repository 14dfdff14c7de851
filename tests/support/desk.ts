import { createDispatcher, type Handlers } from '../../src/main/ipc/registry';
import { buildDesk } from '../../src/renderer/app/buildDesk';
import type { ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import type { Actor } from '../../src/renderer/data/workContext';
import type { AuditOutbox } from '../../src/renderer/features/audit/auditOutbox';
import { createPlatformClient, type PlatformClient } from '../../src/renderer/platform/client';
import type { Role } from '../../src/shared/auth/permissions';
import type { Settings } from '../../src/shared/settings/channels';
import { numberSequence } from './numbers';

/** A workstation's settings as main reports them, for a desk under test. */
export function testSettings(over: Partial<Settings> = {}): Settings {
  return {
    workstationId: 'ws-1',
    workstationPrefix: 'N1',
    siteId: 'north',
    clinic: { name: 'Northside Family Clinic', address: '1 Main St, Springfield, IL 62701', phone: '(555) 010-1000', timeZone: 'America/Chicago', npi: '', taxId: '', demo: false },
    sync: null,
    receiptPrinter: null,
    documentPrinter: null,
    labelPrinter: null,
    labelStock: '2.25x1.25in' as const,
    printCopies: { receipt: 1, document: 1, label: 1 },
    pdfOnlyKinds: [],
    receiptPaper: 'thermal-80mm',
    documentPaper: 'letter',
    receiptAutoPrint: true,
    lockMinutes: 5,
    syncMode: { kind: 'live' },
    setupComplete: true,
    ...over,
  };
}

/**
 * A client of main for a desk under test: the given handlers through the real dispatcher (so
 * requests and answers are checked against the contract), numbers from the workstation's prefix.
 */
export function testClient(prefix: string, handlers: Partial<Handlers> = {}): PlatformClient {
  const next = numberSequence(prefix);
  const dispatch = createDispatcher({ 'numbers:next': async () => ({ value: await next() }), ...handlers } as Handlers, { error: () => undefined });
  return createPlatformClient({ host: 'web', invoke: (channel, payload) => dispatch(channel, payload, { transport: 'web' }), on: () => () => undefined });
}

/** A desk built from the features' list exactly as the app builds it, over a test database. */
export function openTestDesk(
  db: ClinicDatabase,
  options: {
    actor?: () => Actor;
    roles?: () => Role[];
    now?: () => Date;
    settings?: Partial<Settings>;
    client?: PlatformClient;
    outbox?: AuditOutbox;
  } = {},
) {
  const settings = testSettings(options.settings);
  const actor = options.actor ?? (() => ({ id: 'staff-1', name: 'Morgan Lee', roles: options.roles?.() ?? ['front-desk'] }));
  return buildDesk({
    db,
    client: options.client ?? testClient(settings.workstationPrefix),
    settings: () => settings,
    actor,
    ...(options.now ? { now: options.now } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
}

/** The work context's patient check straight from a test database, for repositories built by hand. */
export function patientLookup(db: Pick<ClinicDatabase, 'patients'>) {
  return async (id: string) => {
    const doc = await db.patients.findOne(id).exec();
    return doc ? { status: doc.status, mergedInto: String(doc.mergedInto) } : null;
  };
}

/** A cash drawer opened for a day at the test desk's workstation (`ws-1`), written straight into the database (no audit entry). */
export async function openedDrawer(db: Pick<ClinicDatabase, 'drawers'>, businessDate: string, workstationId = 'ws-1') {
  const id = '0193a000-0000-7000-8000-0000000d0001';
  await db.drawers.insert({ id, sessionId: id, kind: 'open', workstationId, workstationName: 'N1', siteId: 'north', businessDate, floatCents: 10_000, note: '', createdAt: `${businessDate}T06:00:00.000Z`, createdBy: 'staff-1' });
  return id;
}
