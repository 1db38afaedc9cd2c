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

export type AppClientError = TRPCClientError<AppRouter>;
export { TRPCClientError };
