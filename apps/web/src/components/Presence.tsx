/**
 * Who else is here, from the live stream (lib/live.tsx): avatars in the top bar and an
 * "Also here" line on a milestone. Names are always in the text for screen readers; the
 * tooltip only repeats them for pointer users.
 */
import { cn } from '../lib/cn.ts';
import { useOthersHere, type PresentUser } from '../lib/live.tsx';
import { avatarColor, initials, shortName } from '../lib/people.ts';
import { Tooltip } from './Tooltip.tsx';

const MAX_AVATARS = 5;

function Avatar({ user, className }: { user: PresentUser; className?: string }) {
  return (
    <Tooltip content={user.name} side="bottom">
      <span
        tabIndex={0}
        className={cn(
          'inline-flex size-7 items-center justify-center rounded-full text-[11px] font-semibold text-white ring-2 ring-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
          avatarColor(user.userId),
          className,
        )}
      >
        <span aria-hidden>{initials(user.name)}</span>
        <span className="sr-only">{user.name}</span>
      </span>
    </Tooltip>
  );
}

/** The other people who have this coalition open: up to five avatars, then "+N". */
export function PresenceAvatars({ coalitionId, className }: { coalitionId: string; className?: string }) {
  const others = useOthersHere(coalitionId);
  if (others.length === 0) return null;
  const shown = others.slice(0, MAX_AVATARS);
  const rest = others.slice(shown.length);
  return (
    <ul aria-label="Also here now" className={cn('flex items-center -space-x-1.5', className)}>
      {shown.map((u) => (
        <li key={u.userId}>
          <Avatar user={u} />
        </li>
      ))}
      {rest.length > 0 && (
        <li>
          <Tooltip content={rest.map((u) => u.name).join(', ')} side="bottom">
            <span
              tabIndex={0}
              className="inline-flex h-7 min-w-7 items-center justify-center rounded-full bg-slate-200 px-1.5 text-[11px] font-semibold text-slate-800 ring-2 ring-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              <span aria-hidden>+{rest.length}</span>
              <span className="sr-only">
                and {rest.length} more: {rest.map((u) => u.name).join(', ')}
              </span>
            </span>
          </Tooltip>
        </li>
      )}
    </ul>
  );
}

/** "Also here: Ana B., Ben C." — the others looking at this milestone right now (nothing when alone). */
export function AlsoHere({ coalitionId, milestoneId, className }: { coalitionId: string; milestoneId: string; className?: string }) {
  const others = useOthersHere(coalitionId, milestoneId);
  return (
    // Always rendered (empty when alone) so arrivals are announced politely.
    <p aria-live="polite" className={cn('text-sm text-slate-600', others.length === 0 && 'sr-only', className)}>
      {others.length > 0 && (
        <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
          <span aria-hidden className="flex -space-x-1">
            {others.slice(0, 3).map((u) => (
              <span key={u.userId} className={cn('inline-flex size-5 items-center justify-center rounded-full text-[9px] font-semibold text-white ring-2 ring-white', avatarColor(u.userId))}>
                {initials(u.name)}
              </span>
            ))}
          </span>
          <span>
            Also here:{' '}
            {others.map((u, i) => (
              <span key={u.userId} title={u.name}>
                {shortName(u.name)}
                {i < others.length - 1 ? ', ' : ''}
              </span>
            ))}
          </span>
        </span>
      )}
    </p>
  );
}
