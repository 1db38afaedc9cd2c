import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Toaster } from './components/Toaster.tsx';
import { makeQueryClient } from './lib/query.ts';
import { makeTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { AppRoutes } from './routes.tsx';

type TrpcClient = ReturnType<typeof makeTrpcClient>;

/**
 * The app. main.tsx passes the clients it already started the first screen's requests with
 * (lib/prefetch.ts); without them the app makes its own. Tooltips get their context from the
 * app shell (signed-in screens) and from the public screens' wrapper (routes.tsx).
 */
export function App({ queryClient: givenQueryClient, trpcClient: givenTrpcClient }: { queryClient?: QueryClient; trpcClient?: TrpcClient } = {}) {
  const [queryClient] = useState(() => givenQueryClient ?? makeQueryClient());
  const [trpcClient] = useState(() => givenTrpcClient ?? makeTrpcClient());
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <AppRoutes />
        <DeferredToaster />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * The toaster (sonner, a lazy chunk) is mounted on the first interaction, or once the page has
 * been idle a few seconds: toasts follow actions, so the first screen does not load and run it.
 * A toast raised before then waits for the mount (components/Toaster.tsx) and shows.
 */
function DeferredToaster() {
  const [mount, setMount] = useState(false);
  useEffect(() => {
    if (mount) return;
    const go = () => setMount(true);
    const events = ['pointerdown', 'keydown', 'focusin'] as const;
    for (const e of events) window.addEventListener(e, go, { once: true, capture: true });
    const timer = setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(go, { timeout: 2000 }) : go()), 5000);
    return () => {
      for (const e of events) window.removeEventListener(e, go, { capture: true });
      clearTimeout(timer);
    };
  }, [mount]);
  return mount ? <Toaster /> : null;
}
