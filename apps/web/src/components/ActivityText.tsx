/**
 * How an activity row reads wherever it is shown (dashboard, activity screen, histories): who
 * did it, then the stored sentence (`activitySummary`, written once by the server), linked to
 * its item when the caller has a link (`activityHref`: the domain's `activityTarget`).
 */
import { Link } from 'wouter';
import { cn } from '../lib/cn.ts';
import { formatInstant, formatInstantFull } from '../lib/dates.ts';

export function ActivitySentence({
  row,
  href,
  linkClassName,
  onNavigate,
}: {
  row: { summary: string; actor: { name: string } | null };
  href?: string | undefined;
  linkClassName?: string;
  /** Runs when the link is followed (e.g. the inbox marks the item read). */
  onNavigate?: () => void;
}) {
  return (
    <>
      <span className="font-semibold text-slate-900">{row.actor?.name ?? 'Someone'}</span>{' '}
      {href ? (
        <Link href={href} onClick={onNavigate} className={cn('underline decoration-slate-300 underline-offset-2 hover:text-indigo-700 hover:decoration-indigo-400', linkClassName)}>
          {row.summary}
        </Link>
      ) : (
        row.summary
      )}
    </>
  );
}

/** When it happened: "5 min ago", the full date and time on hover. */
export function ActivityTime({ at, now, className }: { at: number; now?: number; className?: string }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={formatInstantFull(at)} className={cn('text-xs text-slate-500', className)}>
      {formatInstant(at, now)}
    </time>
  );
}
