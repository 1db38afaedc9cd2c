import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { LoadingState } from '../components/States.tsx';
import { ErrorState } from '../components/States.tsx';
import { signInHref } from './session.ts';
import { useTRPC } from './trpc.ts';

/** The signed-in user, or null. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
}

/** Renders children only with a session; otherwise sends to /sign-in?next=<here>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const [location] = useLocation();
  const search = useSearch();
  if (me.isPending) return <FullPageLoading />;
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
