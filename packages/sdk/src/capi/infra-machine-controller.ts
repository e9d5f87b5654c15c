import type { KubeObject } from '../client/object.js';
import { setCondition } from '../conditions/setters.js';
import { ConditionReason } from '../conditions/types.js';
import { controllerBuilder } from '../controller/builder.js';
import type { Controller } from '../controller/controller.js';
import { resourceHasFilterLabel, resourceVersionChanged } from '../controller/predicates.js';
import type { RawSource } from '../controller/raw-source.js';
import type { ReconcileContext } from '../controller/reconciler.js';
import type { Request } from '../controller/request.js';
import { removeFinalizer } from '../finalizer/finalizers.js';
import type { PatchHelper } from '../patch/patch-helper.js';
import type { InfraMachineBackend } from './backend.js';
import { providerIdOf } from './contract-accessors.js';
import { clusterToObjects, machineToInfrastructure } from './infra-mappers.js';
import { clusterPausedTransitionsOrInfrastructureProvisioned } from './infra-predicates.js';
import {
  beginReconcile,
  controllerOptionsOf,
  finishReconcile,
  type InfraControllerOptions,
  type InfraSettings,
  infraSettings,
  isDeleting,
  runDeletion,
} from './infra-reconcile.js';
import { isControlPlaneMachine } from './object-checks.js';
import { informerReader } from './object-reader.js';
import { getClusterFromMetadata, getOwnerMachine } from './owners.js';
import { capiTypes } from './resources.js';
import { machineScope } from './scope.js';
import type { Cluster, Machine } from './types.js';

/** Options of {@link infraMachineController}. */
export interface InfraMachineControllerOptions<M extends KubeObject> extends InfraControllerOptions<M> {
  /** The provider's work: create and delete instances. */
  backend: InfraMachineBackend<M>;
  /** Requests from the infrastructure itself, e.g. its instance lifecycle events (see `RawSource`). */
  rawSources?: readonly RawSource[];
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
 *    before the control plane is initialized, else `WaitingForBootstrapData`); then `backend.reconcileNormal`;
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
  const { manager, type } = options;
  const reader = informerReader(manager.cache);
  const builder = controllerBuilder(manager)
    .for(type)
    .watches(capiTypes.machine, machineToInfrastructure(type), { predicates: [resourceVersionChanged] })
    .watches(capiTypes.cluster, clusterToObjects(manager.cache, type), {
      predicates: [clusterPausedTransitionsOrInfrastructureProvisioned],
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
      if (waitForPrerequisites(settings, helper, cluster, machine)) return;
      return await options.backend.reconcileNormal(scope);
    });
  });
}

/**
 * Sets the provisioned condition to the first unmet prerequisite of instance creation and returns true, or
 * returns false when the backend may run.
 */
function waitForPrerequisites<M extends KubeObject>(
  settings: InfraSettings<M>,
  helper: PatchHelper<M>,
  cluster: Readonly<Cluster>,
  machine: Readonly<Machine>,
): boolean {
  const wait = (reason: string, message: string): true => {
    const condition = { type: settings.provisionedCondition, status: 'False' as const, reason, message };
    setCondition(helper.object, condition, { layout: settings.layout });
    return true;
  };
  if (cluster.status?.initialization?.infrastructureProvisioned !== true) {
    return wait(
      ConditionReason.WaitingForClusterInfrastructureReady,
      'Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
    );
  }
  if (providerIdOf(helper.object) || machine.spec.bootstrap.dataSecretName) return false;
  if (!isControlPlaneMachine(machine) && cluster.status?.initialization?.controlPlaneInitialized !== true) {
    return wait(
      ConditionReason.WaitingForControlPlaneInitialized,
      'Waiting for Cluster status.initialization.controlPlaneInitialized to be true',
    );
  }
  return wait(ConditionReason.WaitingForBootstrapData, 'Waiting for Machine spec.bootstrap.dataSecretName to be set');
}
