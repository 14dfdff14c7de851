/**
 * What this workstation last sent the server of each record the server has not confirmed yet, by
 * database and collection. RxDB merges a conflict against the version both sides started from
 * (the one it last exchanged with the server); when the answer to a push was lost, it has none,
 * although the server did store what was sent. The version sent is then the right one to merge
 * against: without it, every field the other workstation changed since would count as changed on
 * both sides, and the newer version would silently take them all back.
 */
export type PushedStates = Map<string, Record<string, unknown>>;

const registry = new WeakMap<object, Map<string, PushedStates>>();

export function pushedStates(db: object, collection: string): PushedStates {
  let byCollection = registry.get(db);
  if (!byCollection) {
    byCollection = new Map();
    registry.set(db, byCollection);
  }
  let states = byCollection.get(collection);
  if (!states) {
    states = new Map();
    byCollection.set(collection, states);
  }
  return states;
}
