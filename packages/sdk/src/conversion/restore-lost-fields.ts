import { isJsonObject, type JsonObject, jsonEqual, presentKeys } from '../webhooks/json-value.js';

function own(source: JsonObject, key: string): unknown {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}

function setProperty(target: JsonObject, key: string, value: unknown): void {
  // defineProperty, not assignment: a `__proto__` key must stay an ordinary property.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Puts back what a down-conversion lost, as a three-way merge:
 * - `stored` is the hub object kept in the conversion-data annotation when it was down-converted;
 * - `base` is what that hub object looks like after a trip through the spoke (`toHub(fromHub(stored))`), so
 *   where `base` and `stored` differ, the spoke could not carry the value;
 * - `current` is the hub object converted from the spoke as it is now (possibly edited through the spoke).
 *
 * Where nothing was lost the `current` value is kept; where something was lost and the spoke did not change that
 * spot, the `stored` value comes back; where the spoke changed it, the spoke's edit wins. Objects are merged key
 * by key; arrays and scalars are taken whole.
 */
export function restoreLostFields(current: unknown, base: unknown, stored: unknown): unknown {
  if (jsonEqual(base, stored)) return current;
  if (jsonEqual(current, base)) return stored;
  if (!isJsonObject(current) || !isJsonObject(base) || !isJsonObject(stored)) return current;
  const result: JsonObject = {};
  const keys = new Set([...presentKeys(current), ...presentKeys(stored), ...presentKeys(base)]);
  for (const key of keys) {
    const value = restoreLostFields(own(current, key), own(base, key), own(stored, key));
    if (value !== undefined) setProperty(result, key, value);
  }
  return result;
}
