import { accountOf } from '../../src/shared/payments/account';
import { LedgerEntrySchema, type LedgerEntry } from '../../src/shared/payments/ledger';
import { canonicalJson, verifyChains, type ChainHead } from '../../src/shared/audit/chain';
import { furthestStep, type Visit } from '../../src/shared/checkin/visit';
import { APPOINTMENT_PROGRESS, type Appointment } from '../../src/shared/schedule/appointment';
import { PATIENT_REVIEW } from '../../src/renderer/features/patients/data/patientsCollection';
import { APPOINTMENT_REVIEW } from '../../src/renderer/features/schedule/appointmentsCollection';
import { groupValues, type Conflict, type ReviewGroup } from '../../src/shared/conflicts/conflict';
import { remoteDbName } from '../../src/shared/sync/collections';
import { CatalogEntrySchema } from '../../src/shared/catalog/catalog';
import type { CouchServer } from '../support/couchServer';
import { sha256Hex } from '../support/sha256';
import type { ChaosCollection, ChaosDesk } from './desk';
import { stampKey, type Journal, type Written } from './journal';

type Doc = Record<string, unknown>;
/** Each collection's documents by id, without CouchDB's and RxDB's own fields (the collections the run's workstations open). */
export type Snapshot = Partial<Record<ChaosCollection, Map<string, Doc>>> & Record<Exclude<ChaosCollection, 'visits' | 'drawers' | 'catalog'>, Map<string, Doc>>;

/** A document as the app sees it: no `_rev`, `_meta`, `_attachments` or `_deleted`; CouchDB's `_id` is `id`. */
function plain(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) out[key] = value;
  if (typeof doc['_id'] === 'string') out['id'] = doc['_id'];
  return out;
}

export async function localSnapshot(desk: ChaosDesk): Promise<Snapshot> {
  const snapshot = {} as Snapshot;
  for (const collection of desk.collections) {
    const docs = await desk.ws.db[collection].find().exec();
    snapshot[collection] = new Map(docs.map((d) => [d.primary, plain(d.toJSON() as Doc)]));
  }
  return snapshot;
}

export async function serverSnapshot(couch: CouchServer, prefix: string, collections: readonly ChaosCollection[]): Promise<Snapshot> {
  const snapshot = {} as Snapshot;
  for (const collection of collections) {
    const docs = await couch.allDocs(remoteDbName(prefix, collection));
    snapshot[collection] = new Map(docs.map((d) => [d._id, plain(d)]));
  }
  return snapshot;
}

/** How many records each collection holds, cheaply: the first sign of convergence. */
export async function localCounts(desk: ChaosDesk): Promise<number[]> {
  return Promise.all(desk.collections.map((c) => desk.ws.db[c].count().exec()));
}

export async function serverCounts(couch: CouchServer, prefix: string, collections: readonly ChaosCollection[]): Promise<number[]> {
  return Promise.all(
    collections.map(async (c) => {
      const res = await couch.request('GET', `/${remoteDbName(prefix, c)}/_all_docs`);
      if (res.status !== 200) throw new Error(`Listing ${c} on the server failed with ${res.status}`);
      return (res.body as { rows: { id: string }[] }).rows.filter((r) => !r.id.startsWith('_design/')).length;
    }),
  );
}

/** Where two snapshots differ, at most `limit` lines. */
export function differences(label: string, got: Snapshot, want: Snapshot, limit = 8): string[] {
  const out: string[] = [];
  for (const collection of Object.keys(want) as ChaosCollection[]) {
    const a = got[collection] ?? new Map<string, Doc>();
    const b = want[collection]!;
    for (const [id, doc] of b) {
      const mine = a.get(id);
      if (!mine) out.push(`${label} lacks ${collection}/${id}`);
      else if (canonicalJson(mine) !== canonicalJson(doc)) out.push(`${label} holds another ${collection}/${id}: ${describeDiff(mine, doc)}`);
    }
    for (const id of a.keys()) if (!b.has(id)) out.push(`${label} has ${collection}/${id} that the server lacks`);
  }
  return out.length > limit ? [...out.slice(0, limit), `… and ${out.length - limit} more`] : out;
}

