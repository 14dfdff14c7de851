import { hasEncryption, wrapRxStorageInstance, type RxJsonSchema, type RxStorage } from 'rxdb';
import { decryptString } from 'rxdb/plugins/encryption-crypto-js';
import { clone, getProperty, setProperty } from 'rxdb/plugins/utils';

/** Marks a value this module encrypted: AES-256-GCM, then base64 of the 12-byte IV and the ciphertext with its tag. */
const PREFIX = 'g1:';
const MIN_PASSWORD = 8;

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The AES-GCM key of a workstation's database key, derived once (HKDF-SHA256). */
async function deriveKey(password: string): Promise<CryptoKey> {
  const material = await globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'HKDF', false, ['deriveKey']);
  return globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('ClinicDesk field encryption'), info: new TextEncoder().encode('v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts one field's value (as JSON) with the database's key. */
export async function encryptField(value: unknown, key: CryptoKey): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value))));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return PREFIX + toBase64(out);
}

/**
 * Decrypts one field. A value written before this format (crypto-js AES with the key as a
 * passphrase, as RxDB's crypto-js plugin stores it) is still read; it is written anew in this
 * format the next time its record changes. A value that does not decrypt (another key, changed
 * bytes) is an error, never a silent empty field.
 */
export async function decryptField(stored: unknown, key: CryptoKey, password: string): Promise<unknown> {
  if (typeof stored !== 'string') throw new Error('An encrypted field does not hold text');
  if (!stored.startsWith(PREFIX)) return JSON.parse(decryptString(stored, password));
  const bytes = fromBase64(stored.slice(PREFIX.length));
  const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, key, bytes.slice(12));
  return JSON.parse(new TextDecoder().decode(plain));
}

/**
 * Encrypts the fields each schema lists as `encrypted`, at rest, with the workstation's database
 * key: AES-256-GCM through the platform's Web Crypto, with a key derived once per database, so
 * a large first sync or the audit log does not pay a key derivation per field as RxDB's crypto-js
 * plugin does (it spent about 40% of the renderer's time in a first sync). Records written by that
 * plugin are read as they are. Everything else passes through to the wrapped storage.
 */
export function fieldEncryptionStorage<Internals, InstanceCreationOptions>(args: { storage: RxStorage<Internals, InstanceCreationOptions> }): RxStorage<Internals, InstanceCreationOptions> {
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    ...args.storage,
    async createStorageInstance(params) {
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      const password = params.password;
      if (typeof password !== 'string' || password.length < MIN_PASSWORD) {
        throw new Error(`The collection ${params.collectionName} keeps encrypted fields and needs a database key of at least ${MIN_PASSWORD} characters`);
      }
      if (params.schema.attachments?.encrypted) throw new Error(`Encrypted attachments are not supported (collection ${params.collectionName})`);
      let key = keys.get(password);
      if (!key) {
        key = deriveKey(password);
        keys.set(password, key);
      }
      const paths = params.schema.encrypted ?? [];
      // Stored, an encrypted field is text whatever it holds.
      const stored = clone(params.schema) as RxJsonSchema<unknown> & { properties: Record<string, unknown> };
      delete (stored as { encrypted?: unknown }).encrypted;
      for (const path of paths) {
        const parts = path.split('.');
        let level = stored as { properties: Record<string, unknown> };
        for (const part of parts.slice(0, -1)) level = level.properties[part] as { properties: Record<string, unknown> };
        level.properties[parts[parts.length - 1]!] = { type: 'string' };
      }
      const instance = await args.storage.createStorageInstance({ ...params, schema: stored as typeof params.schema });
      const cryptoKey = await key;
      return wrapRxStorageInstance(
        params.schema,
        instance,
        async (doc) => {
          const out = clone(doc);
          for (const path of paths) {
            const value = getProperty(out, path);
            if (value !== undefined) setProperty(out, path, await encryptField(value, cryptoKey));
          }
          return out;
        },
        async (doc) => {
          const out = clone(doc);
          for (const path of paths) {
            const value = getProperty(out, path);
            if (value !== undefined) setProperty(out, path, await decryptField(value, cryptoKey, password));
          }
          return out;
        },
        (attachment) => attachment,
      );
    },
  };
}
