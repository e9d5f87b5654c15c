import type { KubeTransport } from '@capi-ts/sdk';

/** The control plane whose first node the stand-in reports. */
export interface FirstNodeTarget {
  readonly namespace: string;
  /** The MicroK8sControlPlane's name. */
  readonly controlPlane: string;
  /** The control-plane Machine MicroK8s came up on. */
  readonly machine: string;
  /** Its Node's name: the hostname MicroK8s registers, the Incus instance name. */
  readonly node: string;
}

/**
 * Plays the part of the workload cluster that the recording stand-ins for snap and microk8s cannot bring up: what
 * Cluster API would observe once MicroK8s' first control-plane node registered and became Ready.
 *
 * - The MicroK8sControlPlane is marked initialized (`status.initialized`, `status.initialization.controlPlaneInitialized`),
 *   as our control-plane provider does when it sees a Ready node; the core Cluster controller then sets the Cluster's
 *   ControlPlaneInitialized.
 * - The control-plane Machine gets its `status.nodeRef`, as the core Machine controller sets it from the Node with its
 *   providerID; the Machine becomes Running. The MicroK8s bootstrap provider (like CABPM) joins workers only through
 *   Running control-plane Machines, so without this the workers' bootstrap data is never rendered and they stay
 *   Pending.
 *
 * Neither field is overwritten afterwards: our provider keeps `initialized` once true, and the core Machine controller
 * leaves a nodeRef in place while it cannot reach the workload cluster.
 */
export async function reportFirstControlPlaneNode(transport: KubeTransport, target: FirstNodeTarget): Promise<void> {
  const patch = (path: string, status: Record<string, unknown>) =>
    transport.request({ method: 'PATCH', path, body: { status }, contentType: 'application/merge-patch+json' });
  await patch(
    `/apis/controlplane.cluster.x-k8s.io/v1beta1/namespaces/${target.namespace}/microk8scontrolplanes/${target.controlPlane}/status`,
    { initialized: true, initialization: { controlPlaneInitialized: true } },
  );
  await patch(`/apis/cluster.x-k8s.io/v1beta2/namespaces/${target.namespace}/machines/${target.machine}/status`, {
    nodeRef: { name: target.node },
  });
}
