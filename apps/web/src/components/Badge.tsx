import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { metaOf, TONE_CLASSES, type EnumName, type Tone } from '../lib/labels.ts';

export function Badge({ tone = 'gray', children, dot, className, title }: { tone?: Tone; children: ReactNode; dot?: boolean; className?: string; title?: string }) {
  return (
    <span
      title={title}
      className={cn('inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONE_CLASSES[tone].badge, className)}
    >
      {dot && <span aria-hidden className={cn('size-1.5 rounded-full', TONE_CLASSES[tone].dot)} />}
      {children}
    </span>
  );
}

/**
 * An enum value as text + colour, e.g. <StatusBadge of="milestoneStatus" value="at_risk" />.
 * The label is always visible: colour is never the only signal.
 */
export function StatusBadge({ of, value, className }: { of: EnumName; value: string; className?: string }) {
  const meta = metaOf(of, value);
  return (
    <Badge tone={meta.tone} dot className={className} title={meta.hint}>
      {meta.label}
    </Badge>
  );
}

/** A track's colour swatch beside its name. */
export function TrackDot({ color, className }: { color: string; className?: string }) {
  return <span aria-hidden className={cn('inline-block size-2.5 shrink-0 rounded-full ring-1 ring-black/10', className)} style={{ backgroundColor: color }} />;
}
