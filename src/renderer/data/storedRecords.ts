import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { z } from 'zod';

/**
 * Reads stored documents as domain records. A document that breaks its schema (written by an
 * older or foreign client, or changed on the server) is left out and reported, never shown as if
 * it were valid.
 */
export function storedReader<T>(schema: z.ZodType<T>, what: string) {
  const read = (doc: { toJSON(): unknown } | null | undefined): T | null => {
    if (!doc) return null;
    const parsed = schema.safeParse(doc.toJSON());
    if (parsed.success) return parsed.data;
    console.warn(`${what} does not match the schema and was left out`, z.prettifyError(parsed.error));
    return null;
  };
  return {
    one: read,
    many: (docs: readonly { toJSON(): unknown }[]): T[] => docs.map(read).filter((r): r is T => r !== null),
    liveOne: (doc$: Observable<{ toJSON(): unknown } | null>): Observable<T | null> => doc$.pipe(map(read)),
    live: (docs$: Observable<readonly { toJSON(): unknown }[]>): Observable<T[]> => docs$.pipe(map((docs) => docs.map(read).filter((r): r is T => r !== null))),
  };
}
