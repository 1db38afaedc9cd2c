/**
 * The tRPC client and the typed TanStack Query bindings.
 *
 *   const trpc = useTRPC();
 *   useQuery(trpc.partner.list.queryOptions({ coalitionId }));
 *   useMutation(trpc.partner.create.mutationOptions({ onSuccess }));
 *   queryClient.invalidateQueries({ queryKey: trpc.partner.list.queryKey({ coalitionId }) });
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter, RouterInputs, RouterOutputs } from '@coalition/api';

export type { AppRouter, RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'same-origin' });

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (live updates over SSE) go through their own link; everything else is batched.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: '/trpc',
          eventSourceOptions: () => ({ withCredentials: true }),
        }),
        // Batched POSTs carry `content-type: application/json`, which the server requires for mutations.
        false: httpBatchLink({ url: '/trpc', fetch: sameOriginFetch, maxURLLength: 2000 }),
      }),
    ],
  });
}

/**
 * This tab's id for live updates (presence is per connection: two tabs of one person are two
 * clients). Made once per page load, so a reload or a duplicated tab gets its own.
 */
export const clientId: string = makeClientId();

function makeClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID().replace(/-/g, '');
  if (c && typeof c.getRandomValues === 'function') {
    return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return (Math.random().toString(36).slice(2) + Date.now().toString(36)).slice(0, 24).padEnd(12, '0');
}

export type AppClientError = TRPCClientError<AppRouter>;
export { TRPCClientError };
