/** The milestones screen state, kept in the URL (?view=…&track=…&status=a,b&owner=…&responsible=…&from=…&to=…&q=…&sort=…&dir=…&closed=true&baseline=…). */
import { ID_PATTERN, isIsoDate, isOpenStatus, MILESTONE_SORT_KEYS, MILESTONE_STATUSES, type MilestoneSortKey, type MilestoneStatus } from '@coalition/domain';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';

export type View = 'list' | 'timeline' | 'slips';
export type SortKey = MilestoneSortKey;
export type Zoom = 'month' | 'quarter' | 'year';
export const SORT_KEYS: readonly SortKey[] = MILESTONE_SORT_KEYS;
export const SORT_LABEL: Record<SortKey, string> = {
  next: 'What’s next',
  dueDate: 'Due date',
  title: 'Title',
  status: 'Status',
  progress: 'Progress',
  updatedAt: 'Last updated',
};

export interface MilestoneFilters {
  view: View;
  /** 'all', 'none' (coalition-wide) or a track id. */
  track: string;
  status: MilestoneStatus[];
  owner: string | null;
  /** A member's user id: the milestones they are responsible for. */
  responsible: string | null;
  from: string;
  to: string;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  zoom: Zoom;
  /** Show done and dropped milestones in the "What's next" list (folded away by default). */
  closed: boolean;
  /** The baseline the timeline and the slips list compare with: 'latest', 'none' or a baseline id. */
  baseline: string;
}

/** In lifecycle order. */
export const STATUSES: readonly MilestoneStatus[] = MILESTONE_STATUSES;
export const OPEN_STATUSES: readonly MilestoneStatus[] = MILESTONE_STATUSES.filter(isOpenStatus);
export const CLOSED_STATUSES: readonly MilestoneStatus[] = MILESTONE_STATUSES.filter((s) => !isOpenStatus(s));

/**
 * Whether done and dropped milestones are folded away: in the "What's next" order with no
 * status filter, unless the user opened the fold (`?closed=true`).
 */
export const foldsClosed = (f: MilestoneFilters): boolean => f.sort === 'next' && f.status.length === 0 && !f.closed;

export function parseFilters(p: URLSearchParams): MilestoneFilters {
  const view = p.get('view') === 'timeline' || p.get('view') === 'slips' ? (p.get('view') as View) : 'list';
  const track = p.get('track') ?? 'all';
  const sort = p.get('sort') as SortKey | null;
  const zoom = p.get('zoom') as Zoom | null;
  return {
    view,
    track: track === 'none' || ID_PATTERN.test(track) ? track : 'all',
    status: (p.get('status') ?? '')
      .split(',')
      .filter((s): s is MilestoneStatus => (STATUSES as string[]).includes(s)),
    owner: ID_PATTERN.test(p.get('owner') ?? '') ? p.get('owner') : null,
    responsible: ID_PATTERN.test(p.get('responsible') ?? '') ? p.get('responsible') : null,
    from: isIsoDate(p.get('from') ?? '') ? p.get('from')! : '',
    to: isIsoDate(p.get('to') ?? '') ? p.get('to')! : '',
    q: (p.get('q') ?? '').slice(0, 100),
    // No sort in the URL: what is next (overdue and upcoming first, done and dropped last).
    sort: sort && SORT_KEYS.includes(sort) ? sort : 'next',
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
    zoom: zoom === 'month' || zoom === 'year' ? zoom : 'quarter',
    closed: p.get('closed') === 'true',
    baseline: p.get('baseline') === 'none' || ID_PATTERN.test(p.get('baseline') ?? '') ? p.get('baseline')! : 'latest',
  };
}

const DEFAULTS: MilestoneFilters = parseFilters(new URLSearchParams());

export function useMilestoneFilters() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the query string: a new URLSearchParams object with the same text is the same filters
  const filters = useMemo(() => parseFilters(params), [key]);
  const set = useCallback(
    (patch: Partial<MilestoneFilters>) => {
      setParams(
        (prev) => {
          const next = { ...parseFilters(prev), ...patch };
          const out = new URLSearchParams();
          for (const [k, v] of Object.entries(next) as [keyof MilestoneFilters, MilestoneFilters[keyof MilestoneFilters]][]) {
            const value = Array.isArray(v) ? v.join(',') : (v ?? '');
            const def = DEFAULTS[k];
            const defValue = Array.isArray(def) ? def.join(',') : (def ?? '');
            if (value !== defValue) out.set(k, String(value));
          }
          return out;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const activeCount =
    (filters.track !== 'all' ? 1 : 0) + (filters.status.length ? 1 : 0) + (filters.owner ? 1 : 0) + (filters.responsible ? 1 : 0) + (filters.from ? 1 : 0) + (filters.to ? 1 : 0) + (filters.q ? 1 : 0);
  const clear = useCallback(() => set({ track: 'all', status: [], owner: null, responsible: null, from: '', to: '', q: '' }), [set]);
  return { filters, set, clear, activeCount };
}
