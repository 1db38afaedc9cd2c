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

const MILESTONES = '#4f46e5';
const PARTNERS = '#0d9488';

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
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="week"
            tickFormatter={(w: string) => formatMonth(w)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={{ stroke: '#cbd5e1' }}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} width={40} />
          <Tooltip
            labelFormatter={(w) => `Week of ${formatDate(String(w))}`}
            contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: '#e2e8f0' }}
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
