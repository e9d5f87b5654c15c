import type { InformerSource } from '../cache/types.js';
import type { KubeClient, ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';

/**
 * Reads single objects. The helpers in this module take a reader rather than a client so that controllers read
 * from their informer cache ({@link informerReader}) and tools or tests read from the API server
 * ({@link clientReader}).
 */
export interface ObjectReader {
  /** The object, or `undefined` when it does not exist. */
  get<T extends KubeObject>(type: ResourceType<T>, key: ObjectKey): Promise<Readonly<T> | undefined>;
}

/** A reader that asks the API server on every call. */
export function clientReader(client: KubeClient): ObjectReader {
  return {
    get: (type, key) => client.getOptional(type, key),
  };
}

/**
 * A reader backed by the shared informers of `source`. Like controller-runtime's cache reader, a read waits
 * until the kind's informer has finished its initial list, so "not in the store" means "does not exist" and not
 * "not listed yet"; the source must therefore be running (a started `SharedCache`), or reads wait for ever.
 * Objects are the frozen ones of the store: copy before changing them.
 */
export function informerReader(source: InformerSource): ObjectReader {
  return {
    async get(type, key) {
      const informer = source.informerFor(type);
      if (!informer.synced) await informer.waitForSync();
      return informer.get(key);
    },
  };
}
