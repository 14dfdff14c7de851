import { describe, expect, it, vi } from 'vitest';
import { storageOutbox } from '../../../src/renderer/features/audit/auditOutbox';

/** The page's local storage as far as the outbox uses it. */
function fakeStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

const event = { action: 'create' as const, actor: 'staff-1', actorName: 'Morgan Lee', at: '2026-11-23T15:00:00.000Z', subject: 'patients/p1' };

describe('the audit outbox', () => {
  it('keeps entries across a restart, oldest first, until each is removed', () => {
    const storage = fakeStorage();
    const first = storageOutbox(storage, 'outbox');
    first.add(event);
    first.add({ ...event, subject: 'patients/p2' });
    const afterRestart = storageOutbox(storage, 'outbox');
    expect(afterRestart.list().map((i) => i.event.subject)).toEqual(['patients/p1', 'patients/p2']);
    afterRestart.remove(afterRestart.list()[0]!.id);
    expect(storageOutbox(storage, 'outbox').list().map((i) => i.event.subject)).toEqual(['patients/p2']);
  });

  it('sets damaged content aside instead of dropping it, and carries on', () => {
    const storage = fakeStorage();
    storage.setItem('outbox', '{not json');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outbox = storageOutbox(storage, 'outbox');
    expect(outbox.list()).toEqual([]);
    outbox.add(event);
    expect(outbox.list()).toHaveLength(1);
    expect([...storage.items.entries()].find(([k]) => k.startsWith('outbox:damaged:'))?.[1]).toBe('{not json');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('could not be read'));
    error.mockRestore();
  });
});
