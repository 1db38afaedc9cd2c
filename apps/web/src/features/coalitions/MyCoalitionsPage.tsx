import { useQuery } from '@tanstack/react-query';
import { CalendarClock, Flag, Handshake, Plus, Sparkles, Table2 } from 'lucide-react';
import { Link } from 'wouter';
import { Badge } from '../../components/Badge.tsx';
import { Button, ButtonLink } from '../../components/Button.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { Alert, ErrorState, Skeleton } from '../../components/States.tsx';
import { cn } from '../../lib/cn.ts';
import { daysToGoal, doneOf, goalCountdown, localTimeZone, plural } from '@coalition/domain';
import { useNow } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { ROLE } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCreateFromTemplate } from './useCreateFromTemplate.ts';

type CoalitionRow = RouterOutputs['coalition']['list'][number];
type Template = RouterOutputs['coalition']['templates'][number];

export const FEATURED_TEMPLATE = 'world-summit-2020';

export default function MyCoalitionsPage() {
  useDocumentTitle('My coalitions');
  const trpc = useTRPC();
  const list = useQuery(trpc.coalition.list.queryOptions());

  if (list.isPending) {
    return (
      <>
        <PageHeader title="My coalitions" />
        <div role="status" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <span className="sr-only">Loading your coalitions…</span>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-44 rounded-xl" />
          ))}
        </div>
      </>
    );
  }
  if (list.isError) {
    return (
      <>
        <PageHeader title="My coalitions" />
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      </>
    );
  }
  if (list.data.length === 0) return <FirstRun />;

  return (
    <>
      <PageHeader
        title="My coalitions"
        description="Each coalition is a workspace planned toward one dated goal."
        actions={
          <ButtonLink href={paths.newCoalition()} variant="primary" icon={<Plus aria-hidden className="size-4" />}>
            New coalition
          </ButtonLink>
        }
      />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {list.data.map((c) => (
          <li key={c.id}>
            <CoalitionCard coalition={c} />
          </li>
        ))}
      </ul>
    </>
  );
}

function CoalitionCard({ coalition: c }: { coalition: CoalitionRow }) {
  // Days left in the coalition's own time zone, and the roll-up's progress: what its dashboard says.
  const days = daysToGoal(c.goalDate, c.timeZone, useNow());
  const countdown = goalCountdown(days);
  const { progress: pct, doneCount: done, milestoneCount: total } = c.progress;
  return (
    <article className="group relative flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs transition-shadow focus-within:ring-2 focus-within:ring-indigo-600 hover:border-slate-300 hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-[15px] font-semibold leading-snug text-slate-900">
          <Link href={paths.dashboard(c.id)} className="outline-none after:absolute after:inset-0 after:rounded-xl after:content-['']">
            {c.name}
          </Link>
        </h2>
        <Badge tone={ROLE[c.role].tone} className="shrink-0">
          {ROLE[c.role].label}
        </Badge>
      </div>
      <p className="mt-1.5 line-clamp-2 text-sm text-slate-600">{c.goal}</p>
      <div className="mt-auto pt-4">
        <p className={cn('flex items-center gap-1.5 text-xs font-medium', countdown.past ? 'text-slate-500' : days <= 30 ? 'text-amber-800' : 'text-indigo-800')}>
          <CalendarClock aria-hidden className="size-3.5" />
          {formatDate(c.goalDate)} · {countdown.long}
        </p>
        <ProgressBar
          className="mt-2"
          value={pct}
          label={`${c.name}: progress`}
          valueText={`${pct}%, ${doneOf(done, total)}`}
          showValue
          size="sm"
        />
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500">
          <span className="inline-flex items-center gap-1">
            <Flag aria-hidden className="size-3.5" /> {done}/{plural(total, 'milestone')}
          </span>
          <span className="inline-flex items-center gap-1">
            <Handshake aria-hidden className="size-3.5" /> {Number(c.partnerCount)} partners
          </span>
          <span className="inline-flex items-center gap-1">
            <Table2 aria-hidden className="size-3.5" /> {Number(c.trackCount)} tracks
          </span>
        </p>
      </div>
    </article>
  );
}

