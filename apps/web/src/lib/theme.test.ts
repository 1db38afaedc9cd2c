import { describe, expect, it } from 'vitest';
import { DARK_QUERY, effectiveTheme, parseThemeChoice, THEME_STORAGE_KEY, themeBootScript, type ThemeWindow } from './theme.ts';

describe('theme choice → theme shown', () => {
  it('reads only light and dark as explicit choices; anything else follows the system', () => {
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
    for (const v of [null, undefined, '', 'system', 'Dark', 'auto', '"dark"']) expect(parseThemeChoice(v), String(v)).toBe('system');
  });

  it('an explicit choice wins over the system; System follows it', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
});

/** A window with just what the boot script touches, to run the script's source as the browser would. */
function fakeWindow(stored: string | null, systemDark: boolean, storageThrows = false) {
  const classes = new Set<string>();
  const media = { matches: systemDark, listeners: [] as (() => void)[] };
  const storageListeners: ((e: { key: string | null }) => void)[] = [];
  const store = new Map<string, string>(stored === null ? [] : [[THEME_STORAGE_KEY, stored]]);
  const root = {
    classList: { toggle: (t: string, force: boolean) => (force ? classes.add(t) : classes.delete(t), force) },
    style: { colorScheme: '' },
  };
  const win: ThemeWindow = {
    document: { documentElement: root },
    localStorage: {
      getItem: (k) => {
        if (storageThrows) throw new Error('SecurityError');
        return store.get(k) ?? null;
      },
    },
    matchMedia: (q) => {
      expect(q).toBe(DARK_QUERY);
      return { get matches() { return media.matches; }, addEventListener: (_t, l) => media.listeners.push(l) };
    },
    addEventListener: (_t, l) => storageListeners.push(l),
  };
  return {
    win,
    classes: () => [...classes].sort(),
    colorScheme: () => root.style.colorScheme,
    setSystemDark(dark: boolean) {
      media.matches = dark;
      for (const l of media.listeners) l();
    },
    storeFromOtherTab(value: string | null) {
      if (value === null) store.delete(THEME_STORAGE_KEY);
      else store.set(THEME_STORAGE_KEY, value);
      for (const l of storageListeners) l({ key: THEME_STORAGE_KEY });
    },
  };
}

function runBootScript(win: ThemeWindow) {
  // The emitted file's source, run with `window` bound as in a browser (and nothing else in scope).
  new Function('window', themeBootScript())(win);
}

describe('the boot script (emitted as /assets/theme-<hash>.js)', () => {
  it('puts the stored choice on <html> before anything paints, class and color-scheme', () => {
    const dark = fakeWindow('dark', false);
    runBootScript(dark.win);
    expect(dark.classes()).toEqual(['dark']);
    expect(dark.colorScheme()).toBe('dark');

    const light = fakeWindow('light', true);
    runBootScript(light.win);
    expect(light.classes()).toEqual(['light']);
    expect(light.colorScheme()).toBe('light');
  });

  it('without a choice follows the system, also when it changes later', () => {
    const w = fakeWindow(null, true);
    runBootScript(w.win);
    expect(w.classes()).toEqual(['dark']);
    w.setSystemDark(false);
    expect(w.classes()).toEqual(['light']);
  });

  it('an explicit choice ignores system changes; a choice stored by another tab applies at once', () => {
    const w = fakeWindow('light', false);
    runBootScript(w.win);
    w.setSystemDark(true);
    expect(w.classes()).toEqual(['light']);
    w.storeFromOtherTab('dark');
    expect(w.classes()).toEqual(['dark']);
    w.storeFromOtherTab(null);
    expect(w.classes()).toEqual(['dark']); // back to System, and the system is dark
  });

  it('storage that throws counts as no choice', () => {
    const w = fakeWindow('light', true, true);
    runBootScript(w.win);
    expect(w.classes()).toEqual(['dark']);
  });
});
