import { builtin, type KubeClient, type KubeObject, type Machine } from '@capi-ts/sdk';

/** The label MicroK8s puts on its control-plane nodes. */
export const MICROK8S_CONTROL_PLANE_NODE_LABEL = 'node.kubernetes.io/microk8s-controlplane';

/** The fields of a Node this provider reads. */
export interface WorkloadNode extends KubeObject {
  spec?: { providerID?: string };
  status?: {
    addresses?: { type: string; address: string }[];
    conditions?: { type: string; status: string }[];
    nodeInfo?: { kubeletVersion?: string };
  };
}

/** Whether the Node's Ready condition is True. */
export function isNodeReady(node: Readonly<WorkloadNode>): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Whether the Node is a MicroK8s control-plane node. */
export function isControlPlaneNode(node: Readonly<WorkloadNode>): boolean {
  return node.metadata.labels?.[MICROK8S_CONTROL_PLANE_NODE_LABEL] !== undefined;
}

/**
 * The providerIDs to set, as CACPM's `updateProviderID`: every Ready Node without one gets the providerID of the
 * Machine sharing one of its addresses. Returns node name → providerID.
 */
export function missingProviderIds(
  nodes: readonly Readonly<WorkloadNode>[],
  machines: readonly Readonly<Machine>[],
): Map<string, string> {
  const result = new Map<string, string>();
  for (const node of nodes) {
    if (node.spec?.providerID || !isNodeReady(node)) continue;
    const addresses = new Set((node.status?.addresses ?? []).map((a) => a.address));
    const machine = machines.find(
      (m) => m.spec.providerID && (m.status?.addresses ?? []).some((a) => addresses.has(a.address)),
    );
    if (machine?.spec.providerID) result.set(node.metadata.name as string, machine.spec.providerID);
  }
  return result;
}

/** Writes the providerIDs from {@link missingProviderIds} to the workload cluster's Nodes. */
export async function setProviderIds(workload: KubeClient, providerIds: ReadonlyMap<string, string>): Promise<void> {
  for (const [name, providerID] of providerIds) {
    await workload.mergePatch(builtin.node, name, { spec: { providerID } });
  }
}

/**
 * Whether the Node belongs to one of `machines`: named by a Machine's nodeRef, or sharing an address with one
 * (before Cluster API sets the nodeRef). CACPM counts every control-plane Node of the workload cluster.
 */
export function belongsToMachines(node: Readonly<WorkloadNode>, machines: readonly Readonly<Machine>[]): boolean {
  const addresses = new Set((node.status?.addresses ?? []).map((a) => a.address));
  return machines.some(
    (m) =>
      m.status?.nodeRef?.name === node.metadata.name ||
      (m.status?.addresses ?? []).some((a) => addresses.has(a.address)),
  );
}
