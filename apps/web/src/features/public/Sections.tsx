/** The panels of the public page: each draws one part of the server's allow-listed summary. */
import { daysBetween, goalCountdown, plural, POSITIONS, type PublicMilestone, type PublicPage } from '@coalition/domain';
import { CheckCircle2, CircleDashed } from 'lucide-react';
import { Suspense } from 'react';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { Skeleton } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { PARTNER_KIND } from '../../lib/labels.ts';
import { MomentumChart } from '../dashboard/index.ts';
import { SupportGrowthChart } from '../positions/index.ts';

const panel = 'break-inside-avoid';

/** The goal, the countdown and the overall progress, big. */
export function Hero({ page }: { page: PublicPage }) {
  const days = page.daysToGoal;
  const countdown = goalCountdown(days);
  const n = Math.abs(days);
  const p = page.progress;
  return (
    <section
      aria-labelledby="public-goal"
      className="break-inside-avoid rounded-2xl bg-indigo-700 px-5 dark:bg-indigo-800 py-7 text-white shadow-sm [print-color-adjust:exact] sm:px-10 sm:py-10"
    >
      <p className="text-sm font-medium text-white/85">{page.coalition.name}</p>
      <h1 id="public-goal" className="mt-2 max-w-3xl text-2xl font-semibold leading-tight tracking-tight text-balance sm:text-4xl">
        {page.coalition.goal}
      </h1>
      <div className="mt-8 grid gap-8 sm:grid-cols-2 sm:items-end sm:gap-12">
        <div>
          {days === 0 ? (
            <p className="text-5xl font-bold tracking-tight sm:text-6xl">Today is the day</p>
          ) : (
            <p>
              <span className="text-6xl font-bold tabular-nums tracking-tight sm:text-7xl">{n.toLocaleString('en-GB')}</span>{' '}
              <span className="text-lg font-medium">
                {n === 1 ? 'day' : 'days'} {countdown.past ? 'since the goal date' : 'to go'}
              </span>
            </p>
          )}
          <p className="mt-1 text-sm text-white/85">Goal date: {formatDate(page.coalition.goalDate)}</p>
        </div>
        <div>
          <p className="flex items-baseline justify-between gap-3">
            <span className="text-sm font-medium">Overall progress</span>
            <span className="text-3xl font-semibold tabular-nums">{p.overall}%</span>
          </p>
          {/* White on the indigo fill in both themes: `bg-white` is the card surface, which turns dark. */}
          <div
            role="progressbar"
            aria-label="Overall progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={p.overall}
            aria-valuetext={`${p.overall}%, ${p.reached} of ${plural(p.total, 'milestone')} reached`}
            className="mt-2 h-3 overflow-hidden rounded-full bg-(--color-white)/25"
          >
            <div className="h-full rounded-full bg-(--color-white)" style={{ width: `${Math.max(0, Math.min(100, p.overall))}%` }} />
          </div>
          <p className="mt-2 text-sm text-white/85">
            {p.reached} of {plural(p.total, 'milestone')} reached
          </p>
        </div>
      </div>
    </section>
  );
}

