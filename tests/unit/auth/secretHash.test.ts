import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { dummyHash, hashSecret, verifySecret } from '../../../src/main/auth/secretHash';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual), scrypt: vi.fn(actual.scrypt) };
});

const FORMAT = /^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

// One real hash shared by the tests that only need a valid string: each costs about 100 ms.
const stored = await hashSecret('correct horse battery');

/** Replaces one `$`-separated field of an encoded hash. */
function withField(encoded: string, index: number, value: string): string {
  const parts = encoded.split('$');
  parts[index] = value;
  return parts.join('$');
}

describe('hashing and verifying a secret', () => {
  it('writes the parameters, salt and hash into the stored string', () => {
    expect(stored).toMatch(FORMAT);
  });

  it('verifies the right secret and refuses a wrong one', async () => {
    expect(await verifySecret('correct horse battery', stored)).toBe(true);
    expect(await verifySecret('correct horse battery ', stored)).toBe(false);
  });

  it('salts every hash, so the same secret never hashes the same twice', async () => {
    const again = await hashSecret('correct horse battery');
    expect(again).toMatch(FORMAT);
    expect(again).not.toBe(stored);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const encoded = await hashSecret('caf\u00e9-au-lait-42');
    expect(await verifySecret('cafe\u0301-au-lait-42', encoded)).toBe(true);
  });

  it('compares with timingSafeEqual on equal-length buffers, whether or not the secret matches', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await verifySecret('correct horse battery', stored);
    await verifySecret('wrong guess 123', stored);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });
});

describe('stored strings that are not a usable hash', () => {
  const salt = stored.split('$')[4]!;
  const hash = stored.split('$')[5]!;
  it.each([
    ['empty', ''],
    ['plain text', 'hunter2'],
    ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['argon2', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'],
    ['too few fields', `scrypt$15$8$1$${salt}`],
    ['too many fields', `${stored}$extra`],
    ['another prefix', withField(stored, 0, 'Scrypt')],
    ['non-numeric N', withField(stored, 1, 'x')],
    ['zero N', withField(stored, 1, '0')],
    ['leading zero', withField(stored, 1, '015')],
    ['negative r', withField(stored, 2, '-8')],
    ['fractional p', withField(stored, 3, '1.5')],
    ['salt not base64url', withField(stored, 4, `${salt.slice(0, -2)}+/`)],
    ['salt too short', withField(stored, 4, 'AAAA')],
    ['hash too short', withField(stored, 5, 'AAAA')],
    ['hash with stray characters', withField(stored, 5, `${hash.slice(0, 20)}.${hash.slice(21)}`)],
    ['very long', `scrypt$15$8$1$${salt}$${'A'.repeat(500)}`],
  ])('refuses %s without throwing or running the KDF', async (_name, encoded) => {
    const scrypt = vi.mocked(crypto.scrypt);
    scrypt.mockClear();
    await expect(verifySecret('correct horse battery', encoded)).resolves.toBe(false);
    expect(scrypt).not.toHaveBeenCalled();
  });

  it.each([
    ['N above 2^20', withField(stored, 1, '21')],
    ['N of 2^99', withField(stored, 1, '99')],
    ['r above 16', withField(stored, 2, '17')],
    ['p above 4', withField(stored, 3, '5')],
    ['memory above 256 MiB', withField(withField(stored, 1, '20'), 2, '16')],
  ])('refuses parameters raised to %s without running the KDF', async (_name, encoded) => {
    const scrypt = vi.mocked(crypto.scrypt);
    scrypt.mockClear();
    const started = performance.now();
    await expect(verifySecret('correct horse battery', encoded)).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
    expect(scrypt).not.toHaveBeenCalled();
  });

  it('refuses, without throwing, parameters scrypt itself rejects', async () => {
    // N must be below 2^(16·r): 2^17 with r = 1 fails inside scrypt.
    await expect(verifySecret('correct horse battery', withField(withField(stored, 1, '17'), 2, '1'))).resolves.toBe(false);
  });

  it('refuses a hash made with lower parameters than the record says', async () => {
    await expect(verifySecret('correct horse battery', withField(stored, 1, '14'))).resolves.toBe(false);
  });
});

describe('the dummy hash', () => {
  it('is a real hash with the current parameters, computed once', async () => {
    const first = await dummyHash();
    expect(first).toMatch(FORMAT);
    expect(await dummyHash()).toBe(first);
    expect(await verifySecret('', first)).toBe(false);
  });
});
