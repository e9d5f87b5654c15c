type Json = unknown;

/**
 * `value` without `undefined` fields and without empty objects, except at the paths listed in `keepEmpty`
 * (dot-separated, e.g. `joinConfiguration.controlPlane`, where `{}` means something). v1beta2 requires at least one
 * property in most structs, so a converted spec must not carry empty ones.
 */
export function pruneEmpty<T>(value: T, keepEmpty: readonly string[] = [], path = ''): T {
  if (Array.isArray(value)) return value.map((item) => pruneEmpty(item, keepEmpty, `${path}[]`)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value as Record<string, Json>)) {
    if (child === undefined) continue;
    const childPath = path ? `${path}.${key}` : key;
    const pruned = pruneEmpty(child, keepEmpty, childPath);
    const isEmptyObject =
      pruned !== null && typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0;
    if (isEmptyObject && !keepEmpty.includes(childPath)) continue;
    out[key] = pruned;
  }
  return out as T;
}
