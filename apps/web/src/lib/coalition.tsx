import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@coalition/db';
import { useTRPC } from './trpc.ts';

const CoalitionIdContext = createContext<string | null>(null);

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
  const role = q.data?.role as Role | undefined;
  return { role, canEdit: role === 'editor' || role === 'owner', isOwner: role === 'owner', isLoading: q.isPending };
}

/** Renders children only for editors and owners (viewers see no edit controls). */
export function CanEdit({ children, fallback = null, coalitionId }: { children: ReactNode; fallback?: ReactNode; coalitionId?: string }) {
  const { canEdit } = useRole(coalitionId);
  return <>{canEdit ? children : fallback}</>;
}

/** Renders children only for owners. */
export function IsOwner({ children, fallback = null, coalitionId }: { children: ReactNode; fallback?: ReactNode; coalitionId?: string }) {
  const { isOwner } = useRole(coalitionId);
  return <>{isOwner ? children : fallback}</>;
}
