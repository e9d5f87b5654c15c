import {
  CapiLabel,
  type Cluster,
  capiTypes,
  controlPlaneEndpointOf,
  createPatchHelper,
  ensurePausedCondition,
  failureDomainsOf,
  finalize,
  getOwnerCluster,
  type InformerSource,
  informerReader,
  isControlledBy,
  type KubeClient,
  type Logger,
  type Machine,
  type ObjectReader,
  ownerReferenceTo,
  type Reconciler,
  type Result,
  StandardIndex,
} from '@capi-ts/sdk';
import {
  MicroK8sControlPlaneCondition as Condition,
  MicroK8sControlPlane,
  MicroK8sControlPlaneReason as Reason,
} from '../../api/v1beta1/index.js';
import type { ClusterAgent } from './cluster-agent.js';
import { createControlPlaneMachine } from './create-machine.js';
import { deleteNode, removeControlPlaneMachine } from './delete-machine.js';
import { deleteClusterSecrets } from './delete-secrets.js';
import { IN_PLACE_UPGRADE_RECHECK_MS, upgradeInPlace } from './in-place-upgrade.js';
import { ensureKubeconfig } from './kubeconfig.js';
import {
  belongsToMachines,
  isControlPlaneNode,
  isNodeReady,
  listNodes,
  missingProviderIds,
  setProviderIds,
} from './nodes.js';
import { planControlPlane } from './plan.js';
import { podClusterAgent } from './pod-cluster-agent.js';
import {
  CONDITION_LAYOUT,
  OWNED_CONDITIONS,
  setReadySummary,
  setStatusCondition,
  updateStatus,
  type WorkloadObservation,
} from './status.js';
import { workloadClient } from './workload-cluster.js';

/** CACPM's finalizer. */
export const CONTROL_PLANE_FINALIZER = 'microk8s.controlplane.cluster.x-k8s.io';

/** How often a control plane whose nodes are not all Ready is looked at again (workload Nodes are not watched). */
export const NODE_READINESS_RECHECK_MS = 20_000;

/** What the reconciler works with. */
export interface MicroK8sControlPlaneReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
  /** The cluster agent of a workload cluster; by default calls are made from a Pod on a control-plane node. */
  clusterAgent?: (workload: KubeClient) => ClusterAgent;
}

interface Scope {
  client: KubeClient;
  cache: InformerSource;
  reader: ObjectReader;
  logger: Logger;
  cluster: Readonly<Cluster>;
  clusterAgent: (workload: KubeClient) => ClusterAgent;
}

/** `Cluster.status.initialization.infrastructureProvisioned`, or v1beta1 `status.infrastructureReady`. */
function isClusterInfrastructureProvisioned(cluster: Readonly<Cluster>): boolean {
  return (
    cluster.status?.initialization?.infrastructureProvisioned === true || cluster.status?.infrastructureReady === true
  );
}

/** The control-plane Machines of a Cluster (CACPM lists them by the cluster-name and control-plane labels). */
function controlPlaneMachines(cache: InformerSource, cluster: Readonly<Cluster>): Machine[] {
  return cache
    .informerFor(capiTypes.machine)
    .byIndex(StandardIndex.clusterName, `${cluster.metadata.namespace}/${cluster.metadata.name}`)
    .filter((m) => m.metadata.labels?.[CapiLabel.controlPlane] !== undefined) as Machine[];
}

/**
 * Reconciles one MicroK8sControlPlane as CACPM does, one step at a time: kubeconfig Secret, Machines created
 * from the templates and spread over the failure domains, scale up and down, rolling and in-place upgrades,
 * Node providerIDs, status; on deletion the Machines, then the cluster Secrets, then the finalizer.
 */
export function microK8sControlPlaneReconciler(options: MicroK8sControlPlaneReconcilerOptions): Reconciler {
  const { client, cache } = options;
  const reader = informerReader(cache);
  const clusterAgent = options.clusterAgent ?? podClusterAgent;
  return async (request, { logger }) => {
    const stored = await reader.get(MicroK8sControlPlane, request);
    if (!stored) return;
    const cluster = await getOwnerCluster(reader, stored);
    if (!cluster) {
      logger.debug('waiting for Cluster API to set the owner Cluster');
      return;
    }
    const pause = await ensurePausedCondition(client, MicroK8sControlPlane, cluster, stored, {
      layout: CONDITION_LAYOUT,
    });
    if (pause.paused || pause.requeue) return;
    const scope: Scope = { client, cache, reader, logger, cluster, clusterAgent };
    const result = await finalize(client, MicroK8sControlPlane, pause.object, CONTROL_PLANE_FINALIZER, {
      apply: (object) => reconcileLive(scope, object),
      cleanup: (object) => reconcileDelete(scope, object),
    });
    return result ?? undefined;
  };
}

