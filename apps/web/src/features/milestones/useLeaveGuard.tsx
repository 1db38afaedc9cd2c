/**
 * Asks before unsaved edits are lost: while `dirty`, an in-app link (any same-origin <a>, the
 * wouter links included) and the browser's back/forward buttons open a ConfirmDialog, and
 * closing or reloading the tab gets the browser's own `beforeunload` prompt. Links to the
 * sign-in page pass: the form's draft survives a sign-in by design.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

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
  const [target, setTarget] = useState<string | null>(null);
  const discard = useRef(onDiscard);
  discard.current = onDiscard;

  useEffect(() => {
    if (!dirty) return;
    let unloadAllowed = false;
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
      setTarget(path);
    };
    // Back/forward already moved the URL: put this page back, then ask (leaving goes where they meant).
    const onPopState = () => {
      const { pathname, search, hash } = window.location;
      window.history.pushState(window.history.state, '', here);
      setTarget(pathname + search + hash);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    window.addEventListener('popstate', onPopState, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
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
        if (to !== null) navigate(to);
      }}
    />
  );
}
