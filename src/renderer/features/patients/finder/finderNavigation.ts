/** A move of the highlighted result. */
export type FinderMove = 'next' | 'previous' | 'pageDown' | 'pageUp' | 'first' | 'last';

/**
 * The move a key asks for in the finder's search box, or null for keys that belong to the text
 * (plain Home and End move the caret; with Ctrl they jump to the first and last result).
 */
export function moveForKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): FinderMove | null {
  if (event.altKey || event.shiftKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowDown':
      return mod ? null : 'next';
    case 'ArrowUp':
      return mod ? null : 'previous';
    case 'PageDown':
      return mod ? null : 'pageDown';
    case 'PageUp':
      return mod ? null : 'pageUp';
    case 'Home':
      return mod ? 'first' : null;
    case 'End':
      return mod ? 'last' : null;
    default:
      return null;
  }
}

/**
 * The result highlighted after a move, kept within the list (no wrapping, so holding a key stops
 * at the ends). -1 when there are no results.
 */
export function nextHighlight(current: number, move: FinderMove, count: number, pageSize: number): number {
  if (count <= 0) return -1;
  const last = count - 1;
  const from = Math.min(Math.max(current, 0), last);
  switch (move) {
    case 'next':
      return current < 0 ? 0 : Math.min(from + 1, last);
    case 'previous':
      return Math.max(from - 1, 0);
    case 'pageDown':
      return Math.min(from + Math.max(pageSize, 1), last);
    case 'pageUp':
      return Math.max(from - Math.max(pageSize, 1), 0);
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}
