import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { pushedStates, savePushedStates } from '../../../src/renderer/data/pushedStates';
import { keepingSentFirst } from '../../../src/renderer/features/sync/replication';
import { JaneDoe, TEST_DATABASE_KEY } from '../../fixtures/clinic';

const storage = getRxStorageMemory();
const open: ClinicDatabase[] = [];
let counter = 0;

async function openDb(name: string): Promise<ClinicDatabase> {
  const db = await openClinicDatabase({ name, storage, encryptionKey: TEST_DATABASE_KEY, only: ['patients', 'audit'] });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) if (!db.closed) await db.close();
  vi.restoreAllMocks();
});

describe('what was sent and not confirmed, kept across a restart', () => {
  it('is stored sealed before it is needed and read back when the database opens again', async () => {
    const name = `sent${Date.now()}${counter++}`;
    const db = await openDb(name);
    const states = pushedStates(db, 'patients');
    states.set(JaneDoe.id, { ...JaneDoe, email: 'jane.secret@example.org' });
    await savePushedStates(db, 'patients');
    const stored = await db.getLocal<{ sealed: string }>('sent-base-patients');
    expect(stored?.get('sealed')).toMatch(/^x1:/);
    expect(JSON.stringify(stored?.toJSON())).not.toContain('jane.secret');
    await db.close();

    const again = await openDb(name);
    expect(pushedStates(again, 'patients').get(JaneDoe.id)).toMatchObject({ email: 'jane.secret@example.org' });
    // Confirmed since: gone from the stored copy at the next save.
    pushedStates(again, 'patients').delete(JaneDoe.id);
    await savePushedStates(again, 'patients');
    await again.close();
    const third = await openDb(name);
    expect(pushedStates(third, 'patients').size).toBe(0);
  });

  it('writes only when something changed, and leaves out a stored copy that cannot be opened, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = `sent${Date.now()}${counter++}`;
    const db = await openDb(name);
    const upsert = vi.spyOn(db, 'upsertLocal');
    await savePushedStates(db, 'patients');
    expect(upsert).not.toHaveBeenCalled();
    pushedStates(db, 'patients').set(JaneDoe.id, JaneDoe as unknown as Record<string, unknown>);
    await Promise.all([savePushedStates(db, 'patients'), savePushedStates(db, 'patients')]);
    expect(upsert).toHaveBeenCalledTimes(1);
    await db.upsertLocal('sent-base-patients', { sealed: 'x1:bm90IGEgc2VhbGVkIHZhbHVlIGF0IGFsbCwganVzdCB0ZXh0' });
    await db.close();

    const again = await openDb(name);
    expect(pushedStates(again, 'patients').size).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be read back'), expect.anything());
  });
});

describe('keepingSentFirst', () => {
  it('stores before each write to the server leaves, and a failure to store stops the write', async () => {
    const order: string[] = [];
    const fetch = vi.fn(async (input: string | URL | Request) => {
      order.push(`fetch ${String(input)}`);
      return new Response('{}');
    }) as unknown as typeof globalThis.fetch;
    let fail = false;
    const wrapped = keepingSentFirst(fetch, async () => {
      order.push('save');
      if (fail) throw new Error('disk full');
    });
    await wrapped('http://couch/db/_bulk_docs?', { method: 'POST', body: '{}' });
    await wrapped('http://couch/db/_all_docs?', { method: 'POST', body: '{}' });
    await wrapped('http://couch/db/_changes?since=0');
    expect(order).toEqual(['save', 'fetch http://couch/db/_bulk_docs?', 'fetch http://couch/db/_all_docs?', 'fetch http://couch/db/_changes?since=0']);
    fail = true;
    await expect(wrapped('http://couch/db/_bulk_docs', { method: 'POST', body: '{}' })).rejects.toThrow('disk full');
    expect(order.at(-1)).toBe('save');
  });
});
