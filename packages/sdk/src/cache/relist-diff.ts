import type { KubeObject } from '../client/object.js';
import type { CacheEvent } from './types.js';

/**
 * The events that turn `current` into `next` after a (re)list, all marked `initial`: `deleted` for keys that
 * vanished, `updated` for objects whose resourceVersion changed, `added` for new keys. An object that was
 * deleted and recreated under the same name while nobody watched (a new UID) yields `deleted` then `added`, as
 * the watch would have. Unchanged objects produce nothing, so a relist after a harmless reconnect does not wake
 * every controller.
 */
export function relistDiff<T extends KubeObject>(
  current: ReadonlyMap<string, Readonly<T>>,
  next: ReadonlyMap<string, Readonly<T>>,
): CacheEvent<T>[] {
  const events: CacheEvent<T>[] = [];
  for (const [key, old] of current) {
    if (!next.has(key)) events.push({ type: 'deleted', object: old, oldObject: old, initial: true });
  }
  for (const [key, object] of next) {
    const old = current.get(key);
    if (old === undefined) events.push({ type: 'added', object, initial: true });
    else if (old.metadata.uid !== object.metadata.uid) {
      events.push({ type: 'deleted', object: old, oldObject: old, initial: true });
      events.push({ type: 'added', object, initial: true });
    } else if (old.metadata.resourceVersion !== object.metadata.resourceVersion) {
      events.push({ type: 'updated', object, oldObject: old, initial: true });
    }
  }
  return events;
}
