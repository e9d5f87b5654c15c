/** A JSON object: string keys, JSON values. */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys of a JSON object that JSON serialisation keeps: own enumerable keys whose value is not `undefined`
 * (`JSON.stringify` drops those).
 */
export function presentKeys(object: JsonObject): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined);
}

/**
 * Deep equality of two JSON values, as they would compare after serialisation: key order does not matter and a
 * property holding `undefined` counts as absent.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = presentKeys(a);
    const otherKeys = presentKeys(b);
    return keys.length === otherKeys.length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** A deep copy of a JSON value through serialisation (drops `undefined` properties, turns dates into strings). */
export function jsonClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
