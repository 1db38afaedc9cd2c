/**
 * The keyboard shortcuts, defined once: the global key handler (`resolveKey`, used by the shell's
 * CommandPaletteHost) and the "Keyboard shortcuts" dialog (`?`) both read `SHORTCUTS`.
 * Pure: no DOM, no React; the caller says whether the user is typing or a dialog is open.
 */
import { paths } from './paths.ts';

/** A screen a "g then x" shortcut goes to. */
export type GoTarget = 'dashboard' | 'milestones' | 'partners' | 'tracks' | 'bottlenecks' | 'activity' | 'inbox' | 'settings';

export type ShortcutAction = { type: 'palette' } | { type: 'help' } | { type: 'go'; to: GoTarget };

export interface Shortcut {
  /** Keys pressed one after the other (`['g', 'm']`), or a chord with the platform's modifier (`['Mod', 'k']`). */
  keys: readonly string[];
  label: string;
  group: 'General' | 'Go to';
  action: ShortcutAction;
  /** Works only inside a coalition. */
  inCoalition?: boolean;
}

const go = (key: string, label: string, to: GoTarget, inCoalition = true): Shortcut => ({
  keys: ['g', key],
  label,
  group: 'Go to',
  action: { type: 'go', to },
  ...(inCoalition ? { inCoalition } : {}),
});

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Mod', 'k'], label: 'Open the command palette', group: 'General', action: { type: 'palette' } },
  { keys: ['?'], label: 'Show keyboard shortcuts', group: 'General', action: { type: 'help' } },
  go('d', 'Dashboard', 'dashboard'),
  go('m', 'Milestones', 'milestones'),
  go('p', 'Partners', 'partners'),
  go('t', 'Tracks & matrix', 'tracks'),
  go('b', 'Bottlenecks', 'bottlenecks'),
  go('a', 'Activity', 'activity'),
  go('i', 'Inbox', 'inbox', false),
  go('s', 'Settings', 'settings'),
];

/** Keys inside the command palette and dialogs (shown in the help, handled by cmdk and Radix). */
export const DIALOG_KEYS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['↑', '↓'], label: 'Move through the palette’s results' },
  { keys: ['Enter'], label: 'Run the highlighted command' },
  { keys: ['Esc'], label: 'Close the palette or a dialog' },
];

/** The URL a "go to" shortcut opens, or null when it needs a coalition and there is none. */
export function goHref(to: GoTarget, coalitionId: string | null | undefined): string | null {
  if (to === 'inbox') return paths.inbox();
  return coalitionId ? paths[to](coalitionId) : null;
}

/** Whether this browser is on a Mac, iPhone or iPad (⌘ rather than Ctrl). */
export function isApplePlatform(userAgent: string): boolean {
  return /Mac|iPhone|iPad|iPod/.test(userAgent);
}

/** How a key is shown: `Mod` is ⌘ on Apple devices and Ctrl elsewhere; letters in capitals for chords. */
export function keyLabel(key: string, apple: boolean, inChord = false): string {
  if (key === 'Mod') return apple ? '⌘' : 'Ctrl';
  return inChord && key.length === 1 ? key.toUpperCase() : key;
}

/** The keys of a shortcut as shown to the user: `['Ctrl', 'K']`, `['⌘', 'K']`, `['g', 'm']`. */
export function keysOf(shortcut: Pick<Shortcut, 'keys'>, apple: boolean): string[] {
  const chord = shortcut.keys[0] === 'Mod';
  return shortcut.keys.map((k) => keyLabel(k, apple, chord));
}

/** The shortcut that runs an action (e.g. to show `g m` beside "Milestones" in the palette). */
export function shortcutFor(action: ShortcutAction): Shortcut | undefined {
  return SHORTCUTS.find((s) => JSON.stringify(s.action) === JSON.stringify(action));
}

/** The "go to" shortcut of the screen at `href` (e.g. `g m` for the milestones of this coalition). */
export function shortcutForHref(href: string, coalitionId: string | null | undefined): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.action.type === 'go' && goHref(s.action.to, coalitionId) === href);
}

/** The second key of a sequence must follow the first within this time. */
export const SEQUENCE_TIMEOUT_MS = 1500;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyContext {
  /** Focus is in an input, textarea, select or contenteditable element. */
  typing: boolean;
  /** A dialog (or menu) is open: its keys are its own. */
  overlayOpen: boolean;
}

/** The first key of a sequence waiting for its second, and when it was pressed. */
export type SequenceState = { first: string; at: number } | null;

/**
 * What a key press does: the action to run (or null) and the new sequence state.
 * The palette chord works while typing (it is a chord, nothing one types) but not over another
 * dialog; every other shortcut never fires while typing, over a dialog, or with a modifier.
 */
export function resolveKey(state: SequenceState, press: KeyPress, ctx: KeyContext, now: number): { action: ShortcutAction | null; state: SequenceState } {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (press.ctrlKey || press.metaKey) {
    const chord = SHORTCUTS.find((s) => s.keys.length === 2 && s.keys[0] === 'Mod' && s.keys[1] === key);
    return { action: chord && !press.altKey && !ctx.overlayOpen ? chord.action : null, state: null };
  }
  if (press.altKey || ctx.typing || ctx.overlayOpen) return { action: null, state: null };
  if (state && now - state.at <= SEQUENCE_TIMEOUT_MS) {
    const second = SHORTCUTS.find((s) => s.keys.length === 2 && s.keys[0] === state.first && s.keys[1] === key);
    if (second) return { action: second.action, state: null };
  }
  const single = SHORTCUTS.find((s) => s.keys.length === 1 && s.keys[0] === press.key);
  if (single) return { action: single.action, state: null };
  const starts = SHORTCUTS.some((s) => s.keys.length === 2 && s.keys[0] === key);
  return { action: null, state: starts ? { first: key, at: now } : null };
}
