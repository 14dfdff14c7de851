import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SEED_REQUEST_FILE, SeedRequestSchema, type SeedRequest } from '../../shared/demo/seedRequest';
import { AppError } from '../../shared/ipc/envelope';
import { writeFileAtomic } from '../fs/atomicFile';

/**
 * The waiting `npm run seed` request in a data folder. The script writes it; the desk reads it,
 * loads the synthetic clinic and clears it.
 */
export function createSeedRequestStore(dataDir: string) {
  const file = path.join(dataDir, SEED_REQUEST_FILE);

  const read = async (): Promise<SeedRequest | null> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw damaged(file, 'it is not JSON');
    }
    const parsed = SeedRequestSchema.safeParse(json);
    if (!parsed.success) throw damaged(file, z.prettifyError(parsed.error));
    return parsed.data;
  };

  return {
    file,
    read,
    /** Replaces any waiting request; readers see the old request or the new one, never half a file. */
    async write(request: SeedRequest): Promise<void> {
      await writeFileAtomic(file, `${JSON.stringify(SeedRequestSchema.parse(request), null, 2)}\n`);
    },
    /**
     * Removes the request made at `requestedAt` once it has been loaded. A newer request written
     * meanwhile stays for the next load. Answers whether a request was removed.
     */
    async clear(requestedAt: string): Promise<boolean> {
      const current = await read().catch(() => null);
      if (!current || current.requestedAt !== requestedAt) return false;
      await rm(file, { force: true });
      return true;
    },
    /** Removes any waiting request (`npm run seed -- --cancel`). */
    async cancel(): Promise<boolean> {
      try {
        await rm(file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
  };
}

export type SeedRequestStore = ReturnType<typeof createSeedRequestStore>;

function damaged(file: string, why: string): AppError {
  return new AppError('INVALID_REQUEST', `The seed request ${file} is damaged (${why}). Run npm run seed again to replace it, or npm run seed -- --cancel to remove it.`);
}
