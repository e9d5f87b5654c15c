import type { JsonPatchOperation } from '../client/kube-client.js';
import { isJsonObject, jsonEqual, presentKeys } from './json-value.js';

/**
 * Escapes one reference token of a JSON Pointer (RFC 6901): `~` becomes `~0` and `/` becomes `~1`, in that order,
 * so that a key such as `cluster.x-k8s.io/provider` addresses one property.
 */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Computes an RFC 6902 JSON Patch that turns `from` into `to`: applying the returned operations to `from`, in
 * order, yields a value equal to `to`. Objects are compared key by key; arrays element by element by index (the
 * surplus tail is added in ascending order or removed from the end backwards). Values of different shapes are
 * replaced whole, and a change of the root itself is a `replace` at the empty path.
 *
 * Properties holding `undefined` count as absent, as in `JSON.stringify`.
 */
export function createJsonPatch(from: unknown, to: unknown): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  diffValue(from, to, '', operations);
  return operations;
}

function diffValue(from: unknown, to: unknown, path: string, out: JsonPatchOperation[]): void {
  if (jsonEqual(from, to)) return;
  if (isJsonObject(from) && isJsonObject(to)) {
    diffObject(from, to, path, out);
  } else if (Array.isArray(from) && Array.isArray(to)) {
    diffArray(from, to, path, out);
  } else {
    out.push({ op: 'replace', path, value: to });
  }
}

function diffObject(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  path: string,
  out: JsonPatchOperation[],
): void {
  const sourceKeys = new Set(presentKeys(from));
  const targetKeys = new Set(presentKeys(to));
  for (const key of sourceKeys) {
    const child = `${path}/${escapePointerToken(key)}`;
    if (targetKeys.has(key)) diffValue(from[key], to[key], child, out);
    else out.push({ op: 'remove', path: child });
  }
  for (const key of targetKeys) {
    if (!sourceKeys.has(key)) out.push({ op: 'add', path: `${path}/${escapePointerToken(key)}`, value: to[key] });
  }
}

function diffArray(from: unknown[], to: unknown[], path: string, out: JsonPatchOperation[]): void {
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < common; i++) diffValue(from[i], to[i], `${path}/${i}`, out);
  for (let i = common; i < to.length; i++) out.push({ op: 'add', path: `${path}/${i}`, value: to[i] });
  for (let i = from.length - 1; i >= common; i--) out.push({ op: 'remove', path: `${path}/${i}` });
}
