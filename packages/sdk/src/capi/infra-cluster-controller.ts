import type { KubeObject } from '../client/object.js';
import { controllerBuilder } from '../controller/builder.js';
import type { Controller } from '../controller/controller.js';
import { created, or, resourceHasFilterLabel } from '../controller/predicates.js';
import type { RawSource } from '../controller/raw-source.js';
import type { ReconcileContext } from '../controller/reconciler.js';
import type { Request } from '../controller/request.js';
import { removeFinalizer } from '../finalizer/finalizers.js';
import type { InfraClusterBackend } from './backend.js';
import { clusterToInfrastructure } from './infra-mappers.js';
import { clusterPausedTransitions } from './infra-predicates.js';
import {
  beginReconcile,
  controllerOptionsOf,
  finishReconcile,
  type InfraControllerOptions,
  infraSettings,
  isDeleting,
  runDeletion,
} from './infra-reconcile.js';
import { isExternallyManaged } from './object-checks.js';
import { informerReader } from './object-reader.js';
import { getOwnerCluster } from './owners.js';
import { capiTypes } from './resources.js';
import { clusterScope } from './scope.js';

/** Options of {@link infraClusterController}. */
export interface InfraClusterControllerOptions<C extends KubeObject> extends InfraControllerOptions<C> {
  /** The provider's work: create and delete the cluster infrastructure. */
  backend: InfraClusterBackend<C>;
  /** Requests from elsewhere, e.g. changes of a Secret the objects reference (see `RawSource`). */
  rawSources?: readonly RawSource[];
}

/** The default `provisionedCondition` of infrastructure clusters. */
export const INFRASTRUCTURE_PROVISIONED_CONDITION = 'InfrastructureProvisioned';

/**
 * A controller for an infrastructure cluster kind that does the Cluster API contract plumbing and calls the
 * backend only for the provider's own work. Per reconcile:
 *
 * 1. read the object from the cache (gone → done); skip it when externally managed (`cluster.x-k8s.io/managed-by`);
 * 2. find the owner Cluster; none yet → wait (the Cluster controller sets the owner reference, which triggers a
 *    reconcile). An object being deleted without an owner only has its finalizer removed;
 * 3. add the finalizer (a write of its own, before anything external exists);
 * 4. keep the `Paused` condition; stop while the Cluster or the object is paused;
 * 5. deleting → `backend.reconcileDelete`, finalizer removed once it is done; otherwise `backend.reconcileNormal`;
 * 6. always end with one patch: the backend's changes (control plane endpoint, failure domains, provisioned), the
 *    `Ready` summary and `status.ready`. A reconcile that changes nothing writes nothing.
 *
 * Watches: the kind itself, and Clusters (mapped through `spec.infrastructureRef`) when they are paused or
 * unpaused. With `watchFilter`, only labelled objects are seen.
 */
export function infraClusterController<C extends KubeObject>(options: InfraClusterControllerOptions<C>): Controller {
  const settings = infraSettings(options, INFRASTRUCTURE_PROVISIONED_CONDITION);
  const { manager, type } = options;
  const reader = informerReader(manager.cache);
  const builder = controllerBuilder(manager)
    .for(type)
    .watches(capiTypes.cluster, clusterToInfrastructure(type), {
      // A Cluster that reaches the cache after the object naming it as owner wakes that object (without it, the
      // object would wait for an event that does not come); pause transitions update the Paused condition.
      predicates: [or(created, clusterPausedTransitions)],
    })
    .withEventFilter(resourceHasFilterLabel(options.watchFilter))
    .withOptions(controllerOptionsOf(options));
  if (options.name) builder.named(options.name);
  for (const source of options.rawSources ?? []) builder.watchesRawSource(source);

  return builder.build(async (request: Request, context: ReconcileContext) => {
    const cached = manager.cache.informerFor(type).get(request);
    if (!cached) return;
    if (isExternallyManaged(cached)) {
      context.logger.debug('Skipping an externally managed object');
      return;
    }
    const cluster = await getOwnerCluster(reader, cached);
    if (!cluster) {
      if (isDeleting(cached)) await removeFinalizer(manager.client, type, cached, settings.finalizer);
      else context.logger.info('Waiting for the Cluster controller to set the owner reference');
      return;
    }
    const logger = context.logger.child({ cluster: cluster.metadata.name });
    const helper = await beginReconcile(settings, cached, cluster, logger);
    if (!helper) return;
    const scope = clusterScope({
      object: helper.object,
      cluster,
      client: manager.client,
      reader,
      logger,
      signal: context.signal,
      layout: settings.layout,
      v1beta1Ready: settings.v1beta1Ready,
      checkField: settings.checkField,
    });
    return await finishReconcile(settings, helper, async () => {
      if (isDeleting(cached)) return await runDeletion(settings, helper, () => options.backend.reconcileDelete(scope));
      return await options.backend.reconcileNormal(scope);
    });
  });
}
