import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { httpStatus, isSessionExpired } from './errors.ts';
import { AUTH_PATHS, hasDirtyForms, redirectToSignIn, sessionExpired } from './session.ts';

function onUnauthorized(error: unknown, source: 'query' | 'mutation', client: () => QueryClient) {
  // (UNAUTHORIZED from sign-in itself means wrong credentials, not an expired session.)
  if (!isSessionExpired(error)) return;
  if (AUTH_PATHS.includes(window.location.pathname)) return;
  if (source === 'mutation' || hasDirtyForms()) {
    // Keep the user where they are: their input stays on screen (and in a sessionStorage draft).
    sessionExpired.set(true);
    return;
  }
  // Nothing unsaved on screen: forget who we were and go sign in, coming back here afterwards.
  client().setQueriesData({ queryKey: [['auth', 'me']] }, null);
  redirectToSignIn();
}

export function makeQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(error, 'query', () => client) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(error, 'mutation', () => client) }),
    defaultOptions: {
      queries: {
        staleTime: 20_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        // Never retry a 4xx: the answer will not change. Retry network/5xx failures twice.
        retry: (failureCount, error) => {
          const status = httpStatus(error);
          if (status && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
