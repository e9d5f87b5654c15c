import {
  builtin,
  type ClusterCache,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  controllerBuilder,
  type KubeClient,
} from '@capi-ts/sdk';
import { MicroK8sControlPlane } from '../../api/v1beta1/index.js';
import type { ClusterAgent } from './cluster-agent.js';
import { clusterToControlPlane, secretToControlPlane, workloadToControlPlane } from './mappers.js';
import type { WorkloadNode } from './nodes.js';
import { microK8sControlPlaneReconciler } from './reconciler.js';

/** Options of {@link microK8sControlPlaneController}. */
export interface MicroK8sControlPlaneControllerOptions {
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** How many control planes are reconciled at once; default 10 (CACPM's). */
  concurrency?: number;
  /** `--watch-filter`: only objects with this `cluster.x-k8s.io/watch-filter` label value. */
  watchFilter?: string;
  /** Connections to the workload clusters (add it to the manager too, which runs it). */
  clusterCache: ClusterCache;
  /** Replaces the Pod-based cluster-agent caller (tests). */
  clusterAgent?: (workload: KubeClient) => ClusterAgent;
}

/**
 * The MicroK8sControlPlane controller: reconciles control planes and re-reconciles them when their Machines,
 * their Cluster, the Cluster's CA and kubeconfig Secrets, or the Nodes of their workload cluster change.
 */
export function microK8sControlPlaneController(options: MicroK8sControlPlaneControllerOptions): Controller {
  const { cache } = options.dependencies;
  const { clusterCache } = options;
  const workloadNodes = clusterCache.eventSource<WorkloadNode>(
    'workload-nodes',
    builtin.node,
    workloadToControlPlane(cache),
  );
  return controllerBuilder(options.dependencies)
    .named('microk8scontrolplane')
    .for(MicroK8sControlPlane)
    .withWatchFilter(options.watchFilter)
    .owns(capiTypes.machine)
    .watches(capiTypes.cluster, clusterToControlPlane)
    .watches(builtin.secret, secretToControlPlane(cache))
    .watchesRawSource(workloadNodes.source)
    .withConcurrency(options.concurrency ?? 10)
    .build(
      microK8sControlPlaneReconciler({
        client: options.client,
        cache,
        clusterCache,
        workloadNodes,
        ...(options.clusterAgent ? { clusterAgent: options.clusterAgent } : {}),
      }),
    );
}
