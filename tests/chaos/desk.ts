import nano from 'nano';
import { removeRxDatabase } from 'rxdb';
import { fieldEncryptionStorage } from '../../src/renderer/data/fieldEncryption';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Subscription } from 'rxjs';
import { setupClinicDatabases } from '../../src/main/sync/couchSetup';
import type { Conflict } from '../../src/shared/conflicts/conflict';
import { remoteDbName, SYNCED_COLLECTIONS } from '../../src/shared/sync/collections';
import { TEST_DATABASE_KEY } from '../fixtures/clinic';
import type { CouchServer } from '../support/couchServer';
import { numberSequence } from '../support/numbers';
import type { Random } from '../support/random';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { openWorkstation, type TestWorkstation } from '../support/workstation';
import { within } from './bounded';
import { stampKey } from './journal';

/**
 * The collections each workstation of a chaos run opens: what the desk writes (and the audit log
 * every write adds to). RxDB's open-source build allows 13 open collections per process, and every
 * workstation of a run lives in this one.
 */
export const CHAOS_COLLECTIONS = ['patients', 'appointments', 'ledger', 'audit', 'visits', 'drawers', 'catalog'] as const;
/**
 * The collections a run's workstations open, within RxDB's 13: two workstations open six each
 * (the visits, and the cash drawers when the run's seed is even or the catalog's forms wording and
 * logo when it is odd); three open four each, leaving the visits, the drawers and the catalog to
 * the runs of two (their payments are then taken outside a drawer).
 */
export function chaosCollections(workstations: number, seed: number): readonly ChaosCollection[] {
  if (workstations > 2) return CHAOS_COLLECTIONS.filter((c) => c !== 'visits' && c !== 'drawers' && c !== 'catalog');
  return CHAOS_COLLECTIONS.filter((c) => c !== (seed % 2 === 0 ? 'catalog' : 'drawers'));
}
// The conflicts each workstation keeps for review go to the run's list (`ChaosDesk.review`), not to
// a collection of its own: the sync of conflicts itself is tested in conflictReview.integration.test.ts.
export type ChaosCollection = (typeof CHAOS_COLLECTIONS)[number];

/** How long a replication's `cancel()` and a workstation's close may take. */
export const CANCEL_BOUND_MS = 10_000;
export const CLOSE_BOUND_MS = 10_000;

/** One workstation of the run, behind its own proxy, with its own clock and number sequences. */
export interface ChaosDesk {
  site: string;
  /** The collections this workstation opens and syncs (see chaosCollections). */
  collections: readonly ChaosCollection[];
  actor: string;
  ws: TestWorkstation;
  proxy: TcpProxy;
  random: Random;
  now: () => Date;
  nextMrn: () => Promise<string>;
  nextReceipt: () => Promise<string>;
  /** Things that must not happen: an append-only record changed, an audit entry not written. */
  problems: string[];
  /** Every replication error the workstation reported, network errors included. */
  replicationErrors: string[];
  /** How long each `replication.cancel()` and each close took. */
  cancelMs: number[];
  closeMs: number[];
  restarts: number;
  subscription: Subscription | null;
  /**
   * The version each local change of a patient or appointment was made on, by the record's id and
   * the new version's stamp (`id|stampKey`): which writes a later write saw and replaced.
   */
  bases: Map<string, string>;
  /** How far this workstation's clock runs from the real one. */
  skewMs: number;
  /** The conflicts this workstation's sync kept for a person to review. */
  review: Conflict[];
}

