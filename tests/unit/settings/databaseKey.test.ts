import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabaseKeyStore } from '../../../src/main/keys/databaseKey';
import { keyFileSecretBox } from '../../../src/main/settings/secretBox';

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'clinicdesk-key-'));
  const secrets = keyFileSecretBox(path.join(dir, 'secret.key'));
  const file = path.join(dir, 'database.key');
  return { dir, file, open: () => createDatabaseKeyStore({ file, secrets }) };
}

describe('the database key', () => {
  it('is made once, kept sealed and only readable by the user, and the same after a restart', async () => {
    const { file, open } = await setup();
    const key = await open().get();
    expect(key.length).toBeGreaterThanOrEqual(43);
    expect(await readFile(file, 'utf8')).not.toContain(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await open().get()).toBe(key);
  });

  it('refuses to replace a key it cannot unseal', async () => {
    const { file, open } = await setup();
    await open().get();
    await writeFile(file, 'not-a-sealed-key');
    await expect(open().get()).rejects.toThrow(/cannot be unsealed/);
    expect(await readFile(file, 'utf8')).toBe('not-a-sealed-key');
  });
});
