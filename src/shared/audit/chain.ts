import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry, type UnsealedAuditEntry } from './auditEntry';

/**
 * SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex characters. Injected so that the same
 * chain code runs on Node (`node:crypto`) and in a browser (`crypto.subtle`).
 */
export type Sha256Hex = (text: string) => Promise<string>;

/** The last entry a workstation is known to have written, to detect entries removed from the end. */
export type ChainHead = { seq: number; hash: string };

/** Where a chain first stops being trustworthy. */
export type BrokenLink = {
  /** The entry's `seq`, or 0 when the entry has no usable sequence number. */
  seq: number;
  /** The entry's `id`, or `''` when there is no entry to name (entries missing from the end). */
  id: string;
  /** What is wrong, in words a practice manager can act on. */
  problem: string;
};

export type ChainResult = {
  /** The workstation's id; `''` collects entries that carry no usable workstation id. */
  workstationId: string;
  /** How many entries of this workstation were given (well-formed or not). */
  entries: number;
  ok: boolean;
  firstBroken: BrokenLink | null;
  /** The entry with the highest seq when the chain is intact, to compare with the workstation's own. */
  head: ChainHead | null;
};

export type ChainReport = {
  /** True when every chain is intact. */
  ok: boolean;
  /** One result per workstation, ordered by workstation id. */
  chains: ChainResult[];
};

export type VerifyChainsOptions = {
  /**
   * The last entry each workstation is known to have written (from the workstation itself or an
   * earlier verification). A chain that stops short of its head, or whose entry at that seq has a
   * different hash, is reported broken; a chain may have grown past it.
   */
  expectedHeads?: Record<string, ChainHead>;
};

// Strict on both sides: a field added to a stored entry is tampering, and an entry with a field the
// schema does not know would fail verification, so it is refused before it is sealed.
const StrictAuditEntrySchema = z.strictObject(AuditEntrySchema.shape);
const StrictUnsealedAuditEntrySchema = z.strictObject(AuditEntrySchema.omit({ hash: true }).shape);

/**
 * Deterministic JSON, so that every platform hashes the same text for the same entry: object keys
 * sorted (by UTF-16 code units, as `Array.prototype.sort` does) at every depth, no whitespace,
 * arrays in their order. Otherwise it follows `JSON.stringify`: `toJSON` is honoured, `undefined`,
 * functions and symbols are omitted from objects and become `null` in arrays, non-finite numbers
 * become `null`, and strings are escaped the same way (non-ASCII characters are kept as they are).
 * Hence `canonicalJson(x) === canonicalJson(JSON.parse(JSON.stringify(x)))`: an entry hashes the
 * same before and after it has been stored and synced as JSON.
 *
 * @throws TypeError for a BigInt, a circular structure, or a top-level value that has no JSON form.
 */
export function canonicalJson(value: unknown): string {
  const text = encode(value, '', new Set());
  if (text === undefined) throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  return text;
}

