/**
 * Where to put each partner's name on the influence–interest map, as stakeholder-mapping tools
 * do: beside its marker, never over another name, another marker or a fixed obstacle (the
 * quadrant titles), and inside the plot. Pure geometry, in the chart's pixels.
 *
 * Greedy, most crowded marker first: try the eight places right beside the marker (right, left,
 * above, below, then the corners); if none is free, try places further out in sixteen directions,
 * joined to the marker by a leader line that crosses no marker, name or other leader line; a name
 * that still finds no room is returned in `unplaced` (the map then says so, and the quadrant lists
 * name everyone).
 */

export interface Box {
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: string;
  /** The marker's centre. */
  x: number;
  y: number;
  /** The marker's half size (its box is the square of side 2r around the centre). */
  r: number;
  /** The label's measured size. */
  width: number;
  height: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PlacedLabel {
  id: string;
  box: Box;
  /** From the marker's edge to the label's nearest point, when the label sits away from it. */
  leader: Segment | null;
}

export interface LabelPlacement {
  placed: PlacedLabel[];
  /** Ids (in input order) whose label found no free place. */
  unplaced: string[];
}

export interface PlacementOptions {
  /** Space between a marker and a label beside it. Default 3. */
  gap?: number;
  /** Space kept free around every label (labels and markers never come closer). Default 1. */
  padding?: number;
  /** Distances (from the marker's centre) tried for leader-line labels. Default [24, 36, 50, 66]. */
  leaderDistances?: number[];
  /** Other things labels must not cover (e.g. quadrant titles). */
  obstacles?: Box[];
}

const EPS = 1e-9;

/** Do two boxes overlap (touching edges do not count)? */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;
}

export function boxInside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - EPS && inner.y >= outer.y - EPS && inner.x + inner.width <= outer.x + outer.width + EPS && inner.y + inner.height <= outer.y + outer.height + EPS;
}

export const markerBox = (m: Pick<LabelRequest, 'x' | 'y' | 'r'>): Box => ({ x: m.x - m.r, y: m.y - m.r, width: 2 * m.r, height: 2 * m.r });

const grow = (b: Box, by: number): Box => ({ x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by });

/** Does the segment cross the box's inside (Liang–Barsky clipping)? */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: Array<[number, number]> = [
    [-dx, s.x1 - b.x],
    [dx, b.x + b.width - s.x1],
    [-dy, s.y1 - b.y],
    [dy, b.y + b.height - s.y1],
  ];
  for (const [p, q] of edges) {
    if (Math.abs(p) < EPS) {
      if (q <= EPS) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1 - EPS) return false;
  }
  return true;
}

