/**
 * Milestone dependencies form a directed acyclic graph: an edge `milestoneId → dependsOnId`
 * reads "milestoneId waits for dependsOnId". These functions search the graph in memory;
 * they are iterative, so thousands of milestones in a long chain cannot overflow the stack.
 */

export interface DependencyEdge {
  milestoneId: string;
  dependsOnId: string;
}

/** For each milestone, the milestones it waits for. */
export function adjacency(edges: Iterable<DependencyEdge>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.milestoneId);
    if (list) list.push(e.dependsOnId);
    else out.set(e.milestoneId, [e.dependsOnId]);
  }
  return out;
}

/** The shortest path `from → … → to` following "waits for" edges, or null when `to` cannot be reached. */
export function findPath(graph: Map<string, string[]>, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const parent = new Map<string, string>([[from, from]]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const dep of graph.get(node) ?? []) {
        if (parent.has(dep)) continue;
        parent.set(dep, node);
        if (dep === to) {
          const path = [to];
          let at = to;
          while (at !== from) {
            at = parent.get(at)!;
            path.push(at);
          }
          return path.reverse();
        }
        next.push(dep);
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * The cycle that making `milestoneId` wait for `dependsOnId` would close, as the path
 * `[milestoneId, dependsOnId, …, milestoneId]`, or null when the edge is safe.
 * A self-dependency is the cycle `[id, id]`.
 */
export function cycleIfAdded(edges: Iterable<DependencyEdge>, milestoneId: string, dependsOnId: string): string[] | null {
  if (milestoneId === dependsOnId) return [milestoneId, milestoneId];
  const back = findPath(adjacency(edges), dependsOnId, milestoneId);
  return back ? [milestoneId, ...back] : null;
}

/** The first cycle that replacing `milestoneId`'s dependencies with `dependsOnIds` would create, or null. */
export function cycleIfReplaced(edges: Iterable<DependencyEdge>, milestoneId: string, dependsOnIds: readonly string[]): string[] | null {
  const others = [...edges].filter((e) => e.milestoneId !== milestoneId);
  const graph = adjacency(others);
  for (const dep of dependsOnIds) {
    if (dep === milestoneId) return [milestoneId, milestoneId];
    const back = findPath(graph, dep, milestoneId);
    if (back) return [milestoneId, ...back];
  }
  return null;
}

/** Any cycle in the graph as `[a, b, …, a]`, or null for a DAG (e.g. to check an import). */
export function findAnyCycle(edges: Iterable<DependencyEdge>): string[] | null {
  const graph = adjacency(edges);
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: finished
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const iters: Iterator<string>[] = [(graph.get(start) ?? [])[Symbol.iterator]()];
    state.set(start, 1);
    while (iters.length) {
      const step = iters[iters.length - 1]!.next();
      if (step.done) {
        state.set(path.pop()!, 2);
        iters.pop();
        continue;
      }
      const dep = step.value;
      const s = state.get(dep);
      if (s === 1) return [...path.slice(path.indexOf(dep)), dep];
      if (s === 2) continue;
      state.set(dep, 1);
      path.push(dep);
      iters.push((graph.get(dep) ?? [])[Symbol.iterator]());
    }
  }
  return null;
}

/** `This dependency would create a cycle: "A" → "B" → "A"`, naming each milestone by its title. */
export function describeCycle(path: readonly string[], titleOf: (id: string) => string, lead = 'This dependency would create a cycle'): string {
  const name = (id: string) => {
    const title = titleOf(id);
    return `"${title.length > CYCLE_TITLE_MAX ? `${title.slice(0, CYCLE_TITLE_MAX - 1).trimEnd()}…` : title}"`;
  };
  const shown = cycleIdsShown(path);
  if (shown.length === path.length) return `${lead}: ${path.map(name).join(' → ')}`;
  const hidden = path.length - shown.length;
  const head = shown.slice(0, CYCLE_HEAD).map(name);
  const tail = shown.slice(CYCLE_HEAD).map(name);
  return `${lead} of ${(path.length - 1).toLocaleString('en-US')} milestones: ${[...head, `… ${hidden.toLocaleString('en-US')} more …`, ...tail].join(' → ')}`;
}

/** A long cycle is named by its first few and last few milestones and a count of the rest. */
const CYCLE_HEAD = 4;
const CYCLE_TAIL = 2;
const CYCLE_TITLE_MAX = 80;

/** The ids `describeCycle` names (all of a short cycle): only their titles need loading. */
export function cycleIdsShown(path: readonly string[]): string[] {
  if (path.length <= CYCLE_HEAD + CYCLE_TAIL + 1) return [...path];
  return [...path.slice(0, CYCLE_HEAD), ...path.slice(path.length - CYCLE_TAIL)];
}
