/**
 * The first screen's data and code, requested as early as possible: main.tsx calls
 * `startFirstScreen` before React renders, so the session, the coalition and the screen's main
 * query travel in parallel with the screen's chunk instead of one after the other
 * (me → coalition → chunk → data).
 *
 * Prefetches go into the same QueryClient with the very same options the components use
 * (`meQueryOptions`, `trpc.x.y.queryOptions(input)`), so the components find them in the cache,
 * in flight or done, and send nothing twice. The screen-specific part is the route table's
 * (`prefetch` next to each screen in routes.tsx).
 */
import { lazy, createElement, type ComponentType, type ReactElement } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { meQueryOptions } from './auth.tsx';
import type { AppRouter } from './trpc.ts';

export type Trpc = TRPCOptionsProxy<AppRouter>;

export interface PrefetchContext {
  queryClient: QueryClient;
  trpc: Trpc;
}

export interface ScreenPrefetchContext extends PrefetchContext {
  coalitionId: string;
  /** The query string, without the "?" (filters kept in the URL). */
  search: string;
}

/** A `React.lazy` component whose chunk can be requested ahead of rendering (`preload()`). */
export type Preloadable<P extends object = object> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * `lazy()` with `preload()`. Once the chunk has loaded, the component renders synchronously
 * (no Suspense fallback for one frame, as `lazy` alone would show even for a loaded chunk).
 */
export function lazyWithPreload<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let promise: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (promise ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (error: unknown) => {
        promise = undefined; // a failed chunk can be retried (the ErrorBoundary offers a reload)
        throw error;
      },
    ));
  const Lazy = lazy(preload);
  function Preloaded(props: P): ReactElement {
    return createElement(loaded ?? Lazy, props);
  }
  return Object.assign(Preloaded, { preload });
}

/**
 * Runs `fn` in a later task than the calls made so far. tRPC batches the calls made in one task
 * into one HTTP request whose answer waits for the slowest; what runs here goes out as a request
 * of its own, so the quick session/coalition answers are not held back by a heavy screen query.
 */
export function nextBatch(fn: () => void) {
  setTimeout(fn, 0);
}

/** What every signed-in screen needs: who I am (RequireAuth) and my coalitions (the switcher in the top bar). */
export function prefetchSession({ queryClient, trpc }: PrefetchContext) {
  void queryClient.prefetchQuery(meQueryOptions(trpc));
  void queryClient.prefetchQuery(trpc.coalition.list.queryOptions());
}

/** The coalition the shell shows (name, goal date, my role): `useCoalition`'s query. */
export function prefetchCoalition({ queryClient, trpc }: PrefetchContext, coalitionId: string) {
  void queryClient.prefetchQuery(trpc.coalition.get.queryOptions({ coalitionId }));
}
