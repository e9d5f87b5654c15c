import type { Informer } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import { WATCH_FILTER_LABEL } from './predicates.js';
import type { Reconciler } from './reconciler.js';

/**
 * The reconciler, skipping requests for objects outside the watch filter: an object the cache holds without the
 * label `cluster.x-k8s.io/watch-filter=<value>` is not reconciled, whichever watch enqueued it (a Machine, Cluster
 * or Secret event mapped to it). An object the cache does not hold is left to the reconciler (it is gone).
 */
export function watchFilteredReconciler<T extends KubeObject>(
  reconciler: Reconciler,
  primary: Pick<Informer<T>, 'get'>,
  watchFilterValue: string,
): Reconciler {
  return async (request, context) => {
    const object = primary.get(request);
    if (object !== undefined && object.metadata.labels?.[WATCH_FILTER_LABEL] !== watchFilterValue) {
      context.logger.debug({ watchFilter: watchFilterValue }, 'outside the watch filter: not reconciled');
      return;
    }
    return await reconciler(request, context);
  };
}
