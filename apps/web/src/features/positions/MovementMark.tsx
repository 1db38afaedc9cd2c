import { movementSentence, type Position } from '@coalition/domain';
import { ArrowDownRight, ArrowUpRight } from 'lucide-react';
import { cn } from '../../lib/cn.ts';
import type { CurrentPosition } from './model.ts';

/** A partner's move over the last 90 days, when it moved: up (toward champion) or down, and in words. */
export interface Movement {
  up: boolean;
  was: Position;
  now: Position;
  /** "moved from sceptical to supportive" */
  sentence: string;
}

export function movementOf(c: Pick<CurrentPosition, 'was' | 'position' | 'movement'> | undefined): Movement | null {
  if (!c || c.movement === 0) return null;
  return { up: c.movement > 0, was: c.was, now: c.position, sentence: movementSentence(c.was, c.position) };
}

/** A small arrow with its sentence for screen readers (and as a tooltip): where a partner came from. */
export function MovementMark({ movement, withText = false, className }: { movement: Movement | null; withText?: boolean; className?: string }) {
  if (!movement) return null;
  const Icon = movement.up ? ArrowUpRight : ArrowDownRight;
  return (
    <span
      className={cn('inline-flex items-center gap-0.5 text-xs font-medium', movement.up ? 'text-emerald-700' : 'text-red-700', className)}
      title={movement.sentence}
      data-movement={movement.up ? 'up' : 'down'}
    >
      <Icon aria-hidden className="size-3.5" />
      {withText ? <span>{movement.sentence}</span> : <span className="sr-only">{movement.sentence}</span>}
    </span>
  );
}
