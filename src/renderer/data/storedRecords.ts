import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { z } from 'zod';

/**
 * Reads stored documents as domain records. A document that breaks its schema (written by an
 * older or foreign client, or changed on the server) is left out and reported, never shown as if
 * it were valid.
 */
export function storedReader<T>(schema: z.ZodType<T>, what: string) {
  // A stored document object never changes (a new revision is a new object), so each is read once:
  // a live list that emits again after one write re-reads only what was written.
  const seen = new WeakMap<object, T | null>();
  const read = (doc: { toJSON(): unknown } | null | undefined): T | null => {
    if (!doc) return null;
    const known = seen.get(doc);
    if (known !== undefined) return known;
    const parsed = schema.safeParse(doc.toJSON());
    const record = parsed.success ? parsed.data : null;
    if (!parsed.success) console.warn(`${what} does not match the schema and was left out`, z.prettifyError(parsed.error));
    seen.set(doc, record);
    return record;
  };
  return {
    one: read,
    many: (docs: readonly { toJSON(): unknown }[]): T[] => docs.map(read).filter((r): r is T => r !== null),
    liveOne: (doc$: Observable<{ toJSON(): unknown } | null>): Observable<T | null> => doc$.pipe(map(read)),
    live: (docs$: Observable<readonly { toJSON(): unknown }[]>): Observable<T[]> => docs$.pipe(map((docs) => docs.map(read).filter((r): r is T => r !== null))),
  };
}
