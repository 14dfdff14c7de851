import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Parameters of new hashes: about 100 ms on a front-desk PC, slow enough to make guessing a stolen
 * staff record expensive, fast enough not to be noticed at sign-in. They are written into every
 * hash, so raising them later leaves old hashes verifiable.
 */
const CURRENT = { logN: 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/*
 * Staff records sync from every workstation, so a stored hash is not trusted to choose its own
 * cost: a tampered record could otherwise make each sign-in take minutes or exhaust memory.
 * With these caps the worst accepted string costs a few seconds (about 32 times the current cost).
 */
const MAX_LOG_N = 20;
const MAX_R = 16;
const MAX_P = 4;
/** At most 128·N·r bytes: with p ≤ 4 that bounds the work too. */
const MAX_MEMORY = 256 * 1024 * 1024;
const MIN_SALT_BYTES = 8;
const MAX_SALT_BYTES = 64;
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;

const PREFIX = 'scrypt';

interface Params {
  logN: number;
  r: number;
  p: number;
}

interface Parsed extends Params {
  salt: Buffer;
  hash: Buffer;
}

/**
 * Hashes a new password or PIN with scrypt and a fresh random salt. The result,
 * `scrypt$<logN>$<r>$<p>$<salt>$<hash>` (base64url), is what the staff record stores.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, KEY_BYTES, CURRENT);
  return [PREFIX, CURRENT.logN, CURRENT.r, CURRENT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Whether `secret` matches a stored hash. Answers false, never throws, for a string that is
 * malformed, from another scheme, or asks for more work than this app accepts. The comparison
 * takes the same time wherever the bytes differ.
 */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  try {
    const candidate = await derive(secret, parsed.salt, parsed.hash.length, parsed);
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A real hash, with the current parameters, of a random secret nobody knows. Verifying against it
 * when the name is unknown or the person has no PIN takes as long as a real check, so the time a
 * refusal takes does not tell whether a name exists. Computed on first use, then reused.
 */
export function dummyHash(): Promise<string> {
  if (!dummy) {
    dummy = hashSecret(randomBytes(32).toString('base64url'));
    // A failed computation is not cached, so the next sign-in tries again.
    dummy.catch(() => {
      dummy = null;
    });
  }
  return dummy;
}

/*
 * The same password typed on two keyboards or systems can arrive as different Unicode sequences
 * (a precomposed é or e plus an accent); NFC makes them the same bytes.
 */
function derive(secret: string, salt: Buffer, keyBytes: number, params: Params): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node refuses to run when its estimate of the memory needed exceeds maxmem; leave it room.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: memoryFor(params) + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The bytes scrypt works in: 128·N·r, the size that makes it costly to attack with hardware. */
function memoryFor({ logN, r }: Params): number {
  return 128 * r * 2 ** logN;
}

const NUMBER = /^[1-9]\d{0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function parse(encoded: string): Parsed | null {
  if (typeof encoded !== 'string' || encoded.length > 400) return null;
  const parts = encoded.split('$');
  if (parts.length !== 6) return null;
  const [prefix, logNText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (prefix !== PREFIX) return null;
  if (!NUMBER.test(logNText) || !NUMBER.test(rText) || !NUMBER.test(pText)) return null;
  const params = { logN: Number(logNText), r: Number(rText), p: Number(pText) };
  if (params.logN > MAX_LOG_N || params.r > MAX_R || params.p > MAX_P) return null;
  if (memoryFor(params) > MAX_MEMORY) return null;
  const salt = decode(saltText);
  const hash = decode(hashText);
  if (!salt || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) return null;
  if (!hash || hash.length < MIN_KEY_BYTES || hash.length > MAX_KEY_BYTES) return null;
  return { ...params, salt, hash };
}

/** Decodes canonical base64url only: Node's decoder would otherwise skip stray characters. */
function decode(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
