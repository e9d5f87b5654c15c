import type { KubeObject } from '../client/object.js';
import { controllerBuilder } from '../controller/builder.js';
import type { Controller } from '../controller/controller.js';
import { created, or, resourceHasFilterLabel, resourceVersionChanged } from '../controller/predicates.js';
import type { RawSource } from '../controller/raw-source.js';
import type { ReconcileContext } from '../controller/reconciler.js';
import type { Request } from '../controller/request.js';
import { removeFinalizer } from '../finalizer/finalizers.js';
import type { InfraMachineBackend } from './backend.js';
import { type MachineWaitingSettings, waitForMachinePrerequisites } from './infra-machine-waiting.js';
import { clusterToObjects, machineToInfrastructure } from './infra-mappers.js';
import { clusterPausedTransitionsOrInfrastructureProvisioned } from './infra-predicates.js';
import {
  beginReconcile,
  controllerOptionsOf,
  finishReconcile,
  type InfraControllerOptions,
  infraSettings,
  isDeleting,
  runDeletion,
} from './infra-reconcile.js';
import { informerReader } from './object-reader.js';
import { getClusterFromMetadata, getOwnerMachine } from './owners.js';
import { capiTypes } from './resources.js';
import { machineScope } from './scope.js';

/** Options of {@link infraMachineController}. */
export interface InfraMachineControllerOptions<M extends KubeObject> extends InfraControllerOptions<M> {
  /** The provider's work: create and delete instances. */
  backend: InfraMachineBackend<M>;
  /** Requests from the infrastructure itself, e.g. its instance lifecycle events (see `RawSource`). */
  rawSources?: readonly RawSource[];
  /**
   * Also write the v1beta1 forms of the waiting conditions (the provisioned condition and `Ready`, `False` with
   * severity `Info` and the v1beta1 reasons `WaitingForClusterInfrastructure`, `WaitingForControlPlaneAvailable`,
   * `WaitingForBootstrapData`), as providers of the v1beta1 contract do. Default false; the schema must then
   * declare the layout's v1beta1 condition list.
   */
  v1beta1WaitingConditions?: boolean;
}

/** The default `provisionedCondition` of infrastructure machines. */
export const INSTANCE_PROVISIONED_CONDITION = 'InstanceProvisioned';

/**
 * A controller for an infrastructure machine kind that does the Cluster API contract plumbing, as CAPD's machine
 * controller does, and calls the backend only for the provider's own work. Per reconcile:
 *
 * 1. read the object from the cache (gone → done);
 * 2. find the owner Machine; none yet → wait (the Machine controller sets the owner reference, which triggers a
 *    reconcile). An object being deleted without an owner only has its finalizer removed;
 * 3. find the Cluster named by the Machine's `cluster.x-k8s.io/cluster-name` label; none → wait;
 * 4. add the finalizer (a write of its own, before anything external exists);
 * 5. keep the `Paused` condition; stop while the Cluster or the object is paused;
 * 6. deleting → `backend.reconcileDelete`, finalizer removed once it is done;
 * 7. otherwise wait, with the provisioned condition `False`, for `Cluster.status.initialization
 *    .infrastructureProvisioned` (reason `WaitingForClusterInfrastructureReady`) and, while the object has no
 *    providerID yet, for the Machine's bootstrap data secret (`WaitingForControlPlaneInitialized` for a worker
 *    before the control plane is initialized, else `WaitingForBootstrapData`), with `v1beta1WaitingConditions` also in
 *    the v1beta1 forms; then `backend.reconcileNormal`;
 * 8. always end with one patch: the backend's changes, the `Ready` summary, `status.initialization.provisioned`
 *    and `status.ready`. A reconcile that changes nothing writes nothing.
 *
 * Watches: the kind itself; Machines, mapped through `spec.infrastructureRef`; Clusters, mapped to their objects
 * through the cluster-name index, when they are paused or unpaused or their infrastructure becomes provisioned.
 * With `watchFilter`, only labelled objects are seen. No `resourceNotPaused` filter: like Cluster API since the
 * `Paused` condition exists, a paused object is still reconciled so that the condition is written.
 */
export function infraMachineController<M extends KubeObject>(options: InfraMachineControllerOptions<M>): Controller {
  const settings = infraSettings(options, INSTANCE_PROVISIONED_CONDITION);
  settings.checkField(['spec', 'providerID']);
  if (options.v1beta1WaitingConditions) settings.checkField(settings.layout.v1beta1Conditions);
  const waiting: MachineWaitingSettings = {
    provisionedCondition: settings.provisionedCondition,
    layout: settings.layout,
    v1beta1WaitingConditions: options.v1beta1WaitingConditions,
  };
  const { manager, type } = options;
  const reader = informerReader(manager.cache);
  const builder = controllerBuilder(manager)
    .for(type)
    .watches(capiTypes.machine, machineToInfrastructure(type), { predicates: [resourceVersionChanged] })
    .watches(capiTypes.cluster, clusterToObjects(manager.cache, type), {
      // A Cluster that reaches the cache after a machine waiting for it wakes that machine.
      predicates: [or(created, clusterPausedTransitionsOrInfrastructureProvisioned)],
    })
    .withEventFilter(resourceHasFilterLabel(options.watchFilter))
    .withOptions(controllerOptionsOf(options));
  if (options.name) builder.named(options.name);
  for (const source of options.rawSources ?? []) builder.watchesRawSource(source);

  return builder.build(async (request: Request, context: ReconcileContext) => {
    const cached = manager.cache.informerFor(type).get(request);
    if (!cached) return;
    const machine = await getOwnerMachine(reader, cached);
    if (!machine) {
      if (isDeleting(cached)) await removeFinalizer(manager.client, type, cached, settings.finalizer);
      else context.logger.info('Waiting for the Machine controller to set the owner reference');
      return;
    }
    const logger = context.logger.child({ machine: machine.metadata.name });
    const cluster = await getClusterFromMetadata(reader, machine);
    if (!cluster) {
      logger.info('Waiting for the Machine to name an existing Cluster in its cluster.x-k8s.io/cluster-name label');
      return;
    }
    const scopeLogger = logger.child({ cluster: cluster.metadata.name });
    const helper = await beginReconcile(settings, cached, cluster, scopeLogger);
    if (!helper) return;
    const scope = machineScope(
      {
        object: helper.object,
        cluster,
        client: manager.client,
        reader,
        logger: scopeLogger,
        signal: context.signal,
        layout: settings.layout,
        v1beta1Ready: settings.v1beta1Ready,
        checkField: settings.checkField,
      },
      machine,
    );
    return await finishReconcile(settings, helper, async () => {
      if (isDeleting(cached)) return await runDeletion(settings, helper, () => options.backend.reconcileDelete(scope));
      if (waitForMachinePrerequisites(waiting, helper.object, cluster, machine)) return;
      return await options.backend.reconcileNormal(scope);
    });
  });
}
