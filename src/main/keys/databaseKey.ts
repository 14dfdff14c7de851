import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomicFile';
import type { SecretBox } from '../settings/secretBox';

/**
 * The key that encrypts sensitive fields of the workstation's local database. It is made once per
 * workstation (256 random bits), kept on disk only sealed by the SecretBox (the system keychain in
 * the desktop app, a user-only key file in the Node host), and handed to the renderer when it opens
 * the database. Losing it makes the encrypted fields of unsynced records unreadable, so it is never
 * replaced once it exists.
 */
export function createDatabaseKeyStore(deps: { file: string; secrets: SecretBox }) {
  let key: Promise<string> | null = null;
  const load = async (): Promise<string> => {
    let sealed: string | null = null;
    try {
      sealed = (await readFile(deps.file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (sealed !== null) {
      try {
        return await deps.secrets.decrypt(sealed);
      } catch {
        throw new Error(`The database key in ${deps.file} cannot be unsealed on this computer. Restore it from a backup; it is never replaced, because that would make the encrypted records unreadable.`);
      }
    }
    const fresh = randomBytes(32).toString('base64url');
    await writeFileAtomic(deps.file, await deps.secrets.encrypt(fresh), 0o600);
    return fresh;
  };
  return {
    get(): Promise<string> {
      key ??= load().catch((error: unknown) => {
        key = null;
        throw error;
      });
      return key;
    },
  };
}

export type DatabaseKeyStore = ReturnType<typeof createDatabaseKeyStore>;
