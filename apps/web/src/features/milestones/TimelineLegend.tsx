import { AlertTriangle, Ban, Check } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/dates.ts';

/** What the bars, arrows and lines of the timeline mean (every colour has its words). */
export function TimelineLegend({ lateCount, goalDate, children }: { lateCount: number; goalDate: string | null; /** More entries (`<li>`s) from the layers drawn over the chart. */ children?: ReactNode }) {
  const sample = '#4f46e5';
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700">
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="relative h-3 w-8 overflow-hidden rounded-sm border-[1.5px]" style={{ borderColor: sample, backgroundColor: `${sample}2e` }}>
          <span className="absolute inset-y-0 left-0 w-1/2" style={{ backgroundColor: sample, opacity: 0.85 }} />
        </span>
        Planned / in progress (fill = progress)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="flex h-3 w-8 items-center justify-center rounded-sm" style={{ backgroundColor: sample }}>
          <Check className="size-2.5 text-white" strokeWidth={3} />
        </span>
        Done
      </li>
      <li className="flex items-center gap-1.5 text-amber-800">
        <AlertTriangle aria-hidden className="size-3.5" /> At risk
      </li>
      <li className="flex items-center gap-1.5 text-red-700">
        <span aria-hidden className="h-3 w-8 rounded-sm border-[1.5px] border-red-700" style={{ backgroundImage: 'repeating-linear-gradient(135deg, transparent 0 4px, rgba(185,28,28,0.35) 4px 6px)' }} />
        <Ban aria-hidden className="size-3.5" /> Blocked
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden width="30" height="10">
          <path d="M1,5 H24" stroke="var(--chart-muted)" strokeWidth="1.5" />
          <path d="M23,1 L29,5 L23,9 z" fill="var(--chart-muted)" />
        </svg>
        Dependency
      </li>
      <li className="flex items-center gap-1.5 text-red-700">
        <svg aria-hidden width="30" height="10">
          <path d="M1,5 H24" stroke="var(--chart-late)" strokeWidth="1.75" strokeDasharray="5 3" />
          <path d="M23,1 L29,5 L23,9 z" fill="var(--chart-late)" />
        </svg>
        Late dependency: finishes after the dependent is due ({lateCount})
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3.5 w-0.5 bg-sky-500" /> Today
      </li>
      {goalDate && (
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3.5 w-0.5 bg-violet-600" /> Goal date ({formatDate(goalDate)})
        </li>
      )}
      {children}
    </ul>
  );
}
