import type { z } from 'zod';

/** A feature's requests: channel name (`feature:verb`) to its request and response schemas. */
export type ChannelMap = Record<string, { request: z.ZodType; response: z.ZodType }>;
/** A feature's push events: event name (`feature:noun`) to its payload schema. */
export type EventMap = Record<string, z.ZodType>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The names that stand in more than one of the maps, as a union (never when there are none). */
export type DuplicateNames<T extends readonly object[], Seen = never> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? (keyof Head & Seen) | DuplicateNames<Rest, Seen | keyof Head>
  : never;

/**
 * Joins the features' channel (or event) maps into one. A name used by two features fails the
 * build: the call then asks for an extra argument that names the duplicate. It is checked again
 * at run time for maps built outside the type system.
 */
export function joinChannelMaps<const T extends readonly object[]>(
  maps: T,
  ..._noDuplicates: [DuplicateNames<T>] extends [never] ? [] : [`duplicate name: ${DuplicateNames<T> & string}`]
): UnionToIntersection<T[number]> {
  const joined: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, entry] of Object.entries(map)) {
      if (Object.hasOwn(joined, name)) throw new Error(`Two features declare the channel ${name}`);
      joined[name] = entry;
    }
  }
  return joined as UnionToIntersection<T[number]>;
}
