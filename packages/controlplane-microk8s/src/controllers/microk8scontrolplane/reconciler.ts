import {
  builtin,
  CapiLabel,
  type Cluster,
  type ClusterCache,
  capiTypes,
  clusterKubeconfigReference,
  controlPlaneEndpointOf,
  createPatchHelper,
  deadlineSignal,
  ensurePausedCondition,
  failureDomainsOf,
  finalize,
  getOwnerCluster,
  type InformerSource,
  informerReader,
  isClusterInfrastructureProvisioned,
  isControlledBy,
  type KubeClient,
  type Logger,
  type Machine,
  type ObjectReader,
  ownerReferenceTo,
  type Reconciler,
  type RemoteCluster,
  type RemoteEventSource,
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
import { upgradeInPlace } from './in-place-upgrade.js';
import { ensureKubeconfig } from './kubeconfig.js';
import { setMachineUpToDate } from './machine-up-to-date.js';
import {
  belongsToMachines,
  isControlPlaneNode,
  isNodeReady,
  missingProviderIds,
  setProviderIds,
  type WorkloadNode,
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
import { type MachineUpToDateValue, machineUpToDate } from './up-to-date.js';

/** CACPM's finalizer. */
export const CONTROL_PLANE_FINALIZER = 'microk8s.controlplane.cluster.x-k8s.io';

/** How long a reconcile waits for a new connection's Node informer before calling the workload unreachable. */
const WORKLOAD_SYNC_TIMEOUT_MS = 5_000;

/** What the reconciler works with. */
export interface MicroK8sControlPlaneReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
  /** Connections to workload clusters. */
  clusterCache: ClusterCache;
  /** The workload clusters' Node events, mapped to their control planes (see the controller). */
  workloadNodes: RemoteEventSource<WorkloadNode>;
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
  clusterCache: ClusterCache;
  workloadNodes: RemoteEventSource<WorkloadNode>;
  signal: AbortSignal;
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
  return async (request, { logger, signal }) => {
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
    const { clusterCache, workloadNodes } = options;
    const scope: Scope = { client, cache, reader, logger, cluster, clusterAgent, clusterCache, workloadNodes, signal };
    const result = await finalize(client, MicroK8sControlPlane, pause.object, CONTROL_PLANE_FINALIZER, {
      apply: (object) => reconcileLive(scope, object),
      cleanup: (object) => reconcileDelete(scope, object),
    });
    return result ?? undefined;
  };
}

async function reconcileLive(scope: Scope, object: Readonly<MicroK8sControlPlane>): Promise<undefined> {
  const { client, cache, reader, logger, cluster } = scope;
  const helper = createPatchHelper(client, MicroK8sControlPlane, object, { conditionLayout: CONDITION_LAYOUT });
  const controlPlane = helper.object;
  const clusterName = cluster.metadata.name as string;
  const machines = controlPlaneMachines(cache, cluster);
  let observation: WorkloadObservation | undefined;
  let upgradingInPlace: string | undefined;
  let failed = true;
  try {
    if (!isClusterInfrastructureProvisioned(cluster) || !controlPlaneEndpointOf(cluster)) {
      logger.debug('waiting for the Cluster infrastructure and control plane endpoint');
      failed = false;
      return;
    }
    await ensureKubeconfig(client, reader, cluster, ownerReferenceTo(controlPlane, { type: MicroK8sControlPlane }));
    // Node events of the workload cluster bring the control plane back here: no periodic re-check.
    const reference = clusterKubeconfigReference({
      namespace: cluster.metadata.namespace as string,
      name: clusterName,
    });
    const workload = scope.clusterCache.watch(reference, scope.workloadNodes);
    observation = workload ? await observeWorkload(workload, machines, logger, scope.signal) : undefined;
    upgradingInPlace = await reconcileMachines(scope, controlPlane, machines, workload);
    failed = false;
  } finally {
    const version = controlPlane.spec?.version as string;
    const upToDate: MachineUpToDateValue[] = machines
      .filter((m) => isControlledBy(m, controlPlane, MicroK8sControlPlane))
      .map((machine) => ({
        machine,
        value: machineUpToDate(machine, version, machine.metadata.name === upgradingInPlace),
      }));
    updateStatus(controlPlane, clusterName, machines, observation, upToDate);
    setReadySummary(controlPlane);
    if (!failed && controlPlane.metadata.generation !== undefined) {
      controlPlane.status = { ...controlPlane.status, observedGeneration: controlPlane.metadata.generation };
    }
    await helper.patch(controlPlane, { ownedConditions: OWNED_CONDITIONS });
    // After a failed step the next attempt writes them, from fresher Machines.
    if (!failed) {
      for (const { machine, value } of upToDate) await setMachineUpToDate(client, machine, value);
    }
  }
}

/**
 * Sets missing Node providerIDs and counts Ready control-plane nodes, from the workload cluster's Node cache;
 * `undefined` when the cache cannot sync (the cluster is unreachable; its sync or recovery brings events).
 */
async function observeWorkload(
  workload: RemoteCluster,
  machines: readonly Machine[],
  logger: Logger,
  signal: AbortSignal,
): Promise<WorkloadObservation | undefined> {
  const informer = workload.cache.informerFor<WorkloadNode>(builtin.node);
  if (!informer.synced) {
    const wait = deadlineSignal(WORKLOAD_SYNC_TIMEOUT_MS, signal);
    try {
      await informer.waitForSync(wait.signal);
    } catch {
      if (signal.aborted) throw signal.reason;
      logger.info('the workload cluster cannot be reached yet');
      return undefined;
    } finally {
      wait.cancel();
    }
  }
  const nodes = informer.list();
  await setProviderIds(workload.client, missingProviderIds(nodes, machines));
  const ready = nodes.filter((n) => isControlPlaneNode(n) && isNodeReady(n) && belongsToMachines(n, machines));
  return { readyControlPlaneNodes: ready.length, nodes };
}

/** Takes the plan's next step; returns the name of the Machine being upgraded in place, if any. */
async function reconcileMachines(
  scope: Scope,
  controlPlane: MicroK8sControlPlane,
  machines: Machine[],
  remote: RemoteCluster | undefined,
): Promise<string | undefined> {
  const workload = remote?.client;
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
      // The kubelet reporting the new version (a Node event) or the kubeconfig Secret brings it back here.
      if (!remote) return undefined;
      const machine = plan.machines[0] as Machine;
      const step = await upgradeInPlace(client, remote, logger, controlPlane, machine);
      // Once upgraded, the cached Machine still has the old version until its event brings the next reconcile.
      return step === 'waitingForNode' ? undefined : machine.metadata.name;
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
