import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import type { CurrentPosition } from './model.ts';

/** Every partner's position on the goal today and its movement (position.current), by partner id: the map's arrows, the lists' badges. */
export function useCurrentPositions(coalitionId: string): ReadonlyMap<string, CurrentPosition> {
  const trpc = useTRPC();
  const current = useQuery(trpc.position.current.queryOptions({ coalitionId }));
  return useMemo(() => new Map(current.data?.partners.map((p) => [p.partnerId, p]) ?? []), [current.data]);
}
