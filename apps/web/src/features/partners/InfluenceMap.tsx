import { lazy, Suspense, useMemo } from 'react';
import { Card, Skeleton, StatusBadge } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { MovementMark, movementOf, type CurrentPosition, type Movement } from '../positions/index.ts';
import { jitter, QUADRANT_ORDER, QUADRANTS, quadrantOf, STAGE_VISUAL, type PartnerRow, type QuadrantId } from './model.ts';

/** What the map needs of a partner (a partner.list row has it). */
export type MapPartner = Pick<PartnerRow, 'id' | 'name' | 'kind' | 'stage' | 'influence' | 'interest'>;

const InfluenceChart = lazy(() => import('./InfluenceChart.tsx'));

const QUADRANT_TONE: Record<QuadrantId, string> = {
  satisfy: 'border-amber-200 bg-amber-50/40',
  manage: 'border-indigo-200 bg-indigo-50/50',
  monitor: 'border-slate-200 bg-slate-50/60',
  inform: 'border-emerald-200 bg-emerald-50/40',
};

/** A small marker matching the chart's shape for a stage (decorative: the stage badge carries the text). */
function StageMarker({ stage }: { stage: PartnerRow['stage'] }) {
  const { color, shape } = STAGE_VISUAL[stage];
  const paths: Record<typeof shape, string> = {
    circle: 'M6 1a5 5 0 1 0 0.001 0Z',
    square: 'M1.5 1.5h9v9h-9Z',
    diamond: 'M6 0.5 11.5 6 6 11.5 0.5 6Z',
    triangle: 'M6 1 11 10.5H1Z',
    star: 'M6 0.5l1.6 3.6 3.9.4-2.9 2.6.8 3.9L6 9 2.6 11l.8-3.9L.5 4.5l3.9-.4Z',
  };
  return (
    <svg aria-hidden viewBox="0 0 12 12" className="size-3 shrink-0">
      <path d={paths[shape]} fill={color} />
    </svg>
  );
}

/**
 * The influence–interest map: the scatter chart (lazy), and under it the same partners listed by
 * quadrant as buttons, which is the keyboard and screen-reader way in.
 */
export function InfluenceMap({
  partners,
  positions,
  onOpen,
  compact,
  maxWidth,
}: {
  partners: ReadonlyArray<MapPartner>;
  /** Each partner's position on the goal today and its movement (position.current): arrows on the map, positions in the lists. */
  positions?: ReadonlyMap<string, CurrentPosition> | undefined;
  onOpen: (id: string) => void;
  compact: boolean;
  /** The chart's widest layout (see InfluenceChart). */
  maxWidth?: number;
}) {
  const points = useMemo(() => jitter(partners), [partners]);
  const movements = useMemo(() => {
    const moved = new Map<string, Movement>();
    for (const [id, c] of positions ?? []) {
      const m = movementOf(c);
      if (m) moved.set(id, m);
    }
    return moved;
  }, [positions]);
  const byQuadrant = useMemo(() => {
    const groups: Record<QuadrantId, MapPartner[]> = { manage: [], satisfy: [], inform: [], monitor: [] };
    for (const p of partners) groups[quadrantOf(p)].push(p);
    for (const list of Object.values(groups)) list.sort((a, b) => b.influence - a.influence || b.interest - a.interest || a.name.localeCompare(b.name));
    return groups;
  }, [partners]);

  return (
    <div className="flex flex-col gap-4">
      <Card
        className="break-inside-avoid"
        title="Influence–interest map"
        description="Each marker is a partner, named beside it: further right = more interested, higher = more influential. Colour and shape show the engagement stage; an arrow, a position on the goal that moved up or down in the last 90 days. Click a marker or name to open the partner."
      >
        <div aria-hidden className="select-none">
          <Suspense fallback={<Skeleton className={cn('w-full', compact ? 'h-[380px]' : 'h-[460px]')} />}>
            <InfluenceChart points={points} movements={movements} onOpen={onOpen} compact={compact} maxWidth={maxWidth} />
          </Suspense>
        </div>
        <p className="mt-1 text-xs text-slate-500">The same partners are listed by quadrant below, for keyboard and screen-reader use.</p>
      </Card>
      <Card title="Partners by quadrant" description="Scores of 4–5 count as high.">
        <div className="grid gap-3 sm:grid-cols-2">
          {QUADRANT_ORDER.map((q) => {
            const list = byQuadrant[q];
            const headingId = `quadrant-${q}`;
            return (
              <section key={q} aria-labelledby={headingId} className={cn('flex min-w-0 flex-col rounded-lg border p-3 break-inside-avoid', QUADRANT_TONE[q])}>
                <h3 id={headingId} className="break-after-avoid text-sm font-semibold text-slate-900">
                  {QUADRANTS[q].label} <span className="font-normal text-slate-500">({list.length})</span>
                </h3>
                <p className="mb-2 text-xs text-slate-600">{QUADRANTS[q].hint}</p>
                {list.length === 0 ? (
                  <p className="text-xs italic text-slate-500">Nobody here.</p>
                ) : (
                  <ul className="-mx-1">
                    {list.map((p) => (
                      <li key={p.id} className="break-inside-avoid">
                        <button
                          type="button"
                          onClick={() => onOpen(p.id)}
                          className="flex w-full items-start gap-2 rounded px-1 py-1 text-left text-sm hover:bg-white/80 focus-visible:outline-offset-[-2px]"
                        >
                          <span className="mt-1">
                            <StageMarker stage={p.stage} />
                          </span>
                          <span className="flex min-w-0 flex-1 flex-col gap-0.5 print:flex-row print:flex-wrap print:items-baseline print:gap-x-2">
                            <span className="font-medium break-words text-slate-900">{p.name}</span>
                            <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600">
                              <span className="tabular-nums">
                                Influence {p.influence} · Interest {p.interest}
                              </span>
                              <StatusBadge of="stage" value={p.stage} />
                              {positions?.get(p.id) && (
                                <span className="inline-flex items-center gap-1">
                                  <span>Position</span>
                                  <StatusBadge of="position" value={positions.get(p.id)!.position} />
                                </span>
                              )}
                              <MovementMark movement={movements.get(p.id) ?? null} withText />
                            </span>
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      </Card>
    </div>
  );
}
