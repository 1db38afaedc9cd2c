import { useMutation, useQueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { toast } from '../../components/Toaster.tsx';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** A created coalition goes straight into the cache (coalition.get) and the list is refreshed. */
export function useCoalitionCreated() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (coalition: { id: string; name: string }, opts: { fromTemplate?: boolean; imported?: boolean } = {}) => {
    queryClient.setQueryData(trpc.coalition.get.queryKey({ coalitionId: coalition.id }), coalition as never);
    void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
    toast.success(
      opts.fromTemplate ? `Created “${coalition.name}” from the template` : opts.imported ? `Imported “${coalition.name}” from the file` : `Created “${coalition.name}”`,
    );
    navigate(paths.dashboard(coalition.id));
  };
}

export function useCreateFromTemplate() {
  const trpc = useTRPC();
  const created = useCoalitionCreated();
  return useMutation(
    trpc.coalition.createFromTemplate.mutationOptions({
      onSuccess: (coalition) => created(coalition, { fromTemplate: true }),
    }),
  );
}
