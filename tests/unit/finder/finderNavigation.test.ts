import { describe, expect, it } from 'vitest';
import { moveForKey, nextHighlight } from '../../../src/renderer/features/patients/finder/finderNavigation';

const key = (name: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('moveForKey', () => {
  it('moves with the arrows and the page keys', () => {
    expect(moveForKey(key('ArrowDown'))).toBe('next');
    expect(moveForKey(key('ArrowUp'))).toBe('previous');
    expect(moveForKey(key('PageDown'))).toBe('pageDown');
    expect(moveForKey(key('PageUp'))).toBe('pageUp');
  });

  it('jumps to the first and last result only with Ctrl (or Cmd) + Home and End', () => {
    expect(moveForKey(key('Home', { ctrlKey: true }))).toBe('first');
    expect(moveForKey(key('End', { ctrlKey: true }))).toBe('last');
    expect(moveForKey(key('End', { metaKey: true }))).toBe('last');
    // Plain Home and End move the caret in the search box.
    expect(moveForKey(key('Home'))).toBeNull();
    expect(moveForKey(key('End'))).toBeNull();
  });

  it('leaves typing and other shortcuts alone', () => {
    expect(moveForKey(key('a'))).toBeNull();
    expect(moveForKey(key('Enter'))).toBeNull();
    expect(moveForKey(key('ArrowDown', { shiftKey: true }))).toBeNull();
    expect(moveForKey(key('ArrowDown', { altKey: true }))).toBeNull();
    expect(moveForKey(key('ArrowUp', { ctrlKey: true }))).toBeNull();
  });
});

describe('nextHighlight', () => {
  it('steps one row and stops at either end instead of wrapping', () => {
    expect(nextHighlight(0, 'next', 3, 8)).toBe(1);
    expect(nextHighlight(2, 'next', 3, 8)).toBe(2);
    expect(nextHighlight(1, 'previous', 3, 8)).toBe(0);
    expect(nextHighlight(0, 'previous', 3, 8)).toBe(0);
  });

  it('moves a page at a time, stopping at the ends', () => {
    expect(nextHighlight(0, 'pageDown', 100, 8)).toBe(8);
    expect(nextHighlight(95, 'pageDown', 100, 8)).toBe(99);
    expect(nextHighlight(20, 'pageUp', 100, 8)).toBe(12);
    expect(nextHighlight(3, 'pageUp', 100, 8)).toBe(0);
  });

  it('jumps to the first and last result', () => {
    expect(nextHighlight(57, 'first', 200, 8)).toBe(0);
    expect(nextHighlight(3, 'last', 200, 8)).toBe(199);
  });

  it('has nothing to highlight without results', () => {
    expect(nextHighlight(0, 'next', 0, 8)).toBe(-1);
    expect(nextHighlight(-1, 'last', 0, 8)).toBe(-1);
  });

  it('starts from the first row when nothing was highlighted, and keeps a stale index in range', () => {
    expect(nextHighlight(-1, 'next', 5, 8)).toBe(0);
    expect(nextHighlight(-1, 'pageDown', 5, 8)).toBe(4);
    // The list shrank under the highlight (a record changed while the finder was open).
    expect(nextHighlight(40, 'previous', 10, 8)).toBe(8);
  });

  it('moves by at least one row when the page size is degenerate', () => {
    expect(nextHighlight(2, 'pageDown', 10, 0)).toBe(3);
  });
});
