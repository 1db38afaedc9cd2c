import { useQuery } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { LoadingState } from '../components/States.tsx';
import { ErrorState } from '../components/States.tsx';
import { signInHref } from './session.ts';
import { useTRPC, type AppRouter } from './trpc.ts';

/** `auth.me`'s query options: `useMe` and the startup prefetch (lib/prefetch.ts) share them. */
export function meQueryOptions(trpc: TRPCOptionsProxy<AppRouter>) {
  return { ...trpc.auth.me.queryOptions(), staleTime: 60_000 };
}

/** The signed-in user, or null. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(meQueryOptions(trpc));
}

/**
 * Renders children only with a session; otherwise sends to /sign-in?next=<here>.
 * `fallback` shows while the session is being checked (the app shell's skeleton on first load).
 */
export function RequireAuth({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  const me = useMe();
  const [location] = useLocation();
  const search = useSearch();
  if (me.isPending) return <>{fallback ?? <FullPageLoading />}</>;
  if (me.isError) {
    return (
      <div className="mx-auto max-w-lg p-6">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Redirect to={signInHref(location + (search ? `?${search}` : ''))} replace />;
  return <>{children}</>;
}

export function FullPageLoading() {
  return (
    <div className="mx-auto w-full max-w-3xl p-8">
      <LoadingState rows={5} />
    </div>
  );
}
