import type { CacheEvent } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';

/**
 * Decides whether an informer event may enqueue requests (controller-runtime's `predicate.Predicate`, as one
 * function over the event type). Ready-made predicates and combinators are in `predicates`.
 */
export type Predicate<T extends KubeObject = KubeObject> = (event: CacheEvent<T>) => boolean;
