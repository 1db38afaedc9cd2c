import { cn } from '../lib/cn.ts';

export interface ProgressBarProps {
  /** 0–100 */
  value: number;
  /** Accessible name, e.g. "Track A progress". */
  label: string;
  /** Bar colour (e.g. a track colour); default indigo. */
  color?: string;
  showValue?: boolean;
  size?: 'sm' | 'md';
  className?: string;
  /** Extra text for screen readers, e.g. "12 of 30 milestones done". */
  valueText?: string;
}

export function ProgressBar({ value, label, color, showValue, size = 'md', className, valueText }: ProgressBarProps) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={valueText ?? `${pct}%`}
        className={cn('relative flex-1 overflow-hidden rounded-full bg-slate-200/80', size === 'sm' ? 'h-1.5' : 'h-2')}
      >
        <div className={cn('h-full rounded-full transition-[width] duration-500', !color && 'bg-indigo-600')} style={{ width: `${pct}%`, ...(color ? { backgroundColor: color } : {}) }} />
      </div>
      {showValue && <span className="w-9 shrink-0 text-right text-xs font-medium tabular-nums text-slate-700">{pct}%</span>}
    </div>
  );
}
