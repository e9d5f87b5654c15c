/** A JSON object, as decoded from the API server. */
export type JsonRecord = Record<string, unknown>;

/** Whether `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Structural equality of JSON values. Object keys whose value is `undefined` count as absent, as they do once
 * serialised.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!deepEqual(a[key], b[key])) return false;
  }
  return true;
}

/**
 * The JSON merge patch (RFC 7386) that turns `before` into `after`, or `undefined` when they are equal.
 * Only changed keys are sent; removed keys become `null`; arrays and scalars are sent whole.
 */
export function createMergePatch(before: unknown, after: unknown): unknown {
  if (deepEqual(before, after)) return undefined;
  if (!isRecord(before) || !isRecord(after)) return after === undefined ? null : after;
  const patch: JsonRecord = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (after[key] === undefined) {
      if (before[key] !== undefined) patch[key] = null;
      continue;
    }
    const change = createMergePatch(before[key], after[key]);
    if (change !== undefined) patch[key] = change;
  }
  return patch;
}

/** Sets `value` at `path` inside `target`, replacing anything that is not an object on the way. Mutates `target`. */
export function setAtPath(target: JsonRecord, path: readonly string[], value: unknown): void {
  let current = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      current[key] = value;
      return;
    }
    if (!isRecord(current[key])) current[key] = {};
    current = current[key] as JsonRecord;
  }
}

/**
 * Removes the field at `path` inside `target`, if present, then the objects on the way that this left empty
 * (so that removing a list from `status.deprecated.v1beta1` does not leave `deprecated: { v1beta1: {} }`).
 * Mutates `target`.
 */
export function deleteAtPath(target: JsonRecord, path: readonly string[]): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    delete target[key];
    return;
  }
  const child = target[key];
  if (!isRecord(child)) return;
  deleteAtPath(child, rest);
  if (Object.keys(child).length === 0) delete target[key];
}
