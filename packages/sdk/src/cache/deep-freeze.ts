/**
 * Freezes `value` and everything reachable from it, in place, and returns the same reference (no copy). Cached
 * objects are shared by every reader, so a reader that tries to change one gets a `TypeError` (in strict mode,
 * which ES modules always are) instead of silently corrupting what every other controller sees. `value` must be
 * acyclic, as everything decoded from JSON is.
 */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (value === null || typeof value !== 'object') return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
