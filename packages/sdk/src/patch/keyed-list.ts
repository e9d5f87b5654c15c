import type { OwnerReference } from '../client/object.js';
import { deepEqual } from './json.js';

/**
 * Three-way merge of a list whose items have an identity (finalizers, owner references): the changes between
 * `before` and `after` (items added, changed or removed by us) are replayed on `latest`, so items that someone
 * else added or removed in the meantime are left as they are. New items go to the end.
 */
export function mergeKeyedList<T>(
  before: readonly T[],
  after: readonly T[],
  latest: readonly T[],
  keyOf: (item: T) => string,
): T[] {
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item]));
  const afterKeys = new Set(after.map(keyOf));
  const result = latest.filter((item) => {
    const key = keyOf(item);
    return !(beforeByKey.has(key) && !afterKeys.has(key));
  });
  for (const item of after) {
    const key = keyOf(item);
    const previous = beforeByKey.get(key);
    if (previous !== undefined && deepEqual(previous, item)) continue;
    const index = result.findIndex((existing) => keyOf(existing) === key);
    if (index >= 0) result[index] = item;
    else result.push(item);
  }
  return result;
}

/** Identity of a finalizer: its name. */
export const finalizerKey = (finalizer: string): string => finalizer;

/**
 * Identity of an owner reference: API group, kind and name, ignoring the version (and the UID), as CAPI's
 * `util.EnsureOwnerRef` does, so a reference survives an API version bump of its owner.
 */
export const ownerReferenceKey = (ref: OwnerReference): string => {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return `${group}/${ref.kind}/${ref.name}`;
};
