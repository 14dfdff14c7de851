import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { createAuditLog, webCryptoSha256 } from '../../../src/renderer/features/audit/auditLog';
import { memoryOutbox, storageOutbox } from '../../../src/renderer/features/audit/auditOutbox';
import { verifyChains } from '../../../src/shared/audit/chain';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';

/** The page's local storage as far as the outbox uses it. */
function fakeStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

const event = { action: 'change' as const, actor: 'staff-1', actorName: 'Morgan Lee', at: '2026-11-23T15:00:00.000Z', subject: 'patients/p1', changes: [{ field: 'familyName', before: 'Doe', after: 'Roe' }] };

describe('the audit outbox', () => {
  it('keeps entries across a restart, oldest first, until each is removed', async () => {
    const storage = fakeStorage();
    const first = storageOutbox(storage, 'outbox', TEST_DATABASE_KEY);
    await first.add({ id: 'a', event });
    await first.add({ id: 'b', event: { ...event, subject: 'patients/p2' } });
    const afterRestart = storageOutbox(storage, 'outbox', TEST_DATABASE_KEY);
    expect((await afterRestart.list()).map((i) => i.event.subject)).toEqual(['patients/p1', 'patients/p2']);
    await afterRestart.remove('a');
    expect((await storageOutbox(storage, 'outbox', TEST_DATABASE_KEY).list()).map((i) => i.id)).toEqual(['b']);
  });

  it('holds patient data only encrypted with the workstation key', async () => {
    const storage = fakeStorage();
    await storageOutbox(storage, 'outbox', TEST_DATABASE_KEY).add({ id: 'a', event });
    const stored = storage.getItem('outbox')!;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain('Roe');
    expect(stored).not.toContain('familyName');
  });

  it('sets content it cannot read (damaged, or another key) aside instead of dropping it, and carries on', async () => {
    const storage = fakeStorage();
    storage.setItem('outbox', '{not json');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outbox = storageOutbox(storage, 'outbox', TEST_DATABASE_KEY);
    expect(await outbox.list()).toEqual([]);
    await outbox.add({ id: 'a', event });
    expect(await outbox.list()).toHaveLength(1);
    expect([...storage.items.entries()].find(([k]) => k.startsWith('outbox:damaged:'))?.[1]).toBe('{not json');
    expect(await storageOutbox(storage, 'outbox', 'another-key-0123456789abcdef0123456789').list()).toEqual([]);
    expect([...storage.items.keys()].filter((k) => k.startsWith('outbox:damaged:'))).toHaveLength(2);
    error.mockRestore();
  });
});

describe('entries of saved changes', () => {
  it('are written once, in order, however many flushes run, and an entry that can never be written does not hold up the rest', async () => {
    const db = await openClinicDatabase({ name: `outbox${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY, only: ['audit'] });
    const outbox = memoryOutbox();
    const log = createAuditLog(db, { workstationId: () => 'ws-1', siteId: () => 'north', now: () => new Date('2026-11-23T15:00:00Z'), outbox, onOutboxError: () => undefined });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await outbox.add({ id: 'first', event });
    await outbox.add({ id: 'broken', event: { ...event, action: 'no-such-action' as 'change' } });
    await outbox.add({ id: 'third', event: { ...event, subject: 'patients/p3' } });
    const counts = await Promise.all([log.flush(), log.flush(), log.flush()]);
    expect(counts).toEqual([3, 3, 3]);
    await log.flush();
    const entries = (await db.audit.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());
    expect(entries.map((e) => e.id)).toEqual(['first', 'third']);
    expect(outbox.asideList().map((a) => a.item.id)).toEqual(['broken']);
    expect(await outbox.list()).toEqual([]);
    expect((await verifyChains(entries, webCryptoSha256)).ok).toBe(true);
    log.stop();
    error.mockRestore();
    await db.close();
  });

  it('shortens a detail longer than an entry may hold instead of refusing it', async () => {
    const db = await openClinicDatabase({ name: `long${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY, only: ['audit'] });
    const log = createAuditLog(db, { workstationId: () => 'ws-1', siteId: () => 'north', now: () => new Date('2026-11-23T15:00:00Z') });
    const moved = Array.from({ length: 40 }, (_, i) => `appointments/01936b2e-4a7c-7cc1-8d3e-5f6a7b8c9d${String(i).padStart(2, '0')}`);
    await log.recordDurably({ ...event, detail: `Moved from the merged record: ${moved.join(', ')}` });
    const [entry] = (await db.audit.find().exec()).map((d) => d.toJSON());
    expect(entry!.detail).toHaveLength(1000);
    expect(entry!.detail.endsWith('…')).toBe(true);
    expect(await log.pending()).toBe(0);
    await db.close();
  });
});
