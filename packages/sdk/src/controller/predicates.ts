import { matchesLabelSelector, parseLabelSelector } from '../cache/label-selector.js';
import type { CacheEvent } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import type { Predicate } from './predicate.js';

const PAUSED_ANNOTATION = 'cluster.x-k8s.io/paused';
/** The label `--watch-filter` selects on (Cluster API's `clusterv1.WatchLabel`). */
export const WATCH_FILTER_LABEL = 'cluster.x-k8s.io/watch-filter';

/** Lets creates and deletes through; lets an update through when `differs(old, new)` (or the old state is unknown). */
function onUpdate(differs: (before: Readonly<KubeObject>, after: Readonly<KubeObject>) => boolean): Predicate {
  return (event: CacheEvent) => event.type !== 'updated' || !event.oldObject || differs(event.oldObject, event.object);
}

function sameRecord(a: Readonly<Record<string, string>> = {}, b: Readonly<Record<string, string>> = {}): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * Updates pass only when `metadata.generation` changed, i.e. the spec changed (controller-runtime's
 * `GenerationChangedPredicate`). Caveat from upstream: status-only updates are then never seen, so the
 * controller does not self-correct status edits; and kinds without a status subresource bump generation on
 * every change.
 */
export const generationChanged: Predicate = onUpdate(
  (before, after) => before.metadata.generation !== after.metadata.generation,
);

/** Updates pass only when `metadata.resourceVersion` changed, which filters out resyncs. */
export const resourceVersionChanged: Predicate = onUpdate(
  (before, after) => before.metadata.resourceVersion !== after.metadata.resourceVersion,
);

/** Updates pass only when `metadata.labels` changed (controller-runtime's `LabelChangedPredicate`). */
export const labelsChanged: Predicate = onUpdate(
  (before, after) => !sameRecord(before.metadata.labels, after.metadata.labels),
);

/** Updates pass only when `metadata.annotations` changed (controller-runtime's `AnnotationChangedPredicate`). */
export const annotationsChanged: Predicate = onUpdate(
  (before, after) => !sameRecord(before.metadata.annotations, after.metadata.annotations),
);

/**
 * Events pass when the (new) object's labels match `selector`, in the API server's syntax
 * (`app=web,tier!=db,env in (a,b)`) or as a record of equalities (controller-runtime's `LabelSelectorPredicate`).
 * Throws at once on an invalid selector.
 */
export function labelSelector(selector: string | Readonly<Record<string, string>>): Predicate {
  const parsed = parseLabelSelector(selector);
  return (event) => matchesLabelSelector(parsed, event.object.metadata.labels);
}

/**
 * Events pass unless the (new) object carries the `cluster.x-k8s.io/paused` annotation, whatever its value
 * (Cluster API's `predicates.ResourceNotPaused`). `Cluster.spec.paused` is checked by the reconcile itself.
 */
export const resourceNotPaused: Predicate = (event) =>
  !Object.hasOwn(event.object.metadata.annotations ?? {}, PAUSED_ANNOTATION);

/**
 * With a non-empty `watchFilterValue` (the `--watch-filter` flag), events pass only for objects labelled
 * `cluster.x-k8s.io/watch-filter=<value>`; with an empty one, everything passes (Cluster API's
 * `predicates.ResourceHasFilterLabel`).
 */
export function resourceHasFilterLabel(watchFilterValue: string | undefined): Predicate {
  if (!watchFilterValue) return () => true;
  return (event) => event.object.metadata.labels?.[WATCH_FILTER_LABEL] === watchFilterValue;
}

/** Creates only: an object that enters the cache (from the initial list or a live watch). */
export const created: Predicate = (event) => event.type === 'added';

/** Passes when every predicate passes (evaluated in order, stopping at the first that fails). */
export function and<T extends KubeObject>(...predicates: Predicate<T>[]): Predicate<T> {
  return (event) => predicates.every((predicate) => predicate(event));
}

/** Passes when any predicate passes (evaluated in order, stopping at the first that passes). */
export function or<T extends KubeObject>(...predicates: Predicate<T>[]): Predicate<T> {
  return (event) => predicates.some((predicate) => predicate(event));
}

/** Passes when `predicate` does not. */
export function not<T extends KubeObject>(predicate: Predicate<T>): Predicate<T> {
  return (event) => !predicate(event);
}
