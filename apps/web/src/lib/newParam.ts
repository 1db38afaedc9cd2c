/**
 * `?new=1` on a screen's URL opens its "create" form (the command palette's "New milestone",
 * "New partner", "Invite a member"): the screen calls `useNewParam(open)`, which runs `open`
 * once for an editor or owner and takes the parameter out of the URL (so Back and a reload do
 * not open it again).
 */
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'wouter';
import { useRole } from './coalition.tsx';

export const NEW_PARAM = 'new';

/** `path?new=1`; when `path` is the current page, its other parameters (e.g. filters) are kept. */
export function withNewParam(path: string, current?: { pathname: string; search: string }): string {
  const params = new URLSearchParams(current && current.pathname === path ? current.search : '');
  params.set(NEW_PARAM, '1');
  return `${path}?${params.toString()}`;
}

/** Opens the screen's create form when the URL asks for it (editors and owners only). */
export function useNewParam(open: () => void): void {
  const [params, setParams] = useSearchParams();
  const { canEdit, isLoading } = useRole();
  const wanted = params.get(NEW_PARAM) === '1';
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    if (!wanted || isLoading) return;
    if (canEdit) openRef.current();
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete(NEW_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [wanted, isLoading, canEdit, setParams]);
}
