/**
 * "Follow" / "Following": whether I hear of an item's status changes and new comments in my
 * inbox. People follow what they create, edit or comment on; this turns it on or off by hand.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell, BellRing } from 'lucide-react';
import type { Followable } from '@coalition/domain';
import { Button } from '../../components/Button.tsx';
import { toast } from '../../components/Toaster.tsx';
import { Tooltip } from '../../components/Tooltip.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

export function FollowButton({ coalitionId, entityType, entityId }: { coalitionId: string; entityType: Followable; entityId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { coalitionId, entityType, entityId };
  const key = trpc.inbox.following.queryKey(input);
  const q = useQuery(trpc.inbox.following.queryOptions(input));
  const follow = useMutation(
    trpc.inbox.follow.mutationOptions({
      onMutate: async ({ following }) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        queryClient.setQueryData(key, { following });
        return { previous };
      },
      onError: (err, _input, ctx) => {
        if (ctx?.previous) queryClient.setQueryData(key, ctx.previous);
        toast.error(errorMessage(err));
      },
      onSuccess: (data) => {
        queryClient.setQueryData(key, data);
        toast.success(data.following ? 'Following: its status changes and comments will reach your inbox' : 'No longer following');
      },
    }),
  );
  if (q.isError) return null;
  const following = q.data?.following ?? false;
  return (
    <Tooltip content={following ? 'You hear of its status changes and comments. Click to stop.' : 'Hear of its status changes and comments in your inbox'}>
      <Button
        variant={following ? 'subtle' : 'secondary'}
        disabled={q.isPending || follow.isPending}
        icon={following ? <BellRing aria-hidden className="size-4" /> : <Bell aria-hidden className="size-4" />}
        onClick={() => follow.mutate({ ...input, following: !following })}
      >
        {following ? 'Following' : 'Follow'}
      </Button>
    </Tooltip>
  );
}
