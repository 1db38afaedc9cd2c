/** Tracks, partners and members the milestone screens name (small lists, shared cache with their own screens). */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { NO_OWNER, NO_RESPONSIBLE, NO_TRACK } from './sentinels.ts';

export const COALITION_WIDE = { name: 'Coalition-wide', color: '#64748b' };

export function useMilestoneRefs(coalitionId: string) {
  const trpc = useTRPC();
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const partners = useQuery(trpc.partner.list.queryOptions({ coalitionId }));
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  return useMemo(() => {
    const trackById = new Map((tracks.data ?? []).map((t) => [t.id, t]));
    const partnerById = new Map((partners.data ?? []).map((p) => [p.id, p]));
    const memberById = new Map((members.data ?? []).map((u) => [u.userId, u]));
    const trackOptions = [
      { value: NO_TRACK, label: 'Coalition-wide (no track)' },
      ...(tracks.data ?? []).map((t) => ({ value: t.id, label: t.name, hint: labelOf('trackStatus', t.status) })),
    ];
    const ownerOptions = [{ value: NO_OWNER, label: 'No owner' }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))];
    const responsibleOptions = [{ value: NO_RESPONSIBLE, label: 'Nobody' }, ...(members.data ?? []).map((u) => ({ value: u.userId, label: u.name }))];
    return {
      tracks: tracks.data ?? [],
      partners: partners.data ?? [],
      trackById,
      partnerById,
      memberById,
      trackOptions,
      ownerOptions,
      responsibleOptions,
      track(id: string | null) {
        if (!id) return COALITION_WIDE;
        const t = trackById.get(id);
        return t ? { name: t.name, color: t.color } : { name: 'Track', color: '#94a3b8' };
      },
      ownerName(id: string | null) {
        return id ? (partnerById.get(id)?.name ?? '…') : null;
      },
      /** A current member's name; null for nobody, 'a former member' for someone no longer in the coalition. */
      memberName(id: string | null) {
        if (!id) return null;
        return memberById.get(id)?.name ?? (members.data ? 'a former member' : '…');
      },
      isPending: tracks.isPending || partners.isPending,
      error: tracks.error ?? partners.error,
      refetch() {
        void tracks.refetch();
        void partners.refetch();
      },
    };
  }, [tracks.data, partners.data, members.data, tracks.isPending, partners.isPending, tracks.error, partners.error]); // eslint-disable-line react-hooks/exhaustive-deps -- keyed on the query results, not the query objects (new each render)
}
