import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, boxInside, markerBox, placeLabels, segmentHitsBox, shortLabel, type Box, type LabelRequest } from './labelPlacement.ts';

const PLOT: Box = { x: 0, y: 0, width: 600, height: 400 };
const req = (id: string, x: number, y: number, width = 60, height = 12, r = 6): LabelRequest => ({ id, x, y, r, width, height });

describe('placeLabels', () => {
  it('puts a lone label right beside its marker', () => {
    const { placed, unplaced } = placeLabels([req('a', 100, 100)], PLOT);
    expect(unplaced).toEqual([]);
    expect(placed).toEqual([{ id: 'a', box: { x: 109, y: 94, width: 60, height: 12 }, leader: null }]);
  });

  it('goes left when the right side is outside the plot', () => {
    const { placed } = placeLabels([req('a', 590, 100)], PLOT);
    expect(placed[0]!.box.x + placed[0]!.box.width).toBeLessThanOrEqual(590 - 6);
    expect(placed[0]!.leader).toBeNull();
  });

  it('moves the second of two neighbours to another side instead of overlapping', () => {
    const { placed, unplaced } = placeLabels([req('a', 100, 100), req('b', 100, 112)], PLOT);
    expect(unplaced).toEqual([]);
    expect(boxesOverlap(placed[0]!.box, placed[1]!.box)).toBe(false);
  });

  it('never covers an obstacle (a quadrant title)', () => {
    const title: Box = { x: 105, y: 90, width: 80, height: 30 };
    const { placed } = placeLabels([req('a', 100, 100)], PLOT, { obstacles: [title] });
    expect(boxesOverlap(placed[0]!.box, title)).toBe(false);
  });

  it('falls back to a leader line when every place beside the marker is taken', () => {
    // Markers right, left, above and below (and at the corners) take every place beside it.
    const around = [
      [335, 200], [265, 200], [320, 186], [270, 186], [320, 214], [270, 214],
    ].map(([x, y], i) => req(`n${i}`, x!, y!, 10, 10));
    const { placed } = placeLabels([req('centre', 300, 200, 70, 12), ...around], PLOT);
    const centre = placed.find((p) => p.id === 'centre');
    expect(centre?.leader).not.toBeNull();
    const l = centre!.leader!;
    expect(Math.hypot(l.x2 - l.x1, l.y2 - l.y1)).toBeGreaterThan(5);
  });

  it('gives up (unplaced) rather than overlap when there is no room at all', () => {
    const tiny: Box = { x: 0, y: 0, width: 40, height: 40 };
    const { placed, unplaced } = placeLabels([req('a', 20, 20, 100, 12)], tiny);
    expect(placed).toEqual([]);
    expect(unplaced).toEqual(['a']);
  });

  it('is deterministic', () => {
    const input = Array.from({ length: 20 }, (_, i) => req(`p${i}`, 50 + ((i * 37) % 500), 40 + ((i * 53) % 320)));
    expect(placeLabels(input, PLOT)).toEqual(placeLabels(input, PLOT));
  });

  const marker = fc.record({
    x: fc.integer({ min: 10, max: 590 }),
    y: fc.integer({ min: 10, max: 390 }),
    width: fc.integer({ min: 8, max: 160 }),
    height: fc.integer({ min: 8, max: 16 }),
  });

  it('property: placed labels never overlap one another, any marker or an obstacle, and stay within the plot; every id is placed or reported', () => {
    fc.assert(
      fc.property(fc.array(marker, { maxLength: 45 }), fc.array(fc.record({ x: fc.integer({ min: 0, max: 560 }), y: fc.integer({ min: 0, max: 380 }) }), { maxLength: 3 }), (ms, obs) => {
        const requests = ms.map((m, i) => req(`m${i}`, m.x, m.y, m.width, m.height));
        const obstacles = obs.map((o) => ({ x: o.x, y: o.y, width: 40, height: 14 }));
        const { placed, unplaced } = placeLabels(requests, PLOT, { obstacles });
        expect([...placed.map((p) => p.id), ...unplaced].sort()).toEqual(requests.map((r) => r.id).sort());
        const markers = requests.map(markerBox);
        placed.forEach((p, i) => {
          expect(boxInside(p.box, PLOT)).toBe(true);
          for (const m of markers) expect(boxesOverlap(p.box, m)).toBe(false);
          for (const o of obstacles) expect(boxesOverlap(p.box, o)).toBe(false);
          for (const q of placed.slice(i + 1)) expect(boxesOverlap(p.box, q.box)).toBe(false);
          if (p.leader) {
            for (const q of placed) if (q !== p) expect(segmentHitsBox(p.leader, q.box)).toBe(false);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('shortLabel', () => {
  it('uses a bracketed acronym', () => {
    expect(shortLabel('Centre for International Governance Innovation (CIGI)')).toBe('CIGI');
    expect(shortLabel('Inter Press Service (IPS)')).toBe('IPS');
  });
  it('drops a bracketed explanation and keeps short names whole', () => {
    expect(shortLabel('Netherlands (Ministry of Foreign Affairs)')).toBe('Netherlands');
    expect(shortLabel('Sweden')).toBe('Sweden');
  });
  it('cuts long names at a word with an ellipsis', () => {
    const s = shortLabel('Cybersecurity Tech Accord signatories');
    expect(s).toBe('Cybersecurity Tech…');
    expect(s.length).toBeLessThanOrEqual(24);
  });
});
