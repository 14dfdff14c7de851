import type { CouchServer } from '../support/couchServer';
import { uniqueDbPrefix } from '../support/couchServer';
import { createRandom, type Random } from '../support/random';
import { sleep, watchProcessErrors } from './bounded';
import { checkAgainstJournal, contested, differences, localCounts, localSnapshot, serverCounts, serverSnapshot, type Snapshot } from './checks';
import { currentLogo } from '../../src/shared/catalog/formLogo';
import { logoPng } from '../support/pictures';
import { chaosCollections, closeDesk, openDesk, restartDesk, setUpClinic, tearDownClinic, type ChaosDesk } from './desk';
import { Journal } from './journal';
import type { AppointmentId } from '../../src/shared/domain/ids';
import { changeVisit, OPERATION_WEIGHTS, runOperation, type OperationKind } from './operations';

const SITES = ['north', 'south', 'east'] as const;

/** What one run did and found. */
export interface RunResult {
  seed: number;
  mode: 'chaos' | 'convergence';
  workstations: number;
  operations: Record<OperationKind, number>;
  /** Operations a rule of the desk refused (nothing to check in, already checked in). */
  refused: number;
  /** Connections cut at a random byte, in a request and in a response. */
  cutsInRequest: number;
  cutsInResponse: number;
  /** Requests answered "503 Service Unavailable" (with a CouchDB-style JSON error) instead of reaching the server. */
  unavailable: number;
  /** Times a workstation's network went down (refused) or dead (hung) for a while. */
  outages: number;
  restarts: number;
  /** Records changed on more than one workstation without either seeing the other's change (see `contested`). */
  contested: { patients: number; appointments: number; heldForward: number; flow: number };
  /** Conflicts the workstations kept for a person to review (each once, wherever it was found). */
  reviewed: number;
  /** Whether the workstations' clocks disagreed (by up to two seconds). */
  clockSkew: boolean;
  /** From the network healing (the last reconnect) until every copy was the same; null if never. */
  convergeMs: number | null;
  /** The slowest `replication.cancel()` and workstation close of the run. */
  cancelMaxMs: number;
  closeMaxMs: number;
  /** Replication errors reported along the way (expected while the network is cut), by message. */
  replicationErrors: Record<string, number>;
  failures: string[];
  ms: number;
}

export interface RunOptions {
  /** Operations each workstation does. */
  operations: number;
  /** 2 or 3; drawn from the seed when absent (chaos mode). */
  workstations?: number;
  /** How long the copies may take to converge once the network is back. */
  convergeBoundMs?: number;
  log?: (line: string) => void;
}

/**
 * What the transport says when the network fails or a request is cancelled, and what the
 * replication says of the 503 answers the proxy gives; any other replication error fails the run.
 */
const NETWORK_ERROR = /^Cannot reach the sync server|^The sync request was cancelled|^The sync server answered 503 Service Unavailable/;

const NETWORK_STATES = { flaky: 5, failing: 1, down: 2, hang: 1, clean: 2 } as const;

/**
 * Makes one workstation's network unreliable while `running()` says so: random cuts in the middle
 * of traffic, a server that answers some requests "503 unavailable", outages (refused or hung)
 * and quiet spells, in random order and lengths.
 */
async function unreliableNetwork(desk: ChaosDesk, random: Random, running: () => boolean, counts: { outages: number }) {
  const { proxy } = desk;
  while (running()) {
    const state = random.weighted(NETWORK_STATES);
    const ms = random.int(100, state === 'hang' ? 800 : 1_500);
    if (state === 'flaky') proxy.chaos({ random: random.next, minBytes: 40, maxBytes: 120_000 });
    if (state === 'failing') proxy.chaos({ random: random.next, minBytes: 40, maxBytes: 120_000, unavailable: 0.3 });
    if (state === 'down' || state === 'hang') {
      proxy.cut(state === 'down' ? 'refuse' : 'hang');
      counts.outages += 1;
    }
    await sleep(ms);
    proxy.chaos(null);
    if (state === 'down' || state === 'hang') await proxy.restore();
  }
}

