/**
 * Session-expiry handling shared by the QueryClient and the forms.
 *
 * - A form with unsaved input registers itself as dirty (see lib/forms.ts) and keeps a draft
 *   in sessionStorage.
 * - When the server answers UNAUTHORIZED while some form is dirty, or for a mutation, we do NOT
 *   navigate away: the session-expired banner appears, the user signs in (in a new tab, or here:
 *   the draft is restored after sign-in) and retries.
 * - Otherwise (a plain page load), we go to /sign-in?next=<current path>.
 */
import { navigate } from 'wouter/use-browser-location';
import { createStore } from './store.ts';

export const sessionExpired = createStore(false);

const dirtyForms = new Set<string>();
export function setFormDirty(formId: string, dirty: boolean) {
  if (dirty) dirtyForms.add(formId);
  else dirtyForms.delete(formId);
}
export const hasDirtyForms = () => dirtyForms.size > 0;

export const AUTH_PATHS = ['/sign-in', '/sign-up'];

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Where sign-in sends you back to: only same-origin paths are accepted. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (AUTH_PATHS.some((p) => next === p || next.startsWith(`${p}?`))) return '/';
  return next;
}

export function signInHref(next: string = currentPath()): string {
  const target = safeNext(next);
  return target === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(target)}`;
}

export function redirectToSignIn() {
  if (AUTH_PATHS.includes(window.location.pathname)) return;
  navigate(signInHref(), { replace: true });
}