async function reconcileLive(scope: Scope, object: Readonly<MicroK8sControlPlane>): Promise<Result | undefined> {
  const { client, cache, reader, logger, cluster } = scope;
  const helper = createPatchHelper(client, MicroK8sControlPlane, object, { conditionLayout: CONDITION_LAYOUT });
  const controlPlane = helper.object;
  const clusterName = cluster.metadata.name as string;
  const machines = controlPlaneMachines(cache, cluster);
  let observation: WorkloadObservation | undefined;
  let failed = true;
  try {
    if (!isClusterInfrastructureProvisioned(cluster) || !controlPlaneEndpointOf(cluster)) {
      logger.debug('waiting for the Cluster infrastructure and control plane endpoint');
      failed = false;
      return undefined;
    }
    await ensureKubeconfig(client, reader, cluster, ownerReferenceTo(controlPlane, { type: MicroK8sControlPlane }));
    const workload = await workloadClient(reader, cluster);
    observation = workload ? await observeWorkload(workload, machines, logger) : undefined;
    const result = await reconcileMachines(scope, controlPlane, machines, workload);
    failed = false;
    const allReady = (observation?.readyControlPlaneNodes ?? 0) >= machines.length && machines.length > 0;
    return result ?? (allReady ? undefined : { requeueAfter: NODE_READINESS_RECHECK_MS });
  } finally {
    updateStatus(controlPlane, clusterName, machines, observation);
    setReadySummary(controlPlane);
    if (!failed && controlPlane.metadata.generation !== undefined) {
      controlPlane.status = { ...controlPlane.status, observedGeneration: controlPlane.metadata.generation };
    }
    await helper.patch(controlPlane, { ownedConditions: OWNED_CONDITIONS });
  }
}

/** Sets missing Node providerIDs and counts Ready control-plane nodes; `undefined` when unreachable. */
async function observeWorkload(
  workload: KubeClient,
  machines: readonly Machine[],
  logger: Logger,
): Promise<WorkloadObservation | undefined> {
  try {
    const nodes = await listNodes(workload);
    await setProviderIds(workload, missingProviderIds(nodes, machines));
    const ready = nodes.filter((n) => isControlPlaneNode(n) && isNodeReady(n) && belongsToMachines(n, machines));
    return { readyControlPlaneNodes: ready.length };
  } catch (err) {
    logger.info({ err }, 'the workload cluster cannot be reached yet');
    return undefined;
  }
}

async function reconcileMachines(
  scope: Scope,
  controlPlane: MicroK8sControlPlane,
  machines: Machine[],
  workload: KubeClient | undefined,
): Promise<Result | undefined> {
  const { client, cache, logger, cluster } = scope;
  const plan = planControlPlane({
    replicas: controlPlane.spec?.replicas ?? 1,
    version: controlPlane.spec?.version as string,
    upgradeStrategy: controlPlane.spec?.upgradeStrategy,
    machines,
    failureDomains: failureDomainsOf(cluster),
  });
  switch (plan.action) {
    case 'create':
      try {
        const machine = await createControlPlaneMachine(client, cache, controlPlane, cluster, machines);
        logger.info({ machine: machine.metadata.name, reason: plan.reason }, 'created a control-plane Machine');
        setStatusCondition(controlPlane, Condition.MachinesCreated, 'True', Reason.Created);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        setStatusCondition(
          controlPlane,
          Condition.MachinesCreated,
          'False',
          Reason.MachineGenerationFailed,
          message,
          'Error',
        );
        throw err;
      }
      return undefined;
    case 'delete':
      await removeControlPlaneMachine(
        {
          client,
          reader: scope.reader,
          logger,
          cluster,
          controlPlane,
          ...(workload ? { workload: { client: workload, agent: scope.clusterAgent(workload) } } : {}),
        },
        plan.machine,
        machines,
      );
      logger.info({ machine: plan.machine.metadata.name, reason: plan.reason }, 'removed a control-plane Machine');
      return undefined;
    case 'waitForNodes':
      logger.debug({ machines: plan.machines.map((m) => m.metadata.name) }, 'waiting for Machines to join');
      return undefined;
    case 'waitForDeletion':
      await deleteNode(workload, plan.machine);
      return undefined;
    case 'upgradeInPlace': {
      if (!workload) return { requeueAfter: IN_PLACE_UPGRADE_RECHECK_MS };
      const step = await upgradeInPlace(client, workload, logger, controlPlane, plan.machines[0] as Machine);
      return step === 'upgraded' ? undefined : { requeueAfter: IN_PLACE_UPGRADE_RECHECK_MS };
    }
    case 'none':
      setStatusCondition(controlPlane, Condition.MachinesCreated, 'True', Reason.Created);
      return undefined;
  }
}

async function reconcileDelete(scope: Scope, object: Readonly<MicroK8sControlPlane>) {
  const { client, cache, cluster } = scope;
  const owned = controlPlaneMachines(cache, cluster).filter((m) => isControlledBy(m, object, MicroK8sControlPlane));
  if (owned.length > 0) {
    for (const machine of owned) {
      if (machine.metadata.deletionTimestamp) continue;
      await client.delete(capiTypes.machine, {
        namespace: machine.metadata.namespace as string,
        name: machine.metadata.name as string,
      });
    }
    const helper = createPatchHelper(client, MicroK8sControlPlane, object, { conditionLayout: CONDITION_LAYOUT });
    setStatusCondition(
      helper.object,
      Condition.Resized,
      'False',
      Reason.Deleting,
      'Deleting the control-plane Machines',
    );
    await helper.patch(helper.object, { ownedConditions: [Condition.Resized] });
    return { done: false };
  }
  await deleteClusterSecrets(client, cluster);
  return { done: true };
}
