import { Suspense, type ReactNode } from 'react';
import { useParams } from 'wouter';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { ButtonLink } from '../components/Button.tsx';
import { CoalitionIdProvider, useCoalition } from '../lib/coalition.tsx';
import { errorCode } from '../lib/errors.ts';
import { LiveCoalition } from '../lib/live.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { AppShell } from './shell.ts';
import { ShellSkeleton } from './ShellSkeleton.tsx';

/** Everything under /c/:coalitionId: loads the coalition (name, goal date, my role) once for the shell. */
export function CoalitionLayout({ children }: { children: ReactNode }) {
  const { coalitionId = '' } = useParams<{ coalitionId: string }>();
  const coalition = useCoalition(coalitionId);
  // Stream live changes once the coalition is ours to see (a failed refetch keeps the old data
  // and the stream; "not found"/"no access" stops it).
  const accessLost = coalition.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(coalition.error) ?? '');
  const live = !!coalition.data && !accessLost;
  let body: ReactNode;
  if (coalition.isError) {
    const code = errorCode(coalition.error);
    body =
      code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? (
        <div className="mx-auto max-w-lg py-10">
          <ErrorState error={coalition.error} title="Coalition not found" />
          <p className="mt-4 text-sm text-slate-600">It may have been deleted, or you are no longer a member.</p>
          <ButtonLink href="/" className="mt-3">
            Back to my coalitions
          </ButtonLink>
        </div>
      ) : (
        <ErrorState error={coalition.error} onRetry={() => void coalition.refetch()} />
      );
  } else {
    body = (
      <ErrorBoundary>
        <Suspense fallback={<LoadingState label="Loading screen…" rows={6} />}>{children}</Suspense>
      </ErrorBoundary>
    );
  }
  return (
    <CoalitionIdProvider coalitionId={coalitionId}>
      <LiveCoalition coalitionId={coalitionId} enabled={live}>
        <Suspense fallback={<ShellSkeleton variant="coalition" />}>
          <AppShell coalitionId={coalitionId} coalition={coalition.data}>
            {body}
          </AppShell>
        </Suspense>
      </LiveCoalition>
    </CoalitionIdProvider>
  );
}
