import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { AtSign, History } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { ActivitySentence, ActivityTime, Button, EmptyState, ErrorState, LoadingState, PageHeader, Select, Tabs, TabsContent, TabsList, TabsTrigger, TrackDot } from '../../components/index.ts';
import { useMe } from '../../lib/auth.tsx';
import { ID_PATTERN } from '@coalition/domain';
import { useCoalition, useCoalitionId, useNow } from '../../lib/coalition.tsx';
import { ACTIVITY_KINDS, activityHref, commentExcerpt, fieldChanges, formatChangeValue, kindInfo, matchesKind, type NameLookup } from '../../lib/activity.ts';
import { cn } from '../../lib/cn.ts';
import { avatarColor, initials } from '../../lib/people.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CommentBody } from '../comments/index.ts';

type ActivityRow = RouterOutputs['activity']['list']['items'][number];
type MentionRow = RouterOutputs['comment']['mentions'][number];

const ANY = 'any';
/** Rows per page: larger when the kind is told apart on the client, so fewer round trips. */
const PAGE = 50;
const SCAN_PAGE = 200;
/** Pages read per "show more" while looking for rows of a client-filtered kind. */
const SCAN_BUDGET = 10;

interface Filters {
  tab: 'all' | 'mentions';
  who: string | null;
  kind: string | null;
  track: string | null;
}

function parse(p: URLSearchParams): Filters {
  const who = p.get('who');
  const track = p.get('track');
  const kind = p.get('kind');
  return {
    tab: p.get('tab') === 'mentions' ? 'mentions' : 'all',
    who: who && ID_PATTERN.test(who) ? who : null,
    kind: kindInfo(kind) ? kind : null,
    track: track && ID_PATTERN.test(track) ? track : null,
  };
}


