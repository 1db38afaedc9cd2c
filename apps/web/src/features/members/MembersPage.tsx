import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LogOut, UserMinus, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { Select } from '../../components/Select.tsx';
import { Alert, EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useMe } from '../../lib/auth.tsx';
import { useCoalition, useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { formatInstantFull } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { optionsOf, ROLE } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { initials } from '../../layout/UserMenu.tsx';
import { Invitations } from './Invitations.tsx';

type Member = RouterOutputs['member']['list'][number];
type RoleValue = Member['role'];

const ROLE_OPTIONS = optionsOf(ROLE); // owner, editor, viewer

export default function MembersPage() {
  const coalitionId = useCoalitionId();
  const coalition = useCoalition();
  useDocumentTitle('Members', coalition.data?.name);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const { isOwner } = useRole();
  const listKey = trpc.member.list.queryKey({ coalitionId });
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));

  // A rule violation (e.g. the last owner) stays visible until the next action, not only as a toast.
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState(false);

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onMutate: () => setProblem(null),
      onSuccess: (result) => {
        queryClient.setQueryData(listKey, (old) => old?.map((m) => (m.userId === result.userId ? { ...m, role: result.role } : m)));
        const name = members.data?.find((m) => m.userId === result.userId)?.name ?? 'Member';
        toast.success(`${name} is now ${ROLE[result.role].label.toLowerCase()}`);
        // My own role may have changed: the shell's role gating reads coalition.get.
        if (result.userId === me.data?.id) void queryClient.invalidateQueries({ queryKey: trpc.coalition.get.queryKey({ coalitionId }) });
      },
      onError: (error) => setProblem(errorMessage(error)),
    }),
  );
  const remove = trpc.member.remove.mutationOptions();
  const removeMutation = useMutation({
    ...remove,
    onSuccess: (_r, input) => {
      queryClient.setQueryData(listKey, (old) => old?.filter((m) => m.userId !== input.userId));
    },
  });
  const leave = useMutation(trpc.member.leave.mutationOptions());

  const ownerCount = members.data?.filter((m) => m.role === 'owner').length ?? 0;

  return (
    <>
      <PageHeader
        title="Members"
        description="People with access to this coalition. Owners manage members; editors change the plan; viewers read."
        actions={
          <Button icon={<LogOut aria-hidden className="size-4" />} onClick={() => setLeaving(true)} disabled={!members.data}>
            Leave coalition
          </Button>
        }
      />
      {problem && (
        <Alert tone="error" title="That change was not made" className="mb-4">
          {problem}
        </Alert>
      )}
      <Card bodyClassName="p-0">
        {members.isPending ? (
          <div className="p-4">
            <LoadingState label="Loading members…" />
          </div>
        ) : members.isError ? (
          <div className="p-4">
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          </div>
        ) : members.data.length === 0 ? (
          <EmptyState className="m-4" icon={<UsersRound aria-hidden />} title="No members" />
        ) : (
          <ul aria-label="Members" className="divide-y divide-slate-100">
            {members.data.map((m) => {
              const isMe = m.userId === me.data?.id;
              const lastOwner = m.role === 'owner' && ownerCount <= 1;
              return (
                <li key={m.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                  <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">
                    {initials(m.name)}
                  </span>
                  <div className="min-w-0 flex-1 basis-48">
                    <p className="flex items-center gap-2 truncate text-sm font-medium text-slate-900">
                      {m.name}
                      {isMe && <Badge tone="gray">You</Badge>}
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {m.email} · joined <time dateTime={new Date(m.joinedAt).toISOString()}>{formatInstantFull(m.joinedAt)}</time>
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    {isOwner ? (
                      <Select<RoleValue>
                        size="sm"
                        className="w-32"
                        aria-label={`Role of ${m.name}`}
                        value={m.role}
                        options={ROLE_OPTIONS}
                        disabled={changeRole.isPending && changeRole.variables?.userId === m.userId}
                        onValueChange={(role) => role !== m.role && changeRole.mutate({ coalitionId, userId: m.userId, role })}
                      />
                    ) : (
                      <Badge tone={ROLE[m.role].tone} title={ROLE[m.role].hint}>
                        {ROLE[m.role].label}
                      </Badge>
                    )}
                    {isOwner && !isMe && (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-700 hover:bg-red-50"
                        icon={<UserMinus aria-hidden className="size-4" />}
                        onClick={() => setRemoving(m)}
                        aria-label={`Remove ${m.name}`}
                      >
                        Remove
                      </Button>
                    )}
                  </div>
                  {isOwner && lastOwner && isMe && (
                    <p className="w-full pl-13 text-xs text-slate-500">You are the only owner. Make someone else owner before changing your role or leaving.</p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {isOwner && <Invitations coalitionId={coalitionId} />}

      <dl className="mt-5 grid gap-3 text-sm sm:grid-cols-3">
        {ROLE_OPTIONS.map((r) => (
          <div key={r.value} className="rounded-lg border border-slate-200 bg-white px-3 py-2.5">
            <dt>
              <Badge tone={ROLE[r.value].tone}>{r.label}</Badge>
            </dt>
            <dd className="mt-1.5 text-xs text-slate-600">{r.hint}</dd>
          </div>
        ))}
      </dl>

      <ConfirmDialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.name ?? 'member'}?`}
        description="They lose access to this coalition at once. Their past changes and comments stay."
        confirmLabel="Remove member"
        onConfirm={async () => {
          if (!removing) return;
          setProblem(null);
          await removeMutation.mutateAsync({ coalitionId, userId: removing.userId });
          toast.success(`${removing.name} was removed`);
        }}
      />
      <ConfirmDialog
        open={leaving}
        onOpenChange={setLeaving}
        title="Leave this coalition?"
        description="You lose access until an owner adds you again."
        confirmLabel="Leave coalition"
        onConfirm={async () => {
          await leave.mutateAsync({ coalitionId });
          // Everything cached for this coalition is no longer ours to see.
          queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(`"coalitionId":"${coalitionId}"`) });
          void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
          navigate(paths.home());
          toast.success(`You left ${coalition.data?.name ?? 'the coalition'}`);
        }}
      >
        {isOwner && ownerCount <= 1 && (
          <Alert tone="warning">You are the only owner. A coalition always keeps one: make another member owner first.</Alert>
        )}
      </ConfirmDialog>
    </>
  );
}
