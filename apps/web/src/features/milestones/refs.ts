/** Tracks and partners the milestone screens name (small lists, shared cache with their own screens). */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { NO_OWNER, NO_TRACK } from './sentinels.ts';

export const COALITION_WIDE = { name: 'Coalition-wide', color: '#64748b' };

export function useMilestoneRefs(coalitionId: string) {
  const trpc = useTRPC();
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const partners = useQuery(trpc.partner.list.queryOptions({ coalitionId }));
  return useMemo(() => {
    const trackById = new Map((tracks.data ?? []).map((t) => [t.id, t]));
    const partnerById = new Map((partners.data ?? []).map((p) => [p.id, p]));
    const trackOptions = [
      { value: NO_TRACK, label: 'Coalition-wide (no track)' },
      ...(tracks.data ?? []).map((t) => ({ value: t.id, label: t.name, hint: labelOf('trackStatus', t.status) })),
    ];
    const ownerOptions = [{ value: NO_OWNER, label: 'No owner' }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))];
    return {
      tracks: tracks.data ?? [],
      partners: partners.data ?? [],
      trackById,
      partnerById,
      trackOptions,
      ownerOptions,
      track(id: string | null) {
        if (!id) return COALITION_WIDE;
        const t = trackById.get(id);
        return t ? { name: t.name, color: t.color } : { name: 'Track', color: '#94a3b8' };
      },
      ownerName(id: string | null) {
        return id ? (partnerById.get(id)?.name ?? '…') : null;
      },
      isPending: tracks.isPending || partners.isPending,
      error: tracks.error ?? partners.error,
      refetch() {
        void tracks.refetch();
        void partners.refetch();
      },
    };
  }, [tracks.data, partners.data, tracks.isPending, partners.isPending, tracks.error, partners.error]); // eslint-disable-line react-hooks/exhaustive-deps -- keyed on the query results, not the query objects (new each render)
}
