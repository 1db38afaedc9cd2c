/**
 * Asks before unsaved edits are lost: while `dirty`, an in-app link (any same-origin <a>, the
 * wouter links included) and the browser's back/forward buttons open a ConfirmDialog, and
 * closing or reloading the tab gets the browser's own `beforeunload` prompt. Links to the
 * sign-in page pass: the form's draft survives a sign-in by design.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';

/** The parts of the Navigation API (Chromium, Safari, Firefox 147+) the guard uses. */
interface NavigateEventLike extends Event {
  navigationType: string;
  cancelable: boolean;
  destination: { url: string; key: string | null; sameDocument: boolean };
}
interface NavigationLike extends EventTarget {
  traverseTo(key: string): unknown;
}
const navigation = (globalThis as { navigation?: NavigationLike }).navigation;

/** The in-app path of a link the guard should ask about, or null (another site, a new tab, the same page, sign-in). */
export function guardedPath(href: string, here: Location): string | null {
  const url = new URL(href, here.href);
  if (url.origin !== here.origin) return null;
  if (url.pathname === here.pathname && url.search === here.search) return null;
  if (url.pathname.startsWith('/sign-in')) return null;
  return url.pathname + url.search + url.hash;
}

export function useLeaveGuard({ dirty, onDiscard, what = 'this milestone' }: { dirty: boolean; onDiscard: () => void; what?: string }): ReactNode {
  const [, navigate] = useLocation();
  // Where the user meant to go: an in-app path, or a back/forward step (its history entry's key).
  const [target, setTarget] = useState<{ path: string; key?: string } | null>(null);
  const leaving = useRef(false);
  const discard = useRef(onDiscard);
  discard.current = onDiscard;

  useEffect(() => {
    if (!dirty) return;
    let unloadAllowed = false;
    leaving.current = false;
    const here = window.location.href;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (unloadAllowed) return;
      e.preventDefault();
      e.returnValue = '';
    };
    // Capture phase on the document: before wouter's own click handler (React listens on its root).
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href]') : null;
      if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
      const path = guardedPath(a.href, window.location);
      if (path === null) {
        // Sign-in keeps the draft: no browser prompt for it.
        if (new URL(a.href, here).pathname.startsWith('/sign-in')) unloadAllowed = true;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      setTarget({ path });
    };
    // Back/forward: the Navigation API announces the step before the URL moves, and lets it be
    // cancelled (after a user interaction with the page); the router never sees it.
    const onNavigate = (event: Event) => {
      const e = event as NavigateEventLike;
      if (leaving.current || e.navigationType !== 'traverse' || !e.cancelable || !e.destination.sameDocument) return;
      e.preventDefault();
      const url = new URL(e.destination.url);
      setTarget({ path: url.pathname + url.search + url.hash, ...(e.destination.key ? { key: e.destination.key } : {}) });
    };
    // Without it (or when it may not cancel), popstate: the URL already moved, put this page back and
    // ask. Best effort: it only helps where this listener runs before the router re-renders.
    const onPopState = () => {
      if (leaving.current || window.location.href === here) return;
      const { pathname, search, hash } = window.location;
      window.history.pushState(window.history.state, '', here);
      setTarget({ path: pathname + search + hash });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    navigation?.addEventListener('navigate', onNavigate);
    window.addEventListener('popstate', onPopState, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      navigation?.removeEventListener('navigate', onNavigate);
      window.removeEventListener('popstate', onPopState, true);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => !open && setTarget(null)}
      title="Leave without saving?"
      description={`Your changes to ${what} are not saved. If you leave now, they are lost.`}
      cancelLabel="Keep editing"
      confirmLabel="Discard changes and leave"
      onConfirm={() => {
        const to = target;
        discard.current();
        setTarget(null);
        if (to === null) return;
        leaving.current = true;
        if (to.key && navigation) navigation.traverseTo(to.key);
        else navigate(to.path);
      }}
    />
  );
}
