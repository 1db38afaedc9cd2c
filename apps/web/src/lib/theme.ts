/**
 * Light and dark theme: the user's choice (System / Light / Dark, kept in localStorage) and the
 * theme it gives under the system's `prefers-color-scheme`. The `<html>` element carries the
 * effective theme as a class (`light` or `dark`) and as `color-scheme`; index.css remaps
 * Tailwind's colours under `.dark`.
 *
 * The same functions run twice:
 *  - before the first paint, in a tiny external script (`themeBootScript()`, emitted at build time
 *    by the `boot-shell` plugin of vite.config.ts as `/assets/theme-<hash>.js`, loaded render-
 *    blocking from the head: the CSP forbids inline scripts). It applies the stored choice, then
 *    follows the system setting and the other tabs' choices for as long as the page lives;
 *  - in the app, when the user picks a theme (`lib/themeStore.ts`).
 * So these functions are serialised with `Function.prototype.toString`: each must use only its
 * parameters and the other functions serialised with it (no imports, no module constants).
 */

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

/** The localStorage key of the choice. */
export const THEME_STORAGE_KEY = 'theme';
/** The media query of the system's dark setting. */
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The choice a stored value stands for: anything unknown (or nothing) follows the system. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** The theme shown for a choice, given whether the system prefers dark. */
export function effectiveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** The part of `<html>` the theme touches. */
export interface ThemeRoot {
  classList: { toggle(token: string, force: boolean): boolean };
  style: { colorScheme: string };
}

/** Puts a theme on the root element: exactly one of the classes `light`/`dark`, and its `color-scheme`. */
export function applyTheme(root: ThemeRoot, theme: Theme): void {
  root.classList.toggle('dark', theme === 'dark');
  root.classList.toggle('light', theme === 'light');
  root.style.colorScheme = theme;
}

/** What the boot script needs of `window`. */
export interface ThemeWindow {
  document: { documentElement: ThemeRoot };
  localStorage: { getItem(key: string): string | null };
  matchMedia(query: string): { matches: boolean; addEventListener(type: 'change', listener: () => void): void };
  addEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
}

/**
 * Applies the stored choice now, and again whenever the system setting changes or another tab
 * stores a choice. Storage that throws (disabled, sandboxed) counts as no choice.
 */
export function bootTheme(win: ThemeWindow, key: string, query: string): void {
  const media = win.matchMedia(query);
  const sync = () => {
    let stored: string | null;
    try {
      stored = win.localStorage.getItem(key);
    } catch {
      stored = null;
    }
    applyTheme(win.document.documentElement, effectiveTheme(parseThemeChoice(stored), media.matches));
  };
  sync();
  media.addEventListener('change', sync);
  win.addEventListener('storage', (event) => {
    if (event.key === key || event.key === null) sync();
  });
}

/** The boot script's source: the functions above and one call, in an IIFE (no globals). */
export function themeBootScript(): string {
  const fns = [parseThemeChoice, effectiveTheme, applyTheme, bootTheme].map((fn) => fn.toString()).join('\n');
  return `(function(){\n${fns}\n${bootTheme.name}(window,${JSON.stringify(THEME_STORAGE_KEY)},${JSON.stringify(DARK_QUERY)});\n})();\n`;
}
