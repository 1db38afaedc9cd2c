import { SearchX } from 'lucide-react';
import { Suspense, type ReactNode } from 'react';
import { useParams } from 'wouter';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { ButtonLink } from '../components/Button.tsx';
import { CoalitionIdProvider, useCoalition } from '../lib/coalition.tsx';
import { errorCode } from '../lib/errors.ts';
import { LiveCoalition } from '../lib/live.tsx';
import { paths } from '../lib/paths.ts';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { AppShell } from './shell.ts';
import { ShellSkeleton } from './ShellSkeleton.tsx';

/** Answers that mean "there is no coalition here for you" (a wrong id, deleted, or not a member). */
const NOT_YOURS = ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'];

/** Everything under /c/:coalitionId: loads the coalition (name, goal date, my role) once for the shell. */
export function CoalitionLayout({ children }: { children: ReactNode }) {
  const { coalitionId = '' } = useParams<{ coalitionId: string }>();
  const coalition = useCoalition(coalitionId);
  // Stream live changes once the coalition is ours to see (a failed refetch keeps the old data
  // and the stream; "not found"/"no access" stops it).
  const notYours = coalition.isError && NOT_YOURS.includes(errorCode(coalition.error) ?? '');
  if (notYours) {
    // No coalition to show: the plain signed-in shell (no sidebar, switcher or live state of a
    // coalition that is not there) around one not-found page.
    return (
      <Suspense fallback={<ShellSkeleton variant="home" />}>
        <AppShell>
          <CoalitionNotFound />
        </AppShell>
      </Suspense>
    );
  }
  const body = coalition.isError ? (
    <ErrorState error={coalition.error} onRetry={() => void coalition.refetch()} />
  ) : (
    <ErrorBoundary>
      <Suspense fallback={<LoadingState label="Loading screen…" rows={6} />}>{children}</Suspense>
    </ErrorBoundary>
  );
  return (
    <CoalitionIdProvider coalitionId={coalitionId}>
      <LiveCoalition coalitionId={coalitionId} enabled={!!coalition.data}>
        <Suspense fallback={<ShellSkeleton variant="coalition" />}>
          <AppShell coalitionId={coalitionId} coalition={coalition.data}>
            {body}
          </AppShell>
        </Suspense>
      </LiveCoalition>
    </CoalitionIdProvider>
  );
}

/** A coalition id that does not exist or is not the caller's: said once, with the way back. */
function CoalitionNotFound() {
  useDocumentTitle('Coalition not found');
  return (
    <div className="mx-auto mt-4 flex max-w-lg flex-col items-center gap-3 rounded-xl border border-slate-200 bg-white px-6 py-10 text-center shadow-sm sm:mt-10">
      <SearchX aria-hidden className="size-10 text-slate-400" />
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Coalition not found</h1>
      <p className="max-w-sm text-sm text-slate-600">
        There is no coalition at this address that you can open. It may have been deleted, the link may be incomplete, or you
        are no longer a member.
      </p>
      <ButtonLink href={paths.home()} variant="primary" className="mt-2">
        Back to my coalitions
      </ButtonLink>
    </div>
  );
}