function segmentsCross(a: Segment, b: Segment): boolean {
  const o = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => (qx - px) * (ry - py) - (qy - py) * (rx - px);
  const d1 = o(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d2 = o(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  const d3 = o(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d4 = o(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** The label box whose nearest point to the marker lies `d` from its centre in direction `angle`. */
function boxAt(m: LabelRequest, angle: number, d: number): { box: Box; near: { x: number; y: number } } {
  const cx = m.x + d * Math.cos(angle);
  const cy = m.y + d * Math.sin(angle);
  // Place the box so the point (cx, cy) is on its edge facing the marker.
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const left = ux > 0.35 ? cx : ux < -0.35 ? cx - m.width : cx - m.width / 2;
  const top = uy > 0.35 ? cy : uy < -0.35 ? cy - m.height : cy - m.height / 2;
  return { box: { x: left, y: top, width: m.width, height: m.height }, near: { x: cx, y: cy } };
}

/** The eight places beside a marker, in order of preference. */
function besideCandidates(m: LabelRequest, gap: number): Box[] {
  const { x, y, r, width: w, height: h } = m;
  const off = r + gap;
  return [
    { x: x + off, y: y - h / 2, width: w, height: h }, // right
    { x: x - off - w, y: y - h / 2, width: w, height: h }, // left
    { x: x - w / 2, y: y - off - h, width: w, height: h }, // above
    { x: x - w / 2, y: y + off, width: w, height: h }, // below
    { x: x + off, y: y - off - h, width: w, height: h }, // above right
    { x: x - off - w, y: y - off - h, width: w, height: h }, // above left
    { x: x + off, y: y + off, width: w, height: h }, // below right
    { x: x - off - w, y: y + off, width: w, height: h }, // below left
  ];
}

export function placeLabels(requests: readonly LabelRequest[], bounds: Box, options: PlacementOptions = {}): LabelPlacement {
  const gap = options.gap ?? 3;
  const pad = options.padding ?? 1;
  const distances = options.leaderDistances ?? [24, 36, 50, 66];
  const markers = requests.map(markerBox);
  const blocked: Box[] = [...(options.obstacles ?? []), ...markers];
  const labels: Box[] = [];
  const leaders: Segment[] = [];

  // Most crowded first (neighbours within 60 px), then top to bottom, left to right: the
  // hardest markers choose first, and the same input always gives the same picture.
  const crowd = requests.map((a) => requests.reduce((n, b) => n + (Math.hypot(a.x - b.x, a.y - b.y) < 60 ? 1 : 0), 0));
  const order = requests.map((_, i) => i).sort((i, j) => crowd[j]! - crowd[i]! || requests[i]!.y - requests[j]!.y || requests[i]!.x - requests[j]!.x || (requests[i]!.id < requests[j]!.id ? -1 : 1));

  const free = (box: Box) => {
    if (!boxInside(box, bounds)) return false;
    const padded = grow(box, pad);
    return !blocked.some((b) => boxesOverlap(padded, b)) && !labels.some((b) => boxesOverlap(padded, b)) && !leaders.some((s) => segmentHitsBox(s, padded));
  };

  const result = new Map<number, PlacedLabel>();
  for (const i of order) {
    const m = requests[i]!;
    let chosen: PlacedLabel | null = null;
    for (const box of besideCandidates(m, gap)) {
      if (free(box)) {
        chosen = { id: m.id, box, leader: null };
        break;
      }
    }
    if (!chosen) {
      search: for (const d of distances) {
        if (d <= m.r + gap) continue;
        for (let k = 0; k < 16; k++) {
          const angle = (k * Math.PI) / 8;
          const { box, near } = boxAt(m, angle, d);
          if (!free(box)) continue;
          const from = { x: m.x + Math.cos(angle) * m.r, y: m.y + Math.sin(angle) * m.r };
          const leader: Segment = { x1: from.x, y1: from.y, x2: near.x, y2: near.y };
          const crossesMarker = markers.some((b, j) => j !== i && segmentHitsBox(leader, grow(b, pad)));
          const crossesLabel = labels.some((b) => segmentHitsBox(leader, b));
          const crossesLeader = leaders.some((s) => segmentsCross(s, leader));
          const crossesObstacle = (options.obstacles ?? []).some((b) => segmentHitsBox(leader, b));
          if (crossesMarker || crossesLabel || crossesLeader || crossesObstacle) continue;
          chosen = { id: m.id, box, leader };
          break search;
        }
      }
    }
    if (chosen) {
      labels.push(chosen.box);
      if (chosen.leader) leaders.push(chosen.leader);
      result.set(i, chosen);
    }
  }

  const placed: PlacedLabel[] = [];
  const unplaced: string[] = [];
  requests.forEach((m, i) => {
    const p = result.get(i);
    if (p) placed.push(p);
    else unplaced.push(m.id);
  });
  return { placed, unplaced };
}

/**
 * The short form of a name for a map label: the acronym in brackets when the name ends with one
 * ("Centre for International Governance Innovation (CIGI)" → "CIGI"), else the name without a
 * bracketed tail, cut at a word to at most `max` characters with an ellipsis. The full name is in
 * the marker's tooltip and the quadrant lists.
 */
export function shortLabel(name: string, max = 24): string {
  const trimmed = name.trim();
  const acronym = /\(([A-Z][A-Za-z0-9&.-]{1,11})\)\s*$/.exec(trimmed);
  if (acronym && !/\s/.test(acronym[1]!)) return acronym[1]!;
  const base = trimmed.replace(/\s*\([^)]*\)\s*$/, '') || trimmed;
  if (base.length <= max) return base;
  const cut = base.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,;:—–-]+$/, '')}…`;
}
