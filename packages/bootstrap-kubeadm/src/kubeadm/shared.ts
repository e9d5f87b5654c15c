import type { YamlValue } from './go-yaml.js';

/** An object with its `undefined` fields left out, as Go's `omitempty` leaves out unset pointers and slices. */
export function compact(fields: Record<string, YamlValue | undefined>): { [key: string]: YamlValue } {
  const out: { [key: string]: YamlValue } = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** A list, or `undefined` when empty (Go's `omitempty` on slices). */
export function nonEmptyList<T extends YamlValue>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** A string, or `undefined` when empty (Go's `omitempty` on strings). */
export function nonEmptyString(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Arguments as v1beta3 writes them (a map) or v1beta4 (an ordered list of name/value). */
export function args(
  list: readonly { name: string; value: string }[] | undefined,
  asList: boolean,
): YamlValue | undefined {
  if (!list || list.length === 0) return undefined;
  if (asList) return list.map((a) => ({ name: a.name, value: a.value }));
  return Object.fromEntries(list.map((a) => [a.name, a.value]));
}
