import { aggregateCondition, getCondition, type Machine } from '@capi-ts/sdk';
import { MicroK8sControlPlaneReason as Reason } from '../../api/v1beta1/index.js';
import { isNodeReady, type WorkloadNode } from './nodes.js';

/** A condition to set, before layout and severity. */
export interface ConditionValue {
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/**
 * `MachinesReady`, as Cluster API's KubeadmControlPlane aggregates it from the control-plane Machines' `Ready`
 * (see `aggregateCondition`): True/`Ready` when all are True (and with no Machines, `NoReplicas`), False/`NotReady`
 * when one is False, else Unknown/`ReadyUnknown`; a Machine without `Ready` counts as Unknown, "not yet reported".
 */
export function machinesReady(machines: readonly Readonly<Machine>[]): ConditionValue {
  if (machines.length === 0) return { status: 'True', reason: Reason.NoReplicas, message: '' };
  const inputs = machines.map((machine) => {
    const ready = getCondition(machine, 'Ready');
    return {
      name: machine.metadata.name as string,
      status: ready?.status ?? 'Unknown',
      message: ready ? ready.message || ready.reason : 'Condition Ready not yet reported',
    };
  });
  return aggregateCondition(inputs, {
    kind: { singular: 'Machine', plural: 'Machines' },
    reasons: { issue: Reason.NotReady, unknown: Reason.ReadyUnknown, info: Reason.Ready },
  });
}

/**
 * `ControlPlaneComponentsHealthy` for MicroK8s: the API server, controller manager and scheduler run inside
 * kubelite with the kubelet, so they serve on a node exactly when its Node is Ready. Machines without a Node yet
 * (joining) are not judged; `nodes` is `undefined` when the workload cluster cannot be inspected.
 */
export function controlPlaneComponentsHealthy(
  machines: readonly Readonly<Machine>[],
  nodes: readonly Readonly<WorkloadNode>[] | undefined,
): ConditionValue {
  if (!nodes) {
    return {
      status: 'Unknown',
      reason: Reason.InspectionFailed,
      message: 'The workload cluster cannot be inspected yet',
    };
  }
  const withNodes = machines.filter((m) => m.status?.nodeRef?.name);
  if (withNodes.length === 0) {
    return { status: 'Unknown', reason: Reason.HealthUnknown, message: 'No control-plane Machine has a Node yet' };
  }
  const byName = new Map(nodes.map((node) => [node.metadata.name, node]));
  const problems = withNodes.flatMap((machine) => {
    const nodeName = machine.status?.nodeRef?.name as string;
    const node = byName.get(nodeName);
    if (!node) return [`Node ${nodeName} of Machine ${machine.metadata.name} does not exist`];
    return isNodeReady(node) ? [] : [`Node ${nodeName} of Machine ${machine.metadata.name} is not Ready`];
  });
  if (problems.length > 0) return { status: 'False', reason: Reason.NotHealthy, message: problems.join('; ') };
  return { status: 'True', reason: Reason.Healthy, message: '' };
}