/** The fields in which `got` differs from `want`, each with both values. */
function describeDiff(got: Doc, want: Doc, wantLabel = 'the server'): string {
  const keys = [...new Set([...Object.keys(got), ...Object.keys(want)])].filter((k) => canonicalJson(got[k] ?? null) !== canonicalJson(want[k] ?? null));
  return keys.map((k) => `${k} ${JSON.stringify(got[k])} (${wantLabel}: ${JSON.stringify(want[k])})`).join('; ').slice(0, 400);
}

type Stamped = { updatedAt: string; siteId: string; updatedBy: string };

/** The write that wins under "latest change wins" (conflicts.ts `newerOf`); the journal order breaks a full tie. */
function latest<T extends Stamped>(writes: readonly Written<T>[]): Written<T> {
  return writes.reduce((a, b) => {
    if (a.doc.updatedAt !== b.doc.updatedAt) return a.doc.updatedAt > b.doc.updatedAt ? a : b;
    if (a.doc.siteId !== b.doc.siteId) return a.doc.siteId > b.doc.siteId ? a : b;
    if (a.doc.updatedBy !== b.doc.updatedBy) return a.doc.updatedBy > b.doc.updatedBy ? a : b;
    return a.order > b.order ? a : b;
  });
}

/** The writes no later write was made on: the versions that compete when copies meet. */
export function heads<T extends Stamped>(writes: readonly Written<T>[]): Written<T>[] {
  const replaced = new Set(writes.flatMap((w) => (w.base ? [w.base] : [])));
  return writes.filter((w) => !replaced.has(stampKey(w.doc)));
}

/**
 * Records whose competing changes came from more than one workstation (the conflicts of the run),
 * and visits whose latest change was made on a copy less advanced than another workstation's (a
 * "booked" copy edited after the patient was checked in elsewhere), which must not move back.
 */
