import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { buttonClasses } from '../components/Button.tsx';
import { sessionExpired, signInHref } from '../lib/session.ts';
import { useTRPC } from '../lib/trpc.ts';

/**
 * Shown when the session ended while the user had unsaved input. Nothing on screen is lost:
 * they sign in in another tab (or here, with drafts restored) and retry. When the tab regains
 * focus we re-check the session and hide the banner once it is valid again.
 */
export function SessionBanner() {
  const expired = sessionExpired.use();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!expired) return;
    const check = async () => {
      const me = await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 }).catch(() => null);
      if (me) sessionExpired.set(false);
    };
    window.addEventListener('focus', check);
    return () => window.removeEventListener('focus', check);
  }, [expired, queryClient, trpc]);
  if (!expired) return null;
  return (
    <div role="alert" className="border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
        <p className="min-w-0 flex-1">
          <strong className="font-semibold">Your session expired.</strong> What you typed is kept. Sign in again, then save once more.
        </p>
        <a href={signInHref()} target="_blank" rel="noopener" className={buttonClasses('secondary', 'sm')}>
          Sign in in a new tab
        </a>
        <a href={signInHref()} className={buttonClasses('ghost', 'sm')}>
          Sign in here
        </a>
      </div>
    </div>
  );
}
