/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same runs, so a
 * forecast is reproducible (the dashboard shows the same odds until the plan changes) and tests
 * can state exact expectations. 32 bits of state is plenty for a few thousand draws per
 * milestone; this is not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Inverse CDF of the triangular distribution on [low, high] with mode `mode`, at u ∈ [0, 1):
 * F(x) = (x − low)² / ((high − low)(mode − low)) below the mode, 1 − (high − x)² / ((high − low)(high − mode)) above.
 */
export function triangularAt(u: number, low: number, mode: number, high: number): number {
  const span = high - low;
  if (span <= 0) return low;
  const fc = (mode - low) / span;
  return u < fc ? low + Math.sqrt(u * span * (mode - low)) : high - Math.sqrt((1 - u) * span * (high - mode));
}
