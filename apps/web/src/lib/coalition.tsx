import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { canEdit, isOwner, localTimeZone, todayIn, type Role } from '@coalition/domain';
import { useTRPC } from './trpc.ts';

export const CoalitionIdContext = createContext<string | null>(null);

export function CoalitionIdProvider({ coalitionId, children }: { coalitionId: string; children: ReactNode }) {
  return <CoalitionIdContext.Provider value={coalitionId}>{children}</CoalitionIdContext.Provider>;
}

/** The id of the coalition in the current route (/c/:coalitionId/...). */
export function useCoalitionId(): string {
  const id = useContext(CoalitionIdContext);
  if (!id) throw new Error('useCoalitionId() used outside a /c/:coalitionId route');
  return id;
}

/** coalition.get for the current (or given) coalition; shared cache with the layout. */
export function useCoalition(coalitionId?: string) {
  const trpc = useTRPC();
  const fromContext = useContext(CoalitionIdContext);
  const id = coalitionId ?? fromContext ?? '';
  return useQuery({ ...trpc.coalition.get.queryOptions({ coalitionId: id }), enabled: !!id });
}

export interface RoleInfo {
  role: Role | undefined;
  /** editor or owner: may change plan data. */
  canEdit: boolean;
  /** owner: manages members, deletes the workspace. */
  isOwner: boolean;
  isLoading: boolean;
}

/** The caller's role in a coalition (from coalition.get). Unknown while loading → no edit rights. */
export function useRole(coalitionId?: string): RoleInfo {
  const q = useCoalition(coalitionId);
  const role = q.data?.role;
  return { role, canEdit: canEdit(role), isOwner: isOwner(role), isLoading: q.isPending };
}

/** The time now, re-read every `everyMs` (a minute by default) so dates computed from it turn over at midnight. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/**
 * The coalition's "today": the calendar date in its time zone (the same `todayIn` the server
 * uses), so every screen agrees with the dashboard on what is overdue and how many days are left.
 * While the coalition loads, the browser's zone stands in.
 */
export function useCoalitionToday(coalitionId?: string): string {
  const q = useCoalition(coalitionId);
  const now = useNow();
  return todayIn(q.data?.timeZone ?? localTimeZone(), now);
}

/** Renders children only for editors and owners (viewers see no edit controls). */
export function CanEdit({ children, fallback = null, coalitionId }: { children: ReactNode; fallback?: ReactNode; coalitionId?: string }) {
  const { canEdit } = useRole(coalitionId);
  return <>{canEdit ? children : fallback}</>;
}
