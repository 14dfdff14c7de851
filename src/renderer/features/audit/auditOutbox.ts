import type { AuditEvent } from './auditLog';

/** An audit entry of a saved change waiting to be written; its id becomes the entry's id. */
export interface OutboxItem {
  id: string;
  event: AuditEvent;
}

/** Audit entries of saved changes that could not be written yet, oldest first. */
export interface AuditOutbox {
  list(): Promise<OutboxItem[]>;
  add(item: OutboxItem): Promise<void>;
  remove(id: string): Promise<void>;
  /** Keeps an entry that can never be written (it breaks the schema) apart, so the rest go on. */
  setAside(item: OutboxItem, reason: string): Promise<void>;
}

/** An outbox that lives as long as the page: for tests and tools. */
export function memoryOutbox(): AuditOutbox & { asideList(): { item: OutboxItem; reason: string }[] } {
  let items: OutboxItem[] = [];
  const aside: { item: OutboxItem; reason: string }[] = [];
  return {
    list: async () => [...items],
    add: async (item) => void items.push(item),
    remove: async (id) => void (items = items.filter((i) => i.id !== id)),
    setAside: async (item, reason) => {
      items = items.filter((i) => i.id !== item.id);
      aside.push({ item, reason });
    },
    asideList: () => [...aside],
  };
}

const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** AES-GCM with a key derived from the workstation's database key: what the outbox holds is as private as the database. */
async function sealer(secret: string) {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`clinicdesk-audit-outbox:${secret}`));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    async seal(value: unknown): Promise<string> {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)));
      return `v1:${toBase64(iv)}:${toBase64(new Uint8Array(data))}`;
    },
    async open(text: string): Promise<unknown> {
      const [version, iv, data] = text.split(':');
      if (version !== 'v1' || !iv || !data) throw new Error('Not an outbox of this version');
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, key, fromBase64(data));
      return JSON.parse(new TextDecoder().decode(plain));
    },
  };
}

/**
 * An outbox kept in the page's local storage, apart from the database whose write failed, so an
 * entry survives a restart. It is encrypted with the workstation's database key (the entries hold
 * patient data before and after a change). One per workstation. Content that cannot be read is
 * set aside under its own key, never dropped.
 */
export function storageOutbox(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, secret: string): AuditOutbox {
  const crypt = sealer(secret);
  let queue: Promise<unknown> = Promise.resolve();
  // Read-modify-write steps run one at a time.
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };
  const readList = async (name: string): Promise<unknown[]> => {
    const raw = storage.getItem(name);
    if (!raw) return [];
    try {
      const value = await (await crypt).open(raw);
      if (Array.isArray(value)) return value;
    } catch {
      // Set aside below.
    }
    const damaged = `${name}:damaged:${Date.now()}`;
    storage.setItem(damaged, raw);
    storage.setItem(name, '');
    console.error(`The audit outbox could not be read; its content is kept under ${damaged}`);
    return [];
  };
  const write = async (name: string, list: unknown[]) => storage.setItem(name, list.length === 0 ? '' : await (await crypt).seal(list));
  const read = () => readList(key) as Promise<OutboxItem[]>;
  return {
    list: () => serial(read),
    add: (item) => serial(async () => write(key, [...(await read()), item])),
    remove: (id) => serial(async () => write(key, (await read()).filter((i) => i.id !== id))),
    setAside: (item, reason) =>
      serial(async () => {
        await write(`${key}:aside`, [...(await readList(`${key}:aside`)), { item, reason }]);
        await write(key, (await read()).filter((i) => i.id !== item.id));
      }),
  };
}
