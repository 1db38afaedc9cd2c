/** The "snowball" chart. Lazy-loaded: recharts stays out of the initial bundle. */
import { plural } from '@coalition/domain';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatMonth } from '../../lib/dates.ts';

export interface MomentumPoint {
  week: string;
  milestonesCompleted: number;
  partnersCommitted: number;
  cumulativeMilestones: number;
  cumulativePartners: number;
}

// CSS variables (index.css), so the chart follows the light/dark theme.
const MILESTONES = 'var(--color-indigo-600)';
const PARTNERS = 'var(--color-teal-600)';

export default function MomentumChart({ data }: { data: MomentumPoint[] }) {
  const last = data[data.length - 1];
  return (
    <figure className="h-64 w-full sm:h-72">
      <figcaption className="sr-only">
        Cumulative milestones completed and partners committed per week, from {data[0] ? formatDate(data[0].week) : ''} to{' '}
        {last ? formatDate(last.week) : ''}: now {plural(last?.cumulativeMilestones ?? 0, 'milestone')} and {plural(last?.cumulativePartners ?? 0, 'partner')}. Use the arrow keys on the chart to read each week.
      </figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer title="Momentum: cumulative milestones completed and partners committed">
          <defs>
            <linearGradient id="mGrad" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={MILESTONES} stopOpacity={0.25} />
              <stop offset="100%" stopColor={MILESTONES} stopOpacity={0.02} />
            </linearGradient>
            <linearGradient id="pGrad" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={PARTNERS} stopOpacity={0.22} />
              <stop offset="100%" stopColor={PARTNERS} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="week"
            tickFormatter={(w: string) => formatMonth(w)}
            tick={{ fontSize: 11, fill: 'var(--chart-tick)' }}
            tickLine={false}
            axisLine={{ stroke: 'var(--chart-axis)' }}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--chart-tick)' }} tickLine={false} axisLine={false} width={40} />
          <Tooltip
            labelFormatter={(w) => `Week of ${formatDate(String(w))}`}
            contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: 'var(--chart-grid)', backgroundColor: 'var(--chart-surface)', color: 'var(--chart-label)' }}
          />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="stepAfter"
            dataKey="cumulativeMilestones"
            name="Milestones completed (total)"
            stroke={MILESTONES}
            strokeWidth={2}
            fill="url(#mGrad)"
            isAnimationActive={false}
          />
          <Area
            type="stepAfter"
            dataKey="cumulativePartners"
            name="Partners committed (total)"
            stroke={PARTNERS}
            strokeWidth={2}
            strokeDasharray="6 3"
            fill="url(#pGrad)"
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