/** Waits until every workstation holds what the server holds; answers how long it took. */
async function awaitConvergence(couch: CouchServer, prefix: string, desks: readonly ChaosDesk[], boundMs: number): Promise<{ ms: number; server: Snapshot } | { ms: null; differences: string[] }> {
  const start = performance.now();
  let last: string[] = ['the copies were never compared'];
  for (;;) {
    const collections = desks[0]!.collections;
    const counts = await serverCounts(couch, prefix, collections);
    const local = await Promise.all(desks.map(localCounts));
    if (local.every((c) => c.join() === counts.join())) {
      const server = await serverSnapshot(couch, prefix, collections);
      last = [];
      for (const desk of desks) last.push(...differences(desk.site, await localSnapshot(desk), server));
      if (last.length === 0) return { ms: Math.round(performance.now() - start), server };
    } else {
      last = [`record counts (${collections.join('/')}): server ${counts.join('/')}, ${desks.map((d, i) => `${d.site} ${local[i]?.join('/')}`).join(', ')}`];
    }
    if (performance.now() - start > boundMs) {
      // Say which records are where, so the failure can be followed up.
      const server = await serverSnapshot(couch, prefix, collections);
      for (const desk of desks) last.push(...differences(desk.site, await localSnapshot(desk), server, 4));
      return { ms: null, differences: last };
    }
    await sleep(250);
  }
}

function emptyCounts(): Record<OperationKind, number> {
  return Object.fromEntries(Object.keys(OPERATION_WEIGHTS).map((k) => [k, 0])) as Record<OperationKind, number>;
}

/** Runs a desk's operations one after another, with short random pauses, counting them. */
async function work(desk: ChaosDesk, journal: Journal, count: number, result: RunResult, between: () => Promise<void>, midway?: () => Promise<void>) {
  for (let i = 0; i < count; i++) {
    if (midway && i === Math.floor(count / 2)) await midway();
    const outcome = await runOperation(desk, journal);
    result.operations[outcome.kind] += 1;
    if (outcome.refused) result.refused += 1;
    await between();
  }
}

/**
 * The shared part of both modes: a fresh clinic on the server, the workstations, the body of the
 * run, then convergence, the checks and bounded closes. Anything thrown becomes a failure of the
 * run, with the seed that replays it.
 */
async function run(couch: CouchServer, seed: number, mode: RunResult['mode'], options: RunOptions, body: (desks: ChaosDesk[], journal: Journal, result: RunResult, random: Random, prefix: string) => Promise<void>): Promise<RunResult> {
  const started = performance.now();
  const random = createRandom(seed);
  const errors = watchProcessErrors();
  const workstations = options.workstations ?? random.int(2, 3);
  const result: RunResult = {
    seed, mode, workstations, operations: emptyCounts(), refused: 0, cutsInRequest: 0, cutsInResponse: 0, unavailable: 0, outages: 0, restarts: 0, contested: { patients: 0, appointments: 0, heldForward: 0, flow: 0 }, reviewed: 0, clockSkew: false,
    convergeMs: null, cancelMaxMs: 0, closeMaxMs: 0, replicationErrors: {}, failures: [], ms: 0,
  };
  const prefix = uniqueDbPrefix();
  const desks: ChaosDesk[] = [];
  const journal = new Journal();
  try {
    await setUpClinic(couch, prefix);
    // Half the chaos runs put the workstations' clocks up to two seconds apart.
    const skewed = mode === 'chaos' && random.chance(0.5);
    result.clockSkew = skewed;
    for (const site of SITES.slice(0, workstations)) {
      desks.push(await openDesk({ couch, prefix, site, random: random.fork(site), skewMs: skewed ? random.int(-2_000, 2_000) : 0, collections: chaosCollections(workstations, seed) }));
    }
    await body(desks, journal, result, random, prefix);
    result.contested = contested(journal);
    const converged = await awaitConvergence(couch, prefix, desks, options.convergeBoundMs ?? 60_000);
    if (converged.ms === null) result.failures.push(`did not converge within ${options.convergeBoundMs ?? 60_000} ms: ${converged.differences.join(' || ')}`);
    else {
      result.convergeMs = converged.ms;
      result.reviewed = new Set(desks.flatMap((d) => d.review.map((c) => c.id))).size;
      result.failures.push(...(await checkAgainstJournal(converged.server, journal, desks)));
    }
  } catch (error) {
    result.failures.push(`the run stopped: ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' | ') : String(error)}`);
  } finally {
    for (const desk of desks) {
      try {
        await closeDesk(desk, true);
      } catch (error) {
        result.failures.push(String(error));
      }
      await desk.proxy.stop();
      const stats = desk.proxy.stats();
      result.cutsInRequest += stats.cutInRequest;
      result.cutsInResponse += stats.cutInResponse;
      result.unavailable += stats.unavailable;
      result.restarts += desk.restarts;
      const notNetwork = [...new Set(desk.replicationErrors.filter((m) => !NETWORK_ERROR.test(m)))];
      if (notNetwork.length > 0) result.failures.push(`${desk.site} reported replication errors that are not the network's: ${notNetwork.slice(0, 3).join(' || ')}`);
      for (const message of desk.replicationErrors) {
        const kind = message.replace(/\d+/g, 'N').slice(0, 140);
        result.replicationErrors[kind] = (result.replicationErrors[kind] ?? 0) + 1;
      }
      result.cancelMaxMs = Math.max(result.cancelMaxMs, ...desk.cancelMs);
      result.closeMaxMs = Math.max(result.closeMaxMs, ...desk.closeMs);
    }
    await tearDownClinic(couch, prefix).catch((error: unknown) => result.failures.push(`removing the clinic's databases: ${String(error)}`));
    // Anything a closed replication still had pending surfaces now rather than in the next run.
    await sleep(50);
    result.failures.push(...errors.drain());
    errors.stop();
    result.ms = Math.round(performance.now() - started);
  }
  return result;
}

