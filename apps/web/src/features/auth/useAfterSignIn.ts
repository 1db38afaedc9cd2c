import { useQueryClient } from '@tanstack/react-query';
import { useSearch } from 'wouter';
import { navigate } from 'wouter/use-browser-location';
import { safeNext, sessionExpired } from '../../lib/session.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

/** The `next` target from the query string (same-origin paths only). */
export function useNextPath(): string {
  const search = useSearch();
  return safeNext(new URLSearchParams(search).get('next'));
}

/** After a successful sign-in/up: drop any other user's cached data, remember who we are, go on. */
export function useAfterSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const next = useNextPath();
  return (user: { id: string; email: string; name: string }) => {
    const meKey = trpc.auth.me.queryKey();
    const previous = queryClient.getQueryData(meKey);
    // A different account must not see the previous one's cached coalitions.
    if (!previous || previous.id !== user.id) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    const me: RouterOutputs['auth']['me'] = { id: user.id, email: user.email, name: user.name };
    queryClient.setQueryData(meKey, () => me);
    sessionExpired.set(false);
    navigate(next, { replace: true });
  };
}