/** The fields of two versions of a record that differ, with both values. */
function fieldsThatDiffer(local: unknown, server: unknown): string {
  const a = (local ?? {}) as Record<string, unknown>;
  const b = (server ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return `${String(a['id'] ?? b['id'])}: ${keys.map((k) => `${k} here ${JSON.stringify(a[k])}, on the server ${JSON.stringify(b[k])}`).join('; ')}`.slice(0, 600);
}

/** Creates the clinic's databases with the server's validation rules, as `couchdb:setup` does. */
export async function setUpClinic(couch: CouchServer, prefix: string): Promise<void> {
  const url = new URL(couch.url);
  url.username = encodeURIComponent(couch.username);
  url.password = encodeURIComponent(couch.password);
  await setupClinicDatabases(nano({ url: url.href }), { prefix, role: 'clinicdesk' });
}

export async function tearDownClinic(couch: CouchServer, prefix: string): Promise<void> {
  for (const collection of SYNCED_COLLECTIONS) await couch.deleteDb(remoteDbName(prefix, collection));
}

async function connect(desk: Omit<ChaosDesk, 'ws'> & { ws?: TestWorkstation }, couch: CouchServer, prefix: string, name?: string): Promise<TestWorkstation> {
  const ws = await openWorkstation({
    couch,
    serverUrl: desk.proxy.url(couch.url),
    dbPrefix: prefix,
    siteId: desk.site,
    actor: desk.actor,
    roles: ['front-desk'],
    now: desk.now,
    only: desk.collections,
    nextMrn: desk.nextMrn,
    ...(name ? { name } : {}),
    conflictSink: async (conflicts) => {
      for (const c of conflicts) if (!desk.review.some((r) => r.id === c.id)) desk.review.push(c);
    },
    onUnexpectedConflict: (collection, local, server) =>
      desk.problems.push(`${desk.site}: an append-only ${collection} record differs from the server's: ${fieldsThatDiffer(local, server)}`),
    onAuditError: (error) => desk.problems.push(`${desk.site}: an audit entry could not be written: ${String(error)}`),
  });
  desk.subscription = ws.replication.error$.subscribe((message) => desk.replicationErrors.push(message));
  // Every local change passes here with the version it replaces (incremental writes retried on a
  // newer version pass again, so the last one is the one that was written).
  const remember = (data: { id: string; updatedAt: string; siteId: string; updatedBy: string }, old: { updatedAt: string; siteId: string; updatedBy: string }) => {
    desk.bases.set(`${data.id}|${stampKey(data)}`, stampKey(old));
  };
  ws.db.patients.preSave(remember, false);
  ws.db.appointments.preSave(remember, false);
  return ws;
}

/** Opens a workstation for `site` behind a new proxy; its clock runs `skewMs` off the real one. */
export async function openDesk(options: { couch: CouchServer; prefix: string; site: string; random: Random; skewMs: number; collections: readonly ChaosCollection[] }): Promise<ChaosDesk> {
  const target = new URL(options.couch.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const letter = options.site.slice(0, 1).toUpperCase();
  const desk = {
    site: options.site,
    collections: options.collections,
    actor: `desk-${options.site}`,
    proxy,
    random: options.random,
    now: () => new Date(Date.now() + options.skewMs),
    nextMrn: numberSequence(`${letter}1`),
    nextReceipt: numberSequence(`${letter}1`),
    problems: [],
    replicationErrors: [],
    cancelMs: [],
    closeMs: [],
    restarts: 0,
    subscription: null,
    bases: new Map<string, string>(),
    skewMs: options.skewMs,
    review: [] as Conflict[],
  };
  const ws = await connect(desk, options.couch, options.prefix);
  return Object.assign(desk, { ws });
}

/**
 * Cancels the workstation's replication and closes its database, each within its bound, as a
 * restart of the app or its end of day would; `remove` also deletes its local database.
 */
export async function closeDesk(desk: ChaosDesk, remove: boolean): Promise<void> {
  desk.cancelMs.push(await within(desk.ws.replication.cancel(), CANCEL_BOUND_MS, `${desk.site}: replication.cancel()`));
  desk.closeMs.push(await within(desk.ws.close(), CLOSE_BOUND_MS, `${desk.site}: closing the workstation`));
  desk.subscription?.unsubscribe();
  desk.subscription = null;
  if (remove) await removeRxDatabase(desk.ws.name, fieldEncryptionStorage({ storage: getRxStorageMemory() }), false, TEST_DATABASE_KEY);
}

/** Closes the workstation (whatever the network is doing) and opens it again on its own records. */
export async function restartDesk(desk: ChaosDesk, couch: CouchServer, prefix: string): Promise<void> {
  await closeDesk(desk, false);
  desk.ws = await connect(desk, couch, prefix, desk.ws.name);
  desk.restarts += 1;
}
