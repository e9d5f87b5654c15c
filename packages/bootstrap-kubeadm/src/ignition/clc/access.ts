import type { ClcObject } from './parse.js';

// Typed reads of a validated Container Linux Config (the parser already checked every value's type), with Go's
// zero values for absent fields.

/** The mapping at `key`, or an empty one. */
export const section = (value: ClcObject | undefined, key: string): ClcObject =>
  (value?.[key] as ClcObject | undefined) ?? {};
/** The mapping at `key`, or undefined when absent (a Go pointer to a struct). */
export const optionalSection = (value: ClcObject, key: string): ClcObject | undefined =>
  value[key] as ClcObject | undefined;
/** The list of mappings at `key`, or an empty list. */
export const entries = (value: ClcObject | undefined, key: string): ClcObject[] =>
  (value?.[key] as ClcObject[] | undefined) ?? [];
/** The list of strings at `key`, or undefined. */
export const strings = (value: ClcObject, key: string): string[] | undefined =>
  (value[key] as (string | Uint8Array)[] | undefined)?.map(asText);
/** The bytes of the text at `key` (a `!!binary` value as decoded), empty when absent. */
export const bytes = (value: ClcObject, key: string): Uint8Array => {
  const raw = value[key] as string | Uint8Array | undefined;
  return raw instanceof Uint8Array ? raw : new TextEncoder().encode(raw ?? '');
};
/** The text at `key` ('' when absent, as Go's zero value). */
export const str = (value: ClcObject, key: string): string => optionalStr(value, key) ?? '';
/** The text at `key`, or undefined (a Go `*string`). */
export const optionalStr = (value: ClcObject, key: string): string | undefined => {
  const raw = value[key] as string | Uint8Array | undefined;
  return raw === undefined ? undefined : asText(raw);
};
/** The integer at `key`, or undefined. */
export const int = (value: ClcObject, key: string): number | undefined => value[key] as number | undefined;
/** The boolean at `key` (false when absent). */
export const flag = (value: ClcObject, key: string): boolean => value[key] === true;
/** The boolean at `key`, or undefined (a Go `*bool`). */
export const optionalFlag = (value: ClcObject, key: string): boolean | undefined => value[key] as boolean | undefined;

/** `{[key]: value}` unless `value` is undefined, '', false, 0 or an empty list: Go's `omitempty`. */
export function omitEmpty(key: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === '' || value === false || value === 0) return {};
  if (Array.isArray(value) && value.length === 0) return {};
  return { [key]: value };
}

/** `{[key]: value}` unless `value` is undefined: a Go pointer field, kept even when it points to a zero value. */
export function present(key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { [key]: value };
}

function asText(raw: string | Uint8Array): string {
  return typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
}
