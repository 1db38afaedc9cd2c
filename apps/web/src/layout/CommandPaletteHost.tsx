/**
 * The part of the command palette that is always there (in the shell's chunk, a few hundred
 * bytes): the "Search ⌘K" button of the top bar and the global key handler (`lib/shortcuts.ts`).
 * The palette itself (cmdk, the search) and the shortcuts dialog are lazy chunks, requested when
 * the pointer or focus reaches the button, or at the first shortcut.
 */
import { Search } from 'lucide-react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { lazyWithPreload } from '../lib/prefetch.ts';
import { goHref, isApplePlatform, keysOf, resolveKey, shortcutFor, type SequenceState, type ShortcutAction } from '../lib/shortcuts.ts';
import type { CommandPaletteProps } from './CommandPalette.tsx';
import type { CommandPaletteHelpProps } from './CommandPaletteHelp.tsx';

const CommandPalette = lazyWithPreload<CommandPaletteProps>(() => import('./CommandPalette.tsx'));
const CommandPaletteHelp = lazyWithPreload<CommandPaletteHelpProps>(() => import('./CommandPaletteHelp.tsx'));

/** Focus is where the user types: a text field, a select, or an editable region. */
function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  return ['textbox', 'combobox', 'searchbox', 'spinbutton'].includes(el.getAttribute('role') ?? '');
}

/** A dialog, alert dialog, open menu or listbox is on screen: its keys are its own. */
function isOverlayOpen(): boolean {
  return !!document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]');
}

/** Other parts of the shell (the phone's navigation drawer) open the palette through this event. */
const OPEN_EVENT = 'command-palette:open';
export function openCommandPalette() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

function useGlobalShortcuts(run: (action: ShortcutAction) => void) {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    let state: SequenceState = null;
    const onKeyDown = (e: KeyboardEvent) => {
      // A key the focused widget handled (e.g. the matrix's role keys) ends any sequence.
      if (e.defaultPrevented || e.isComposing || e.repeat) {
        state = null;
        return;
      }
      const result = resolveKey(state, e, { typing: isTyping(document.activeElement), overlayOpen: isOverlayOpen() }, e.timeStamp);
      state = result.state;
      if (!result.action) return;
      e.preventDefault();
      runRef.current(result.action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * `coalitionId`: the route's coalition, if any. Inside a coalition the top-bar button shows from
 * the `sm` width up; on a phone the navigation drawer has the entry (`CommandPaletteDrawerButton`),
 * so the coalition's name keeps its room in the top bar.
 */
export function CommandPaletteHost({ coalitionId }: { coalitionId?: string | undefined }) {
  const [, navigate] = useLocation();
  const [palette, setPalette] = useState({ mounted: false, open: false });
  const [help, setHelp] = useState({ mounted: false, open: false });
  const openPalette = () => setPalette({ mounted: true, open: true });
  const openHelp = () => setHelp({ mounted: true, open: true });
  useEffect(() => {
    const open = () => setPalette({ mounted: true, open: true });
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, []);

  useGlobalShortcuts((action) => {
    if (action.type === 'palette') openPalette();
    else if (action.type === 'help') openHelp();
    else {
      const href = goHref(action.to, coalitionId);
      if (href) navigate(href);
    }
  });

  const apple = typeof navigator !== 'undefined' && isApplePlatform(navigator.userAgent);
  const chord = keysOf(shortcutFor({ type: 'palette' })!, apple);
  const preload = () => void CommandPalette.preload();
  return (
    <>
      <button
        type="button"
        onClick={openPalette}
        onPointerEnter={preload}
        onFocus={preload}
        aria-keyshortcuts={apple ? 'Meta+K' : 'Control+K'}
        aria-haspopup="dialog"
        className={`${coalitionId ? 'hidden sm:inline-flex' : 'inline-flex'} h-9 shrink-0 items-center gap-2 rounded-md px-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:px-2.5`}
      >
        {/* Named by its own text ("Search Ctrl K — commands"), so the visible words are part of the name. */}
        <Search aria-hidden className="size-4" />
        <span className="sr-only lg:not-sr-only">Search</span>
        <kbd className="hidden rounded border border-slate-200 bg-slate-50 px-1.5 font-sans text-[11px] font-medium text-slate-500 sm:inline">
          {chord.join(apple ? '' : ' ')}
        </kbd>
        <span className="sr-only"> — commands</span>
      </button>
      {palette.mounted && (
        <Suspense fallback={null}>
          <CommandPalette
            open={palette.open}
            onOpenChange={(open) => setPalette({ mounted: true, open })}
            coalitionId={coalitionId}
            onShowShortcuts={openHelp}
          />
        </Suspense>
      )}
      {help.mounted && (
        <Suspense fallback={null}>
          <CommandPaletteHelp open={help.open} onOpenChange={(open) => setHelp({ mounted: true, open })} inCoalition={!!coalitionId} />
        </Suspense>
      )}
    </>
  );
}

/** The palette's entry in the phone's navigation drawer: closes the drawer, opens the palette. */
export function CommandPaletteDrawerButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      type="button"
      onClick={() => {
        onOpen();
        openCommandPalette();
      }}
      onFocus={() => void CommandPalette.preload()}
      aria-haspopup="dialog"
      className="flex h-10 items-center gap-2 rounded-md bg-white px-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <Search aria-hidden className="size-4" />
      Search and commands
    </button>
  );
}
