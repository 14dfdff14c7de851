import { v7 as uuidv7 } from 'uuid';
import type { AuditEvent } from './auditLog';

/** Audit entries of saved changes that could not be written yet, oldest first. */
export interface AuditOutbox {
  list(): { id: string; event: AuditEvent }[];
  add(event: AuditEvent): void;
  remove(id: string): void;
}

/** An outbox that lives as long as the page: for tests and tools. */
export function memoryOutbox(): AuditOutbox {
  let items: { id: string; event: AuditEvent }[] = [];
  return {
    list: () => [...items],
    add: (event) => void items.push({ id: uuidv7(), event }),
    remove: (id) => void (items = items.filter((i) => i.id !== id)),
  };
}

/**
 * An outbox kept in the page's local storage, apart from the database whose write failed, so an
 * entry survives a restart. One per workstation.
 */
export function storageOutbox(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): AuditOutbox {
  const read = (): { id: string; event: AuditEvent }[] => {
    const raw = storage.getItem(key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed as { id: string; event: AuditEvent }[];
    } catch {
      // Kept aside below, never dropped.
    }
    const aside = `${key}:damaged:${Date.now()}`;
    storage.setItem(aside, raw);
    storage.setItem(key, '[]');
    console.error(`The audit outbox could not be read; its content is kept under ${aside}`);
    return [];
  };
  return {
    list: read,
    add: (event) => storage.setItem(key, JSON.stringify([...read(), { id: uuidv7(), event }])),
    remove: (id) => storage.setItem(key, JSON.stringify(read().filter((i) => i.id !== id))),
  };
}