/**
 * One chaos run: two or three workstations work at the desk at once while each one's network
 * cuts connections in the middle of requests and responses, goes down and comes back; one
 * workstation may be restarted halfway. Then the network heals and every copy must converge.
 */
export function chaosRun(couch: CouchServer, seed: number, options: RunOptions): Promise<RunResult> {
  return run(couch, seed, 'chaos', options, async (desks, journal, result, random, prefix) => {
    let working = true;
    const network = { outages: 0 };
    const restarting = random.chance(0.35) ? random.pick(desks) : null;
    const networks = desks.map((desk) => unreliableNetwork(desk, desk.random.fork('network'), () => working, network));
    try {
      await Promise.all(
        desks.map((desk) =>
          work(desk, journal, options.operations, result, () => sleep(desk.random.int(0, 30)), desk === restarting ? () => restartDesk(desk, couch, prefix) : undefined),
        ),
      );
      // A little more bad network after the last write, so its push meets it too.
      await sleep(random.int(0, 1_000));
    } finally {
      working = false;
      await Promise.all(networks);
    }
    result.outages = network.outages;
    for (const desk of desks) {
      desk.proxy.chaos(null);
      await desk.proxy.restore();
    }
    if (desks[0]!.collections.includes('visits')) await flowBoardOffline(desks, journal, result, random);
    if (desks[0]!.collections.includes('catalog')) await formsOffline(desks, journal, result, random);
  });
}

/**
 * Two managers change the forms while apart, once per run that syncs the catalog: every
 * workstation offline saves a logo and the financial policy's wording, each as the same next
 * version; after they reconnect every version is kept and all print with the same one.
 */
async function formsOffline(desks: readonly ChaosDesk[], journal: Journal, result: RunResult, random: Random) {
  // Every workstation first holds the same versions, so each offline save takes the same next number.
  const held = async (desk: ChaosDesk) => (await desk.ws.db.catalog.find().exec()).map((d) => d.id).sort().join(',');
  const start = performance.now();
  while (new Set(await Promise.all(desks.map(held))).size > 1) {
    if (performance.now() - start > 30_000) throw new Error('the catalog did not reach every workstation within 30 s');
    await sleep(200);
  }
  for (const desk of desks) desk.proxy.cut('refuse');
  const saved: { logo: number; wording: number }[] = [];
  for (const [i, desk] of desks.entries()) {
    const catalog = desk.ws.catalog!;
    desk.ws.grant('catalog.manage');
    const inUse = currentLogo(await catalog.formLogos());
    const png = [logoPng(64 + i * 8, 24), logoPng(72 + i * 8, 24)].find((p) => p !== inUse?.png)!;
    const logo = await catalog.saveFormLogo(png);
    journal.catalogEntry(desk.site, logo);
    desk.ws.grant('catalog.manage');
    const wording = await catalog.saveFormWording({ form: 'financial-policy', body: `The financial policy as ${desk.site} wrote it while offline (${random.int(1, 1_000_000)}).`, attestation: 'I agree to pay.' });
    journal.catalogEntry(desk.site, wording);
    saved.push({ logo: logo.logoVersion, wording: wording.wordingVersion });
    result.operations.catalog += 2;
  }
  if (new Set(saved.map((v) => `${v.logo}|${v.wording}`)).size > 1) result.failures.push(`the offline saves of the forms did not take the same next version: ${JSON.stringify(saved)}`);
  for (const desk of random.shuffle(desks)) await desk.proxy.restore();
}

