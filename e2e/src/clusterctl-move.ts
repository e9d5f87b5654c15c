import { CapiLabel, type KubeObject, type KubeTransport } from '@capi-ts/sdk';
import type { CapiManagementPlane } from './capi-management-plane.js';
import type { CommandOutput } from './run.js';

/**
 * Marks an object for `clusterctl move` with `clusterctl.cluster.x-k8s.io/move`: what a user does to an object
 * that no Cluster owns but that must move with the Cluster, such as the Incus identity Secret (CAPN's own
 * `Configuration.ToSecret` sets the same label). Returns a copy.
 */
export function withMoveLabel<T extends KubeObject>(object: T): T {
  return {
    ...object,
    metadata: { ...object.metadata, labels: { ...object.metadata.labels, [CapiLabel.clusterctlMove]: 'true' } },
  };
}

/**
 * `clusterctl move --namespace <namespace> --to-kubeconfig <target>` run against `source`, as a user pivots the
 * clusters of a namespace to another management cluster: clusterctl pauses the Clusters, creates the objects and
 * their Secrets in the target, deletes them from the source and unpauses the Clusters in the target.
 */
export function moveNamespace(
  source: CapiManagementPlane,
  target: CapiManagementPlane,
  namespace: string,
): Promise<CommandOutput> {
  return source.clusterctl.run(
    ['move', '--namespace', namespace, '--to-kubeconfig', target.env.kubeconfigPath],
    300_000,
  );
}

/**
 * Plays the part of the core Machine controller once the Machine's Node registered in the workload cluster (which
 * the recording stand-ins never bring up): sets `status.nodeRef` to the Node, named after the Incus instance.
 * `clusterctl move` refuses to start while a Machine has none.
 */
export async function reportMachineNode(
  transport: KubeTransport,
  machine: { namespace: string; name: string; node: string },
): Promise<void> {
  await transport.request({
    method: 'PATCH',
    path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${machine.namespace}/machines/${machine.name}/status`,
    body: { status: { nodeRef: { name: machine.node } } },
    contentType: 'application/merge-patch+json',
  });
}
