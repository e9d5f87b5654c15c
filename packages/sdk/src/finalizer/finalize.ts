import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { ensureFinalizer, hasFinalizer, removeFinalizer } from './finalizers.js';

/** What a cleanup reports to {@link finalize}. */
export interface CleanupResult<R> {
  /** Everything the finalizer guards is gone: the finalizer may be removed. */
  done: boolean;
  /** Returned by {@link finalize}, e.g. a requeue while the cleanup is still in progress. */
  result?: R;
}

/** The two halves of a reconcile guarded by a finalizer. Both must be idempotent. */
export interface FinalizerHandlers<T extends KubeObject, R> {
  /** Reconciles a live object; only called once the finalizer is stored on the object. */
  apply(object: T | Readonly<T>): Promise<R>;
  /**
   * Releases what `apply` created, for an object being deleted. Must tolerate `apply` never having run, or
   * having run only partly. Resolve with `done: false` (or throw) to keep the finalizer and come back later.
   */
  cleanup(object: T | Readonly<T>): Promise<CleanupResult<R>>;
}

/**
 * Runs a reconcile under a finalizer, in the manner of kube-rs `kube_runtime::finalizer`:
 * - being deleted and the finalizer present → `cleanup`; once it reports `done`, the finalizer is removed and
 *   the API server can finish the deletion;
 * - being deleted without the finalizer → nothing to do (`undefined`);
 * - not being deleted → the finalizer is added if missing (before anything is created), then `apply`.
 *
 * This gives the kube-rs guarantee: if `apply` ever started, `cleanup` must succeed before the object goes.
 * Returns the result of `apply` or `cleanup`. `object` is handed to the handlers as is (it may be frozen), so
 * right after the finalizer was added it does not list it yet; a patch helper created from it still leaves the
 * stored finalizer alone, since it only sends what the handler changed.
 */
export async function finalize<T extends KubeObject, R>(
  client: KubeClient,
  type: ResourceType<T>,
  object: T | Readonly<T>,
  name: string,
  handlers: FinalizerHandlers<T, R>,
): Promise<R | undefined> {
  if (object.metadata.deletionTimestamp !== undefined) {
    if (!hasFinalizer(object, name)) return undefined;
    const { done, result } = await handlers.cleanup(object);
    if (done) await removeFinalizer(client, type, object, name);
    return result;
  }
  await ensureFinalizer(client, type, object, name);
  return await handlers.apply(object);
}
