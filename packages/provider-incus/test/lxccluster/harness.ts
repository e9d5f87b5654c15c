import {
  builtin,
  type Cluster,
  type ControllerOptions,
  capiTypes,
  getCondition,
  type KubeClient,
  type KubeObject,
  ownerReferenceTo,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, type ManagerHarness, startManagerHarness } from '@capi-ts/sdk/testing';
import { type LXCCluster, type LXCClusterSpec, lxcClusterResource } from '../../src/api/index.js';
import { lxcClusterController } from '../../src/controllers/lxccluster/index.js';

/** A real API server with Cluster API's CRDs and ours, and a manager running the LXCCluster controllers. */
export type LXCClusterHarness = ManagerHarness;

/** `controllerOptions` go to both LXCCluster controllers (e.g. a slow rate limiter, so retries cannot hide a missing watch). */
export async function startLXCClusterHarness(controllerOptions?: ControllerOptions): Promise<LXCClusterHarness> {
  return startManagerHarness({
    crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
    setup: (manager) => manager.add(lxcClusterController({ manager, controllerOptions })),
  });
}

/** Stores an identity secret (values as given, base64-encoded by the API server from stringData). */
export async function createSecret(
  client: KubeClient,
  namespace: string,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  await client.create(builtin.secret, { metadata: { namespace, name }, stringData: data });
}

/**
 * A Cluster whose infrastructure is an LXCCluster with `spec`, owned by it as the Cluster controller would set
 * it up. `annotations` go on the LXCCluster.
 */
export async function createClusterWithLXCCluster(
  client: KubeClient,
  namespace: string,
  name: string,
  spec: LXCClusterSpec,
  options: { annotations?: Record<string, string>; paused?: boolean } = {},
): Promise<{ cluster: Cluster; lxcCluster: LXCCluster }> {
  const cluster = await client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: {
      infrastructureRef: { apiGroup: lxcClusterResource.group, kind: lxcClusterResource.kind, name },
      ...(options.paused ? { paused: true } : {}),
    },
  });
  const lxcCluster = await client.create(lxcClusterResource, {
    apiVersion: lxcClusterResource.apiVersion,
    kind: lxcClusterResource.kind,
    metadata: {
      namespace,
      name,
      labels: { 'cluster.x-k8s.io/cluster-name': name },
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec,
  });
  return { cluster, lxcCluster };
}

/** The v1beta2 (metav1) condition of `type`, read from `status.v1beta2.conditions`. */
export function v1beta2Condition(object: KubeObject, type: string) {
  return (object as LXCCluster).status?.v1beta2?.conditions?.find((c) => c.type === type);
}

/** The CAPI v1beta1 condition of `type`, read from `status.conditions`. */
export function v1beta1Condition(object: KubeObject, type: string) {
  return (object as LXCCluster).status?.conditions?.find((c) => c.type === type);
}

export { getCondition };