function encode(value: unknown, key: string, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: the value is circular');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    const items: string[] = [];
    // A plain index loop, so that holes in sparse arrays become null as in JSON.stringify.
    for (let i = 0; i < object.length; i++) items.push(encode(object[i], String(i), ancestors) ?? 'null');
    text = `[${items.join(',')}]`;
  } else {
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const name of Object.keys(record).sort()) {
      const member = encode(record[name], name, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}

/**
 * The hash an entry should carry: SHA-256 of the canonical JSON of every field but `hash`; null
 * when the content has no JSON form (which no stored entry can have), so that it counts as changed.
 */
async function contentHash(entry: Record<string, unknown>, sha256: Sha256Hex): Promise<string | null> {
  const { hash: _hash, ...content } = entry;
  let text: string;
  try {
    text = canonicalJson(content);
  } catch {
    return null;
  }
  return sha256(text);
}

/**
 * Seals an entry for appending: `hash` = `sha256(canonicalJson(entry without hash))`. The entry
 * should carry the `seq` and `prevHash` that {@link nextLink} gives for the workstation's last entry.
 * A `hash` already present is replaced.
 *
 * @throws ZodError when the entry does not match the audit entry schema or has extra fields, since
 *   such an entry would make the workstation's chain fail verification.
 */
export async function sealEntry(entry: UnsealedAuditEntry, sha256: Sha256Hex): Promise<AuditEntry> {
  const { hash: _hash, ...content } = entry as UnsealedAuditEntry & { hash?: unknown };
  StrictUnsealedAuditEntrySchema.parse(content);
  return { ...content, hash: await sha256(canonicalJson(content)) };
}

/**
 * The `seq` and `prevHash` of the entry that follows `last`, a workstation's most recent entry, or
 * of its first entry when `last` is null.
 */
export function nextLink(last: AuditEntry | null): { seq: number; prevHash: string } {
  return last ? { seq: last.seq + 1, prevHash: last.hash } : { seq: 1, prevHash: '' };
}

/** One entry as given, with what could be read from it even when it fails the schema. */
type Candidate = {
  raw: unknown;
  /** The id to name it by in a report. */
  id: string;
  /** Its seq, or 0 when it has none that could be a seq. */
  seq: number;
  parsed: AuditEntry | null;
  /** Why it fails the schema, when it does. */
  invalid: string | null;
};

/**
 * Checks each workstation's hash chain. Entries are grouped by `workstationId` and ordered by `seq`
 * (the order of `entries` does not matter), and each chain reports the first entry at which it
 * breaks: an entry that fails the audit entry schema, an entry whose content no longer matches its
 * hash (it was changed), a gap in `seq` (entries were removed), two entries with the same `seq`
 * (one was added or copied), an entry whose `prevHash` is not the previous entry's hash (entries
 * were re-ordered, or one was replaced and re-sealed), or a chain that does not start with seq 1
 * and an empty `prevHash`.
 *
 * Removal of a workstation's LAST entries cannot be detected from the chain alone: what is left is
 * still a valid chain. Pass `expectedHeads` (the last seq and hash each workstation is known to have
 * written) to check for that; a workstation named there but absent from `entries` is reported with
 * all its entries missing.
 *
 * Entries without a usable `workstationId` are reported together under the workstation id `''`.
 */
export async function verifyChains(
  entries: unknown[],
  sha256: Sha256Hex,
  options: VerifyChainsOptions = {},
): Promise<ChainReport> {
  const groups = new Map<string, Candidate[]>();
  for (const raw of entries) {
    const record = isRecord(raw) ? raw : {};
    const workstationId = typeof record.workstationId === 'string' ? record.workstationId : '';
    const candidate = toCandidate(raw);
    const group = groups.get(workstationId);
    if (group) group.push(candidate);
    else groups.set(workstationId, [candidate]);
  }
  const expectedHeads = options.expectedHeads ?? {};
  for (const workstationId of Object.keys(expectedHeads)) {
    if (!groups.has(workstationId)) groups.set(workstationId, []);
  }

  const chains: ChainResult[] = [];
  for (const workstationId of [...groups.keys()].sort()) {
    const group = groups.get(workstationId) ?? [];
    chains.push(await verifyChain(workstationId, group, sha256, expectedHeads[workstationId]));
  }
  return { ok: chains.every((chain) => chain.ok), chains };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toCandidate(raw: unknown): Candidate {
  const record = isRecord(raw) ? raw : {};
  const id = typeof record.id === 'string' ? record.id : '';
  const seq = typeof record.seq === 'number' && Number.isSafeInteger(record.seq) && record.seq > 0 ? record.seq : 0;
  if (!isRecord(raw)) {
    return { raw, id, seq, parsed: null, invalid: `it is not an audit entry at all (${describe(raw)})` };
  }
  const result = StrictAuditEntrySchema.safeParse(raw);
  if (result.success) return { raw, id, seq, parsed: result.data, invalid: null };
  return { raw, id, seq, parsed: null, invalid: explainIssues(result.error.issues, raw) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** Zod's issues as one sentence, naming fields rather than quoting validator jargon where it can. */
function explainIssues(issues: readonly z.core.$ZodIssue[], raw: Record<string, unknown>): string {
  const parts = issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `it has ${issue.keys.length === 1 ? 'a field' : 'fields'} an audit entry does not have (${issue.keys.join(', ')})`;
    }
    const path = issue.path.map(String).join('.');
    if (!path) return issue.message;
    if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) return `${path} is missing`;
    return `${path}: ${issue.message}`;
  });
  if (issues.length > 3) parts.push(`and ${issues.length - 3} more problem${issues.length - 3 === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const count = new Intl.NumberFormat('en-US');

/** A number as people read it in a report, e.g. `12,502`. */
function n(value: number): string {
  return count.format(value);
}

function name(candidate: Candidate): string {
  return candidate.id ? `entry ${candidate.id}` : 'an entry without an id';
}

function range(from: number, to: number): string {
  return from === to ? `entry ${n(from)} is` : `entries ${n(from)} to ${n(to)} are`;
}

async function verifyChain(
  workstationId: string,
  group: Candidate[],
  sha256: Sha256Hex,
  expectedHead: ChainHead | undefined,
): Promise<ChainResult> {
  // By seq, then id, so the report does not depend on the order the entries were read in; entries
  // without a usable seq come first, as nothing after them can be trusted to be in place.
  const sorted = [...group].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bySeq = new Map<number, Candidate[]>();
  for (const candidate of sorted) {
    const same = bySeq.get(candidate.seq);
    if (same) same.push(candidate);
    else bySeq.set(candidate.seq, [candidate]);
  }
  const result = (firstBroken: BrokenLink | null, head: ChainHead | null = null): ChainResult => ({
    workstationId,
    entries: group.length,
    ok: firstBroken === null,
    firstBroken,
    head: firstBroken === null ? head : null,
  });

  let previous: AuditEntry | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const candidate = sorted[i] as Candidate;
    const at = (problem: string, who: Candidate = candidate): ChainResult =>
      result({ seq: who.seq, id: who.id, problem });

    if (candidate.invalid !== null || candidate.parsed === null) {
      return at(`${name(candidate)} is not a valid audit entry: ${candidate.invalid ?? 'unknown problem'}`);
    }
    const entry = candidate.parsed;

    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq > expectedSeq) {
      return at(
        previous
          ? `${range(expectedSeq, entry.seq - 1)} missing between entry ${n(previous.seq)} and entry ${n(entry.seq)}: removed from the log`
          : `the chain starts at entry ${n(entry.seq)}, not 1: ${range(1, entry.seq - 1)} missing, removed from the log`,
      );
    }

    const same = bySeq.get(entry.seq) ?? [];
    if (same.length > 1) {
      // Name the copy that does not belong, if exactly one of them links where it should.
      const successors = bySeq.get(entry.seq + 1) ?? [];
      const intruder = (await pickIntruder(same, previous, successors, sha256)) ?? (same[1] as Candidate);
      const ids = same.map((c) => c.id || '(no id)').join(', ');
      return at(`${n(same.length)} entries claim to be entry ${n(entry.seq)} (ids ${ids}): one was added or copied into the log`, intruder);
    }

    if ((await contentHash(candidate.raw as Record<string, unknown>, sha256)) !== entry.hash) {
      return at('the entry was changed after it was written (its content no longer matches its hash)');
    }

    if (previous === null) {
      if (entry.prevHash !== '') {
        return at(
          'the first entry points back to an earlier entry: the entries before it were removed and the rest renumbered, or it was replaced',
        );
      }
    } else if (entry.prevHash !== previous.hash) {
      return at(
        `the entry does not follow on from entry ${n(previous.seq)}: entries were re-ordered, or entry ${n(previous.seq)} was replaced or changed and re-sealed`,
      );
    }
    previous = entry;
  }

  const head = previous ? { seq: previous.seq, hash: previous.hash } : null;
  if (expectedHead) {
    const lastSeq = previous?.seq ?? 0;
    if (lastSeq < expectedHead.seq) {
      return result({
        seq: lastSeq + 1,
        id: '',
        problem: `${range(lastSeq + 1, expectedHead.seq)} missing from the end of the chain: this workstation is known to have written up to entry ${n(expectedHead.seq)}`,
      });
    }
    const known = bySeq.get(expectedHead.seq)?.[0];
    if (known?.parsed && known.parsed.hash !== expectedHead.hash) {
      return result({
        seq: known.seq,
        id: known.id,
        problem: `the entry is not the one this workstation is known to have written as entry ${n(expectedHead.seq)}: the log was re-written from here on`,
      });
    }
  }
  return result(null, head);
}

/**
 * The entry among those sharing a seq that does not belong: the others link to the previous entry
 * and match their hash while it does not, or, when several do, the next entry points to another.
 */
async function pickIntruder(
  same: Candidate[],
  previous: AuditEntry | null,
  successors: Candidate[],
  sha256: Sha256Hex,
): Promise<Candidate | undefined> {
  const fits: Candidate[] = [];
  for (const candidate of same) {
    const entry = candidate.parsed;
    if (
      entry !== null &&
      entry.prevHash === (previous ? previous.hash : '') &&
      (await contentHash(candidate.raw as Record<string, unknown>, sha256)) === entry.hash
    ) {
      fits.push(candidate);
    }
  }
  const pointedTo = new Set(successors.map((c) => c.parsed?.prevHash));
  const genuine = fits.length === 1 ? fits : fits.filter((c) => pointedTo.has(c.parsed?.hash));
  return genuine.length === 1 ? same.find((c) => c !== genuine[0]) : undefined;
}

/**
 * The report as lines for a person, one per workstation, e.g.
 * `Workstation 3f2a…: 1,204 entries, chain intact` or
 * `Workstation 3f2a…: BROKEN at entry 57 (id …): the entry was changed after it was written …`,
 * followed by a summary line.
 */
export function formatChainReport(report: ChainReport): string {
  if (report.chains.length === 0) return 'No audit entries to verify.';
  const lines = report.chains.map((chain) => {
    const who = chain.workstationId ? `Workstation ${chain.workstationId}` : 'Entries without a workstation id';
    const size = `${n(chain.entries)} ${chain.entries === 1 ? 'entry' : 'entries'}`;
    const broken = chain.firstBroken;
    if (!broken) return `${who}: ${size}, chain intact`;
    const where = broken.seq > 0 ? `entry ${n(broken.seq)}` : 'an entry with no sequence number';
    const id = broken.id ? ` (id ${broken.id})` : '';
    return `${who}: ${size}, BROKEN at ${where}${id}: ${broken.problem}`;
  });
  const brokenCount = report.chains.filter((chain) => !chain.ok).length;
  const total = report.chains.length;
  lines.push(
    brokenCount === 0
      ? `All ${n(total)} workstation ${total === 1 ? 'chain is' : 'chains are'} intact.`
      : `${n(brokenCount)} of ${n(total)} workstation ${total === 1 ? 'chain is' : 'chains are'} BROKEN.`,
  );
  return lines.join('\n');
}
