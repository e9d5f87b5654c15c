import type { Predicate } from '../controller/predicate.js';
import { isClusterPaused } from './pause.js';
import type { Cluster } from './types.js';

function clusterTransition(
  changed: (before: Readonly<Cluster>, after: Readonly<Cluster>) => boolean,
): Predicate<Cluster> {
  return (event) => event.type === 'updated' && event.oldObject !== undefined && changed(event.oldObject, event.object);
}

/**
 * Cluster updates that pause or unpause it (`spec.paused` flips either way); creates and deletes do not pass
 * (Cluster API's `predicates.ClusterPausedTransitions`). Watching Clusters through it lets a controller write the
 * `Paused` condition of its objects when their Cluster is paused, and resume them when it is unpaused.
 */
export const clusterPausedTransitions: Predicate<Cluster> = clusterTransition(
  (before, after) => isClusterPaused(before) !== isClusterPaused(after),
);

/** Cluster updates that set `status.initialization.infrastructureProvisioned` to true. */
export const clusterInfrastructureProvisioned: Predicate<Cluster> = clusterTransition(
  (before, after) =>
    before.status?.initialization?.infrastructureProvisioned !== true &&
    after.status?.initialization?.infrastructureProvisioned === true,
);

/**
 * {@link clusterPausedTransitions} or {@link clusterInfrastructureProvisioned} (Cluster API's
 * `predicates.ClusterPausedTransitionsOrInfrastructureProvisioned`, on the Cluster watch of machine controllers,
 * which wait for the Cluster's infrastructure before creating instances).
 */
export const clusterPausedTransitionsOrInfrastructureProvisioned: Predicate<Cluster> = (event) =>
  clusterPausedTransitions(event) || clusterInfrastructureProvisioned(event);
