import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'wouter';
import { navigate } from 'wouter/use-browser-location';
import { Badge } from '../../components/Badge.tsx';
import { Button, ButtonLink } from '../../components/Button.tsx';
import { Alert, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useMe } from '../../lib/auth.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { ROLE } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { AuthLayout } from '../auth/index.ts';

/** /invite/:token — what the link is for, then sign in (or up) and join. */
export default function InvitePage() {
  useDocumentTitle('Invitation');
  const { token = '' } = useParams<{ token: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const preview = useQuery(trpc.invitation.preview.queryOptions({ token }, { retry: false }));
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.coalition.get.queryKey({ coalitionId: result.coalitionId }) });
        toast.success('Welcome to the coalition');
        navigate(paths.dashboard(result.coalitionId), { replace: true });
      },
    }),
  );
  const here = `/invite/${token}`;

  let body;
  if (preview.isPending || me.isPending) body = <LoadingState rows={3} />;
  else if (preview.isError) body = <ErrorState error={preview.error} title="This invitation link is not valid" />;
  else if (preview.data.status !== 'pending') {
    body = (
      <>
        <Alert tone="warning">{preview.data.message}</Alert>
        <ButtonLink href="/" className="mt-4">
          Go to my coalitions
        </ButtonLink>
      </>
    );
  } else {
    const inv = preview.data;
    const wrongAccount = me.data && inv.email && me.data.email.toLowerCase() !== inv.email.toLowerCase();
    body = (
      <div className="flex flex-col gap-4">
        <div className="rounded-lg border border-slate-200 bg-slate-50 p-3">
          <p className="text-sm font-semibold text-slate-900">{inv.coalitionName}</p>
          {inv.goal && <p className="mt-0.5 text-sm text-slate-600">{inv.goal}</p>}
          <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
            Invited: <span className="break-all font-medium text-slate-800">{inv.email}</span>
            {inv.role && <Badge tone={ROLE[inv.role].tone}>{ROLE[inv.role].label}</Badge>}
          </p>
        </div>
        {!me.data ? (
          <>
            <p className="break-words text-sm text-slate-600">Sign in or create an account with {inv.email} to join.</p>
            <div className="flex flex-col gap-2">
              <ButtonLink href={`/sign-up?next=${encodeURIComponent(here)}`} variant="primary">
                Create an account
              </ButtonLink>
              <ButtonLink href={`/sign-in?next=${encodeURIComponent(here)}`}>I already have an account</ButtonLink>
            </div>
          </>
        ) : wrongAccount ? (
          <Alert tone="warning" title="Signed in with another email">
            You are signed in as {me.data.email}, but this invitation is for {inv.email}. Sign out from the account menu and sign in with that email.
          </Alert>
        ) : (
          <>
            {accept.isError && <Alert tone="error">{errorMessage(accept.error)}</Alert>}
            <Button variant="primary" loading={accept.isPending} onClick={() => accept.mutate({ token })}>
              Join as {inv.role ? ROLE[inv.role].label.toLowerCase() : 'member'}
            </Button>
          </>
        )}
      </div>
    );
  }
  return (
    <AuthLayout
      title="You are invited"
      subtitle="Join a coalition workspace"
      footer={
        me.data ? (
          <Link href="/" className="font-medium text-indigo-700 hover:underline">
            My coalitions
          </Link>
        ) : undefined
      }
    >
      {body}
    </AuthLayout>
  );
}
