/**
 * The theme choice as app state: read from localStorage, changed from the user menu, shared with
 * the other tabs (the `storage` event). The boot script (lib/theme.ts) already keeps `<html>` in
 * step with the system setting and the other tabs; this store applies a choice made here at once.
 */
import { useSyncExternalStore } from 'react';
import { applyTheme, DARK_QUERY, effectiveTheme, parseThemeChoice, THEME_STORAGE_KEY, type ThemeChoice } from './theme.ts';

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

const listeners = new Set<() => void>();
let current: ThemeChoice = typeof window === 'undefined' ? 'system' : readChoice();

function notify() {
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

function onStorage(event: StorageEvent) {
  if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
  current = readChoice();
  notify();
}

/** Stores a choice (System forgets the stored one) and shows its theme now. */
export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage unavailable: the choice holds for this page only.
  }
  current = choice;
  applyTheme(document.documentElement, effectiveTheme(choice, window.matchMedia(DARK_QUERY).matches));
  notify();
}

/** The user's theme choice (System, Light or Dark). */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => current, () => 'system');
}