export function contested(journal: Journal): { patients: number; appointments: number; heldForward: number; flow: number } {
  const count = (records: Map<string, Written<Stamped>[]>) => [...records.values()].filter((writes) => new Set(heads(writes).map((w) => w.site)).size > 1).length;
  const heldForward = [...journal.appointments.values()].filter(
    (writes) => APPOINTMENT_PROGRESS[latest(writes).doc.status] < Math.max(...writes.map((w) => APPOINTMENT_PROGRESS[w.doc.status])),
  ).length;
  // Visits on the flow board moved at two or more workstations: their steps merge.
  const flow = [...journal.visits.values()].filter((writes) => new Set(writes.map((w) => w.site)).size > 1).length;
  return { patients: count(journal.patients), appointments: count(journal.appointments), heldForward, flow };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Checks the converged server copy against what was written: every record there exactly once and
 * nothing else, payments and their receipt numbers unique and unchanged, MRNs unique, each
 * mutable record as its collection's conflict policy says, every workstation's audit chain whole.
 */
export async function checkAgainstJournal(server: Snapshot, journal: Journal, desks: readonly ChaosDesk[]): Promise<string[]> {
  const failures: string[] = [];
  const limit = (list: string[], what: string) => {
    if (list.length > 0) failures.push(`${what}: ${list.length}; first: ${list.slice(0, 3).join(' || ')}`);
  };

  // Payments: each written once, unchanged, nothing else; receipt numbers unique.
  const ledger = server.ledger;
  limit([...journal.ledger.keys()].filter((id) => !ledger.has(id)), 'payments lost');
  limit([...ledger.keys()].filter((id) => !journal.ledger.has(id)), 'payments on the server that no workstation took');
  limit(
    [...journal.ledger.values()].filter((w) => ledger.has(w.doc.id) && !same(ledger.get(w.doc.id), w.doc)).map((w) => w.doc.id),
    'payments changed',
  );
  // One receipt per payment transaction (its tenders share it); charges, allocations and the rest have none.
  const receipts = new Map<string, string>();
  for (const e of ledger.values()) if (e['kind'] === 'payment') receipts.set(String(e['transactionId'] || e['id']), String(e['receiptNumber']));
  limit(duplicates([...receipts.values()]), 'receipt numbers used twice');

  // Every patient's account on the server: each entry readable, no payment or charge over-applied, and
  // (where nothing from two offline desks collided) what is owed on charges less the credit is the balance.
  const unreadable = [...ledger.values()].filter((e) => !LedgerEntrySchema.safeParse(e).success).map((e) => String(e['id']));
  limit(unreadable, 'ledger entries on the server that do not read');
  const byPatient = new Map<string, LedgerEntry[]>();
  for (const e of ledger.values()) {
    const parsed = LedgerEntrySchema.safeParse(e);
    if (parsed.success) byPatient.set(parsed.data.patientId, [...(byPatient.get(parsed.data.patientId) ?? []), parsed.data]);
  }
  const overApplied: string[] = [];
  const unbalanced: string[] = [];
  for (const [patientId, list] of byPatient) {
    const account = accountOf(list);
    for (const p of account.payments.values()) if (p.paid.reduce((s, x) => s + x.amountCents, 0) > p.availableCents) overApplied.push(p.entry.id);
    for (const c of account.charges.values()) if (c.paidCents > Math.max(0, c.entry.amountCents - c.adjustedCents)) overApplied.push(c.entry.id);
    if (account.problems.length === 0 && account.totals.balanceCents !== account.totals.openCents - account.totals.creditCents) unbalanced.push(patientId);
  }
  limit(overApplied, 'payments or charges applied past their amount');
  limit(unbalanced, 'accounts whose balance is not what is owed less the credit');

  // Mutable records merge field by field: each field holds one of its competing changes, never one
  // an edit made on top of it replaced (see fieldPolicy).

  // Patients: each registered once with its MRN; MRNs unique; each field as the merge leaves it.
  const patients = server.patients;
  limit([...journal.patients.keys()].filter((id) => !patients.has(id)), 'patients lost');
  limit([...patients.keys()].filter((id) => !journal.patients.has(id)), 'patients on the server that no workstation registered');
  limit(duplicates([...patients.values()].map((p) => String(p['mrn']))), 'MRNs used twice');
  limit(
    [...journal.patients].flatMap(([id, writes]) => {
      const onServer = patients.get(id);
      return onServer ? fieldPolicy(id, onServer, writes as unknown as readonly Written<Doc & Stamped>[], new Set()) : [];
    }),
    'patients against their policy',
  );

  // Appointments: the fields of a winning change, and the most advanced status any copy reached.
  const appointments = server.appointments;
  limit([...journal.appointments.keys()].filter((id) => !appointments.has(id)), 'appointments lost');
  limit([...appointments.keys()].filter((id) => !journal.appointments.has(id)), 'appointments on the server that no workstation booked');
  limit(
    [...journal.appointments].flatMap(([id, writes]) => {
      const onServer = appointments.get(id) as Appointment | undefined;
      return onServer ? appointmentPolicy(id, onServer, writes) : [];
    }),
    'appointments against their policy',
  );

  // Visits: every step any workstation recorded is kept, none made up, and the visit stands at the furthest.
  // The catalog's versions of the forms' wording and logo: each version saved is a record of its own, never
  // changed, so every one reaches the server unchanged and readable, and nothing else is there; the
  // workstations then agree on the wording and logo in use because they hold the same records.
  const catalog = server.catalog ?? new Map<string, Doc>();
  if (journal.catalog.size > 0 && !server.catalog) failures.push('catalog records were written on workstations that do not sync them');
  limit([...journal.catalog.keys()].filter((id) => !catalog.has(id)), 'versions of the forms’ wording or logo lost');
  limit([...catalog.keys()].filter((id) => !journal.catalog.has(id)), 'catalog records on the server that no workstation wrote');
  limit([...journal.catalog.values()].filter((w) => catalog.has(w.doc.id) && !same(catalog.get(w.doc.id), w.doc)).map((w) => w.doc.id), 'versions of the forms’ wording or logo changed');
  limit([...catalog.values()].filter((d) => !CatalogEntrySchema.safeParse(d).success).map((d) => String(d['id'])), 'catalog records on the server that do not read');

  // Cash drawers: every record once, unchanged, nothing else; each session written by one workstation only.
  const drawers = server.drawers ?? new Map<string, Doc>();
  if (journal.drawers.size > 0 && !server.drawers) failures.push('drawer records were written on workstations that do not sync them');
  limit([...journal.drawers.keys()].filter((id) => !drawers.has(id)), 'drawer records lost');
  limit([...drawers.keys()].filter((id) => !journal.drawers.has(id)), 'drawer records on the server that no workstation wrote');
  limit([...journal.drawers.values()].filter((w) => drawers.has(w.doc.id) && !same(drawers.get(w.doc.id), w.doc)).map((w) => w.doc.id), 'drawer records changed');
  const writers = new Map<string, Set<string>>();
  for (const d of drawers.values()) writers.set(String(d['sessionId']), (writers.get(String(d['sessionId'])) ?? new Set()).add(String(d['workstationId'])));
  limit([...writers].filter(([, w]) => w.size > 1).map(([id]) => id), 'drawer sessions written by two workstations');
  // Every cash or check payment taken at a workstation that keeps a drawer is in one of its sessions.
  const sessions = new Set([...drawers.values()].filter((d) => d['kind'] === 'open').map((d) => String(d['id'])));
  limit(
    [...journal.ledger.values()].filter((w) => w.doc.kind === 'payment' && w.doc.drawerId !== '' && !sessions.has(w.doc.drawerId)).map((w) => w.doc.id),
    'payments in a drawer session not on the server',
  );

  const visits = server.visits ?? new Map<string, Doc>();
  if (journal.visits.size > 0 && !server.visits) failures.push('visits were started on workstations that do not sync them');
  limit([...journal.visits.keys()].filter((id) => !visits.has(id)), 'visits lost');
  limit([...visits.keys()].filter((id) => !journal.visits.has(id)), 'visits on the server that no workstation started');
  limit(
    [...journal.visits].flatMap(([id, writes]) => {
      const onServer = visits.get(id) as unknown as Visit | undefined;
      return onServer ? visitPolicy(id, onServer, writes) : [];
    }),
    'visits against their policy',
  );

  // Review: no change to a meaningful field is dropped without a trace: the latest value each
  // workstation gave a name, a date of birth or a visit's time is in the record or kept for review.
  const review = desks.flatMap((d) => d.review);
  limit(
    [
      ...[...journal.patients].flatMap(([id, writes]) => keptForReview(id, patients.get(id), writes as unknown as readonly Written<Doc & Stamped>[], PATIENT_REVIEW.groups, review)),
      ...[...journal.appointments].flatMap(([id, writes]) => keptForReview(id, appointments.get(id), writes as unknown as readonly Written<Doc & Stamped>[], APPOINTMENT_REVIEW.groups, review)),
    ],
    'changes to meaningful fields neither kept nor reviewed',
  );

  // Audit: every workstation's chain whole up to the last entry it wrote.
  const expectedHeads: Record<string, ChainHead> = {};
  for (const desk of desks) {
    const own = await desk.ws.db.audit.findOne({ selector: { workstationId: `ws-${desk.site}` }, sort: [{ workstationId: 'desc' }, { seq: 'desc' }] }).exec();
    if (own) expectedHeads[`ws-${desk.site}`] = { seq: own.seq, hash: own.hash };
  }
  const report = await verifyChains([...server.audit.values()], sha256Hex, { expectedHeads });
  for (const chain of report.chains) if (!chain.ok) failures.push(`audit chain of ${chain.workstationId} broken: ${JSON.stringify(chain.firstBroken)}`);

  for (const desk of desks) for (const problem of desk.problems) failures.push(problem);
  return failures;
}

function appointmentPolicy(id: string, onServer: Appointment, writes: readonly Written<Appointment>[]): string[] {
  const top = Math.max(...writes.map((w) => APPOINTMENT_PROGRESS[w.doc.status]));
  const advanced = writes.filter((w) => APPOINTMENT_PROGRESS[w.doc.status] === top).map((w) => w.doc);
  const problems: string[] = [];
  if (APPOINTMENT_PROGRESS[onServer.status] !== top || !advanced.some((a) => a.status === onServer.status)) {
    problems.push(`${id} is ${onServer.status}, but a copy reached ${advanced[0]?.status}`);
  }
  if (!advanced.some((a) => a.arrivedAt === onServer.arrivedAt)) problems.push(`${id} arrived at ${onServer.arrivedAt}, which no ${advanced[0]?.status} copy says`);
  problems.push(...fieldPolicy(id, onServer as unknown as Doc, writes as unknown as readonly Written<Doc & Stamped>[], new Set(['status', 'arrivedAt'])));
  return problems;
}

function visitPolicy(id: string, onServer: Visit, writes: readonly Written<Visit>[]): string[] {
  const key = (e: unknown) => canonicalJson(e);
  const written = new Map(writes.flatMap((w) => w.doc.timeline.map((e) => [key(e), e] as const)));
  const held = new Set(onServer.timeline.map(key));
  const problems: string[] = [];
  const lost = [...written.keys()].filter((k) => !held.has(k));
  if (lost.length) problems.push(`${id} lost the steps ${lost.join(', ')}`);
  const madeUp = onServer.timeline.filter((e) => !written.has(key(e)));
  if (madeUp.length) problems.push(`${id} holds steps no workstation recorded: ${madeUp.map(key).join(', ')}`);
  const furthest = furthestStep([...written.values()]);
  if (onServer.step !== furthest) problems.push(`${id} stands at ${onServer.step}, but its steps reach ${furthest}`);
  // What the desks checked at check-in: no signed form lost, a co-pay taken never turned back into a deferral.
  const signed = new Set(writes.flatMap((w) => (w.doc.checkin?.forms ?? []).map(key)));
  const kept = new Set((onServer.checkin?.forms ?? []).map(key));
  const lostForms = [...signed].filter((k) => !kept.has(k));
  if (lostForms.length) problems.push(`${id} lost the signed forms ${lostForms.join(', ')}`);
  const payments = new Set(writes.map((w) => w.doc.checkin?.money.paymentId ?? '').filter(Boolean));
  if (payments.size > 0 && !payments.has(onServer.checkin?.money.paymentId ?? '')) problems.push(`${id} holds no co-pay payment, though ${[...payments].join(', ')} was taken at its check-in`);
  return problems;
}

const STAMPS = ['updatedAt', 'updatedBy', 'siteId'];

/**
 * The writes of one record that each write's line of edits (its base, its base's base, …) passes
 * through. Two writes of one workstation in the same millisecond carry the same stamp; the later
 * was made on top of the earlier, so a line through one passes through both.
 */
function ancestry(writes: readonly Written<Doc & Stamped>[]): (w: Written<Doc & Stamped>) => Set<Written<Doc & Stamped>> {
  const byStamp = new Map<string, Written<Doc & Stamped>[]>();
  for (const w of writes) byStamp.set(stampKey(w.doc), [...(byStamp.get(stampKey(w.doc)) ?? []), w]);
  return (w) => {
    const seen = new Set<Written<Doc & Stamped>>();
    for (const same of byStamp.get(stampKey(w.doc)) ?? []) if (same.order < w.order) seen.add(same);
    const queue = [w.base];
    while (queue.length > 0) {
      const stamp = queue.pop();
      for (const at of (stamp ? byStamp.get(stamp) : undefined) ?? []) {
        if (seen.has(at) || at === w) continue;
        seen.add(at);
        queue.push(at.base);
      }
    }
    return seen;
  };
}

/**
 * The writes that changed a field (against the version each was made on) and that no later write
 * made on top of them changed again: the changes of the field that compete when copies meet.
 */
function competingChanges(writes: readonly Written<Doc & Stamped>[], valueOf: (doc: Doc) => string): Written<Doc & Stamped>[] {
  const byStamp = new Map(writes.map((w) => [stampKey(w.doc), w]));
  const ancestors = ancestry(writes);
  const changers = writes.filter((w) => {
    const base = w.base ? byStamp.get(w.base) : undefined;
    return !base || valueOf(base.doc) !== valueOf(w.doc);
  });
  return changers.filter((w) => !changers.some((other) => other !== w && ancestors(other).has(w)));
}

/**
 * The field-by-field merge (conflicts.ts `mergeFields`): the record carries the stamps of one of
 * the versions written, and each other field (but those in `own`, which have their own rule) the
 * value of one of the competing changes of that field, never one a later edit on top of it
 * replaced. Which competing change wins is the newer *version's* (a later edit of another field
 * makes a version newer), so the check does not name the winner. A write that set a field back to
 * a value it held before is left out: a three-way merge cannot tell it from no change.
 */
function fieldPolicy(id: string, onServer: Doc, writes: readonly Written<Doc & Stamped>[], own: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!writes.some((w) => STAMPS.every((k) => same(w.doc[k], onServer[k])))) problems.push(`${id} carries the stamp ${stampKey(onServer as unknown as Stamped)}, which no write had`);
  const fields = new Set(writes.flatMap((w) => Object.keys(w.doc)).filter((k) => !STAMPS.includes(k) && !own.has(k)));
  for (const field of fields) {
    const valueOf = (doc: Doc) => canonicalJson(doc[field] ?? null);
    const value = valueOf(onServer);
    const competing = competingChanges(writes, valueOf);
    if (competing.some((w) => valueOf(w.doc) === value)) continue;
    if (competing.some((c) => writes.some((e) => e.order < c.order && valueOf(e.doc) === valueOf(c.doc)))) continue;
    const wrote = writes.some((w) => valueOf(w.doc) === value);
    problems.push(`${id}.${field} holds ${value}, ${wrote ? 'a change a later edit on top of it replaced' : 'which no write gave it'} (competing: ${competing.map((c) => `${c.site} ${valueOf(c.doc)}`).join(', ')})`);
  }
  return problems;
}

