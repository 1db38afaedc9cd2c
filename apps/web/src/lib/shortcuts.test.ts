import { describe, expect, it } from 'vitest';
import { goHref, keysOf, shortcutForHref, resolveKey, SEQUENCE_TIMEOUT_MS, SHORTCUTS, shortcutFor, type KeyContext, type SequenceState, type ShortcutAction } from './shortcuts.ts';

const free: KeyContext = { typing: false, overlayOpen: false };
const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

/** Presses keys one after the other (10 ms apart unless told), returning the actions they ran. */
function type(keys: string[], ctx: KeyContext = free, gap = 10): (ShortcutAction | null)[] {
  let state: SequenceState = null;
  let now = 1_000;
  return keys.map((k) => {
    const r = resolveKey(state, press(k), ctx, now);
    state = r.state;
    now += gap;
    return r.action;
  });
}

describe('resolveKey', () => {
  it('runs every "g then x" shortcut of the list, and only on its second key', () => {
    for (const s of SHORTCUTS.filter((s) => s.keys[0] === 'g')) {
      expect(type([...s.keys])).toEqual([null, s.action]);
    }
    expect(type(['g', 'm'])).toEqual([null, { type: 'go', to: 'milestones' }]);
    expect(type(['G', 'D'])).toEqual([null, { type: 'go', to: 'dashboard' }]);
  });

  it('forgets the first key after the timeout or another key', () => {
    expect(type(['g', 'm'], free, SEQUENCE_TIMEOUT_MS + 1)).toEqual([null, null]);
    expect(type(['g', 'x', 'm'])).toEqual([null, null, null]);
    expect(type(['m'])).toEqual([null]);
    expect(type(['g', 'g', 'm'])).toEqual([null, null, { type: 'go', to: 'milestones' }]);
  });

  it('never fires while typing in a field or over a dialog', () => {
    const typing = { typing: true, overlayOpen: false };
    const dialog = { typing: false, overlayOpen: true };
    expect(type(['g', 'm'], typing)).toEqual([null, null]);
    expect(type(['?'], typing)).toEqual([null]);
    expect(type(['g', 'm'], dialog)).toEqual([null, null]);
    expect(type(['?'], dialog)).toEqual([null]);
  });

  it('opens the help with ?, and ignores keys held with a modifier', () => {
    expect(type(['?'])).toEqual([{ type: 'help' }]);
    expect(resolveKey({ first: 'g', at: 0 }, press('m', { altKey: true }), free, 5).action).toBeNull();
    expect(resolveKey({ first: 'g', at: 0 }, press('m', { ctrlKey: true }), free, 5).action).toBeNull();
  });

  it('opens the palette with Ctrl-K or ⌘K, even in a field, but not over another dialog', () => {
    expect(resolveKey(null, press('k', { ctrlKey: true }), free, 0).action).toEqual({ type: 'palette' });
    expect(resolveKey(null, press('K', { metaKey: true }), free, 0).action).toEqual({ type: 'palette' });
    expect(resolveKey(null, press('k', { ctrlKey: true }), { typing: true, overlayOpen: false }, 0).action).toEqual({ type: 'palette' });
    expect(resolveKey(null, press('k', { ctrlKey: true }), { typing: false, overlayOpen: true }, 0).action).toBeNull();
    expect(resolveKey(null, press('k', { ctrlKey: true, altKey: true }), free, 0).action).toBeNull();
    expect(resolveKey(null, press('k'), free, 0).action).toBeNull();
  });
});

describe('the shortcut list', () => {
  it('has no two shortcuts on the same keys', () => {
    const keys = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is shown with the platform’s modifier', () => {
    const palette = shortcutFor({ type: 'palette' })!;
    expect(keysOf(palette, true)).toEqual(['⌘', 'K']);
    expect(keysOf(palette, false)).toEqual(['Ctrl', 'K']);
    expect(keysOf(shortcutFor({ type: 'go', to: 'milestones' })!, false)).toEqual(['g', 'm']);
  });

  it('goes to the screens of the current coalition; the inbox needs none', () => {
    expect(goHref('milestones', 'c1')).toBe('/c/c1/milestones');
    expect(goHref('dashboard', 'c1')).toBe('/c/c1');
    expect(goHref('milestones', null)).toBeNull();
    expect(goHref('inbox', null)).toBe('/inbox');
    expect(shortcutForHref('/c/c1/milestones', 'c1')?.keys).toEqual(['g', 'm']);
    expect(shortcutForHref('/c/c1/members', 'c1')).toBeUndefined();
  });
});