export function TracksPanel({ tracks }: { tracks: PublicPage['progress']['tracks'] }) {
  return (
    <Card className={panel} title="Progress by track" description="How far each line of work has come">
      {tracks.length === 0 ? (
        <p className="py-4 text-sm text-slate-600">The coalition has not set out its tracks yet.</p>
      ) : (
        <ul className="flex flex-col gap-4 py-1">
          {tracks.map((t, i) => (
            <li key={`${i}-${t.name}`}>
              <div className="mb-1.5 flex items-center gap-2 text-sm">
                <TrackDot color={t.color} />
                <span className="min-w-0 flex-1 font-medium text-slate-800">{t.name}</span>
                <span className="font-semibold tabular-nums text-slate-900">{t.progress}%</span>
              </div>
              <ProgressBar value={t.progress} label={`${t.name}: progress`} color={t.color} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MilestonesPanel({ kind, milestones, today }: { kind: 'reached' | 'next'; milestones: PublicMilestone[]; today: string }) {
  const reached = kind === 'reached';
  return (
    <Card
      className={panel}
      title={reached ? 'Milestones reached' : 'Coming next'}
      description={reached ? 'The latest steps the coalition has completed' : 'The next steps on the way to the goal'}
    >
      {milestones.length === 0 ? (
        <p className="py-4 text-sm text-slate-600">{reached ? 'The first milestone is still ahead.' : 'No milestone is open right now.'}</p>
      ) : (
        <ul aria-label={reached ? 'Milestones reached' : 'Next milestones'} className="divide-y divide-slate-100">
          {milestones.map((m, i) => (
            <li key={`${i}-${m.title}`} className="flex items-start gap-3 py-2.5">
              {reached ? (
                <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
              ) : (
                <CircleDashed aria-hidden className="mt-0.5 size-5 shrink-0 text-indigo-600" />
              )}
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{m.title}</p>
                <p className="mt-0.5 text-xs text-slate-600">
                  {m.track ?? 'Whole coalition'} · {reached ? `reached ${formatDate(m.date)}` : dueWords(m.date, today)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function dueWords(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days > 0 && days <= 90) return `due ${formatDate(date)}, in ${plural(days, 'day')}`;
  if (days === 0) return 'due today';
  return `due ${formatDate(date)}`;
}

export function MomentumPanel({ data }: { data: PublicPage['momentum'] }) {
  const last = data[data.length - 1];
  const started = !!last && (last.cumulativeMilestones > 0 || last.cumulativePartners > 0);
  return (
    <Card className={panel} title="Momentum" description="Milestones completed and partners committed, cumulative by week">
      {!started ? (
        <p className="py-6 text-center text-sm text-slate-600">The snowball starts with the first milestone completed or partner committed.</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700">
            <strong className="font-semibold">{plural(last.cumulativeMilestones, 'milestone')}</strong> completed and{' '}
            <strong className="font-semibold">{plural(last.cumulativePartners, 'partner')}</strong> committed so far.
          </p>
          <Suspense fallback={<Skeleton className="h-64 sm:h-72" />}>
            <MomentumChart data={data} />
          </Suspense>
        </>
      )}
    </Card>
  );
}

/**
 * Support growth (champion + supportive partners per week, state and non-state): nothing while
 * the server sends no series. The support-growth chart goes here once it exists.
 */
export function SupportGrowthSlot({ data }: { data: PublicPage['supportGrowth'] }) {
  const last = data[data.length - 1];
  if (!last) return null;
  return (
    <Card className={`mt-5 ${panel}`} title="Support growing" description="Partners supporting the goal, by week">
      <p className="py-1 text-sm text-slate-700">
        <strong className="font-semibold">{plural(last.state, 'state')}</strong> and <strong className="font-semibold">{plural(last.nonState, 'non-state partner')}</strong> support
        the goal.
      </p>
      <SupportGrowthChart points={data} />
    </Card>
  );
}

const POSITION_ORDER = new Map<string, number>(POSITIONS.map((p, i) => [p, i]));

export function PartnersPanel({ partners }: { partners: PublicPage['partners'] }) {
  if (partners.length === 0) return null;
  const sorted = [...partners].sort((a, b) => POSITION_ORDER.get(a.position)! - POSITION_ORDER.get(b.position)! || a.name.localeCompare(b.name));
  return (
    <Card className={`mt-5 ${panel}`} title="Where partners stand" description="Partners whose position on the goal is shared publicly">
      <ul aria-label="Partners" className="grid gap-3 py-1 sm:grid-cols-2 lg:grid-cols-3">
        {sorted.map((p, i) => (
          <li key={`${i}-${p.name}`} className="flex items-start justify-between gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">{p.name}</p>
              <p className="mt-0.5 text-xs text-slate-600">
                {PARTNER_KIND[p.kind].label}
                {p.country && ` · ${p.country}`}
              </p>
            </div>
            <StatusBadge of="position" value={p.position} className="shrink-0" />
          </li>
        ))}
      </ul>
    </Card>
  );
}
