/**
 * Query results handed out unchanged to many callers — a cache's values, such as a dashboard —
 * marked so the HTTP layer may serialize each once instead of once per request. A marked
 * object must never be mutated afterwards (the dashboard cache replaces, never edits, its
 * entries).
 */
const shared = new WeakSet<object>();

export function markSharedResult<T extends object>(value: T): T {
  shared.add(value);
  return value;
}

export function isSharedResult(value: unknown): value is object {
  return typeof value === 'object' && value !== null && shared.has(value);
}
