import type { Page } from 'playwright-core';

type Read = { count: number; broken: string[] };

/**
 * Reads a collection of the desk's RxDB database straight from IndexedDB, in the page: RxDB's
 * Dexie storage keeps each collection in its own database, `rxdb-dexie-<db>--<version>--<name>`,
 * whose `docs` store holds the documents. `count` only counts them (deleted ones too), cheaply;
 * otherwise every document is read.
 */
function read(page: Page, collection: string, fields: readonly string[] | null): Promise<Read> {
  return page.evaluate(
    async ({ collection, fields }) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('rxdb-dexie-') && n.endsWith(`--${collection}`));
      if (names.length === 0 && fields === null) return { count: 0, broken: [] };
      if (names.length !== 1) throw new Error(`Expected one store of ${collection}, found ${names.join(', ') || 'none'}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(names[0]!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const store = db.transaction('docs', 'readonly').objectStore('docs');
        if (fields === null) {
          const count = await new Promise<number>((resolve, reject) => {
            const req = store.count();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          return { count, broken: [] };
        }
        const docs = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const req = store.getAll();
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
          req.onerror = () => reject(req.error);
        });
        const live = docs.filter((d) => d['_deleted'] !== true && d['_deleted'] !== '1' && d['_deleted'] !== 1);
        const broken = live.filter((d) => fields.some((f) => d[f] === undefined || d[f] === null)).map((d) => String(d['id']));
        return { count: live.length, broken };
      } finally {
        db.close();
      }
    },
    { collection, fields },
  );
}

/** Every document of a collection: how many (not deleted), and the ids of any lacking one of `fields`. */
export function storedDocuments(page: Page, collection: string, fields: readonly string[]): Promise<Read> {
  return read(page, collection, fields);
}

/** How many documents a collection's store holds (deleted ones too): cheap enough to poll. */
export async function storedCount(page: Page, collection: string): Promise<number> {
  return (await read(page, collection, null)).count;
}
