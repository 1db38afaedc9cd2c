/**
 * The influence–interest map as a plain SVG, laid out in the pixels of its container: quadrants,
 * a marker per partner (colour AND shape per engagement stage, named in the legend), and each
 * partner's name beside its marker where `placeLabels` finds room (else away from it on a
 * leader line, else listed under the map). Loaded lazily by InfluenceMap. The SVG scales with its
 * box (viewBox), so a printed page shows the same picture, a little smaller or larger.
 */
import { useMemo } from 'react';
import { labelOf, STAGE } from '../../lib/labels.ts';
import type { Movement } from '../positions/index.ts';
import { placeLabels, shortLabel, type Box } from './labelPlacement.ts';
import { STAGES, STAGE_VISUAL, type MapPoint } from './model.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';

const LOW = 0.5;
const MID = 3.5;
const HIGH = 5.5;
const LABEL_FONT = 11;
const LABEL_HEIGHT = 14;
const TITLE_FONT = 12;

/** Marker outlines of half size r around (0, 0). */
export function markerPath(shape: (typeof STAGE_VISUAL)[keyof typeof STAGE_VISUAL]['shape'], r: number): string {
  switch (shape) {
    case 'circle':
      return `M${-r} 0a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
    case 'square': {
      const s = r * 0.85;
      return `M${-s} ${-s}H${s}V${s}H${-s}Z`;
    }
    case 'diamond':
      return `M0 ${-r}L${r} 0L0 ${r}L${-r} 0Z`;
    case 'triangle':
      return `M0 ${-r}L${r} ${r * 0.8}H${-r}Z`;
    case 'star': {
      let d = '';
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 === 0 ? r : r * 0.45;
        d += `${i === 0 ? 'M' : 'L'}${(rr * Math.cos(a)).toFixed(2)} ${(rr * Math.sin(a)).toFixed(2)}`;
      }
      return `${d}Z`;
    }
  }
}

let canvas: HTMLCanvasElement | null = null;
/** The rendered width of `text` in the page's sans font at `size` px (an estimate where there is no canvas). */
function textWidth(text: string, size: number, weight = 500): number {
  canvas ??= typeof document !== 'undefined' ? document.createElement('canvas') : null;
  const ctx = canvas?.getContext('2d');
  if (!ctx) return text.length * size * 0.6;
  ctx.font = `${weight} ${size}px ${getComputedStyle(document.body).fontFamily}`;
  return ctx.measureText(text).width;
}


/** Half the height of a movement arrow. */
const ARROW = 5;

/** A small arrow beside a marker: up (toward champion) or down, drawn around (0, 0). */
function arrowPath(up: boolean): string {
  const s = up ? -1 : 1;
  return `M0 ${-s * ARROW}V${s * ARROW}M${-3.5} ${s * (ARROW - 3.5)}L0 ${s * ARROW}L3.5 ${s * (ARROW - 3.5)}`;
}

export default function InfluenceChart({
  points,
  movements,
  onOpen,
  compact,
  maxWidth,
}: {
  points: MapPoint[];
  /** Partners whose position on the goal moved in the last 90 days: an arrow beside their marker. */
  movements?: ReadonlyMap<string, Movement> | undefined;
  onOpen?: ((id: string) => void) | undefined;
  compact?: boolean | undefined;
  /** Lay the map out no wider than this (the brief: an A4 page's width, so print keeps the sizes). */
  maxWidth?: number | undefined;
}) {
  const [ref, measured] = useElementWidth<HTMLDivElement>(compact ? 340 : 720);
  const width = maxWidth ? Math.min(measured, maxWidth) : measured;
  const height = compact ? 380 : 460;
  const r = compact ? 5 : 6;
  const { plot, sx, sy } = useMemo(() => {
    const margin = { top: 8, right: 8, bottom: 36, left: 40 };
    const box: Box = { x: margin.left, y: margin.top, width: Math.max(120, width - margin.left - margin.right), height: height - margin.top - margin.bottom };
    return {
      plot: box,
      sx: (v: number) => box.x + ((v - LOW) / (HIGH - LOW)) * box.width,
      sy: (v: number) => box.y + box.height - ((v - LOW) / (HIGH - LOW)) * box.height,
    };
  }, [width, height]);

  const quadrantTitles = useMemo(() => {
    const pad = 6;
    const t = (text: string, left: boolean, top: boolean) => {
      const w = textWidth(text, TITLE_FONT, 600);
      const x = left ? plot.x + pad : plot.x + plot.width - pad - w;
      const y = top ? plot.y + pad : plot.y + plot.height - pad - 16;
      return { text, box: { x, y, width: w, height: 16 } };
    };
    return [t('Keep satisfied', true, true), t('Manage closely', false, true), t('Monitor', true, false), t('Keep informed', false, false)];
  }, [plot]);

  /** How far left of a marker's centre its movement arrow stands. */
  const arrowX = r + 4;
  const layout = useMemo(() => {
    const items = points.map((p) => ({ p, text: shortLabel(p.name, compact ? 14 : 24), cx: sx(p.x), cy: sy(p.y) }));
    // Names keep clear of the movement arrows as of the quadrant titles.
    const arrows = items
      .filter((it) => movements?.has(it.p.id))
      .map((it) => ({ x: it.cx - arrowX - 4, y: it.cy - ARROW - 1, width: 8, height: 2 * ARROW + 2 }));
    const placement = placeLabels(
      items.map((it) => ({ id: it.p.id, x: it.cx, y: it.cy, r, width: Math.ceil(textWidth(it.text, LABEL_FONT)) + 2, height: LABEL_HEIGHT })),
      plot,
      { obstacles: [...quadrantTitles.map((q) => q.box), ...arrows] },
    );
    const byId = new Map(placement.placed.map((l) => [l.id, l]));
    return { items, byId, unplaced: items.filter((it) => !byId.has(it.p.id)) };
  }, [points, plot, sx, sy, r, compact, quadrantTitles, movements, arrowX]);

  const area = (x1: number, x2: number, y1: number, y2: number, fill: string) => (
    <rect x={sx(x1)} y={sy(y2)} width={sx(x2) - sx(x1)} height={sy(y1) - sy(y2)} fill={fill} />
  );
  const counts = STAGES.map((s) => ({ s, n: points.filter((p) => p.stage === s).length }));

  return (
    <div ref={ref} className="w-full">
      <svg viewBox={`0 0 ${width} ${height}`} className="mx-auto block h-auto w-full" style={maxWidth ? { maxWidth } : undefined} role="img" aria-label="Influence–interest map" data-testid="influence-map">
        {area(LOW, MID, MID, HIGH, 'var(--chart-quadrant-amber)')}
        {area(MID, HIGH, MID, HIGH, 'var(--chart-quadrant-indigo)')}
        {area(LOW, MID, LOW, MID, 'var(--chart-quadrant-slate)')}
        {area(MID, HIGH, LOW, MID, 'var(--chart-quadrant-green)')}
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v} stroke="var(--chart-grid)" strokeDasharray="3 3">
            <line x1={sx(v)} x2={sx(v)} y1={plot.y} y2={plot.y + plot.height} />
            <line x1={plot.x} x2={plot.x + plot.width} y1={sy(v)} y2={sy(v)} />
          </g>
        ))}
        <line x1={sx(MID)} x2={sx(MID)} y1={plot.y} y2={plot.y + plot.height} stroke="var(--chart-axis-strong)" />
        <line x1={plot.x} x2={plot.x + plot.width} y1={sy(MID)} y2={sy(MID)} stroke="var(--chart-axis-strong)" />
        <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="none" stroke="var(--color-slate-300)" />
        <g fontSize={12} fill="var(--color-slate-600)">
          {[1, 2, 3, 4, 5].map((v) => (
            <text key={`x${v}`} x={sx(v)} y={plot.y + plot.height + 14} textAnchor="middle">
              {v}
            </text>
          ))}
          {[1, 2, 3, 4, 5].map((v) => (
            <text key={`y${v}`} x={plot.x - 6} y={sy(v) + 4} textAnchor="end">
              {v}
            </text>
          ))}
          <text x={plot.x + plot.width / 2} y={height - 4} textAnchor="middle" fill="var(--chart-label)">
            Interest →
          </text>
          <text transform={`translate(12 ${plot.y + plot.height / 2}) rotate(-90)`} textAnchor="middle" fill="var(--chart-label)">
            Influence →
          </text>
        </g>
        <g fontSize={TITLE_FONT} fontWeight={600} fill="var(--color-slate-600)">
          {quadrantTitles.map((q) => (
            <text key={q.text} x={q.box.x} y={q.box.y + 12}>
              {q.text}
            </text>
          ))}
        </g>
        <g stroke="var(--chart-muted)" strokeWidth={1}>
          {layout.items.map(({ p }) => {
            const leader = layout.byId.get(p.id)?.leader;
            return leader ? <line key={p.id} x1={leader.x1} y1={leader.y1} x2={leader.x2} y2={leader.y2} /> : null;
          })}
        </g>
        {layout.items.map(({ p, cx, cy }) => {
          const v = STAGE_VISUAL[p.stage];
          const moved = movements?.get(p.id);
          return (
            <g
              key={p.id}
              transform={`translate(${cx.toFixed(1)} ${cy.toFixed(1)})`}
              onClick={onOpen ? () => onOpen(p.id) : undefined}
              className={onOpen ? 'cursor-pointer' : undefined}
            >
              <title>{`${p.name} — ${labelOf('kind', p.kind)}, ${labelOf('stage', p.stage)}; influence ${p.influence}, interest ${p.interest}${moved ? `; ${moved.sentence}` : ''}`}</title>
              <path d={markerPath(v.shape, r)} fill={v.color} stroke="var(--chart-surface)" strokeWidth={1} />
              {moved && (
                <g transform={`translate(${-arrowX} 0)`} data-movement={moved.up ? 'up' : 'down'} data-movement-of={p.id}>
                  <title>{`${p.name} ${moved.sentence}`}</title>
                  <path d={arrowPath(moved.up)} fill="none" stroke="var(--chart-surface)" strokeWidth={4} strokeLinecap="round" strokeLinejoin="round" />
                  <path d={arrowPath(moved.up)} fill="none" stroke={moved.up ? 'var(--color-emerald-600)' : 'var(--color-red-600)'} strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
                </g>
              )}
            </g>
          );
        })}
        <g fontSize={LABEL_FONT} fontWeight={500} fill="var(--color-slate-800)" stroke="var(--chart-surface)" strokeWidth={3} strokeLinejoin="round" paintOrder="stroke">
          {layout.items.map(({ p, text }) => {
            const l = layout.byId.get(p.id);
            if (!l) return null;
            return (
              <text key={p.id} x={l.box.x + 1} y={l.box.y + LABEL_HEIGHT / 2} dominantBaseline="central" data-map-label={p.id} onClick={onOpen ? () => onOpen(p.id) : undefined} className={onOpen ? 'cursor-pointer' : undefined}>
                <title>{p.name}</title>
                {text}
              </text>
            );
          })}
        </g>
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Engagement stages">
        {counts.map(({ s, n }) => (
          <li key={s} className="flex items-center gap-1.5">
            <svg aria-hidden viewBox="-7 -7 14 14" className="size-3">
              <path d={markerPath(STAGE_VISUAL[s].shape, 6)} fill={STAGE_VISUAL[s].color} />
            </svg>
            {STAGE[s].label} ({n})
          </li>
        ))}
        {movements && movements.size > 0 && (
          <li className="flex items-center gap-1.5">
            <svg aria-hidden viewBox="-6 -7 12 14" className="size-3">
              <path d={arrowPath(true)} fill="none" stroke="var(--color-emerald-600)" strokeWidth={1.8} strokeLinecap="round" />
            </svg>
            <svg aria-hidden viewBox="-6 -7 12 14" className="-ml-1 size-3">
              <path d={arrowPath(false)} fill="none" stroke="var(--color-red-600)" strokeWidth={1.8} strokeLinecap="round" />
            </svg>
            Position moved up or down in the last 90 days ({movements.size})
          </li>
        )}
      </ul>
      {layout.unplaced.length > 0 && (
        <p className="mt-2 text-xs text-slate-600" data-testid="map-unlabelled">
          Not named on the map for lack of room: {layout.unplaced.map((it) => it.p.name).join('; ')}. Every partner is in the lists by quadrant.
        </p>
      )}
    </div>
  );
}
