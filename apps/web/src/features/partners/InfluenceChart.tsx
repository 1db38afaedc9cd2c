/**
 * The influence–interest scatter (recharts). Loaded lazily by InfluenceMap, so recharts stays in
 * the `charts` chunk. Markers differ by colour AND shape per engagement stage; the legend names
 * both; equal scores are spread apart by `jitter()`.
 */
import { CartesianGrid, Legend, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { labelOf, STAGE } from '../../lib/labels.ts';
import { STAGES, STAGE_VISUAL, type MapPoint } from './model.ts';

const LOW = 0.5;
const MID = 3.5;
const HIGH = 5.5;

function PointTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: MapPoint }> }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
      <p className="font-semibold text-slate-900">{p.name}</p>
      <p className="text-slate-600">
        {labelOf('kind', p.kind)} · {labelOf('stage', p.stage)}
      </p>
      <p className="text-slate-600">
        Influence {p.influence} · Interest {p.interest}
      </p>
      <p className="mt-1 text-indigo-700">Click to open</p>
    </div>
  );
}

const quadrantLabel = (value: string, position: 'insideTopLeft' | 'insideTopRight' | 'insideBottomLeft' | 'insideBottomRight') => ({
  value,
  position,
  fill: 'var(--color-slate-600)',
  fontSize: 12,
  fontWeight: 600,
});

export default function InfluenceChart({ points, onOpen, compact }: { points: MapPoint[]; onOpen: (id: string) => void; compact?: boolean }) {
  const open = (item: unknown) => {
    const p = (item as { payload?: MapPoint } | undefined)?.payload;
    if (p?.id) onOpen(p.id);
  };
  return (
    <ResponsiveContainer width="100%" height={compact ? 380 : 460}>
      <ScatterChart margin={{ top: 12, right: compact ? 8 : 20, bottom: 8, left: compact ? -8 : 4 }} accessibilityLayer={false}>
        <ReferenceArea x1={LOW} x2={MID} y1={MID} y2={HIGH} fill="var(--chart-quadrant-amber)" fillOpacity={0.45} stroke="none" label={quadrantLabel('Keep satisfied', 'insideTopLeft')} ifOverflow="hidden" />
        <ReferenceArea x1={MID} x2={HIGH} y1={MID} y2={HIGH} fill="var(--chart-quadrant-indigo)" fillOpacity={0.6} stroke="none" label={quadrantLabel('Manage closely', 'insideTopRight')} ifOverflow="hidden" />
        <ReferenceArea x1={LOW} x2={MID} y1={LOW} y2={MID} fill="var(--chart-quadrant-slate)" fillOpacity={0.6} stroke="none" label={quadrantLabel('Monitor', 'insideBottomLeft')} ifOverflow="hidden" />
        <ReferenceArea x1={MID} x2={HIGH} y1={LOW} y2={MID} fill="var(--chart-quadrant-green)" fillOpacity={0.45} stroke="none" label={quadrantLabel('Keep informed', 'insideBottomRight')} ifOverflow="hidden" />
        <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid)" />
        <ReferenceLine x={MID} stroke="var(--chart-axis-strong)" />
        <ReferenceLine y={MID} stroke="var(--chart-axis-strong)" />
        <XAxis
          type="number"
          dataKey="x"
          name="Interest"
          domain={[LOW, HIGH]}
          ticks={[1, 2, 3, 4, 5]}
          allowDataOverflow
          tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
          label={{ value: 'Interest →', position: 'insideBottom', offset: -4, fontSize: 12, fill: 'var(--chart-label)' }}
          height={40}
        />
        <YAxis
          type="number"
          dataKey="y"
          name="Influence"
          domain={[LOW, HIGH]}
          ticks={[1, 2, 3, 4, 5]}
          allowDataOverflow
          tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
          label={{ value: 'Influence →', angle: -90, position: 'insideLeft', offset: 14, fontSize: 12, fill: 'var(--chart-label)' }}
          width={compact ? 44 : 52}
        />
        <Tooltip content={<PointTooltip />} cursor={{ strokeDasharray: '3 3' }} isAnimationActive={false} />
        <Legend verticalAlign="bottom" itemSorter={null} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
        <ZAxis range={[compact ? 70 : 110, compact ? 70 : 110]} />
        {STAGES.map((stage) => {
          const data = points.filter((p) => p.stage === stage);
          const v = STAGE_VISUAL[stage];
          return (
            <Scatter
              key={stage}
              name={`${STAGE[stage].label} (${data.length})`}
              data={data}
              fill={v.color}
              stroke="var(--chart-surface)"
              strokeWidth={1}
              shape={v.shape}
              legendType={v.shape}
              isAnimationActive={false}
              onClick={open}
              style={{ cursor: 'pointer' }}
            />
          );
        })}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
