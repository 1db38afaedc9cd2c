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

const PROBE_ORIGIN = 'https://planner.invalid';

/**
 * Where sign-in sends you back to: only a path of this app, else '/'. Refused: anything not
 * starting with one '/'; backslashes and control characters (browsers read `\` as `/` and
 * drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`, another site);
 * anything that, resolved as a URL, leaves this origin. What is returned is the resolved path,
 * so what is checked is what is followed.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (AUTH_PATHS.some((p) => url.pathname === p)) return '/';
  return path;
}

export function signInHref(next: string = currentPath()): string {
  const target = safeNext(next);
  return target === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(target)}`;
}

export function redirectToSignIn() {
  if (AUTH_PATHS.includes(window.location.pathname)) return;
  navigate(signInHref(), { replace: true });
}