export default function ActivityPage() {
  const coalitionId = useCoalitionId();
  const coalition = useCoalition();
  useDocumentTitle('Activity', coalition.data?.name);
  const [params, setParams] = useSearchParams();
  const filters = parse(params);
  const set = (patch: Partial<Filters>) =>
    setParams(
      (prev) => {
        const next = { ...parse(prev), ...patch };
        const out = new URLSearchParams();
        if (next.tab !== 'all') out.set('tab', next.tab);
        if (next.who) out.set('who', next.who);
        if (next.kind) out.set('kind', next.kind);
        if (next.track) out.set('track', next.track);
        return out;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title="Activity" description="Every change in this coalition, newest first. New changes appear here as they happen." />
      <Tabs value={filters.tab} onValueChange={(v) => set({ tab: v === 'mentions' ? 'mentions' : 'all' })}>
        <TabsList label="Activity views">
          <TabsTrigger value="all">
            <History aria-hidden className="size-4" /> All activity
          </TabsTrigger>
          <TabsTrigger value="mentions">
            <AtSign aria-hidden className="size-4" /> Mentions of me
          </TabsTrigger>
        </TabsList>
        <TabsContent value="all">
          <ActivityFeed coalitionId={coalitionId} filters={filters} onChange={set} />
        </TabsContent>
        <TabsContent value="mentions">
          <Mentions coalitionId={coalitionId} />
        </TabsContent>
      </Tabs>
    </>
  );
}

function FilterBar({ coalitionId, filters, onChange }: { coalitionId: string; filters: Filters; onChange: (p: Partial<Filters>) => void }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const filtered = !!(filters.who || filters.kind || filters.track);
  return (
    <div role="group" aria-label="Filter activity" className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3">
      <div className="flex w-full flex-col gap-1 sm:w-56">
        <label htmlFor="activity-who" className="text-xs font-medium text-slate-600">
          Who
        </label>
        <Select
          id="activity-who"
          size="sm"
          value={filters.who ?? ANY}
          onValueChange={(v) => onChange({ who: v === ANY ? null : v })}
          options={[{ value: ANY, label: 'Anyone' }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))]}
        />
      </div>
      <div className="flex w-full flex-col gap-1 sm:w-56">
        <label htmlFor="activity-kind" className="text-xs font-medium text-slate-600">
          What
        </label>
        <Select
          id="activity-kind"
          size="sm"
          value={filters.kind ?? ANY}
          onValueChange={(v) => onChange({ kind: v === ANY ? null : v })}
          options={[{ value: ANY, label: 'Any kind of change' }, ...ACTIVITY_KINDS.map((k) => ({ value: k.value, label: k.label }))]}
        />
      </div>
      <div className="flex w-full flex-col gap-1 sm:w-64">
        <label htmlFor="activity-track" className="text-xs font-medium text-slate-600">
          Track
        </label>
        <Select
          id="activity-track"
          size="sm"
          value={filters.track ?? ANY}
          onValueChange={(v) => onChange({ track: v === ANY ? null : v })}
          options={[
            { value: ANY, label: 'All tracks', textValue: 'All tracks' },
            ...(tracks.data ?? []).map((t) => ({
              value: t.id,
              textValue: t.name,
              label: (
                <span className="flex items-center gap-2">
                  <TrackDot color={t.color} />
                  {t.name}
                </span>
              ),
            })),
          ]}
        />
      </div>
      {filtered && (
        <Button variant="ghost" size="sm" onClick={() => onChange({ who: null, kind: null, track: null })}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

function ActivityFeed({ coalitionId, filters, onChange }: { coalitionId: string; filters: Filters; onChange: (p: Partial<Filters>) => void }) {
  const trpc = useTRPC();
  const kind = kindInfo(filters.kind);
  // A kind is told apart by the action here; kinds the server cannot narrow down to their own
  // entity type (comments, tracks, track roles, members) are sparse, so read bigger pages.
  const sparse = !!kind && kind.entityType !== kind.value;
  const input = {
    coalitionId,
    limit: sparse ? SCAN_PAGE : PAGE,
    ...(filters.who ? { actorId: filters.who } : {}),
    ...(kind?.entityType ? { entityType: kind.entityType } : {}),
    ...(filters.track ? { trackId: filters.track } : {}),
  };
  const q = useInfiniteQuery(trpc.activity.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const now = useNow(30_000);
  const filterKey = JSON.stringify(input) + (filters.kind ?? '');
  const [want, setWant] = useState({ key: filterKey, rows: PAGE, pages: SCAN_BUDGET });
  const target = want.key === filterKey ? want : { key: filterKey, rows: PAGE, pages: SCAN_BUDGET };

  const all = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const items = useMemo(() => all.filter((a) => matchesKind(a.action, kind)), [all, kind]);
  const pagesRead = q.data?.pages.length ?? 0;
  const canScan = pagesRead < target.pages;

  // Keep reading older pages until enough rows of the chosen kind are on screen (within a budget).
  const { hasNextPage, isFetching, fetchNextPage } = q;
  useEffect(() => {
    if (items.length < target.rows && hasNextPage && !isFetching && canScan) void fetchNextPage();
  }, [items.length, target.rows, hasNextPage, isFetching, canScan, fetchNextPage]);

  // The effect above then reads as many pages as it takes.
  const showMore = () => setWant({ key: filterKey, rows: items.length + PAGE, pages: pagesRead + SCAN_BUDGET });

  const needsPartners = items.some((a) => a.data && typeof a.data === 'object' && 'ownerPartnerId' in a.data);
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const partners = useQuery({ ...trpc.partner.list.queryOptions({ coalitionId }), enabled: needsPartners });
  const names = useMemo<NameLookup>(() => {
    const t = new Map(tracks.data?.map((x) => [x.id, x.name]));
    const p = new Map(partners.data?.map((x) => [x.id, x.name]));
    return { track: (id) => t.get(id), partner: (id) => p.get(id) };
  }, [tracks.data, partners.data]);
  const trackColor = useMemo(() => new Map(tracks.data?.map((x) => [x.id, x.color])), [tracks.data]);

  const filtered = !!(filters.who || filters.kind || filters.track);
  let body: React.ReactNode;
  if (q.isPending) body = <LoadingState label="Loading activity…" rows={8} />;
  else if (q.isError) body = <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  else if (items.length === 0 && (q.isFetching || (hasNextPage && canScan))) body = <LoadingState label="Looking further back…" rows={4} />;
  else if (items.length === 0)
    body = filtered ? (
      <EmptyState
        icon={<History aria-hidden />}
        title="No changes match these filters"
        description={hasNextPage ? 'Nothing in the most recent changes. Look further back, or widen the filters.' : 'Try another person, kind or track.'}
        action={
          <>
            {hasNextPage && (
              <Button variant="secondary" onClick={showMore}>
                Look further back
              </Button>
            )}
            <Button variant="ghost" onClick={() => onChange({ who: null, kind: null, track: null })}>
              Clear filters
            </Button>
          </>
        }
      />
    ) : (
      <EmptyState icon={<History aria-hidden />} title="No activity yet" description="Changes to partners, tracks, milestones and bottlenecks, comments and membership show up here." />
    );
  else
    body = (
      <>
        <ol aria-label="Changes, newest first" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {items.map((a) => (
            <ActivityItem key={a.id} a={a} coalitionId={coalitionId} names={names} now={now} trackColor={a.trackId ? trackColor.get(a.trackId) : undefined} />
          ))}
        </ol>
        {hasNextPage && (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" loading={q.isFetchingNextPage} onClick={showMore}>
              Show older changes
            </Button>
            {sparse && !canScan && <span className="text-xs text-slate-500">Searched the latest {all.length.toLocaleString('en-GB')} changes.</span>}
          </div>
        )}
      </>
    );

  return (
    <>
      <FilterBar coalitionId={coalitionId} filters={filters} onChange={onChange} />
      {body}
    </>
  );
}

function ActivityItem({ a, coalitionId, names, now, trackColor }: { a: ActivityRow; coalitionId: string; names: NameLookup; now: number; trackColor?: string | undefined }) {
  const href = activityHref(coalitionId, a);
  const changes = fieldChanges(a.action, a.data);
  const excerpt = commentExcerpt(a.action, a.data);
  return (
    <li className="flex items-start gap-3 px-4 py-3">
      <span aria-hidden className={cn('mt-0.5 inline-flex size-7 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold text-white', a.actor ? avatarColor(a.actor.id) : 'bg-slate-400')}>
        {a.actor ? initials(a.actor.name) : '?'}
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm text-slate-700">
          <ActivitySentence row={a} href={href} />
        </p>
        {changes.length > 0 && (
          <ul className="mt-1 flex flex-col gap-0.5 text-xs text-slate-700">
            {changes.map((c) => (
              <li key={c.field} className="break-words">
                <span className="font-medium text-slate-600">{c.label}:</span> {formatChangeValue(a, c.field, c.before, names)} <span aria-label="changed to">→</span>{' '}
                {formatChangeValue(a, c.field, c.after, names)}
              </li>
            ))}
          </ul>
        )}
        {excerpt && <blockquote className="mt-1 border-l-2 border-slate-200 pl-2 text-xs italic text-slate-600">{excerpt}</blockquote>}
        <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
          <ActivityTime at={a.createdAt} now={now} />
          {a.trackId && names.track?.(a.trackId) && (
            <span className="inline-flex items-center gap-1">
              <TrackDot color={trackColor ?? '#94a3b8'} /> {names.track(a.trackId)}
            </span>
          )}
        </p>
      </div>
    </li>
  );
}


function Mentions({ coalitionId }: { coalitionId: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const q = useQuery(trpc.comment.mentions.queryOptions({ coalitionId, limit: 100 }));
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const mentionable = useMemo(() => (members.data ?? []).map((m) => ({ id: m.userId, name: m.name })), [members.data]);
  const now = useNow(30_000);
  if (q.isPending) return <LoadingState label="Loading mentions…" rows={5} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0)
    return (
      <EmptyState
        icon={<AtSign aria-hidden />}
        title="Nobody has mentioned you yet"
        description={`When someone writes @${me.data?.name ?? 'your name'} in a comment, it shows up here.`}
      />
    );
  return (
    <ol aria-label="Comments that mention me, newest first" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
      {q.data.map((c: MentionRow) => {
        // Where the comment's item lives: the same place the activity row of the comment links to.
        const href = activityHref(coalitionId, { action: 'comment.added', entityType: c.target.type, entityId: c.target.id });
        const label = c.target.label ?? `a deleted ${c.target.type}`;
        return (
          <li key={c.id} className="flex items-start gap-3 px-4 py-3">
            <span aria-hidden className={cn('mt-0.5 inline-flex size-7 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold text-white', c.author ? avatarColor(c.author.id) : 'bg-slate-400')}>
              {c.author ? initials(c.author.name) : '?'}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm text-slate-700">
                <span className="font-semibold text-slate-900">{c.author?.name ?? 'Someone'}</span> mentioned you on the {c.target.type}{' '}
                {href && c.target.label ? (
                  <Link href={href} className="font-medium underline decoration-slate-300 underline-offset-2 hover:text-indigo-700 hover:decoration-indigo-400">
                    {label}
                  </Link>
                ) : (
                  label
                )}
              </p>
              <div className="mt-1 rounded-md bg-slate-50 px-3 py-2">
                <CommentBody body={c.body} members={mentionable} />
              </div>
              <ActivityTime at={c.createdAt} now={now} className="mt-1 block" />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