/**
 * The flow board's conflict, once per run that syncs visits: a patient checked in at one
 * workstation, then moved on at every workstation while all are offline (roomed here, seen by the
 * provider or gone there); after they reconnect the visit holds every step and stands at the furthest.
 */
async function flowBoardOffline(desks: readonly ChaosDesk[], journal: Journal, result: RunResult, random: Random) {
  const [first] = desks as [ChaosDesk];
  // A patient already at the desk today is not checked in twice (their visit is found again), so another is tried.
  let id: string | undefined;
  for (let attempt = 0; attempt < 10 && !id; attempt++) {
    const before = new Set(journal.visits.keys());
    const arrived = await runOperation(first, journal, 'arrive');
    result.operations[arrived.kind] += 1;
    id = [...journal.visits.keys()].find((key) => !before.has(key));
  }
  if (!id) throw new Error('the shared visit was not started in 10 tries');
  const start = performance.now();
  while ((await Promise.all(desks.map((d) => d.ws.db.visits.findOne(id).exec()))).some((doc) => !doc)) {
    if (performance.now() - start > 30_000) throw new Error('the shared visit did not reach every workstation within 30 s');
    await sleep(200);
  }
  for (const desk of desks) desk.proxy.cut('refuse');
  for (const [i, desk] of desks.entries()) {
    const next = i === 0 ? { step: 'roomed' as const, roomId: '0193a000-0000-7000-8000-0000000000c1' } : random.pick([{ step: 'with-provider' as const }, { step: 'left' as const, reason: 'Could not wait' }]);
    journal.visit(desk.site, await desk.ws.visits.advance(id, next));
    result.operations.flow += 1;
  }
  for (const desk of random.shuffle(desks)) await desk.proxy.restore();
}

/**
 * Three workstations (or two) go offline together after sharing a starting set of records; each
 * does `operations` things on its own (editing shared records too), then they reconnect one by one
 * in random order, and every copy must converge.
 */
export function convergenceRun(couch: CouchServer, seed: number, options: RunOptions): Promise<RunResult> {
  return run(couch, seed, 'convergence', { ...options, workstations: options.workstations ?? 3 }, async (desks, journal, result, random) => {
    // A shared start: each registers four patients and books four visits, and all see everyone's.
    await Promise.all(
      desks.map(async (desk) => {
        for (const kind of ['register', 'register', 'register', 'register', 'book', 'book', 'book', 'book'] as const) {
          const outcome = await runOperation(desk, journal, kind);
          result.operations[outcome.kind] += 1;
        }
      }),
    );
    // Two more visits that only the end of the run changes (below).
    const [first, second] = desks as [ChaosDesk, ChaosDesk];
    const third = desks[2] ?? first;
    for (let i = 0; i < 2; i++) {
      const outcome = await runOperation(first, journal, 'book');
      result.operations[outcome.kind] += 1;
    }
    const reserved = [...journal.appointments.keys()].slice(-2) as AppointmentId[];
    for (const id of reserved) journal.reserved.add(id);
    await waitForEveryone(desks, journal, 30_000);
    for (const desk of desks) desk.proxy.cut('refuse');
    result.outages = desks.length;
    await Promise.all(desks.map((desk) => work(desk, journal, options.operations, result, async () => undefined)));
    // The conflict the appointment policy is for, as the last change of each reserved visit: checked
    // in at one workstation, then given a new reason at another that still holds it as booked.
    for (const id of reserved) {
      await changeVisit(second, journal, id, 'checkIn');
      await sleep(5);
      await changeVisit(third, journal, id, 'reason');
    }
    for (const [i, desk] of random.shuffle(desks).entries()) {
      if (i > 0) await sleep(random.int(0, 1_500));
      await desk.proxy.restore();
      options.log?.(`${desk.site} back online`);
    }
  });
}

/** Waits until every workstation holds every patient, appointment and payment written so far. */
async function waitForEveryone(desks: readonly ChaosDesk[], journal: Journal, boundMs: number) {
  const start = performance.now();
  const written = [journal.patients.size, journal.appointments.size, journal.ledger.size].join();
  for (;;) {
    const counts = await Promise.all(desks.map(async (d) => (await localCounts(d)).slice(0, 3).join()));
    if (counts.every((c) => c === written)) return;
    if (performance.now() - start > boundMs) throw new Error(`the shared start did not reach every workstation within ${boundMs} ms (written ${written}; held ${counts.join(' | ')})`);
    await sleep(200);
  }
}
