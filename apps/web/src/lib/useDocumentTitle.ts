import { useEffect } from 'react';

/** Sets the tab title ("Partners · World Summit 2020 · Coalition Planner"). */
export function useDocumentTitle(...parts: Array<string | undefined | null | false>) {
  const title = [...parts.filter(Boolean), 'Coalition Planner'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