/**
 * For each group of reviewed fields, each competing change of the group must be in the record, or
 * in a version of a conflict kept for review (a set-back is left out, as in `fieldPolicy`).
 */
function keptForReview(id: string, onServer: Doc | undefined, writes: readonly Written<Doc & Stamped>[], groups: readonly ReviewGroup[], review: readonly Conflict[]): string[] {
  if (!onServer) return [];
  const problems: string[] = [];
  for (const group of groups) {
    const values = (doc: Doc) => groupValues(group, doc);
    for (const w of competingChanges(writes, values)) {
      const mine = values(w.doc);
      if (mine === values(onServer)) continue;
      if (review.some((c) => c.recordId === id && c.group === group.key && c.versions.some((v) => v.values === mine))) continue;
      if (writes.some((earlier) => earlier.order < w.order && values(earlier.doc) === mine)) continue;
      const history = writes.map((x) => `#${x.order} ${x.site} ${stampKey(x.doc).slice(11, 23)} on ${x.base?.slice(11, 23) ?? 'new'} ${values(x.doc)}`).join('; ');
      const kept = review.filter((c) => c.recordId === id && c.group === group.key).map((c) => c.versions.map((v) => `${v.siteId} ${v.updatedAt.slice(11, 23)} ${v.values}`).join(' vs '));
      problems.push(`${id}: ${w.site}'s ${group.label.toLowerCase()} ${mine} is neither in the record (${values(onServer)}, ${stampKey(onServer as unknown as Stamped)}) nor kept for review (kept: ${kept.join(' | ') || 'none'}; writes: ${history})`);
    }
  }
  return problems;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}
