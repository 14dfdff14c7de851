import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomicFile';

/** Encrypts the few secrets main keeps on disk (the sync password). */
export interface SecretBox {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/** The part of Electron's `safeStorage` that the desktop app uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Desktop: the operating system's keychain protects the secret (Electron `safeStorage`). */
export function safeStorageSecretBox(safeStorage: SafeStorageLike): SecretBox {
  return {
    async encrypt(plain) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('The system keychain is not available, so the password cannot be stored safely.');
      }
      return safeStorage.encryptString(plain).toString('base64');
    },
    async decrypt(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}

/**
 * Node host: AES-256-GCM with a random key kept in a file that only the current user may read.
 * The key file is created on first use.
 */
export function keyFileSecretBox(keyFile: string): SecretBox {
  let key: Promise<Buffer> | null = null;
  const loadKey = () => {
    key ??= (async () => {
      try {
        const existing = await readFile(keyFile);
        if (existing.length !== 32) throw new Error(`The key file ${keyFile} is damaged (wrong length).`);
        return existing;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const fresh = randomBytes(32);
        await writeFileAtomic(keyFile, fresh, 0o600);
        return fresh;
      }
    })();
    return key;
  };
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', await loadKey(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