/** A brand-new user: make the useful thing one click away. */
function FirstRun() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.coalition.templates.queryOptions());
  const create = useCreateFromTemplate();
  const featured = templates.data?.find((t) => t.id === FEATURED_TEMPLATE);
  const others = templates.data?.filter((t) => t.id !== FEATURED_TEMPLATE) ?? [];
  const pendingId = create.isPending ? create.variables?.templateId : undefined;
  return (
    <>
      <PageHeader title="Welcome — let’s set up your first coalition" description="Start from a real, dated plan and adapt it, or begin with a blank workspace." />
      {create.isError && (
        <Alert tone="error" className="mb-4">
          {errorMessage(create.error)}
        </Alert>
      )}
      <section aria-labelledby="featured-title" className="relative overflow-hidden rounded-2xl border border-indigo-200 bg-gradient-to-br from-indigo-600 to-indigo-800 p-6 text-white shadow-md sm:p-8">
        <div className="flex max-w-2xl flex-col gap-3">
          <span className="inline-flex w-fit items-center gap-1.5 rounded-full bg-white/15 px-2.5 py-1 text-xs font-medium">
            <Sparkles aria-hidden className="size-3.5" /> Recommended
          </span>
          <h2 id="featured-title" className="text-xl font-semibold tracking-tight sm:text-2xl">
            Start from the World Summit template
          </h2>
          <p className="text-sm leading-relaxed text-indigo-100">
            {featured?.summary ??
              'Parallel reform tracks converging on a World Summit on Global Security, Justice & Governance, with state and non-state partners and dated interim milestones.'}
          </p>
          {featured && (
            <p className="text-xs text-indigo-200">
              {featured.counts.tracks} tracks · {featured.counts.partners} partners · {featured.counts.milestones} milestones. The plan as it stood on{' '}
              {formatDate(featured.asOf)}, re-based so that day is today: what was done is behind you, the Summit ({formatDate(featured.goalDate)} originally) lies ahead.
            </p>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              variant="secondary"
              className="bg-white text-indigo-800 ring-white hover:bg-indigo-50"
              loading={pendingId === FEATURED_TEMPLATE}
              disabled={create.isPending}
              onClick={() => create.mutate({ templateId: FEATURED_TEMPLATE, startToday: true, timeZone: localTimeZone() })}
            >
              Create it in one click
            </Button>
            <ButtonLink href={`${paths.newCoalition()}?template=${FEATURED_TEMPLATE}`} variant="ghost" className="text-white hover:bg-white/10">
              Adjust name or goal date first
            </ButtonLink>
          </div>
        </div>
      </section>

      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-900">Other templates from the campaigns behind the idea</h2>
      {templates.isPending && <Skeleton className="h-32 rounded-xl" />}
      {templates.isError && <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />}
      <ul className="grid gap-4 md:grid-cols-3">
        {others.map((t) => (
          <li key={t.id}>
            <TemplateCard template={t} busy={pendingId === t.id} disabled={create.isPending} onUse={() => create.mutate({ templateId: t.id, timeZone: localTimeZone() })} />
          </li>
        ))}
        <li>
          <div className="flex h-full flex-col rounded-xl border border-dashed border-slate-300 bg-white p-4">
            <h3 className="text-sm font-semibold text-slate-900">Blank coalition</h3>
            <p className="mt-1 flex-1 text-sm text-slate-600">Name your goal and its date; add tracks, partners and milestones yourself.</p>
            <ButtonLink href={paths.newCoalition()} className="mt-4 w-fit" icon={<Plus aria-hidden className="size-4" />}>
              Start blank
            </ButtonLink>
          </div>
        </li>
      </ul>
    </>
  );
}

export function TemplateCard({ template: t, onUse, busy, disabled }: { template: Template; onUse: () => void; busy?: boolean; disabled?: boolean }) {
  return (
    <div className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <h3 className="text-sm font-semibold text-slate-900">{t.name}</h3>
      <p className="mt-1 line-clamp-4 flex-1 text-sm text-slate-600">{t.summary}</p>
      <p className="mt-3 text-xs text-slate-500">
        {t.counts.tracks} tracks · {t.counts.partners} partners · {t.counts.milestones} milestones · goal {formatDate(t.goalDate)}
      </p>
      <Button className="mt-3 w-fit" loading={busy} disabled={disabled} onClick={onUse} aria-label={`Use the template ${t.name}`}>
        Use template
      </Button>
    </div>
  );
}
