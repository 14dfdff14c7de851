import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hasEncryption, wrapRxStorageInstance, type RxJsonSchema, type RxStorage } from 'rxdb';
import { decryptString } from 'rxdb/plugins/encryption-crypto-js';
import { clone, getProperty, setProperty } from 'rxdb/plugins/utils';

/** Marks a value this module sealed: XChaCha20-Poly1305, then base64 of the 24-byte nonce and the ciphertext with its tag. */
const PREFIX = 'x1:';
const NONCE_BYTES = 24;
const MIN_PASSWORD = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The 256-bit field key of a workstation's database key (HKDF-SHA256), derived once per key. */
export function fieldKey(password: string): Uint8Array {
  return hkdf(sha256, encoder.encode(password), encoder.encode('ClinicDesk field encryption'), encoder.encode('x1'), 32);
}

/** Seals one field's value (as JSON) with the field key: a fresh random nonce each time. */
export function encryptField(value: unknown, key: Uint8Array): string {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = xchacha20poly1305(key, nonce).encrypt(encoder.encode(JSON.stringify(value)));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce);
  out.set(sealed, NONCE_BYTES);
  return PREFIX + toBase64(out);
}

/**
 * Opens one field. A value written by earlier releases (RxDB's crypto-js plugin: AES with the
 * key as a passphrase) is still read, and is sealed in this form the next time its record is
 * written. A value that does not open (another key, changed bytes) is an error, never a silent
 * empty field.
 */
export function decryptField(stored: unknown, key: Uint8Array, password: string): unknown {
  if (typeof stored !== 'string') throw new Error('An encrypted field does not hold text');
  if (!stored.startsWith(PREFIX)) return JSON.parse(decryptString(stored, password));
  const bytes = fromBase64(stored.slice(PREFIX.length));
  if (bytes.length < NONCE_BYTES + 16) throw new Error('An encrypted field is too short to hold a value');
  const plain = xchacha20poly1305(key, bytes.subarray(0, NONCE_BYTES)).decrypt(bytes.subarray(NONCE_BYTES));
  return JSON.parse(decoder.decode(plain));
}

/**
 * Encrypts at rest the fields each schema lists as `encrypted`, with the workstation's database
 * key, as RxDB's crypto-js plugin did, but with an audited pure-JS AEAD (noble's
 * XChaCha20-Poly1305) under a key derived once per database: crypto-js derived a key for every
 * field it wrote or read, which took about 40% of the renderer's time in a first sync. Sealing
 * and opening are synchronous, so documents reach RxDB's change stream exactly as they did.
 * Stored, an encrypted field is text whatever it holds, as with the crypto-js plugin, so a
 * database written by earlier releases opens unchanged.
 */
export function fieldEncryptionStorage<Internals, InstanceCreationOptions>(args: { storage: RxStorage<Internals, InstanceCreationOptions> }): RxStorage<Internals, InstanceCreationOptions> {
  const keys = new Map<string, Uint8Array>();
  return {
    name: args.storage.name,
    rxdbVersion: args.storage.rxdbVersion,
    async createStorageInstance(params) {
      const password = params.password;
      if (password !== undefined && (typeof password !== 'string' || password.length < MIN_PASSWORD)) {
        throw new Error(`The database key must be text of at least ${MIN_PASSWORD} characters`);
      }
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      if (typeof password !== 'string') throw new Error(`The collection ${params.collectionName} keeps encrypted fields and needs the database key`);
      if (params.schema.attachments?.encrypted) throw new Error(`Encrypted attachments are not supported (collection ${params.collectionName})`);
      let key = keys.get(password);
      if (!key) {
        key = fieldKey(password);
        keys.set(password, key);
      }
      const fieldKeyOfDatabase = key;
      const paths = params.schema.encrypted ?? [];
      const instance = await args.storage.createStorageInstance({ ...params, schema: storedSchema(params.schema, paths) });
      return wrapRxStorageInstance(
        params.schema,
        instance,
        (doc) => {
          const out = clone(doc);
          for (const path of paths) {
            const value = getProperty(out, path);
            if (value !== undefined) setProperty(out, path, encryptField(value, fieldKeyOfDatabase));
          }
          return out;
        },
        (doc) => {
          const out = clone(doc);
          for (const path of paths) {
            const value = getProperty(out, path);
            if (value !== undefined) setProperty(out, path, decryptField(value, fieldKeyOfDatabase, password));
          }
          return out;
        },
      );
    },
  };
}

/** The schema as stored: each encrypted field is text, whatever it holds. */
function storedSchema<T>(schema: RxJsonSchema<T>, paths: readonly string[]): RxJsonSchema<T> {
  const stored = clone(schema) as RxJsonSchema<T> & { properties: Record<string, unknown> };
  delete (stored as { encrypted?: unknown }).encrypted;
  for (const path of paths) {
    const parts = path.split('.');
    let level = stored as { properties: Record<string, unknown> };
    for (const part of parts.slice(0, -1)) level = level.properties[part] as { properties: Record<string, unknown> };
    level.properties[parts[parts.length - 1]!] = { type: 'string' };
  }
  return stored;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
