import { describe, expect, it } from 'vitest';
import { cycleIdsShown, cycleIfAdded, cycleIfReplaced, describeCycle, findAnyCycle, findPath, adjacency } from '../index.ts';

const e = (milestoneId: string, dependsOnId: string) => ({ milestoneId, dependsOnId });

describe('dependency graph', () => {
  const edges = [e('A', 'B'), e('B', 'C'), e('C', 'D'), e('A', 'D')];

  it('finds the shortest path along "waits for" edges', () => {
    const g = adjacency(edges);
    expect(findPath(g, 'A', 'D')).toEqual(['A', 'D']);
    expect(findPath(g, 'B', 'D')).toEqual(['B', 'C', 'D']);
    expect(findPath(g, 'D', 'A')).toBeNull();
  });

  it('returns the cycle an edge would close, starting and ending at the waiting milestone', () => {
    expect(cycleIfAdded(edges, 'D', 'A')).toEqual(['D', 'A', 'D']);
    expect(cycleIfAdded(edges, 'C', 'A')).toEqual(['C', 'A', 'B', 'C']);
    expect(cycleIfAdded(edges, 'X', 'X')).toEqual(['X', 'X']);
    expect(cycleIfAdded(edges, 'A', 'C')).toBeNull();
    expect(cycleIfAdded(edges, 'E', 'A')).toBeNull();
  });

  it('checks a replaced dependency set without the edges it replaces', () => {
    expect(cycleIfReplaced(edges, 'C', ['A'])).toEqual(['C', 'A', 'B', 'C']);
    // B no longer waits for C, so C may now wait for B.
    expect(cycleIfReplaced(edges, 'B', [])).toBeNull();
    expect(cycleIfReplaced([e('A', 'B'), e('B', 'C')], 'B', ['D'])).toBeNull();
  });

  it('detects any cycle in a graph, and none in a DAG', () => {
    expect(findAnyCycle(edges)).toBeNull();
    const cycle = findAnyCycle([...edges, e('D', 'B')]);
    expect(cycle).not.toBeNull();
    expect(cycle![0]).toBe(cycle![cycle!.length - 1]);
    expect(new Set(cycle)).toEqual(new Set(['B', 'C', 'D']));
  });

  it('handles a 5,000-long chain without recursion', () => {
    const chain = Array.from({ length: 4999 }, (_, i) => e(`m${i}`, `m${i + 1}`));
    expect(cycleIfAdded(chain, 'm4999', 'm0')).toHaveLength(5001);
    expect(findAnyCycle(chain)).toBeNull();
  });

  it('names a cycle by titles', () => {
    const titles: Record<string, string> = { a: 'Draft treaty', b: 'Ministerial', c: 'Signing' };
    expect(describeCycle(['a', 'b', 'c', 'a'], (id) => titles[id]!)).toBe(
      'This dependency would create a cycle: "Draft treaty" → "Ministerial" → "Signing" → "Draft treaty"',
    );
  });

  it('names a long cycle by its first and last few milestones and counts the rest (a short, readable error)', () => {
    const chain = Array.from({ length: 4999 }, (_, i) => e(`m${i}`, `m${i + 1}`));
    const cycle = cycleIfAdded(chain, 'm4999', 'm0')!;
    const message = describeCycle(cycle, (id) => `Milestone number ${id.slice(1)} with a long descriptive title that goes on and on and on and on and on`);
    expect(message.length).toBeLessThan(800);
    expect(message).toMatch(/^This dependency would create a cycle of 5,000 milestones: "Milestone number 4999 /);
    expect(message).toContain('… 4,995 more …');
    expect(cycleIdsShown(cycle)).toHaveLength(6);
    // Titles past 80 characters are cut with an ellipsis.
    expect(message).toContain('on and on and…"');
    expect(message).not.toContain(' …"');
  });
});
